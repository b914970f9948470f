// Conditional and full-endowment counterfactuals by exact hat algebra; see docs/METHODS.md, "General equilibrium"
// for the equations (numbered there as G1..G8) and why the iteration is written this way. The book's procedure,
// offered to reproduce its printed numbers, is in book_procedure.cc.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "solver_internal.h"
#include "tradeshock/error.h"
#include "tradeshock/ge.h"

namespace tradeshock::ge {

namespace internal {

Eigen::MatrixXd ScaleToMarginFactors(const Eigen::MatrixXd& base, const Eigen::ArrayXd& rows,
                                     const Eigen::ArrayXd& cols, double tolerance, int max_iterations,
                                     Eigen::ArrayXd* row_factor, Eigen::ArrayXd* col_factor) {
  const Eigen::Index n = base.rows();
  Eigen::ArrayXd r = Eigen::ArrayXd::Ones(n);
  Eigen::ArrayXd c = Eigen::ArrayXd::Ones(n);
  const auto largest_log_change = [](const Eigen::ArrayXd& now, const Eigen::ArrayXd& before) {
    double largest = 0.0;
    for (Eigen::Index k = 0; k < now.size(); ++k) {
      if (now(k) > 0 && before(k) > 0) largest = std::max(largest, std::abs(std::log(now(k) / before(k))));
    }
    return largest;
  };
  bool converged = false;
  double change = 0.0;
  int iteration = 1;
  for (; iteration <= max_iterations; ++iteration) {
    const Eigen::ArrayXd previous_r = r;
    const Eigen::ArrayXd previous_c = c;
    const Eigen::ArrayXd row_sums = (base * c.matrix()).array();
    for (Eigen::Index i = 0; i < n; ++i) r(i) = row_sums(i) > 0 ? rows(i) / row_sums(i) : 0.0;
    const Eigen::ArrayXd col_sums = (base.transpose() * r.matrix()).array();
    for (Eigen::Index j = 0; j < n; ++j) c(j) = col_sums(j) > 0 ? cols(j) / col_sums(j) : 0.0;
    // A cell r_i c_j moves by at most the sum of the two largest factor moves.
    change = largest_log_change(r, previous_r) + largest_log_change(c, previous_c);
    if (iteration > 1 && change < tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    throw Error(
        fmt::format("GE: scaling the flows to their margins did not converge in {} iterations (last "
                    "change {:.3g}, tolerance {:.3g})",
                    max_iterations, change, tolerance));
  }
  if (row_factor != nullptr) *row_factor = r;
  if (col_factor != nullptr) *col_factor = c;
  return r.matrix().asDiagonal() * base * c.matrix().asDiagonal();
}

}  // namespace internal

namespace {

using Eigen::ArrayXd;
using Eigen::Index;
using Eigen::MatrixXd;

// Largest |log a - log b| over cells positive in both (banned cells are zero in both and carry no
// information; a cell that is zero in only one is a programming error guarded by the callers).
// log is monotone, so this tracks the extreme ratios and takes two logs instead of one per cell: the log per
// cell was most of the time of an iteration (see docs/PERFORMANCE.md, "General equilibrium (issue 5)").
double MaxLogChange(const MatrixXd& a, const MatrixXd& b) {
  double largest_ratio = 1.0;
  double smallest_ratio = 1.0;
  for (Index k = 0; k < a.size(); ++k) {
    const double x = a.data()[k];
    const double y = b.data()[k];
    if (x > 0 && y > 0) {
      const double ratio = x / y;
      largest_ratio = std::max(largest_ratio, ratio);
      smallest_ratio = std::min(smallest_ratio, ratio);
    }
  }
  return std::max(std::log(largest_ratio), -std::log(smallest_ratio));
}

// Biproportional scaling (G3): X_ij = r_i A_ij c_j with row sums `rows` and column sums `cols`. These
// are the first-order conditions of a PPML with exporter and importer fixed effects and an offset
// log A, so this is also the conditional general equilibrium.
MatrixXd ScaleToMargins(const MatrixXd& base, const ArrayXd& rows, const ArrayXd& cols, const Options& options,
                        SolveInfo* info) {
  const Index n = base.rows();
  ArrayXd row_factor = ArrayXd::Ones(n);
  ArrayXd col_factor = ArrayXd::Ones(n);
  MatrixXd previous = base;
  MatrixXd current = base;
  SolveInfo solve;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const ArrayXd row_sums = (base * col_factor.matrix()).array();
    for (Index i = 0; i < n; ++i) row_factor(i) = row_sums(i) > 0 ? rows(i) / row_sums(i) : 0.0;
    const ArrayXd col_sums = (base.transpose() * row_factor.matrix()).array();
    for (Index j = 0; j < n; ++j) col_factor(j) = col_sums(j) > 0 ? cols(j) / col_sums(j) : 0.0;
    current = row_factor.matrix().asDiagonal() * base * col_factor.matrix().asDiagonal();
    solve.iterations = iteration;
    solve.final_change = MaxLogChange(current, previous);
    if (solve.final_change < options.tolerance) {
      solve.converged = true;
      break;
    }
    previous = current;
  }
  if (!solve.converged) {
    throw Error(
        fmt::format("GE conditional solve did not converge in {} iterations (last max change in log "
                    "flows {:.3g}, tolerance {:.3g})",
                    solve.iterations, solve.final_change, options.tolerance));
  }
  if (info != nullptr) *info = solve;
  return current;
}

Index ReferenceIndex(const Baseline& baseline, const std::string& reference) {
  if (reference.empty()) return 0;
  const auto found = std::find(baseline.economies.begin(), baseline.economies.end(), reference);
  if (found == baseline.economies.end()) {
    throw Error(fmt::format("GE: reference economy '{}' is not in the baseline", reference));
  }
  return Index(found - baseline.economies.begin());
}

void CheckOptions(const Options& options) {
  if (!(options.theta > 0) || !std::isfinite(options.theta)) {
    throw Error(fmt::format("GE: the trade elasticity theta must be > 0 (theta = sigma - 1), got {}", options.theta));
  }
  if (!(options.tolerance > 0)) throw Error(fmt::format("GE: tolerance must be > 0, got {}", options.tolerance));
  if (options.max_iterations < 1) throw Error("GE: max_iterations must be >= 1");
  if (options.max_rounds < 1) throw Error("GE: max_rounds must be >= 1");
  if (options.method == FullEndowmentMethod::kBookProcedure && options.imbalance != Imbalance::kMultiplicative) {
    throw Error(
        "GE: the book's procedure holds each economy's expenditure/output ratio fixed; it has no additive "
        "imbalance closure (use the default method for additive imbalances)");
  }
}

void CheckCostChange(const Baseline& baseline, const MatrixXd& cost_change) {
  const Index n = baseline.flows.rows();
  if (cost_change.rows() != n || cost_change.cols() != n) {
    throw Error(fmt::format("GE: the trade-cost change is {} x {} but the baseline has {} economies",
                            cost_change.rows(), cost_change.cols(), n));
  }
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < n; ++j) {
      if (!std::isfinite(cost_change(i, j)) || cost_change(i, j) < 0) {
        throw Error(fmt::format("GE: the trade-cost change for {} -> {} is {}, expected a finite value >= 0",
                                baseline.economies[i], baseline.economies[j], cost_change(i, j)));
      }
    }
    if (cost_change(i, i) <= 0) {
      throw Error(fmt::format("GE: the internal flow of {} cannot be banned (its market would not clear)",
                              baseline.economies[i]));
    }
  }
}

ArrayXd Exports(const MatrixXd& flows) { return flows.rowwise().sum().array() - flows.diagonal().array(); }

double PercentChange(double after, double before) { return before > 0 ? (after / before - 1.0) * 100.0 : 0.0; }

struct FullSolution {
  MatrixXd flows;
  ArrayXd price;    // factory-gate price hat p_i
  ArrayXd inward;   // P_j hat
  ArrayXd outward;  // Pi_i hat
  ArrayXd expenditure_hat;
  SolveInfo info;
};

// Full endowment (G4..G7): find p such that p_i Y_i = sum_j X'_ij(p) with P_ref hat = 1.
// Long by design: equations G4..G8 of docs/METHODS.md in their order inside one fixed-point loop, with its stall
// fallback, so that the code can be read against them.
FullSolution SolveFull(const MatrixXd& flows, const MatrixXd& cost_change, Index reference, const Options& options) {
  const Index n = flows.rows();
  const double theta = options.theta;
  const ArrayXd output = flows.rowwise().sum().array();
  const ArrayXd expenditure = flows.colwise().sum().transpose().array();
  const ArrayXd phi = expenditure / output;
  const ArrayXd deficit = expenditure - output;
  const MatrixXd weighted = flows.cwiseProduct(cost_change);  // X_ij * t_hat_ij

  ArrayXd price = ArrayXd::Ones(n);
  ArrayXd phi_hat(n);
  ArrayXd expenditure_new(n);
  MatrixXd current(n, n);
  MatrixXd previous = flows;
  ArrayXd previous_price = price;
  SolveInfo info;
  double damping = 1.0;
  double best_change = std::numeric_limits<double>::infinity();
  int since_best = 0;
  constexpr int kStallWindow = 200;  // iterations without a new best before damping is halved
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const ArrayXd price_term = price.pow(-theta);
    // G4: Phi hat_j = P hat_j^-theta = sum_i (X_ij / E_j) t_hat_ij p_i^-theta
    const ArrayXd mass = (weighted.transpose() * price_term.matrix()).array();
    phi_hat = mass / expenditure;
    // G5: expenditure under the chosen imbalance closure
    // (multiplicative: phi_j fixed up to one common factor that keeps world expenditure equal to world
    // output; without it market clearing has no solution once relative prices move)
    if (options.imbalance == Imbalance::kMultiplicative) {
      const ArrayXd scaled = phi * price * output;
      expenditure_new = scaled * ((price * output).sum() / scaled.sum());
    } else {
      expenditure_new = price * output + deficit;
    }
    // G6: X'_ij = X_ij t_hat_ij p_i^-theta E'_j / (E_j Phi hat_j)
    const ArrayXd column_scale = expenditure_new / mass;
    current = price_term.matrix().asDiagonal() * weighted * column_scale.matrix().asDiagonal();
    info.iterations = iteration;
    const double log_change = MaxLogChange(current, previous);
    const ArrayXd price_change = price - previous_price;
    if (options.stopping_rule == StoppingRule::kLogFlows) {
      info.final_change = log_change;
    } else {
      const double mean = price_change.mean();
      const double sd = n > 1 ? std::sqrt((price_change - mean).square().sum() / double(n - 1)) : 0.0;
      info.final_change = std::max(sd, price_change.abs().maxCoeff());
    }
    if (iteration > 1 && info.final_change < options.tolerance) {
      info.converged = true;
      break;
    }
    // Stall fallback: a fixed point whose error stops falling is damped (halving the step each time).
    if (log_change < best_change * (1 - 1e-3)) {
      best_change = log_change;
      since_best = 0;
    } else if (++since_best >= kStallWindow && damping > 1.0 / 64) {
      damping *= 0.5;
      since_best = 0;
    }
    previous = current;
    previous_price = price;
    // G7: excess-demand update with the ge_gravity exponent 1/(1+theta), then the numeraire P_ref = 1.
    const ArrayXd sales = current.rowwise().sum().array();
    price = price * (sales / (price * output)).pow(damping / (1.0 + theta));
    const ArrayXd new_phi_hat = (weighted.transpose() * price.pow(-theta).matrix()).array() / expenditure;
    price /= std::pow(new_phi_hat(reference), -1.0 / theta);
  }
  info.damping = damping;
  if (!info.converged) {
    throw Error(
        fmt::format("GE full-endowment solve did not converge in {} iterations (last change {:.3g}, "
                    "tolerance {:.3g}, damping {})",
                    info.iterations, info.final_change, options.tolerance, damping));
  }
  FullSolution solution;
  solution.flows = current;
  solution.price = price;
  solution.inward = phi_hat.pow(-1.0 / theta);
  solution.expenditure_hat = expenditure_new / expenditure;
  // G8: Omega hat_i = sum_j (X_ij / Y_i) t_hat_ij E hat_j / Phi hat_j; Pi hat_i = Omega hat_i^(-1/theta)
  const ArrayXd omega_hat = (weighted * (solution.expenditure_hat / phi_hat).matrix()).array() / output;
  solution.outward = omega_hat.pow(-1.0 / theta);
  solution.info = info;
  return solution;
}

}  // namespace

MatrixXd CostChangeFromCoefficient(double beta, const MatrixXd& policy_change) {
  return (beta * policy_change.array()).exp().matrix();
}

Baseline FitBaseline(const Baseline& observed, const MatrixXd& log_cost, SolveInfo* info) {
  ValidateBaseline(observed);
  if (log_cost.rows() != observed.flows.rows() || log_cost.cols() != observed.flows.cols()) {
    throw Error("GE: the trade-cost matrix does not match the baseline's size");
  }
  Options options;
  options.tolerance = 1e-12;
  const ArrayXd rows = observed.flows.rowwise().sum().array();
  const ArrayXd cols = observed.flows.colwise().sum().transpose().array();
  Baseline fitted;
  fitted.economies = observed.economies;
  fitted.flows = ScaleToMargins(log_cost.array().exp().matrix(), rows, cols, options, info);
  return fitted;
}

Result Simulate(const Baseline& baseline, const MatrixXd& cost_change, const Options& options) {
  ValidateBaseline(baseline);
  CheckOptions(options);
  CheckCostChange(baseline, cost_change);
  const Index reference = ReferenceIndex(baseline, options.reference);
  const MatrixXd& flows = baseline.flows;
  const ArrayXd output = flows.rowwise().sum().array();
  const ArrayXd expenditure = flows.colwise().sum().transpose().array();

  Result result;
  // Conditional: output and expenditure fixed, resistances adjust.
  // The book's conditional step is a converged PPML, so its price-based early stop never applies here.
  Options conditional_options = options;
  if (options.stopping_rule == StoppingRule::kBookPrices || options.method == FullEndowmentMethod::kBookProcedure) {
    conditional_options.tolerance = 1e-8;
  }
  result.flows_conditional =
      ScaleToMargins(flows.cwiseProduct(cost_change), output, expenditure, conditional_options, &result.conditional);
  FullSolution full;
  if (options.method == FullEndowmentMethod::kBookProcedure) {
    internal::BookSolution book = internal::SolveBookProcedure(flows, cost_change, reference, options);
    full.flows = std::move(book.flows);
    full.price = std::move(book.price);
    full.inward = std::move(book.inward);
    full.outward = std::move(book.outward);
    full.expenditure_hat = std::move(book.expenditure_hat);
    full.info = book.info;
    result.book_rounds = std::move(book.rounds);
  } else {
    full = SolveFull(flows, cost_change, reference, options);
  }
  result.flows_full = full.flows;
  result.full = full.info;

  const ArrayXd exports_before = Exports(flows);
  const ArrayXd exports_cdl = Exports(result.flows_conditional);
  const ArrayXd exports_full = Exports(result.flows_full);
  for (Index i = 0; i < flows.rows(); ++i) {
    EconomyResult row;
    row.economy = baseline.economies[i];
    row.exports_change_cdl_pct = PercentChange(exports_cdl(i), exports_before(i));
    row.exports_change_full_pct = PercentChange(exports_full(i), exports_before(i));
    row.price_change_full_pct = (full.price(i) - 1.0) * 100.0;
    row.inward_mr_change_full_pct = (full.inward(i) - 1.0) * 100.0;
    row.outward_mr_change_full_pct = (full.outward(i) - 1.0) * 100.0;
    row.real_gdp_change_full_pct = (full.price(i) / full.inward(i) - 1.0) * 100.0;
    row.welfare_change_pct = (full.expenditure_hat(i) / full.inward(i) - 1.0) * 100.0;
    result.economies.push_back(row);
  }
  return result;
}

}  // namespace tradeshock::ge
