// tradeshock claims: checks a case's numeric claims against its data and prints the verdicts, the readings
// used and the claims that cannot all hold together. A contradicted claim is a result, not an error: the
// exit code is 0 whenever the check ran. All checking is in the library (tradeshock/case.h, claims.h).
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "case_output.h"
#include "commands.h"
#include "output.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/error.h"
#include "tradeshock/result_json.h"

namespace tradeshock::cli {
namespace {

struct ClaimsFlags {
  std::string case_dir;
  std::string claims;
  std::string currency = "USD";
  std::string format = "table";
  std::string out;
  std::int64_t max_inflated_bytes = 0;
  bool allow_outside_case = false;
};

std::string Shortened(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars > max_chars) return text.substr(0, i) + "...";
  }
  return text;
}

std::string Stated(const ClaimResult& result) { return StatedInWords(result.comparison, result.stated); }

std::string Computed(const ClaimResult& result) {
  if (!result.computed) return "-";
  return FormatClaimQuantity(result.metric, *result.computed, result.used.currency);
}

std::string RenderTable(const ClaimsReport& report) {
  TextTable table({"id", "claim", "verdict", "stated", "computed", "reading"},
                  {false, false, false, false, true, false});
  for (const ClaimResult& result : report.results) {
    table.AddRow({result.id, Shortened(result.text, 48), std::string(ToString(result.verdict)), Stated(result),
                  Computed(result), result.used.label});
  }
  std::string out = fmt::format("{} claims: {}\n\n", report.results.size(), VerdictCounts(report));
  out += table.Render();
  out += "\ndetails:\n";
  for (const ClaimResult& result : report.results) {
    out += fmt::format("  {} [{}]: {}\n", result.id, ToString(result.verdict), result.message);
    for (const std::string& note : result.notes) out += fmt::format("      note: {}\n", note);
    if (result.used.projection) {
      out += fmt::format("      projection: {}\n", result.used.projection->description);
    }
  }
  out += "\nthe article's own figures disagree:\n";
  if (report.inconsistencies.empty()) out += "  none found\n";
  for (const ClaimInconsistency& inconsistency : report.inconsistencies) {
    out += fmt::format("  {}: {}\n", fmt::join(inconsistency.claim_ids, " + "), inconsistency.explanation);
  }
  return out;
}

std::string RenderCsv(const ClaimsReport& report) {
  std::string out = "id,status,verdict,comparison,stated,computed,currency,reading,message\n";
  for (const ClaimResult& result : report.results) {
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", CsvField(result.id), ToString(result.status),
                       CsvField(std::string(ToString(result.verdict))), ToString(result.comparison),
                       CsvField(result.stated), result.computed ? fmt::format("{}", *result.computed) : "",
                       result.used.currency, CsvField(result.used.label), CsvField(result.message));
  }
  for (const ClaimInconsistency& inconsistency : report.inconsistencies) {
    out += fmt::format("{},inconsistent,the article's own figures disagree,,,,,,{}\n",
                       CsvField(fmt::format("{}", fmt::join(inconsistency.claim_ids, "+"))),
                       CsvField(inconsistency.explanation));
  }
  return out;
}

void Run(const ClaimsFlags& flags) {
  const Reference& reference = Reference::Default();
  ReadOptions read_options;
  read_options.max_inflated_bytes = flags.max_inflated_bytes;
  read_options.allow_outside_case = flags.allow_outside_case;
  Case c = LoadCase(flags.case_dir, reference, read_options);
  if (!flags.claims.empty()) {
    c.claims = ReadClaimsFile(flags.claims);
    c.files.claims = flags.claims;
  }
  if (!c.claims) throw Error(fmt::format("no claims: '{}' holds no claims.toml; give --claims FILE", flags.case_dir));
  CaseAnalysisOptions options;
  options.currency = flags.currency;
  const ClaimsReport report = *CheckCaseClaims(c, reference, options);
  std::string content;
  if (flags.format == "json") {
    content = ToJson(report, c.table).dump(2) + "\n";
  } else if (flags.format == "csv") {
    content = RenderCsv(report);
  } else {
    content = RenderTable(report);
  }
  Emit(flags.out, content);
}

}  // namespace

void AddClaimsCommand(CLI::App& app) {
  auto flags = std::make_shared<ClaimsFlags>();
  CLI::App* command = app.add_subcommand(
      "claims",
      "check a case's numeric claims (claims.toml) against its data; exit code 0 even when claims are "
      "contradicted");
  command->add_option("case_dir", flags->case_dir, "a case folder (data *.csv, claims.toml, scenario.toml)")
      ->required();
  command->add_option("--claims", flags->claims, "claims file (TOML); default: the case folder's claims.toml");
  AddCurrencyOption(*command, flags->currency, "currency of projections (ISO 4217)");
  command->add_option("--format", flags->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("--out", flags->out, "write the result to this file (atomically) instead of stdout");
  AddMaxInflatedBytesOption(*command, flags->max_inflated_bytes);
  AddAllowOutsideCaseFlag(*command, flags->allow_outside_case);
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
