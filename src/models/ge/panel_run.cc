// RunGeOnPanel: options checked, the panel read (panel_data.cc), the baseline observed or estimated by PPML
// (with the book's second stage, panel_second_stage.cc), the counterfactual solved (solver.cc).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "panel_internal.h"
#include "tradeshock/error.h"
#include "tradeshock/ge_panel.h"

namespace tradeshock {
namespace {

// The book's stopping tolerance (Yotov et al. 2016, ch. 2 do-files: sd and max of the change < 0.01).
constexpr double kBookTolerance = 0.01;

void CheckElasticity(const GePanelOptions& options) {
  if (options.sigma && options.theta) throw Error("ge: give --sigma or --theta, not both (theta = sigma - 1)");
  if (!options.sigma && !options.theta) {
    throw Error("ge: give the elasticity: --sigma (substitution) or --theta (trade, = sigma - 1)");
  }
  if (options.sigma && !(*options.sigma > 1 && std::isfinite(*options.sigma))) {
    throw Error(fmt::format("ge: --sigma must be > 1 (theta = sigma - 1 > 0), got {}", *options.sigma));
  }
  if (options.theta && !(*options.theta > 0 && std::isfinite(*options.theta))) {
    throw Error(fmt::format("ge: --theta must be > 0, got {}", *options.theta));
  }
}

void CheckBaselineForm(const GePanelOptions& options, const ge::Counterfactual& counterfactual) {
  // A counterfactual made only of bans needs no coefficient: the observed flows are then the baseline.
  const bool bans_only = counterfactual.Variables().empty();
  if (!options.estimate.empty() && options.beta) throw Error("ge: give --estimate FORMULA or --beta B, not both");
  if (options.estimate.empty() && !options.beta && !bans_only) {
    throw Error("ge: give either --estimate FORMULA (estimate the baseline by PPML) or --beta B with --policy VAR");
  }
  if (!options.fill_costs.empty() && (options.estimate.empty() || options.baseline == "observed")) {
    throw Error("ge: --fill-costs completes the fitted baseline of --estimate; it has no use without them");
  }
  if (options.beta && options.policy.empty()) {
    throw Error("ge: --beta needs --policy (the variable the coefficient multiplies)");
  }
  if (!options.beta && !options.policy.empty()) throw Error("ge: --policy goes with --beta");
  if (options.beta && !std::isfinite(*options.beta))
    throw Error(fmt::format("ge: --beta must be finite, got {}", *options.beta));
  if (!options.baseline.empty() && options.baseline != "observed" && options.baseline != "fitted") {
    throw Error("ge: --baseline must be observed or fitted, got '" + options.baseline + "'");
  }
  if (options.baseline == "fitted" && options.estimate.empty()) {
    throw Error("ge: --baseline fitted needs --estimate (the fitted flows come from the PPML)");
  }
}

// The policy variables of the counterfactual with their coefficients: estimated (--estimate) or given (--beta).
std::vector<ge::PolicyVariable> Variables(const GePanelOptions& options, const ge::Counterfactual& counterfactual,
                                          const ge::Panel& panel, GePanelResult& run) {
  std::vector<ge::PolicyVariable> variables;
  if (run.fit) {
    for (const std::string& name : counterfactual.Variables()) {
      const auto found = std::find_if(run.fit->coefficients.begin(), run.fit->coefficients.end(),
                                      [&](const gravity::Coefficient& c) { return c.name == name; });
      if (found == run.fit->coefficients.end()) {
        const bool collinear =
            std::find(run.fit->collinear.begin(), run.fit->collinear.end(), name) != run.fit->collinear.end();
        throw Error(fmt::format("ge: the counterfactual changes '{}', which {}", name,
                                collinear ? "the estimate dropped as collinear with the fixed effects"
                                          : "is not a regressor of --estimate (add it to the formula)"));
      }
      variables.push_back({name, found->estimate, ge_internal::PolicyValues(panel.data, panel.section, name)});
      run.coefficients.emplace_back(name, found->estimate);
    }
  } else if (options.beta) {
    for (const std::string& name : counterfactual.Variables()) {
      if (name != options.policy) {
        throw Error(fmt::format("ge: the counterfactual changes '{}' but --beta is the coefficient of --policy '{}'",
                                name, options.policy));
      }
    }
    variables.push_back(
        {options.policy, *options.beta, ge_internal::PolicyValues(panel.data, panel.section, options.policy)});
    run.coefficients.emplace_back(options.policy, *options.beta);
  }
  return variables;
}

// Rows to estimate on: --estimate-subset when given; else all rows when a fixed effect involves the year (a
// panel estimate such as the book's RTA effects, exporter^year + importer^year + pair), else the --year rows.
std::vector<std::uint8_t> EstimationRows(const GePanelOptions& options, const ge::Panel& panel,
                                         const gravity::Formula& formula) {
  if (!options.estimate_subset.empty()) return gravity::EvaluateSubset(panel.data, options.estimate_subset);
  const ge::PanelSpec& spec = options.panel;
  for (const std::vector<std::string>& effect : formula.fixed_effects) {
    if (spec.year && std::find(effect.begin(), effect.end(), spec.year_column) != effect.end()) {
      ge_internal::Tell(options,
                        fmt::format("ge: panel estimate on every year of {} (a fixed effect involves {}); the GE "
                                    "uses {} = {}",
                                    panel.data.source, spec.year_column, spec.year_column, *spec.year));
      return {};
    }
  }
  return panel.year_mask;
}

// The book's baseline: the PPML fitted flows of the GE year. Pairs the estimate left out (no trade in any year
// of a pair fixed effect) get no flow, unless --fill-costs gives them trade costs; the biproportional fit
// restores the observed margins, which the PPML first-order conditions already give when the year has its own
// fixed effects.
ge::Baseline FittedBaseline(const GePanelOptions& options, const ge::Panel& panel, const gravity::Formula& formula,
                            const gravity::FitResult& fit) {
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  Eigen::MatrixXd log_fitted = ge::PairMatrix(panel.section, fit.fitted);
  log_fitted =
      log_fitted.unaryExpr([](double value) { return std::isnan(value) || value <= 0 ? kNone : std::log(value); });
  if (!options.fill_costs.empty() && (log_fitted.array() == kNone).any()) {
    log_fitted = ge_internal::SecondStageTradeCosts(panel.data, panel.section, formula, fit, options);
  }
  return ge::FitBaseline(panel.section.observed, log_fitted);
}

// The columns the run needs beyond exporter, importer and trade: the counterfactual's, the formula's, the
// second stage's and --policy.
std::vector<std::string> WantedColumns(const GePanelOptions& options, const ge::Counterfactual& counterfactual,
                                       const std::optional<gravity::Formula>& formula) {
  std::vector<std::string> wanted = counterfactual.Variables();
  if (formula) {
    for (const gravity::Term& term : formula->regressors) wanted.push_back(term.column);
    if (!options.fill_costs.empty()) {
      for (const gravity::Term& term : gravity::ParseFormula("y ~ " + options.fill_costs).regressors) {
        wanted.push_back(term.column);
      }
    }
  } else if (!options.policy.empty()) {
    wanted.push_back(options.policy);
  }
  return wanted;
}

}  // namespace

GePanelOptions GePanelOptions::Defaults() { return GePanelOptions{}; }

double GePanelOptions::DefaultTolerance() const {
  if (method == ge::FullEndowmentMethod::kBookProcedure || stopping_rule == ge::StoppingRule::kBookPrices) {
    return kBookTolerance;
  }
  return ge::Options{}.tolerance;
}

void GePanelOptions::Validate() const {
  if (panel.file.empty()) throw Error("ge: give the panel file (a CSV with exporter, importer and trade columns)");
  if (counterfactual.empty()) throw Error("ge: --counterfactual is required, e.g. 'intl_brdr = 0'");
  CheckElasticity(*this);
  CheckBaselineForm(*this, ge::ParseCounterfactual(counterfactual));
  if (tolerance && !(*tolerance > 0 && std::isfinite(*tolerance))) {
    throw Error(fmt::format("ge: --tolerance must be > 0, got {}", *tolerance));
  }
  if (max_iterations < 1) throw Error(fmt::format("ge: --max-iterations must be >= 1, got {}", max_iterations));
  if (panel.year && !std::isfinite(*panel.year))
    throw Error(fmt::format("ge: --year must be finite, got {}", *panel.year));
}

ge::Options GePanelOptions::SolverOptions() const {
  ge::Options options;
  options.theta = theta ? *theta : *sigma - 1.0;
  options.reference = reference;
  options.imbalance = imbalance;
  options.method = method;
  // The book's procedure has its own stop; the stopping rule is the fixed point's.
  if (method == ge::FullEndowmentMethod::kFixedPoint) options.stopping_rule = stopping_rule;
  options.tolerance = tolerance.value_or(DefaultTolerance());
  options.max_iterations = max_iterations;
  return options;
}

GePanelResult RunGeOnPanel(const GePanelOptions& options) {
  options.Validate();
  GePanelResult run;
  run.options = options.SolverOptions();
  const ge::Counterfactual counterfactual = ge::ParseCounterfactual(options.counterfactual);
  std::optional<gravity::Formula> formula;
  if (!options.estimate.empty()) formula = gravity::ParseFormula(options.estimate);

  ge::PanelSpec spec = options.panel;
  if (formula) spec.trade = formula->response.column;
  ge::Panel panel = ge::ReadPanel(spec);
  ge_internal::AddDerivedColumns(panel.data, WantedColumns(options, counterfactual, formula), options);

  run.baseline_kind = options.baseline.empty() ? (formula ? "fitted" : "observed") : options.baseline;
  if (formula) {
    gravity::FitOptions fit_options;
    fit_options.subset = EstimationRows(options, panel, *formula);
    run.fit = gravity::Fit(panel.data, *formula, fit_options);
    if (!run.fit->converged) {
      ge_internal::Tell(options, "ge: warning: the PPML estimate did not converge; the baseline uses its last iterate");
    }
  }
  const std::vector<ge::PolicyVariable> variables = Variables(options, counterfactual, panel, run);
  const ge::Baseline baseline =
      run.baseline_kind == "fitted" ? FittedBaseline(options, panel, *formula, *run.fit) : panel.section.observed;
  const Eigen::MatrixXd cost_change =
      ge::CounterfactualCostChange(counterfactual, panel.section.observed.economies, variables);
  run.result = ge::Simulate(baseline, cost_change, run.options);
  return run;
}

}  // namespace tradeshock
