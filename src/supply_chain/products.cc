// HS products to WIOD 2013 industries through the WITS HS -> ISIC Rev. 3 concordance (data/io/concordance-
// hs-isic3/). The WIOD 2013 industries as ISIC Rev. 3 divisions: Timmer et al. (2015), WIOD industry list.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/csv_reader.h"
#include "core/regular_file.h"
#include "tradeshock/error.h"
#include "tradeshock/reference.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock {
namespace {

// ISIC Rev. 3 divisions [first, last] of each WIOD 2013 industry c1 ... c35.
struct Divisions {
  int first;
  int last;
};
constexpr std::array<Divisions, 35> kWiod2013Divisions = {{
    {1, 5},   {10, 14}, {15, 16}, {17, 18}, {19, 19}, {20, 20}, {21, 22}, {23, 23}, {24, 24},
    {25, 25}, {26, 26}, {27, 28}, {29, 29}, {30, 33}, {34, 35}, {36, 37}, {40, 41}, {45, 45},
    {50, 50}, {51, 51}, {52, 52}, {55, 55}, {60, 60}, {61, 61}, {62, 62}, {63, 63}, {64, 64},
    {65, 67}, {70, 70}, {71, 74}, {75, 75}, {80, 80}, {85, 85}, {90, 93}, {95, 95},
}};

// The WIOD industry index (0-based) of an ISIC Rev. 3 class; nullopt for 9999 and anything unlisted.
std::optional<std::size_t> IndustryOfIsic(std::string_view isic) {
  if (isic.size() != 4 || !std::ranges::all_of(isic, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  const int division = (isic[0] - '0') * 10 + (isic[1] - '0');
  for (std::size_t i = 0; i < kWiod2013Divisions.size(); ++i) {
    if (division >= kWiod2013Divisions[i].first && division <= kWiod2013Divisions[i].last) return i;
  }
  return std::nullopt;
}

struct HsRow {
  std::string hs6;
  std::string isic;
};

std::vector<HsRow> ReadConcordance(const std::string& path) {
  constexpr std::size_t kMaxBytes = 64u << 20;
  const std::string bytes = file_internal::ReadRegularFile(path, "concordance file", kMaxBytes, "64 MiB");
  csv_internal::CsvReader reader(bytes, path);
  if (!reader.Next()) throw InputException(InputError{InputErrorKind::kEmpty, path, 0, 0, "", "a header"});
  const auto& header = reader.fields();
  const auto hs = std::ranges::find(header, "HS - Combined  Product Code");
  const auto isic = std::ranges::find(header, "ISIC Revision 3 Product Code");
  if (hs == header.end() || isic == header.end()) {
    reader.Fail(InputErrorKind::kBadHeader, 1, header.front(),
                "the WITS columns 'HS - Combined  Product Code' and 'ISIC Revision 3 Product Code'");
  }
  const auto hs_column = static_cast<std::size_t>(hs - header.begin());
  const auto isic_column = static_cast<std::size_t>(isic - header.begin());
  const std::size_t width = header.size();
  std::vector<HsRow> rows;
  while (reader.Next()) {
    reader.RequireFields(width);
    const std::string_view code = reader.fields()[hs_column];
    if (code.size() != 6 || !std::ranges::all_of(code, [](char c) { return c >= '0' && c <= '9'; })) {
      reader.Fail(InputErrorKind::kUnknownCode, hs_column + 1, code, "an HS code of 6 digits");
    }
    rows.push_back({std::string(code), std::string(reader.fields()[isic_column])});
  }
  return rows;
}

}  // namespace

std::string DefaultHsIsic3Concordance() {
  return (Reference::Paths::Defaults().data_dir / "io" / "concordance-hs-isic3" / "hs_isic3.csv").string();
}

ProductIndustries MapProductsToWiod2013(const std::vector<std::string>& hs_codes, const std::string& concordance) {
  const std::vector<HsRow> rows = ReadConcordance(concordance);
  std::vector<std::size_t> counts(kWiod2013Divisions.size(), 0);
  ProductIndustries result;
  for (const std::string& code : hs_codes) {
    const bool digits = std::ranges::all_of(code, [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || (code.size() != 2 && code.size() != 4 && code.size() != 6)) {
      throw Error(fmt::format("supply_chain: product '{}' is not an HS code of 2, 4 or 6 digits", Printable(code)));
    }
    std::size_t matched = 0;
    for (const HsRow& row : rows) {
      if (!row.hs6.starts_with(code)) continue;
      ++matched;
      if (const auto industry = IndustryOfIsic(row.isic)) {
        ++counts[*industry];
      } else if (std::ranges::find(result.unmapped, row.hs6) == result.unmapped.end()) {
        result.unmapped.push_back(row.hs6);
      }
    }
    if (matched == 0) {
      throw Error(
          fmt::format("supply_chain: product '{}' matches no HS code of the concordance '{}'", code, concordance));
    }
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    result.industries.push_back(fmt::format("c{}", i + 1));
    result.hs6_counts.push_back(counts[i]);
  }
  return result;
}

}  // namespace tradeshock
