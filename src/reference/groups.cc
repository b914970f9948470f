// Country groups (data/reference/groups.csv) and named product groups (data/reference/product_groups.csv).
#include <fmt/format.h>

#include <algorithm>

#include "reference/csv_file.h"
#include "reference/reference_impl.h"
#include "tradeshock/error.h"

namespace tradeshock::reference_internal {

// groups.csv: one row per member, `group,name,member,member_from,member_until,as_of,source`; a group's rows
// agree on name, as_of and source. Members must be ISO 3166-1 alpha-3 codes; member_from and member_until,
// when given, are the first and last days of membership (YYYY-MM-DD).
void LoadGroups(const std::filesystem::path& path, Reference::Impl& impl) {
  const CsvFile csv = CsvFile::Read(path);
  const std::size_t group_column = csv.Column("group");
  const std::size_t name_column = csv.Column("name");
  const std::size_t member_column = csv.Column("member");
  const std::size_t as_of_column = csv.Column("as_of");
  const std::size_t from_column = csv.Column("member_from");
  const std::size_t until_column = csv.Column("member_until");
  const std::size_t source_column = csv.Column("source");
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    const std::string_view code = csv.at(row, group_column);
    const std::string_view member = csv.at(row, member_column);
    const std::string_view name = csv.at(row, name_column);
    const std::string_view as_of = csv.at(row, as_of_column);
    const std::string_view source = csv.at(row, source_column);
    if (code.empty()) csv.Fail(csv.line(row), "empty group code");
    const auto country = impl.economy_index.find(EconomyKey(member));
    if (country == impl.economy_index.end() || country->second->kind != EconomyKind::kCountry ||
        country->second->code != member) {
      csv.Fail(csv.line(row), fmt::format("member '{}' of {} is not an ISO 3166-1 alpha-3 code", member, code));
    }
    const std::string_view from = csv.at(row, from_column);
    const std::string_view until = csv.at(row, until_column);
    for (const auto& [key, day] :
         {std::pair{"as_of", as_of}, std::pair{"member_from", from}, std::pair{"member_until", until}}) {
      const bool optional = day.empty() && key[0] == 'm';
      if (!optional && (day.size() != 10 || day[4] != '-' || day[7] != '-')) {
        csv.Fail(csv.line(row), fmt::format("{} '{}' is not YYYY-MM-DD", key, day));
      }
    }
    if (!from.empty() && !until.empty() && until < from) {
      csv.Fail(csv.line(row), fmt::format("member_until {} is before member_from {}", until, from));
    }
    auto [position, inserted] = impl.group_index.emplace(std::string(code), impl.groups.size());
    if (inserted) {
      CountryGroup group;
      group.code = code;
      group.name = name;
      group.as_of = as_of;
      group.source = source;
      impl.groups.push_back(std::move(group));
    }
    CountryGroup& group = impl.groups[position->second];
    if (group.name != name || group.as_of != as_of || group.source != source) {
      csv.Fail(csv.line(row), fmt::format("name, as_of and source of {} differ from its first row", code));
    }
    for (const Membership& existing : group.history) {
      if (existing.member == member) csv.Fail(csv.line(row), fmt::format("{} is listed twice in {}", member, code));
    }
    Membership membership{std::string(member), std::string(from), std::string(until)};
    if (membership.On(group.as_of)) group.members.emplace_back(member);
    group.history.push_back(std::move(membership));
  }
  for (const CountryGroup& group : impl.groups) {
    Economy economy;
    economy.code = group.code;
    economy.name = group.name;
    economy.kind = EconomyKind::kGroup;
    impl.economies.push_back(std::move(economy));
    const Economy* added = &impl.economies.back();
    if (!impl.economy_index.emplace(EconomyKey(group.code), added).second) {
      throw Error(
          fmt::format("reference file '{}': group code {} is already an economy code", path.string(), group.code));
    }
    impl.economy_index.emplace(EconomyKey(group.name), added);
  }
}

// economy_aliases.csv: `alias,economy,note`. An alias must not already name another economy.
void LoadAliases(const std::filesystem::path& path, Reference::Impl& impl) {
  const CsvFile csv = CsvFile::Read(path);
  const std::size_t alias_column = csv.Column("alias");
  const std::size_t economy_column = csv.Column("economy");
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    const std::string_view alias = csv.at(row, alias_column);
    const std::string_view target = csv.at(row, economy_column);
    const auto economy = impl.economy_index.find(EconomyKey(target));
    if (alias.empty()) csv.Fail(csv.line(row), "empty alias");
    if (economy == impl.economy_index.end() || economy->second->code != target) {
      csv.Fail(csv.line(row), fmt::format("'{}' is not the code of a country, region or group", target));
    }
    const auto [existing, inserted] = impl.economy_index.emplace(EconomyKey(alias), economy->second);
    if (!inserted && existing->second != economy->second) {
      csv.Fail(csv.line(row), fmt::format("'{}' already names {}", alias, existing->second->code));
    }
  }
}

// economy_names_in_text.csv: `economy,in_text,note`: how a sentence names an economy ("the United States").
void LoadNamesInText(const std::filesystem::path& path, Reference::Impl& impl) {
  const CsvFile csv = CsvFile::Read(path);
  const std::size_t economy_column = csv.Column("economy");
  const std::size_t text_column = csv.Column("in_text");
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    const std::string_view code = csv.at(row, economy_column);
    const std::string_view text = csv.at(row, text_column);
    const auto economy =
        std::find_if(impl.economies.begin(), impl.economies.end(), [&](const Economy& e) { return e.code == code; });
    if (economy == impl.economies.end()) {
      csv.Fail(csv.line(row), fmt::format("'{}' is not the code of a country, region or group", code));
    }
    if (text.empty()) csv.Fail(csv.line(row), fmt::format("empty name in text for {}", code));
    economy->name_in_text = text;
  }
}

// product_groups.csv: one row per HS code, `group,name,hs_code,source`. Every code must be an HS
// chapter, heading or subheading, so LoadHs runs first.
void LoadProductGroups(const std::filesystem::path& path, Reference::Impl& impl) {
  const CsvFile csv = CsvFile::Read(path);
  const std::size_t group_column = csv.Column("group");
  const std::size_t name_column = csv.Column("name");
  const std::size_t hs_column = csv.Column("hs_code");
  const std::size_t source_column = csv.Column("source");
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    const std::string_view code = csv.at(row, group_column);
    const std::string_view hs_code = csv.at(row, hs_column);
    const std::string_view name = csv.at(row, name_column);
    const std::string_view source = csv.at(row, source_column);
    if (code.empty()) csv.Fail(csv.line(row), "empty product group code");
    const auto entry = impl.hs_index.find(std::string(hs_code));
    if (entry == impl.hs_index.end() || entry->second->level < 2) {
      csv.Fail(csv.line(row), fmt::format("'{}' in {} is not an HS chapter, heading or subheading", hs_code, code));
    }
    auto [position, inserted] = impl.product_group_index.emplace(std::string(code), impl.product_groups.size());
    if (inserted) {
      ProductGroup group;
      group.code = code;
      group.name = name;
      group.source = source;
      impl.product_groups.push_back(std::move(group));
    }
    ProductGroup& group = impl.product_groups[position->second];
    if (group.name != name || group.source != source) {
      csv.Fail(csv.line(row), fmt::format("name and source of {} differ from its first row", code));
    }
    // Overlapping codes would count the same trade twice when a group is summed.
    for (const std::string& existing : group.hs_codes) {
      if (existing.starts_with(hs_code) || hs_code.starts_with(existing)) {
        csv.Fail(csv.line(row), fmt::format("{} overlaps {} in {}", hs_code, existing, code));
      }
    }
    group.hs_codes.emplace_back(hs_code);
  }
}

}  // namespace tradeshock::reference_internal
