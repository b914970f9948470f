// tradeshock lookup CODE...: what a code means to tradeshock (economy, group, HS code, product group,
// currency), with its canonical code and name.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "output.h"
#include "tradeshock/error.h"
#include "tradeshock/reference.h"

namespace tradeshock::cli {
namespace {

struct LookupFlags {
  std::vector<std::string> codes;
  std::string format = "table";
  std::string out;
};

struct Match {
  std::string query;
  std::string kind;
  std::string code;
  std::string name;
  std::string detail;
};

std::string_view EconomyKindText(EconomyKind kind) {
  switch (kind) {
    case EconomyKind::kCountry:
      return "country";
    case EconomyKind::kSubdivision:
      return "region";
    case EconomyKind::kGroup:
      return "country group";
    case EconomyKind::kWorld:
      return "world";
  }
  return "economy";
}

std::string_view HsKindText(int level) {
  switch (level) {
    case 0:
      return "all products";
    case 1:
      return "HS section";
    case 2:
      return "HS chapter";
    case 4:
      return "HS heading";
    default:
      return "HS subheading";
  }
}

std::vector<Match> Find(const Reference& reference, const std::string& query) {
  std::vector<Match> matches;
  if (const Economy* economy = reference.FindEconomy(query)) {
    Match match{query, std::string(EconomyKindText(economy->kind)), economy->code, economy->name, {}};
    if (const CountryGroup* group = reference.FindGroup(economy->code)) {
      match.detail =
          fmt::format("{} members as of {}: {}", group->members.size(), group->as_of, fmt::join(group->members, " "));
    } else if (economy->kind == EconomyKind::kSubdivision) {
      match.detail = fmt::format("region of {}", economy->country);
    } else if (economy->kind == EconomyKind::kCountry) {
      match.detail = fmt::format("alpha-2 {}, numeric {}", economy->alpha2, economy->numeric);
    }
    matches.push_back(std::move(match));
  }
  if (const HsEntry* entry = reference.FindHs(query)) {
    Match match{query, std::string(HsKindText(entry->level)), entry->code, entry->description, {}};
    if (entry->level >= 2) match.detail = fmt::format("section {}", entry->section);
    matches.push_back(std::move(match));
  }
  if (const ProductGroup* group = reference.FindProductGroup(query)) {
    matches.push_back({query, "product group", group->code, group->name,
                       fmt::format("HS {} ({})", fmt::join(group->hs_codes, " "), group->source)});
  }
  if (reference.IsCurrency(query)) {
    std::string upper = query;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    matches.push_back({query, "currency", upper, reference.CurrencyName(upper), {}});
  }
  return matches;
}

void Run(const LookupFlags& flags) {
  const Reference& reference = Reference::Default();
  std::vector<Match> matches;
  std::vector<std::string> unknown;
  for (const std::string& code : flags.codes) {
    std::vector<Match> found = Find(reference, code);
    if (found.empty()) unknown.push_back(code);
    matches.insert(matches.end(), found.begin(), found.end());
  }
  std::string content;
  if (flags.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const Match& match : matches) {
      list.push_back({{"query", match.query},
                      {"kind", match.kind},
                      {"code", match.code},
                      {"name", match.name},
                      {"detail", match.detail}});
    }
    content = list.dump(2) + "\n";
  } else if (flags.format == "csv") {
    content = "query,kind,code,name,detail\n";
    for (const Match& match : matches) {
      content += fmt::format("{},{},{},{},{}\n", CsvField(match.query), CsvField(match.kind), CsvField(match.code),
                             CsvField(match.name), CsvField(match.detail));
    }
  } else {
    TextTable table({"query", "kind", "code", "name"}, {false, false, false, false});
    for (const Match& match : matches) table.AddRow({match.query, match.kind, match.code, match.name});
    content = table.Render("");
    for (const Match& match : matches) {
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
