// tradeshock lookup CODE...: what a code means to tradeshock (economy, group, HS code, product group,
// currency), with its canonical code and name.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "output.h"
#include "tradeshock/error.h"
#include "tradeshock/reference.h"
#include "tradeshock/result_json.h"

namespace tradeshock::cli {
namespace {

struct LookupFlags {
  std::vector<std::string> codes;
  std::string format = "table";
  std::string out;
};

void Run(const LookupFlags& flags) {
  const Reference& reference = Reference::Default();
  std::vector<CodeMatch> matches;
  std::vector<std::string> unknown;
  for (const std::string& code : flags.codes) {
    std::vector<CodeMatch> found = LookUpCode(reference, code);
    if (found.empty()) unknown.push_back(code);
    matches.insert(matches.end(), found.begin(), found.end());
  }
  std::string content;
  if (flags.format == "json") {
    content = ToJson(matches).dump(2) + "\n";
  } else if (flags.format == "csv") {
    content = "query,kind,code,name,detail\n";
    for (const CodeMatch& match : matches) {
      content += fmt::format("{},{},{},{},{}\n", CsvField(match.query), CsvField(match.kind), CsvField(match.code),
                             CsvField(match.name), CsvField(match.detail));
    }
  } else {
    TextTable table({"query", "kind", "code", "name"}, {false, false, false, false});
    for (const CodeMatch& match : matches) table.AddRow({match.query, match.kind, match.code, match.name});
    content = table.Render("");
    for (const CodeMatch& match : matches) {
      if (!match.detail.empty()) content += fmt::format("{}: {}\n", match.code, match.detail);
    }
  }
  if (!matches.empty()) Emit(flags.out, content);
  if (!unknown.empty()) {
    std::vector<std::string> quoted;
    for (const std::string& code : unknown) quoted.push_back(fmt::format("'{}'", Printable(code)));
    throw Error(fmt::format("unknown code{} {}: not an economy, country group, HS code, product group or currency",
                            unknown.size() == 1 ? "" : "s", fmt::join(quoted, ", ")));
  }
}

}  // namespace

void AddLookupCommand(CLI::App& app) {
  auto flags = std::make_shared<LookupFlags>();
  CLI::App* command =
      app.add_subcommand("lookup", "resolve codes: economies, regions, groups, HS codes, product groups, currencies");
  command->add_option("codes", flags->codes, "codes or names (USA, 156, CN-XJ, EU27, 6109, CN-CLOTHING, CNY)")
      ->required();
  command->add_option("--format", flags->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("--out", flags->out, "write the result to this file (atomically) instead of stdout");
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
