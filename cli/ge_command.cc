// tradeshock ge DATA.csv --counterfactual "...": general equilibrium on structural gravity. Two forms:
//  --estimate FORMULA  estimate the baseline by PPML (the Advanced Guide, ch. 2) and use its fitted flows
//                      and coefficients;
//  --beta B --policy V the ge_gravity form: observed flows and a given coefficient of the policy variable.
// The workflow (reading the panel, the estimate, the baseline, the solve) is the library's RunGeOnPanel
// (include/tradeshock/ge_panel.h); this file turns flags into GePanelOptions and formats the result.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.h"
#include "output.h"
#include "tradeshock/error.h"
#include "tradeshock/ge.h"
#include "tradeshock/ge_panel.h"

namespace tradeshock::cli {
namespace {

// The flags: the library's options plus what only the command line decides (names of the enum values as
// typed, for the JSON; the output format and file).
struct GeFlags {
  GePanelOptions options = GePanelOptions::Defaults();
  std::string imbalance = "multiplicative";
  std::string stopping_rule = "log-flows";
  std::string method = "equilibrium";  // equilibrium | book
  std::string format = "table";
  std::string out;
};

GePanelOptions ToOptions(const GeFlags& flags) {
  GePanelOptions options = flags.options;
  options.imbalance = flags.imbalance == "additive" ? ge::Imbalance::kAdditive : ge::Imbalance::kMultiplicative;
  options.method =
      flags.method == "book" ? ge::FullEndowmentMethod::kBookProcedure : ge::FullEndowmentMethod::kFixedPoint;
  options.stopping_rule = flags.stopping_rule == "book" ? ge::StoppingRule::kBookPrices : ge::StoppingRule::kLogFlows;
  options.note = [](std::string_view text) { Note(text); };
  return options;
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

void Report(const GePanelResult& run, const GeFlags& flags) {
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
    json["counterfactual"] = flags.options.counterfactual;
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
      ->add_option("file", flags->options.panel.file,
                   "CSV with exporter, importer, trade (incl. domestic flows) and policy columns")
      ->required();
  command
      ->add_option("--counterfactual", flags->options.counterfactual,
                   "e.g. 'intl_brdr = 0', 'rta = 0 where exporter in (CAN,MEX,USA) and importer in (CAN,MEX,USA)', "
                   "'ban where exporter == RUS and importer != RUS'")
      ->required();
  command->add_option("--year", flags->options.panel.year, "the cross-section to simulate (rows with this year)");
  command->add_option("--year-column", flags->options.panel.year_column, "column holding the year (default year)");
  command->add_option("--exporter", flags->options.panel.exporter, "exporter column (default exporter)");
  command->add_option("--importer", flags->options.panel.importer, "importer column (default importer)");
  command->add_option("--trade", flags->options.panel.trade,
                      "trade column for --beta (default trade; --estimate uses the response)");
  command->add_option("--sigma", flags->options.sigma, "elasticity of substitution (theta = sigma - 1)");
  command->add_option("--theta", flags->options.theta, "trade elasticity (instead of --sigma)");
  command->add_option("--reference", flags->options.reference,
                      "economy whose inward resistance is the numeraire (default: first)");
  command->add_option("--estimate", flags->options.estimate,
                      "PPML formula for the baseline, e.g. 'trade ~ ln_dist + cntg + intl_brdr | exporter + importer'");
  command->add_option("--estimate-subset", flags->options.estimate_subset,
                      "rows to estimate on (gravity subset syntax; default: the --year rows, or all rows when a "
                      "fixed effect involves the year)");
  command->add_option("--beta", flags->options.beta, "given coefficient of --policy (ge_gravity form)");
  command->add_option("--policy", flags->options.policy, "the policy variable --beta multiplies");
  command
      ->add_option("--baseline", flags->options.baseline,
                   "observed or fitted flows (default: fitted with --estimate, observed with --beta)")
      ->check(CLI::IsMember({"observed", "fitted"}));
  command->add_option("--imbalance", flags->imbalance, "multiplicative (default) or additive trade imbalances")
      ->check(CLI::IsMember({"multiplicative", "additive"}));
  command->add_option("--fill-costs", flags->options.fill_costs,
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
  GePanelOptions book = GePanelOptions::Defaults();
  book.method = ge::FullEndowmentMethod::kBookProcedure;
  command->add_option("--tolerance", flags->options.tolerance,
                      fmt::format("stopping tolerance (default {:g} for log-flows, {:g} for the book rule and --method "
                                  "book)",
                                  GePanelOptions::Defaults().DefaultTolerance(), book.DefaultTolerance()));
  command->add_option(
      "--max-iterations", flags->options.max_iterations,
      fmt::format("iteration limit of each solve (default {})", GePanelOptions::Defaults().max_iterations));
  command->add_option("--format", flags->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  command->add_option("--out", flags->out, "write to this file instead of stdout");
  command->callback([flags] { Report(RunGeOnPanel(ToOptions(*flags)), *flags); });
}

}  // namespace tradeshock::cli
