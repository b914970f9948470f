// What a code or name means to tradeshock: LookUpCode (include/tradeshock/reference.h), the `lookup` command.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>

#include "tradeshock/reference.h"

namespace tradeshock {

namespace {

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

}  // namespace

std::vector<CodeMatch> LookUpCode(const Reference& reference, const std::string& query) {
  std::vector<CodeMatch> matches;
  if (const Economy* economy = reference.FindEconomy(query)) {
    CodeMatch match{query, std::string(EconomyKindText(economy->kind)), economy->code, economy->name, {}};
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
    CodeMatch match{query, std::string(HsKindText(entry->level)), entry->code, entry->description, {}};
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

}  // namespace tradeshock
