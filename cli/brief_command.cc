// tradeshock brief: a case folder in, brief.md, brief.html and brief.json out, and a short summary on
// stdout. The analysis is the library's (case.h) and the rendering too (report.h).
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string>

#include "case_options.h"
#include "commands.h"
#include "output.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/claims.h"
#include "tradeshock/error.h"
#include "tradeshock/report.h"
#include "tradeshock/scenario.h"

namespace tradeshock::cli {
namespace {

struct BriefFlags {
  std::string case_dir;
  std::string out;
  std::string currency = "USD";
  std::string scenario;  // replaces the case folder's scenario.toml
  std::string claims;    // replaces the case folder's claims.toml
  std::string period;    // the base period; default: the last full year before the first policy
  std::string baci_codes;
  std::int64_t max_inflated_bytes = 0;
  bool allow_outside_case = false;
  CaseDataFlags data;
};

void Run(const BriefFlags& flags) {
  namespace fs = std::filesystem;
  const Reference& reference = Reference::Default();
  StageTimer timer;
  ReadOptions read_options;
  read_options.baci_country_codes = flags.baci_codes;
  read_options.max_inflated_bytes = flags.max_inflated_bytes;
  read_options.allow_outside_case = flags.allow_outside_case;
  CaseAnalysisOptions options;
  options.currency = flags.currency;
  options.Validate(reference);  // a bad flag is reported before any data are read
  if (!flags.period.empty()) options.base_period = ParsePeriodFlag(flags.period, "--period");
  CaseSource source;
  source.paths = {flags.case_dir};
  source.scenario = flags.scenario;
  source.claims = flags.claims;
  source.folder_only = true;
  const Case loaded = LoadCaseFrom(source, reference, read_options, ParseMirrorImports(flags.data.mirror_imports));
  timer.Lap(loaded.mirror_rows_begin ? "read and mirror imports" : "read");
  const CaseAnalysis analysis = AnalyseCase(loaded, reference, options);
  timer.Lap("analysis");
  fs::path out_dir = flags.out;
  if (out_dir.empty()) {
    // out/<case folder name>/, also for "data/cases/xinjiang-2021/" with its trailing slash.
    const fs::path case_path = fs::path(flags.case_dir).lexically_normal();
    const std::string name =
        case_path.filename().empty() ? case_path.parent_path().filename().string() : case_path.filename().string();
    out_dir = fs::path("out") / name;
  }
  const BriefPaths paths = WriteBrief(analysis, loaded.table, reference, out_dir);
  timer.Lap("write brief");
  fmt::print("{}\n", BriefSummary(analysis, reference));
  fmt::print("  brief.md    {}\n  brief.html  {}\n  brief.json  {}\n", paths.markdown.string(), paths.html.string(),
             paths.json.string());
  if (flags.data.timings) Note(timer.Summary());
}

}  // namespace

void AddBriefCommand(CLI::App& app) {
  auto flags = std::make_shared<BriefFlags>();
  CLI::App* command = app.add_subcommand(
      "brief", "write a case's brief: brief.md, a self-contained brief.html with charts, and brief.json");
  command->add_option("CASE_DIR", flags->case_dir, "case folder: data files (*.csv), scenario.toml, claims.toml")
      ->required();
  command->add_option("--out", flags->out, "output folder (default: out/<case folder name>)");
  AddCurrencyOption(*command, flags->currency, "currency of every value (ISO 4217)");
  command->add_option("--scenario", flags->scenario, "scenario file (TOML); default: the case folder's scenario.toml");
  command->add_option("--claims", flags->claims, "claims file (TOML); default: the case folder's claims.toml");
  command->add_option("--period", flags->period,
                      "base period of the description and exposure (2020); default: the last full year before the "
                      "first policy");
  AddBaciCodesOption(*command, flags->baci_codes);
  AddMaxInflatedBytesOption(*command, flags->max_inflated_bytes);
  AddAllowOutsideCaseFlag(*command, flags->allow_outside_case);
  AddCaseDataFlags(*command, flags->data);
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
