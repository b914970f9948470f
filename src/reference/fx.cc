// FX rates against the US dollar: the Federal Reserve's H.10 series (data/reference/fx), keyed by the
// ISO 4217 codes that h10_currencies.csv assigns to H.10's country names.
#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/number_range.h"
#include "reference/csv_file.h"
#include "reference/reference_impl.h"
#include "tradeshock/error.h"

namespace tradeshock {
namespace reference_internal {
namespace {

struct Mapping {
  std::string currency;
  bool usd_per_unit = false;  // H.10 quotes USD per unit for AUD, EUR, NZD, GBP
};

// The band a rate per US dollar must lie in (docs/FORMATS.md, "Limits"). The mapped H.10 series since 1971
// lie within 0.38 (pound, March 1972) and 1,707 (won, January 1998) per USD; a currency in high inflation
// reaches millions (H.10's bolivar, not mapped: 4,389,737 per USD in 2018). 1e-6 to 1e7 leaves room for
// that and refuses a rate off by a scale word or mistyped (1e-320 per USD).
constexpr double kMinPerUsd = 1e-6;
constexpr double kMaxPerUsd = 1e7;

// "2021-03-01" -> year 2021, month 3.
bool ParseDate(std::string_view text, int& year, int& month) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto number = [&](std::size_t from, std::size_t length, int& out) {
    const auto result = std::from_chars(text.data() + from, text.data() + from + length, out);
    return result.ec == std::errc() && result.ptr == text.data() + from + length;
  };
  int day = 0;
  return number(0, 4, year) && number(5, 2, month) && number(8, 2, day) && month >= 1 && month <= 12;
}

// Reads one H.10 file into annual or monthly maps; rows of unmapped (legacy) currencies are skipped.
void LoadSeries(const std::filesystem::path& path, std::string_view value_column_name, bool monthly,
                const std::unordered_map<std::string_view, Mapping>& mappings, Reference::Impl& impl) {
  const CsvFile csv = CsvFile::Read(path);
  const std::size_t date_column = csv.Column("Date");
  const std::size_t country_column = csv.Column("Country");
  const std::size_t value_column = csv.Column(value_column_name);
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    const std::string_view country = csv.at(row, country_column);
    const auto mapping = mappings.find(country);
    if (mapping == mappings.end()) continue;
    const std::string_view date = csv.at(row, date_column);
    int year = 0;
    int month = 0;
    if (!ParseDate(date, year, month)) csv.Fail(csv.line(row), fmt::format("date '{}' is not YYYY-MM-DD", date));
    const std::string_view text = csv.at(row, value_column);
    double value = 0.0;
    const auto result = fast_float::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc() && number_internal::Underflowed(text, value)) {
      csv.Fail(csv.line(row),
               fmt::format("rate '{}' underflows: expected {}", Printable(text), number_internal::kUnderflowExpected));
    }
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(value) || value <= 0.0) {
      csv.Fail(csv.line(row), fmt::format("rate '{}' is not a positive number", text));
    }
    const double per_usd = mapping->second.usd_per_unit ? 1.0 / value : value;
    if (!(per_usd >= kMinPerUsd && per_usd <= kMaxPerUsd)) {
      csv.Fail(csv.line(row),
               fmt::format("rate '{}' ({:g} {} per USD) is outside {:g} to {:g} per USD, the band of plausible "
                           "rates (a currency in high inflation reaches millions per USD: the bolivar 4.4 million in "
                           "2018); a rate outside it is a scale or typing error",
                           Printable(text), per_usd, mapping->second.currency, kMinPerUsd, kMaxPerUsd));
    }
    auto& series = impl.fx[mapping->second.currency];
    if (series.h10_name.empty()) series.h10_name = country;
    auto& target = monthly ? series.monthly : series.annual;
    const int key = monthly ? year * 12 + month - 1 : year;
    // H.10 files list each country's dates in ascending order; anything else is a damaged file.
    if (!target.empty() && target.back().first >= key) {
      csv.Fail(csv.line(row), fmt::format("rate for {} on {} is out of date order or repeated", country, date));
    }
    target.emplace_back(key, per_usd);
  }
}

}  // namespace

}  // namespace reference_internal

const double* Reference::Impl::FxSeries::Find(const std::vector<std::pair<int, double>>& rates, int key) {
  const auto found =
      std::lower_bound(rates.begin(), rates.end(), key,
                       [](const std::pair<int, double>& rate, int wanted) { return rate.first < wanted; });
  return found != rates.end() && found->first == key ? &found->second : nullptr;
}

namespace reference_internal {

void LoadFx(const std::filesystem::path& fx_dir, Reference::Impl& impl) {
  const CsvFile mapping_csv = CsvFile::Read(fx_dir / "h10_currencies.csv");
  const std::size_t name_column = mapping_csv.Column("h10_country");
  const std::size_t currency_column = mapping_csv.Column("currency");
  const std::size_t direction_column = mapping_csv.Column("direction");
  std::unordered_map<std::string_view, Mapping> mappings;  // views into mapping_csv, which outlives them
  for (std::size_t row = 0; row < mapping_csv.row_count(); ++row) {
    const std::string currency(mapping_csv.at(row, currency_column));
    const std::string_view direction = mapping_csv.at(row, direction_column);
    if (!impl.currencies.contains(currency)) {
      mapping_csv.Fail(mapping_csv.line(row), fmt::format("'{}' is not an ISO 4217 currency code", currency));
    }
    if (direction != "per_usd" && direction != "usd_per") {
      mapping_csv.Fail(mapping_csv.line(row), fmt::format("direction '{}' is not per_usd or usd_per", direction));
    }
    if (!mappings.emplace(mapping_csv.at(row, name_column), Mapping{currency, direction == "usd_per"}).second) {
      mapping_csv.Fail(mapping_csv.line(row), fmt::format("'{}' is mapped twice", mapping_csv.at(row, name_column)));
    }
  }
  LoadSeries(fx_dir / "yearly.csv", "Value", /*monthly=*/false, mappings, impl);
  LoadSeries(fx_dir / "monthly.csv", "Exchange rate", /*monthly=*/true, mappings, impl);
}

}  // namespace reference_internal
}  // namespace tradeshock
