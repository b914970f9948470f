// The data behind tradeshock::Reference, and the per-table loaders that fill it. Internal to the
// reference module.
#pragma once

#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tradeshock/reference.h"

namespace tradeshock {

struct Reference::Impl {
  // Stable addresses: FindEconomy hands out pointers into this container.
  std::deque<Economy> economies;
  // Normalised lookup key (see EconomyKey) -> economy. First insertion wins, so codes insert before
  // names and countries before regions.
  std::unordered_map<std::string, const Economy*> economy_index;

  std::vector<CountryGroup> groups;
  std::unordered_map<std::string, std::size_t> group_index;  // code -> position in groups

  std::deque<HsEntry> hs_entries;
  std::unordered_map<std::string, const HsEntry*> hs_index;  // "61", "6109", "610910", "XI"

  std::vector<ProductGroup> product_groups;
  std::unordered_map<std::string, std::size_t> product_group_index;

  std::unordered_map<std::string, std::string> currencies;  // ISO 4217 alpha-3 -> name
  std::unordered_set<std::string> former_alpha3;            // ISO 3166-3: CSK, DDR, SUN, ...

  struct FxSeries {
    std::string h10_name;  // "China", "Euro"
    // Sorted by period; flat vectors because the monthly file alone has ~15,000 rates to load per start.
    std::vector<std::pair<int, double>> annual;   // year -> units per USD
    std::vector<std::pair<int, double>> monthly;  // months since year 0 -> units per USD
    // The rate for `key` (a year or a month index), or nullptr.
    static const double* Find(const std::vector<std::pair<int, double>>& rates, int key);
  };
  std::unordered_map<std::string, FxSeries> fx;  // ISO 4217 -> series

  TradeElasticity trade_elasticity;  // data/reference/trade_elasticity.csv
};

namespace reference_internal {

// Upper-cases ASCII letters and trims surrounding blanks; non-ASCII bytes are kept as they are.
std::string UpperAscii(std::string_view text);
// The key under which an economy is indexed: upper-cased, trimmed; a purely numeric code loses its
// leading zeros so that "156", "0156" and "00156" meet.
std::string EconomyKey(std::string_view text);

void LoadIsoCodes(const std::filesystem::path& iso_codes_dir, Reference::Impl& impl);
void LoadGroups(const std::filesystem::path& path, Reference::Impl& impl);
// Extra English names (economy_aliases.csv); after groups, so that aliases may name a group.
void LoadAliases(const std::filesystem::path& path, Reference::Impl& impl);
// How sentences name economies (economy_names_in_text.csv); after groups.
void LoadNamesInText(const std::filesystem::path& path, Reference::Impl& impl);
// Region names go in last: any code, country name, group or alias wins over a region's name.
void IndexRegionNames(Reference::Impl& impl);
void LoadHs(const std::filesystem::path& codes_path, const std::filesystem::path& sections_path, Reference::Impl& impl);
void LoadProductGroups(const std::filesystem::path& path, Reference::Impl& impl);
void LoadFx(const std::filesystem::path& fx_dir, Reference::Impl& impl);
void LoadTradeElasticity(const std::filesystem::path& path, Reference::Impl& impl);

}  // namespace reference_internal
}  // namespace tradeshock
