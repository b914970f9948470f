// The full-endowment procedure of Yotov, Piermartini, Monteiro & Larch (2016), ch. 2, as its Stata do-files
// run it (Applications/1_TradeWithoutBorder, 2_RTAsEffects, Exercises/1_RemovingSpecificBorder): each round
// scales the last round's flows by the last round's changes in prices and resistances, re-estimates the
// constrained PPML, recomputes output from the fitted flows and expenditure as phi * output, and stops when
// the round-to-round change in the price changes is small (sd and max < 0.01). Written here from the
// equations of docs/METHODS.md, "General equilibrium", "The book's procedure", to reproduce the book's
// printed numbers and iteration logs; the default solver (solver.cc) is the converged equilibrium.
#include <fmt/format.h>

#include <cmath>

#include "solver_internal.h"
#include "tradeshock/error.h"
#include "tradeshock/ge.h"

namespace tradeshock::ge::internal {
namespace {

using Eigen::ArrayXd;
using Eigen::Index;
using Eigen::MatrixXd;

// A PPML with exporter and importer fixed effects and offset log(base) fits base_ij * exp(a_i + b_j) with the
// margins of its dependent variable. Normalised as in the do-files (the reference importer's effect is 0):
// exporter effect exp(a_i) and importer effect exp(b_j), relative to those of `base` itself.
struct ConstrainedFit {
  MatrixXd flows;
  ArrayXd exporter_effect;
  ArrayXd importer_effect;
};

ConstrainedFit FitConstrained(const MatrixXd& base, const ArrayXd& rows, const ArrayXd& cols, Index reference,
                              int max_iterations) {
  ArrayXd row_factor;
  ArrayXd col_factor;
  ConstrainedFit fit;
  fit.flows = ScaleToMarginFactors(base, rows, cols, 1e-13, max_iterations, &row_factor, &col_factor);
  fit.exporter_effect = row_factor * col_factor(reference);
  fit.importer_effect = col_factor / col_factor(reference);
  return fit;
}

// Stata `summarize` over the n x n rows of the data set, in which each economy's value appears n times.
BookRoundSummary Summarize(const ArrayXd& values) {
  const double n = double(values.size());
  BookRoundSummary summary;
  summary.mean = values.mean();
  summary.sd = n > 1 ? std::sqrt(n * (values - summary.mean).square().sum() / (n * n - 1)) : 0.0;
  summary.min = values.minCoeff();
  summary.max = values.maxCoeff();
  return summary;
}

}  // namespace

// Long by design: the do-files' rounds (i)-(iv) in their order, so that the code can be read against them.
BookSolution SolveBookProcedure(const MatrixXd& flows, const MatrixXd& cost_change, Index reference,
                                const Options& options) {
  const double theta = options.theta;
  const ArrayXd output = flows.rowwise().sum().array();
  const ArrayXd expenditure = flows.colwise().sum().transpose().array();
  const ArrayXd phi = expenditure / output;
  const double reference_expenditure = expenditure(reference);
  // The constrained PPML's offset is log t_CFL; a base of X_BLN * t_hat = t_CFL exp(a_BLN + b_BLN) gives the
  // same fitted flows and fixed effects relative to the baseline's, which is all the procedure uses.
  const MatrixXd base = flows.cwiseProduct(cost_change);

  // Round 0 is the baseline (its effects are 1 relative to themselves), round 1 the conditional equilibrium.
  const ArrayXd outward_0 = output * reference_expenditure;      // Y E_R / exp(a)
  const ArrayXd inward_0 = expenditure / reference_expenditure;  // E / (exp(b) E_R)
  ConstrainedFit fit = FitConstrained(base, output, expenditure, reference, options.max_iterations);
  MatrixXd fitted = fit.flows;
  ArrayXd exporter_effect = fit.exporter_effect;
  double round_reference_expenditure = reference_expenditure;
  ArrayXd outward = output * round_reference_expenditure / exporter_effect;
  ArrayXd inward = expenditure / (fit.importer_effect * round_reference_expenditure);
  ArrayXd round_expenditure = expenditure;
  ArrayXd price_change = exporter_effect.pow(-1.0 / theta);      // change_pricei_1 (E_R unchanged)
  ArrayXd previous_price_change = ArrayXd::Zero(output.size());  // change_pricei_0 = 0 in the do-files
  ArrayXd outward_change = ArrayXd::Ones(output.size());         // set to 1 in round 1 by the do-files
  ArrayXd inward_change = ArrayXd::Ones(output.size());

  BookSolution solution;
  SolveInfo& info = solution.info;
  while (true) {  // rounds 2, 3, ...
    // (ii) scale last round's flows by last round's changes: p_i p_j / (Pi_i P_j), all as (1 - sigma) powers
    const ArrayXd row_scale = price_change / outward_change;
    const ArrayXd col_scale = price_change / inward_change;
    const MatrixXd scaled = row_scale.matrix().asDiagonal() * fitted * col_scale.matrix().asDiagonal();
    // (iii) re-estimate, then output from the fitted flows and expenditure = phi * output
    fit = FitConstrained(base, scaled.rowwise().sum().array(), scaled.colwise().sum().transpose().array(), reference,
                         options.max_iterations);
    const ArrayXd new_output = fit.flows.rowwise().sum().array();
    const ArrayXd new_expenditure = phi * new_output;
    const double new_reference_expenditure = new_expenditure(reference);
    const ArrayXd new_price_change =
        ((fit.exporter_effect / exporter_effect) / (new_reference_expenditure / round_reference_expenditure))
            .pow(-1.0 / theta);
    const ArrayXd new_outward = new_output * new_reference_expenditure / fit.exporter_effect;
    const ArrayXd new_inward = new_expenditure / (fit.importer_effect * new_reference_expenditure);
    // The do-files test the previous round's price change against the one before it (a one-round lag).
    const BookRoundSummary summary = Summarize(price_change - previous_price_change);
    solution.rounds.push_back(summary);

    outward_change = new_outward / outward;
    inward_change = new_inward / inward;
    outward = new_outward;
    inward = new_inward;
    previous_price_change = price_change;
    price_change = new_price_change;
    fitted = fit.flows;
    exporter_effect = fit.exporter_effect;
    round_expenditure = new_expenditure;
    round_reference_expenditure = new_reference_expenditure;

    info.iterations = int(solution.rounds.size());
    info.final_change = std::max(summary.sd, std::abs(summary.max));
    // The procedure is not a contraction: on some counterfactuals its rounds oscillate with growing amplitude
    // until the prices overflow (docs/METHODS.md); NaN would pass the test below, so stop here.
    if (!std::isfinite(summary.sd) || !std::isfinite(summary.max) || !new_price_change.isFinite().all()) {
      throw Error(
          fmt::format("GE full-endowment (book procedure) diverged after {} rounds: the round-to-round "
                      "price changes grew without bound (the procedure is not a contraction; use the "
                      "default method for the equilibrium)",
                      info.iterations));
    }
    // `while (sd > tol) | (abs(max) > tol)`; note abs(max), not max(abs): a large negative change can pass.
    if (!(summary.sd > options.tolerance) && !(std::abs(summary.max) > options.tolerance)) {
      info.converged = true;
      break;
    }
    if (info.iterations >= options.max_rounds) break;
  }
  if (!info.converged) {
    throw Error(
        fmt::format("GE full-endowment (book procedure) did not converge in {} rounds (last change {:.3g}, "
                    "tolerance {:.3g})",
                    info.iterations, info.final_change, options.tolerance));
  }
  // (iv) the indexes of the last round S
  const ArrayXd price = (exporter_effect / (round_reference_expenditure / reference_expenditure)).pow(-1.0 / theta);
  const ArrayXd output_full = price * output;
  const ArrayXd expenditure_full = phi * output_full;
  // X_FULL = Y_FULL E_FULL t_CFL / (IMR_S OMR_FULL) = fitted_S * E_FULL_j / E_S_j
  solution.flows = fitted * (expenditure_full / round_expenditure).matrix().asDiagonal();
  solution.price = price;
  solution.inward = (inward / inward_0).pow(-1.0 / theta);
  const ArrayXd outward_full = output_full * round_reference_expenditure / exporter_effect;
  solution.outward = (outward_full / outward_0).pow(-1.0 / theta);
  solution.expenditure_hat = expenditure_full / expenditure;
  return solution;
}

}  // namespace tradeshock::ge::internal
