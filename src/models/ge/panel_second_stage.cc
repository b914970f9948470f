// Trade costs for a fitted baseline in which some pairs have no fitted flow (a pair fixed effect whose pair never
// trades), by the second stage of the book's RTAsEffects.do (Anderson & Yotov 2016; docs/METHODS.md, "Validation
// against the book's chapter 2"): with symmetric pair effects normalised so that domestic ones are 0, a pair's
// effect is gamma_ij = (ln(F_ij F_ji / (F_ii F_jj)) - (xb_ij + xb_ji - xb_ii - xb_jj)) / 2 from the fitted flows F
// and the estimate's linear predictor xb; exp(gamma) is regressed by PPML on exporter and importer effects and
// `--fill-costs` over the international pairs that have it, and the prediction fills the others. Returns
// ln t_ij = gamma_ij + xb_ij (ln t_ii = xb_ii).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "panel_internal.h"
#include "tradeshock/error.h"

namespace tradeshock::ge_internal {
namespace {

// xb_ij: the estimate's regressors times their coefficients (collinear ones were absorbed by the effects).
Eigen::MatrixXd LinearPredictor(const gravity::DataFrame& data, const ge::CrossSection& section,
                                const gravity::Formula& formula, const gravity::FitResult& fit) {
  const Eigen::Index n = section.observed.flows.rows();
  Eigen::MatrixXd xb = Eigen::MatrixXd::Zero(n, n);
  for (const gravity::Term& term : formula.regressors) {
    const auto found = std::find_if(fit.coefficients.begin(), fit.coefficients.end(),
                                    [&](const gravity::Coefficient& c) { return c.name == term.Label(); });
    if (found == fit.coefficients.end()) continue;
    Eigen::MatrixXd values = PolicyValues(data, section, term.column);
    if (term.log) values = values.array().log().matrix();
    xb += found->estimate * values;
  }
  return xb;
}

// gamma_ij from the fitted flows where both directions have one (0 on the diagonal, NaN elsewhere).
Eigen::MatrixXd PairEffects(const Eigen::MatrixXd& fitted, const Eigen::MatrixXd& xb,
                            const std::vector<std::string>& economies, int& missing) {
  const Eigen::Index n = fitted.rows();
  Eigen::MatrixXd gamma = Eigen::MatrixXd::Constant(n, n, std::nan(""));
  missing = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(fitted(i, i) > 0)) {
      throw Error(fmt::format("ge: --fill-costs: the estimate has no fitted internal flow for {}", economies[i]));
    }
    gamma(i, i) = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j) continue;
      if (fitted(i, j) > 0 && fitted(j, i) > 0) {
        gamma(i, j) = (std::log(fitted(i, j) * fitted(j, i) / (fitted(i, i) * fitted(j, j))) -
                       (xb(i, j) + xb(j, i) - xb(i, i) - xb(j, j))) /
                      2;
      } else {
        ++missing;
      }
    }
  }
  return gamma;
}

// The international pairs as a data frame for the second stage: exp(gamma) (empty where unknown) and the
// --fill-costs regressors. `cells` receives the (i, j) of each row.
gravity::DataFrame SecondStageData(const gravity::DataFrame& data, const ge::CrossSection& section,
                                   const gravity::Formula& stage2, const Eigen::MatrixXd& gamma,
                                   std::vector<std::pair<Eigen::Index, Eigen::Index>>& cells) {
  const std::vector<std::string>& economies = section.observed.economies;
  std::vector<const gravity::Column*> columns;
  std::string csv = "ge_exporter,ge_importer,ge_pair_cost";
  for (const gravity::Term& term : stage2.regressors) {
    const gravity::Column* column = data.Find(term.column);
    if (column == nullptr || !column->numeric) {
      throw Error(fmt::format("ge: --fill-costs: no numeric column '{}' in {}", term.column, data.source));
    }
    columns.push_back(column);
    csv += "," + term.column;
  }
  csv += "\n";
  for (std::size_t k = 0; k < section.rows.size(); ++k) {
    const Eigen::Index i = section.exporter_index[k];
    const Eigen::Index j = section.importer_index[k];
    if (i == j) continue;
    csv += economies[i] + "," + economies[j] + ",";
    if (!std::isnan(gamma(i, j))) csv += fmt::format("{:.17g}", std::exp(gamma(i, j)));
    for (const gravity::Column* column : columns) csv += fmt::format(",{:.17g}", column->values[section.rows[k]]);
    csv += "\n";
    cells.emplace_back(i, j);
  }
  return gravity::ParseDataFrame(csv, "second stage of --fill-costs");
}

double EffectOf(const gravity::FitResult& fit, const std::string& dimension, const std::string& level) {
  for (const gravity::FixedEffectValues& effects : fit.fixed_effects) {
    if (effects.name != dimension) continue;
    for (std::size_t k = 0; k < effects.levels.size(); ++k) {
      if (effects.levels[k] == level) return effects.values[k];
    }
  }
  throw Error(
      fmt::format("ge: --fill-costs: {} has no pair with a fitted flow, so the second stage cannot "
                  "predict its trade costs",
                  level));
}

}  // namespace

Eigen::MatrixXd SecondStageTradeCosts(const gravity::DataFrame& data, const ge::CrossSection& section,
                                      const gravity::Formula& formula, const gravity::FitResult& fit,
                                      const GePanelOptions& options) {
  const std::vector<std::string>& economies = section.observed.economies;
  const Eigen::MatrixXd xb = LinearPredictor(data, section, formula, fit);
  int missing = 0;
  Eigen::MatrixXd gamma = PairEffects(ge::PairMatrix(section, fit.fitted), xb, economies, missing);
  const gravity::Formula stage2 =
      gravity::ParseFormula("ge_pair_cost ~ " + options.fill_costs + " | ge_exporter + ge_importer");
  std::vector<std::pair<Eigen::Index, Eigen::Index>> cells;
  const gravity::DataFrame pairs = SecondStageData(data, section, stage2, gamma, cells);
  const gravity::FitResult second = gravity::Fit(pairs, stage2, gravity::FitOptions{});
  if (!second.converged) Tell(options, "ge: warning: the second-stage PPML of --fill-costs did not converge");
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto [i, j] = cells[c];
    if (!std::isnan(gamma(i, j))) continue;
    double prediction = EffectOf(second, "ge_exporter", economies[i]) + EffectOf(second, "ge_importer", economies[j]);
    for (const gravity::Coefficient& coefficient : second.coefficients) {
      const auto term = std::find_if(stage2.regressors.begin(), stage2.regressors.end(),
                                     [&](const gravity::Term& t) { return t.Label() == coefficient.name; });
      double value = pairs.Find(term->column)->values[c];
      if (term->log) value = std::log(value);
      prediction += coefficient.estimate * value;
    }
    gamma(i, j) = prediction;
  }
  Tell(options, fmt::format("ge: --fill-costs: {} pair{} with no fitted flow get trade costs from a second-stage "
                            "PPML on {} (book ch. 2, RTAsEffects)",
                            missing, missing == 1 ? "" : "s", options.fill_costs));
  return gamma + xb;
}

}  // namespace tradeshock::ge_internal
