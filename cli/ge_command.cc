// tradeshock ge DATA.csv --counterfactual "...": general equilibrium on structural gravity. Two forms:
//  --estimate FORMULA  estimate the baseline by PPML (the Advanced Guide, ch. 2) and use its fitted flows
//                      and coefficients;
//  --beta B --policy V the ge_gravity form: observed flows and a given coefficient of the policy variable.
// The workflow (reading the panel, the estimate, the baseline, the solve) is the library's RunGeOnPanel
// (include/tradeshock/ge_panel.h); this file turns flags into GePanelOptions and formats the result.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "output.h"
#include "tradeshock/error.h"
#include "tradeshock/ge.h"
#include "tradeshock/ge_panel.h"
#include "tradeshock/result_json.h"

namespace tradeshock::cli {
namespace {

// The flags: the library's options plus what only the command line decides (the enum options as typed, parsed by
// ge::Parse*; the output format and file).
struct GeFlags {
  GePanelOptions options = GePanelOptions::Defaults();
  std::string imbalance{ge::ToString(ge::Imbalance::kMultiplicative)};
  std::string stopping_rule{ge::ToString(ge::StoppingRule::kLogFlows)};
  std::string method{ge::ToString(ge::FullEndowmentMethod::kFixedPoint)};
  std::string format = "table";
  std::string out;
};

GePanelOptions ToOptions(const GeFlags& flags) {
  GePanelOptions options = flags.options;
  options.imbalance = ge::ParseImbalance(flags.imbalance, "--imbalance");
  options.method = ge::ParseFullEndowmentMethod(flags.method, "--method");
  options.stopping_rule = ge::ParseStoppingRule(flags.stopping_rule, "--stopping-rule");
  options.note = [](std::string_view text) { Note(text); };
  return options;
}

// A flag whose words the library names: a word it does not parse is a usage error with the library's message.
template <typename Enum>
CLI::Validator LibraryWords(Enum (*parse)(std::string_view, std::string_view), std::string option) {
  return CLI::Validator(
      [parse, option](const std::string& text) {
        try {
          parse(text, option);
          return std::string();
        } catch (const Error& error) {
          // CLI11 puts the option's name in front: "--imbalance: must be multiplicative or additive, got 'x'".
          std::string message = error.what();
          const std::string prefix = "ge: " + option + " ";
          return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
        }
      },
      "");
}

std::string SolveSummary(std::string_view name, const ge::SolveInfo& info) {
  return fmt::format("ge: {} solve: {} iterations, final change {:.3g} ({}{})", name, info.iterations,
                     info.final_change, info.converged ? "converged" : "NOT CONVERGED",
                     info.damping < 1 ? fmt::format(", damping {}", info.damping) : "");
}

void Report(const GePanelResult& run, const GePanelOptions& options, const GeFlags& flags) {
  const std::vector<ge::EconomyResult>& rows = run.result.economies;
  const std::vector<std::string>& columns = GeEconomyColumns();
  std::string text;
  if (flags.format == "table") {
    std::vector<bool> right(columns.size(), true);
    right[0] = false;
    TextTable table(columns, right);
    for (const ge::EconomyResult& row : rows) {
      std::vector<std::string> cells = {row.economy};
      // Values below the printed precision show as 0.0000, never as -0.0000.
      for (const double value : GeEconomyValues(row))
        cells.push_back(fmt::format("{:.4f}", std::abs(value) < 5e-5 ? 0.0 : value));
      table.AddRow(std::move(cells));
    }
    text = table.Render("");
  } else if (flags.format == "csv") {
    for (const std::string& column : columns) text += (text.empty() ? "" : ",") + column;
    text += "\n";
    for (const ge::EconomyResult& row : rows) {
      text += CsvField(row.economy);
      for (const double value : GeEconomyValues(row)) text += fmt::format(",{:.17g}", value);
      text += "\n";
    }
  } else {
    text = ToJson(run, options).dump(2) + "\n";
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
      ->check(LibraryWords(&ge::ParseImbalance, "--imbalance"));
  command->add_option("--fill-costs", flags->options.fill_costs,
                      "with --estimate and pair fixed effects: regressors of the book's second-stage PPML that gives "
                      "trade costs to pairs with no fitted flow, e.g. 'ln_dist + cntg + lang + clny'");
  command
      ->add_option("--method", flags->method,
                   "equilibrium (default: solve market clearing to the stopping rule) or book (the book's do-file "
                   "procedure and stop, which reproduces its printed numbers; multiplicative imbalances only)")
      ->check(LibraryWords(&ge::ParseFullEndowmentMethod, "--method"));
  command
      ->add_option("--stopping-rule", flags->stopping_rule,
                   "log-flows (default: max change in log flows, ge_gravity) or book (sd and max change in prices)")
      ->check(LibraryWords(&ge::ParseStoppingRule, "--stopping-rule"));
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
  command->callback([flags] {
    const GePanelOptions options = ToOptions(*flags);
    Report(RunGeOnPanel(options), options, *flags);
  });
}

}  // namespace tradeshock::cli
