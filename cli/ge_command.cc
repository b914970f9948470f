// tradeshock ge DATA.csv --counterfactual "...": general equilibrium on structural gravity. Two forms:
//  --estimate FORMULA  estimate the baseline by PPML (the Advanced Guide, ch. 2) and use its fitted flows
//                      and coefficients;
//  --beta B --policy V the ge_gravity form: observed flows and a given coefficient of the policy variable.
// The counterfactual expression is parsed by the library (ge::ParseCounterfactual).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.h"
#include "output.h"
#include "tradeshock/error.h"
#include "tradeshock/ge.h"
#include "tradeshock/gravity.h"

namespace tradeshock::cli {
namespace {

struct GeFlags {
  std::string file;
  std::optional<double> year;
  std::string year_column = "year";
  std::string exporter = "exporter";
  std::string importer = "importer";
  std::string trade = "trade";
  std::optional<double> sigma;
  std::optional<double> theta;
  std::string reference;
  std::string estimate;
  std::string estimate_subset;
  std::optional<double> beta;
  std::string policy;
  std::string counterfactual;
  std::string baseline;  // observed | fitted; default depends on the form
  std::string imbalance = "multiplicative";
  std::string stopping_rule = "log-flows";
  std::string method = "equilibrium";  // equilibrium | book
  std::string fill_costs;               // second-stage regressors for pairs with no fitted flow
  std::optional<double> tolerance;
  int max_iterations = 100000;
  std::string format = "table";
  std::string out;
};

const gravity::Column& RequireColumn(const gravity::DataFrame& data, const std::string& name, const std::string& role) {
  const gravity::Column* column = data.Find(name);
  if (column == nullptr) throw Error(fmt::format("ge: {}: no column '{}' ({})", data.source, name, role));
  return *column;
}

// The text of a cell of an exporter/importer column: codes as written, or numbers without a decimal point.
std::string CellText(const gravity::Column& column, std::size_t row) {
  if (!column.numeric) return column.levels[column.codes[row]];
  const double value = column.values[row];
  if (std::isnan(value)) return "";
  if (value == std::floor(value) && std::abs(value) < 1e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

// Columns the book's formulas name but its data do not hold: `intl_brdr` (1 for exporter != importer) and
// `ln_X` = log(X) for a numeric column X. Added only when asked for and absent, and said on stderr.
void AddDerivedColumns(gravity::DataFrame& data, const std::vector<std::string>& names, const GeFlags& flags) {
  for (const std::string& name : names) {
    if (data.Find(name) != nullptr) continue;
    gravity::Column column;
    column.name = name;
    column.values.resize(data.rows);
    if (name == "intl_brdr" || name == "international") {
      const gravity::Column& exporter = RequireColumn(data, flags.exporter, "exporter codes");
      const gravity::Column& importer = RequireColumn(data, flags.importer, "importer codes");
      for (std::size_t r = 0; r < data.rows; ++r) column.values[r] = CellText(exporter, r) != CellText(importer, r);
      Note(fmt::format("ge: derived column {} = 1 if {} != {}", name, flags.exporter, flags.importer));
    } else if (name.starts_with("ln_") && data.Find(name.substr(3)) != nullptr && data.Find(name.substr(3))->numeric) {
      const gravity::Column& source = *data.Find(name.substr(3));
      for (std::size_t r = 0; r < data.rows; ++r) {
        column.values[r] = source.values[r] > 0 ? std::log(source.values[r]) : std::nan("");
      }
      Note(fmt::format("ge: derived column {} = log({})", name, source.name));
    } else {
      continue;  // left for the estimator or the policy lookup to report as unknown
    }
    data.columns.push_back(std::move(column));
  }
}

// The rows of the GE cross-section (the --year rows, or all).
std::vector<std::uint8_t> YearMask(const gravity::DataFrame& data, const GeFlags& flags) {
  std::vector<std::uint8_t> mask(data.rows, 1);
  if (!flags.year) return mask;
  const gravity::Column& year = RequireColumn(data, flags.year_column, "the year of each row, for --year");
  if (!year.numeric) throw Error(fmt::format("ge: {}: column '{}' is not numeric", data.source, flags.year_column));
  std::size_t kept = 0;
  for (std::size_t r = 0; r < data.rows; ++r) kept += mask[r] = year.values[r] == *flags.year;
  if (kept == 0) throw Error(fmt::format("ge: {}: no row has {} = {}", data.source, flags.year_column, *flags.year));
  return mask;
}

// Rows to estimate on: --estimate-subset when given; else all rows when a fixed effect involves the year (a
// panel estimate such as the book's RTA effects, exporter^year + importer^year + pair), else the --year rows.
std::vector<std::uint8_t> EstimationRows(const gravity::DataFrame& data, const gravity::Formula& formula,
                                         const std::vector<std::uint8_t>& year_mask, const GeFlags& flags) {
  if (!flags.estimate_subset.empty()) return gravity::EvaluateSubset(data, flags.estimate_subset);
  for (const std::vector<std::string>& effect : formula.fixed_effects) {
    if (flags.year && std::find(effect.begin(), effect.end(), flags.year_column) != effect.end()) {
      Note(fmt::format("ge: panel estimate on every year of {} (a fixed effect involves {}); the GE uses {} = {}",
                       data.source, flags.year_column, flags.year_column, *flags.year));
      return {};
    }
  }
  return year_mask;
}

struct CrossSection {
  std::vector<std::size_t> rows;  // data rows of the GE year
  ge::Baseline observed;
  std::vector<Eigen::Index> exporter_index;  // per entry of `rows`
  std::vector<Eigen::Index> importer_index;
};

CrossSection BuildCrossSection(const gravity::DataFrame& data, const std::vector<std::uint8_t>& mask,
                               const std::string& trade_column, const GeFlags& flags) {
  const gravity::Column& exporter = RequireColumn(data, flags.exporter, "exporter codes");
  const gravity::Column& importer = RequireColumn(data, flags.importer, "importer codes");
  const gravity::Column& trade = RequireColumn(data, trade_column, "trade flows");
  if (!trade.numeric) {
    throw Error(fmt::format("ge: {}: column '{}' must be numeric; line {} has '{}'", data.source, trade_column,
                            trade.first_text_line, trade.first_text_value));
  }
  CrossSection section;
  std::vector<ge::FlowRow> flows;
  for (std::size_t r = 0; r < data.rows; ++r) {
    if (!mask[r]) continue;
    if (std::isnan(trade.values[r])) {
      throw Error(fmt::format("ge: {}: the flow {} -> {} is missing (row {}); give 0 for no trade", data.source,
                              CellText(exporter, r), CellText(importer, r), r + 1));
    }
    section.rows.push_back(r);
    flows.push_back({CellText(exporter, r), CellText(importer, r), trade.values[r]});
  }
  section.observed = ge::BuildBaseline(flows);
  std::map<std::string, Eigen::Index> index;
  for (std::size_t i = 0; i < section.observed.economies.size(); ++i)
    index[section.observed.economies[i]] = Eigen::Index(i);
  for (const ge::FlowRow& flow : flows) {
    section.exporter_index.push_back(index[flow.exporter]);
    section.importer_index.push_back(index[flow.importer]);
  }
  return section;
}

Eigen::MatrixXd PairMatrix(const CrossSection& section, const std::vector<double>& values) {
  const Eigen::Index n = section.observed.flows.rows();
  Eigen::MatrixXd matrix = Eigen::MatrixXd::Constant(n, n, std::nan(""));
  for (std::size_t k = 0; k < section.rows.size(); ++k) {
    matrix(section.exporter_index[k], section.importer_index[k]) = values[section.rows[k]];
  }
  return matrix;
}

Eigen::MatrixXd PolicyValues(const gravity::DataFrame& data, const CrossSection& section, const std::string& name) {
  const gravity::Column* column = data.Find(name);
  if (column == nullptr) throw Error(fmt::format("ge: {}: no column '{}' for the counterfactual", data.source, name));
  if (!column->numeric) {
    throw Error(fmt::format("ge: {}: column '{}' must be numeric; line {} has '{}'", data.source, name,
                            column->first_text_line, column->first_text_value));
  }
  return PairMatrix(section, column->values);
}

// Trade costs for a fitted baseline in which some pairs have no fitted flow (a pair fixed effect whose pair never
// trades), by the second stage of the book's RTAsEffects.do (Anderson & Yotov 2016; docs/METHODS.md, "Validation
// against the book's chapter 2"): with symmetric pair effects normalised so that domestic ones are 0, a pair's
// effect is gamma_ij = (ln(F_ij F_ji / (F_ii F_jj)) - (xb_ij + xb_ji - xb_ii - xb_jj)) / 2 from the fitted flows F
// and the estimate's linear predictor xb; exp(gamma) is regressed by PPML on exporter and importer effects and
// `--fill-costs` over the international pairs that have it, and the prediction fills the others. Returns
// ln t_ij = gamma_ij + xb_ij (ln t_ii = xb_ii).
Eigen::MatrixXd SecondStageTradeCosts(const gravity::DataFrame& data, const CrossSection& section,
                                      const gravity::Formula& formula, const gravity::FitResult& fit,
                                      const GeFlags& flags) {
  const Eigen::Index n = section.observed.flows.rows();
  const std::vector<std::string>& economies = section.observed.economies;
  const Eigen::MatrixXd fitted = PairMatrix(section, fit.fitted);
  Eigen::MatrixXd xb = Eigen::MatrixXd::Zero(n, n);
  for (const gravity::Term& term : formula.regressors) {
    const auto found = std::find_if(fit.coefficients.begin(), fit.coefficients.end(),
                                    [&](const gravity::Coefficient& c) { return c.name == term.Label(); });
    if (found == fit.coefficients.end()) continue;  // dropped as collinear: absorbed by the fixed effects
    Eigen::MatrixXd values = PolicyValues(data, section, term.column);
    if (term.log) values = values.array().log().matrix();
    xb += found->estimate * values;
  }
  Eigen::MatrixXd gamma = Eigen::MatrixXd::Constant(n, n, std::nan(""));
  int missing = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(fitted(i, i) > 0)) {
      throw Error(fmt::format("ge: --fill-costs: the estimate has no fitted internal flow for {}", economies[i]));
    }
    gamma(i, i) = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j) continue;
      if (fitted(i, j) > 0 && fitted(j, i) > 0) {
        gamma(i, j) = (std::log(fitted(i, j) * fitted(j, i) / (fitted(i, i) * fitted(j, j))) -
                       (xb(i, j) + xb(j, i) - xb(i, i) - xb(j, j))) / 2;
      } else {
        ++missing;
      }
    }
  }
  const gravity::Formula stage2 =
      gravity::ParseFormula("ge_pair_cost ~ " + flags.fill_costs + " | ge_exporter + ge_importer");
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
  std::vector<std::pair<Eigen::Index, Eigen::Index>> cells;
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
  const gravity::DataFrame pairs = gravity::ParseDataFrame(csv, "second stage of --fill-costs");
  gravity::FitOptions options;
  const gravity::FitResult second = gravity::Fit(pairs, stage2, options);
  if (!second.converged) Note("ge: warning: the second-stage PPML of --fill-costs did not converge");
  const auto effect = [&](const std::string& dimension, const std::string& level) {
    for (const gravity::FixedEffectValues& effects : second.fixed_effects) {
      if (effects.name != dimension) continue;
      for (std::size_t k = 0; k < effects.levels.size(); ++k) {
        if (effects.levels[k] == level) return effects.values[k];
      }
    }
    throw Error(fmt::format("ge: --fill-costs: {} has no pair with a fitted flow, so the second stage cannot "
                            "predict its trade costs",
                            level));
  };
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto [i, j] = cells[c];
    if (!std::isnan(gamma(i, j))) continue;
    double prediction = effect("ge_exporter", economies[i]) + effect("ge_importer", economies[j]);
    for (const gravity::Coefficient& coefficient : second.coefficients) {
      const auto term = std::find_if(stage2.regressors.begin(), stage2.regressors.end(),
                                     [&](const gravity::Term& t) { return t.Label() == coefficient.name; });
      double value = pairs.Find(term->column)->values[c];
      if (term->log) value = std::log(value);
      prediction += coefficient.estimate * value;
    }
    gamma(i, j) = prediction;
  }
  Note(fmt::format("ge: --fill-costs: {} pair{} with no fitted flow get trade costs from a second-stage PPML on {} "
                   "(book ch. 2, RTAsEffects)",
                   missing, missing == 1 ? "" : "s", flags.fill_costs));
  return gamma + xb;
}

struct Run {
  ge::Result result;
  ge::Options options;
  std::vector<std::pair<std::string, double>> coefficients;  // of the counterfactual variables
  std::string baseline_kind;
  std::optional<gravity::FitResult> fit;
};

ge::Options MakeOptions(const GeFlags& flags) {
  ge::Options options;
  if (flags.sigma && flags.theta) throw Error("ge: give --sigma or --theta, not both (theta = sigma - 1)");
  if (!flags.sigma && !flags.theta)
    throw Error("ge: give the elasticity: --sigma (substitution) or --theta (trade, = sigma - 1)");
  options.theta = flags.theta ? *flags.theta : *flags.sigma - 1.0;
  options.reference = flags.reference;
  options.imbalance = flags.imbalance == "additive" ? ge::Imbalance::kAdditive : ge::Imbalance::kMultiplicative;
  if (flags.method == "book") {
    // The book's do-file procedure with its own stop (docs/METHODS.md, "The book's procedure").
    options.method = ge::FullEndowmentMethod::kBookProcedure;
    options.tolerance = flags.tolerance.value_or(0.01);
  } else if (flags.stopping_rule == "book") {
    options.stopping_rule = ge::StoppingRule::kBookPrices;
    options.tolerance = flags.tolerance.value_or(0.01);
  } else {
    options.stopping_rule = ge::StoppingRule::kLogFlows;
    options.tolerance = flags.tolerance.value_or(1e-8);
  }
  options.max_iterations = flags.max_iterations;
  return options;
}

Run Execute(const GeFlags& flags) {
  Run run;
  run.options = MakeOptions(flags);
  const ge::Counterfactual counterfactual = ge::ParseCounterfactual(flags.counterfactual);
  // A counterfactual made only of bans needs no coefficient: the observed flows are then the baseline.
  const bool bans_only = counterfactual.Variables().empty();
  if (!flags.estimate.empty() && flags.beta) throw Error("ge: give --estimate FORMULA or --beta B, not both");
  if (flags.estimate.empty() && !flags.beta && !bans_only) {
    throw Error("ge: give either --estimate FORMULA (estimate the baseline by PPML) or --beta B with --policy VAR");
  }
  if (!flags.fill_costs.empty() && (flags.estimate.empty() || flags.baseline == "observed")) {
    throw Error("ge: --fill-costs completes the fitted baseline of --estimate; it has no use without them");
  }
  if (flags.beta && flags.policy.empty())
    throw Error("ge: --beta needs --policy (the variable the coefficient multiplies)");
  if (!flags.beta && !flags.policy.empty()) throw Error("ge: --policy goes with --beta");
  gravity::DataFrame data = gravity::ReadDataFrame(flags.file);
  const std::vector<std::uint8_t> year_mask = YearMask(data, flags);

  std::vector<std::string> wanted = counterfactual.Variables();
  std::optional<gravity::Formula> formula;
  if (!flags.estimate.empty()) {
    formula = gravity::ParseFormula(flags.estimate);
    for (const gravity::Term& term : formula->regressors) wanted.push_back(term.column);
    if (!flags.fill_costs.empty()) {
      for (const gravity::Term& term : gravity::ParseFormula("y ~ " + flags.fill_costs).regressors) {
        wanted.push_back(term.column);
      }
    }
  } else if (!flags.policy.empty()) {
    wanted.push_back(flags.policy);
  }
  AddDerivedColumns(data, wanted, flags);

  const std::string trade_column = formula ? formula->response.column : flags.trade;
  CrossSection section = BuildCrossSection(data, year_mask, trade_column, flags);
  const std::vector<std::string>& economies = section.observed.economies;

  std::vector<ge::PolicyVariable> variables;
  ge::Baseline baseline;
  run.baseline_kind = flags.baseline.empty() ? (formula ? "fitted" : "observed") : flags.baseline;
  if (formula) {
    gravity::FitOptions fit_options;
    fit_options.subset = EstimationRows(data, *formula, year_mask, flags);
    run.fit = gravity::Fit(data, *formula, fit_options);
    if (!run.fit->converged)
      Note("ge: warning: the PPML estimate did not converge; the baseline uses its last iterate");
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
      variables.push_back({name, found->estimate, PolicyValues(data, section, name)});
      run.coefficients.emplace_back(name, found->estimate);
    }
  } else if (flags.beta) {
    variables.push_back({flags.policy, *flags.beta, PolicyValues(data, section, flags.policy)});
    run.coefficients.emplace_back(flags.policy, *flags.beta);
    for (const std::string& name : counterfactual.Variables()) {
      if (name != flags.policy) {
        throw Error(fmt::format("ge: the counterfactual changes '{}' but --beta is the coefficient of --policy '{}'",
                                name, flags.policy));
      }
    }
  }

  if (run.baseline_kind == "fitted") {
    if (!run.fit) throw Error("ge: --baseline fitted needs --estimate (the fitted flows come from the PPML)");
    // The book's baseline: the PPML fitted flows of the GE year. Pairs the estimate left out (no trade in
    // any year of a pair fixed effect) get no flow; the biproportional fit restores the observed margins,
    // which the PPML first-order conditions already give when the year has its own fixed effects.
    Eigen::MatrixXd log_fitted = PairMatrix(section, run.fit->fitted);
    log_fitted = log_fitted.unaryExpr([](double value) {
      return std::isnan(value) || value <= 0 ? -std::numeric_limits<double>::infinity() : std::log(value);
    });
    if (!flags.fill_costs.empty() && (log_fitted.array() == -std::numeric_limits<double>::infinity()).any()) {
      log_fitted = SecondStageTradeCosts(data, section, *formula, *run.fit, flags);
    }
    baseline = ge::FitBaseline(section.observed, log_fitted);
  } else if (run.baseline_kind == "observed") {
    baseline = section.observed;
  } else {
    throw Error("ge: --baseline must be observed or fitted, got '" + run.baseline_kind + "'");
  }
  const Eigen::MatrixXd cost_change = ge::CounterfactualCostChange(counterfactual, economies, variables);
  run.result = ge::Simulate(baseline, cost_change, run.options);
  return run;
}

constexpr const char* kColumns[] = {"economy",
                                    "exports_change_cdl_pct",
                                    "exports_change_full_pct",
                                    "price_change_full_pct",
                                    "inward_mr_change_full_pct",
                                    "outward_mr_change_full_pct",
                                    "real_gdp_change_full_pct",
                                    "welfare_change_pct"};

std::vector<double> Values(const ge::EconomyResult& row) {
  return {row.exports_change_cdl_pct,    row.exports_change_full_pct,    row.price_change_full_pct,
          row.inward_mr_change_full_pct, row.outward_mr_change_full_pct, row.real_gdp_change_full_pct,
          row.welfare_change_pct};
}

std::string SolveSummary(std::string_view name, const ge::SolveInfo& info) {
  return fmt::format("ge: {} solve: {} iterations, final change {:.3g} ({}{})", name, info.iterations,
                     info.final_change, info.converged ? "converged" : "NOT CONVERGED",
                     info.damping < 1 ? fmt::format(", damping {}", info.damping) : "");
}

nlohmann::json SolveJson(const ge::SolveInfo& info) {
  return {{"iterations", info.iterations},
          {"final_change", info.final_change},
          {"converged", info.converged},
          {"damping", info.damping}};
}

void Report(const Run& run, const GeFlags& flags) {
  const std::vector<ge::EconomyResult>& rows = run.result.economies;
  std::string text;
  if (flags.format == "table") {
    std::vector<std::string> header(std::begin(kColumns), std::end(kColumns));
    std::vector<bool> right(header.size(), true);
    right[0] = false;
    TextTable table(header, right);
    for (const ge::EconomyResult& row : rows) {
      std::vector<std::string> cells = {row.economy};
      // Values below the printed precision show as 0.0000, never as -0.0000.
      for (const double value : Values(row))
        cells.push_back(fmt::format("{:.4f}", std::abs(value) < 5e-5 ? 0.0 : value));
      table.AddRow(std::move(cells));
    }
    text = table.Render("");
  } else if (flags.format == "csv") {
    for (const char* column : kColumns) text += (text.empty() ? "" : ",") + std::string(column);
    text += "\n";
    for (const ge::EconomyResult& row : rows) {
      text += CsvField(row.economy);
      for (const double value : Values(row)) text += fmt::format(",{:.17g}", value);
      text += "\n";
    }
  } else {
    nlohmann::json json;
    json["counterfactual"] = flags.counterfactual;
    json["theta"] = run.options.theta;
    json["sigma"] = run.options.theta + 1;
    json["reference"] = run.options.reference;
    json["baseline"] = run.baseline_kind;
    json["imbalance"] = flags.imbalance;
    json["method"] = flags.method;
    json["stopping_rule"] = flags.method == "book" ? "book-procedure" : flags.stopping_rule;
    json["tolerance"] = run.options.tolerance;
    if (flags.method == "book") {
      json["book_rounds"] = nlohmann::json::array();
      for (const ge::BookRoundSummary& round : run.result.book_rounds) {
        json["book_rounds"].push_back({{"mean", round.mean}, {"sd", round.sd}, {"min", round.min}, {"max", round.max}});
      }
    }
    for (const auto& [name, beta] : run.coefficients) json["coefficients"][name] = beta;
    json["conditional"] = SolveJson(run.result.conditional);
    json["full"] = SolveJson(run.result.full);
    json["economies"] = nlohmann::json::array();
    for (const ge::EconomyResult& row : rows) {
      nlohmann::json item;
      item[kColumns[0]] = row.economy;
      const std::vector<double> values = Values(row);
      for (std::size_t k = 0; k < values.size(); ++k) item[kColumns[k + 1]] = values[k];
      json["economies"].push_back(item);
    }
    text = json.dump(2) + "\n";
  }
  Emit(flags.out, text);
  if (flags.format != "json") {
    std::string coefficients;
    for (const auto& [name, beta] : run.coefficients) coefficients += fmt::format(" {} = {:.7g}", name, beta);
    if (coefficients.empty()) coefficients = ": none (bans only)";
    Note(fmt::format("ge: theta = {} (sigma = {}), reference {}, {} baseline, coefficient{}", run.options.theta,
                     run.options.theta + 1,
                     run.options.reference.empty() ? rows.front().economy : run.options.reference, run.baseline_kind,
                     coefficients));
    Note(SolveSummary("conditional", run.result.conditional));
    Note(SolveSummary("full-endowment", run.result.full));
  }
}

}  // namespace

void AddGeCommand(CLI::App& app) {
  auto flags = std::make_shared<GeFlags>();
  CLI::App* command = app.add_subcommand("ge", "General equilibrium on structural gravity (exact hat algebra)");
  command
      ->add_option("file", flags->file, "CSV with exporter, importer, trade (incl. domestic flows) and policy columns")
      ->required();
  command
      ->add_option("--counterfactual", flags->counterfactual,
                   "e.g. 'intl_brdr = 0', 'rta = 0 where exporter in (CAN,MEX,USA) and importer in (CAN,MEX,USA)', "
                   "'ban where exporter == RUS and importer != RUS'")
      ->required();
  command->add_option("--year", flags->year, "the cross-section to simulate (rows with this year)");
  command->add_option("--year-column", flags->year_column, "column holding the year (default year)");
  command->add_option("--exporter", flags->exporter, "exporter column (default exporter)");
  command->add_option("--importer", flags->importer, "importer column (default importer)");
  command->add_option("--trade", flags->trade, "trade column for --beta (default trade; --estimate uses the response)");
  command->add_option("--sigma", flags->sigma, "elasticity of substitution (theta = sigma - 1)");
  command->add_option("--theta", flags->theta, "trade elasticity (instead of --sigma)");
  command->add_option("--reference", flags->reference,
                      "economy whose inward resistance is the numeraire (default: first)");
  command->add_option("--estimate", flags->estimate,
                      "PPML formula for the baseline, e.g. 'trade ~ ln_dist + cntg + intl_brdr | exporter + importer'");
  command->add_option("--estimate-subset", flags->estimate_subset,
                      "rows to estimate on (gravity subset syntax; default: the --year rows, or all rows when a "
                      "fixed effect involves the year)");
  command->add_option("--beta", flags->beta, "given coefficient of --policy (ge_gravity form)");
  command->add_option("--policy", flags->policy, "the policy variable --beta multiplies");
  command
      ->add_option("--baseline", flags->baseline,
                   "observed or fitted flows (default: fitted with --estimate, observed with --beta)")
      ->check(CLI::IsMember({"observed", "fitted"}));
  command->add_option("--imbalance", flags->imbalance, "multiplicative (default) or additive trade imbalances")
      ->check(CLI::IsMember({"multiplicative", "additive"}));
  command->add_option("--fill-costs", flags->fill_costs,
                      "with --estimate and pair fixed effects: regressors of the book's second-stage PPML that gives "
                      "trade costs to pairs with no fitted flow, e.g. 'ln_dist + cntg + lang + clny'");
  command
      ->add_option("--method", flags->method,
                   "equilibrium (default: solve market clearing to the stopping rule) or book (the book's do-file "
                   "procedure and stop, which reproduces its printed numbers; multiplicative imbalances only)")
      ->check(CLI::IsMember({"equilibrium", "book"}));
  command
      ->add_option("--stopping-rule", flags->stopping_rule,
                   "log-flows (default: max change in log flows, ge_gravity) or book (sd and max change in prices)")
      ->check(CLI::IsMember({"log-flows", "book"}));
  command->add_option("--tolerance", flags->tolerance,
                      "stopping tolerance (default 1e-8 for log-flows, 0.01 for the book rule and --method book)");
  command->add_option("--max-iterations", flags->max_iterations, "iteration limit of each solve (default 100000)");
  command->add_option("--format", flags->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  command->add_option("--out", flags->out, "write to this file instead of stdout");
  command->callback([flags] { Report(Execute(*flags), *flags); });
}

}  // namespace tradeshock::cli
