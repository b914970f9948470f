// Reference data: economies (ISO 3166-1 countries and ISO 3166-2 regions from Debian's iso-codes,
// country groups from data/reference), the HS nomenclature, named product groups, currencies
// (ISO 4217 from iso-codes) and FX rates (Federal Reserve H.10). Loaded once, read-only afterwards.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tradeshock/period.h"

namespace tradeshock {

enum class EconomyKind { kCountry, kSubdivision, kGroup, kWorld };

struct Economy {
  std::string code;  // canonical: alpha-3 (USA), ISO 3166-2 (CN-XJ), group code (EU27), WLD
  std::string name;  // "United States", "Xinjiang Uygur Zizhiqu"
  EconomyKind kind = EconomyKind::kCountry;
  std::string alpha2;   // countries only
  std::string numeric;  // ISO 3166-1 numeric, countries only ("156")
  std::string country;  // subdivisions: alpha-3 of the country they belong to
  // The name in running text when it differs from `name`: "the United States", "Xinjiang", "Vietnam"
  // (data/reference/economy_names_in_text.csv, else iso-codes' common name).
  std::string name_in_text;

  // "the United States" in "exports to the United States"; the name when no other is known.
  const std::string& NameInText() const { return name_in_text.empty() ? name : name_in_text; }
};

// One member's time in a group: from `from` to `until`, both days included (YYYY-MM-DD); empty: since
// before any data, or still a member.
struct Membership {
  std::string member;  // alpha-3 code
  std::string from;
  std::string until;
  bool On(std::string_view day) const { return (from.empty() || from <= day) && (until.empty() || day <= until); }
};

struct CountryGroup {
  std::string code;                  // EU27
  std::string name;                  // European Union (27 members)
  std::vector<std::string> members;  // alpha-3 codes: the members on `as_of`
  std::string as_of;                 // date the membership holds for (YYYY-MM-DD)
  std::string source;
  std::vector<Membership> history;  // every member that ever was, with its dates (groups.csv order)
};

struct HsEntry {
  std::string code;  // "01", "0101", "010121"; a section "XI"; "TOTAL"
  std::string description;
  std::string parent;   // "TOTAL" for chapters and sections, "" for TOTAL
  int level = 2;        // 2, 4 or 6 digits; 1 for a section, 0 for TOTAL
  std::string section;  // Roman numeral, "I".."XXI"; "TOTAL" for chapter 99, "" for TOTAL
};

struct ProductGroup {
  std::string code;                   // "CN-MECH-ELEC"
  std::string name;                   // "Mechanical and electrical products"
  std::vector<std::string> hs_codes;  // HS codes at any level
  std::string source;
};

struct FxRate {
  std::string currency;  // ISO 4217
  Period period;
  double per_usd = 0.0;  // units of currency per US dollar
  std::string source;    // "Federal Reserve H.10 annual average, 2020"
};

// The trade elasticity theta (the flow's elasticity to 1 + tariff, as a positive number) used for a
// tariff's trade response when a scenario does not give one: data/reference/trade_elasticity.csv.
struct TradeElasticity {
  double value = 0.0;
  std::string source;
  std::string as_of;
};

// One meaning of a code or name: an economy (country, region, group, the world), an HS code, a product group or
// a currency, with its canonical code, name and a detail line ("region of CHN", "27 members as of ...").
struct CodeMatch {
  std::string query;
  std::string kind;  // "country", "region", "country group", "world", "HS chapter", "product group", "currency"
  std::string code;
  std::string name;
  std::string detail;
};

class Reference {
 public:
  struct Paths {
    std::filesystem::path data_dir;       // the repo's data/ folder (holds reference/)
    std::filesystem::path iso_codes_dir;  // Debian iso-codes JSON folder
    // TRADESHOCK_DATA_DIR and TRADESHOCK_ISO_CODES_DIR when set, else the build's defaults.
    static Paths Defaults();
  };

  // Reads and checks every reference file (about 15 ms). Throws Error naming the file (and line) that is
  // missing or damaged.
  static std::shared_ptr<const Reference> Load(const Paths& paths);
  // Loaded on first use from Paths::Defaults(); thread-safe. If loading throws, the next call retries.
  static const Reference& Default();

  // Resolves alpha-3, alpha-2, ISO numeric ("156", "0156"), ISO 3166-2 ("CN-XJ"), a group code,
  // WLD/World, or an English name (iso-codes' name, common_name and official_name, a group's name, an
  // alias from data/reference/economy_aliases.csv, a region's name), ignoring ASCII case and surrounding
  // blanks. nullptr when unknown. Groups resolve to an Economy of kind kGroup.
  const Economy* FindEconomy(std::string_view text) const;
  // As FindEconomy, but throws Error: "unknown economy 'XX': expected an ISO 3166-1
  // alpha-3/alpha-2/numeric code, an ISO 3166-2 region code (CN-XJ), a group (EU27, ...) or WLD".
  const Economy& ResolveEconomy(std::string_view text) const;
  const CountryGroup* FindGroup(std::string_view code) const;
  const std::vector<CountryGroup>& groups() const;
  // Group members on the group's as_of date; {code} for anything else.
  std::vector<std::string> Members(std::string_view code) const;
  // Group members on a day (YYYY-MM-DD; a group of fixed membership has the same members every day);
  // {code} for anything else.
  std::vector<std::string> MembersOn(std::string_view code, std::string_view day) const;
  // Members on the last day of `period` (a group's membership in a year is its membership on 31 December).
  std::vector<std::string> MembersAtEndOf(std::string_view code, const Period& period) const;

  // HS chapters, headings and subheadings ("61", "6109", "610910"), sections ("XI") and "TOTAL".
  const HsEntry* FindHs(std::string_view code) const;
  const ProductGroup* FindProductGroup(std::string_view code) const;
  // Whether the HS code `hs_code` (2, 4 or 6 digits) falls under `selector`: TOTAL, a section, an HS code
  // (by prefix: "61" covers "610910"), or a product group (any of its codes). Throws Error for a selector
  // that is none of these: "unknown product 'X': expected ...".
  bool ProductCovers(std::string_view selector, std::string_view hs_code) const;
  const std::vector<ProductGroup>& product_groups() const;

  // Whether `alpha3` is a former country's code in ISO 3166-3 (CSK, DDR, SUN, SCG, ANT). Such codes resolve
  // to no economy; a code list may still name them.
  bool IsFormerCountry(std::string_view alpha3) const;

  // The default trade elasticity and its source (data/reference/trade_elasticity.csv).
  const TradeElasticity& DefaultTradeElasticity() const;

  bool IsCurrency(std::string_view code) const;  // ISO 4217 alpha code, any ASCII case
  // The currency's ISO 4217 name ("Yuan Renminbi"); empty when the code is not a currency.
  std::string CurrencyName(std::string_view code) const;

  // Units of `currency` per US dollar over `period`: the annual average for a year, the monthly
  // average for a month, the mean of the monthly averages for a range. USD is 1. Throws Error naming
  // the currency and period when the rate is missing.
  FxRate PerUsd(std::string_view currency, const Period& period) const;

  struct Impl;
  explicit Reference(std::unique_ptr<Impl> impl);
  ~Reference();

 private:
  std::unique_ptr<Impl> impl_;
};

// Every meaning `query` has (a code may be both an economy and an HS code); empty when it has none.
std::vector<CodeMatch> LookUpCode(const Reference& reference, const std::string& query);

}  // namespace tradeshock
