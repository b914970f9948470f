// Stated figures ("4.5%", "300 million USD"), intervals and the comparison words.
#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <utility>

#include "claims/format.h"
#include "core/number_range.h"
#include "tradeshock/claims.h"
#include "tradeshock/number_format.h"
#include "tradeshock/unit_words.h"

namespace tradeshock {

namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

constexpr char kFigureExpected[] =
    "a number with an optional unit: '4.5%', '-70%', '21.387 billion USD', '300 million USD', '3'";

}  // namespace

std::string_view ToString(ClaimMetric metric) {
  switch (metric) {
    case ClaimMetric::kValue:
      return "value";
    case ClaimMetric::kShare:
      return "share";
    case ClaimMetric::kGrowth:
      return "growth";
    case ClaimMetric::kProjectedValue:
      return "projected_value";
    case ClaimMetric::kProjectedGrowth:
      return "projected_growth";
    case ClaimMetric::kCount:
      return "count";
    case ClaimMetric::kRank:
      return "rank";
  }
  return "value";
}

std::optional<ClaimMetric> ParseClaimMetric(std::string_view text) {
  for (ClaimMetric metric :
       {ClaimMetric::kValue, ClaimMetric::kShare, ClaimMetric::kGrowth, ClaimMetric::kProjectedValue,
        ClaimMetric::kProjectedGrowth, ClaimMetric::kCount, ClaimMetric::kRank}) {
    if (text == ToString(metric)) return metric;
  }
  return std::nullopt;
}

std::string_view ToString(ClaimComparison comparison) {
  switch (comparison) {
    case ClaimComparison::kAbout:
      return "about";
    case ClaimComparison::kAtLeast:
      return "at_least";
    case ClaimComparison::kMoreThan:
      return "more_than";
    case ClaimComparison::kLessThan:
      return "less_than";
    case ClaimComparison::kNotMoreThan:
      return "not_more_than";
  }
  return "about";
}

std::optional<ClaimComparison> ParseClaimComparison(std::string_view text) {
  if (text == "at_most") return ClaimComparison::kNotMoreThan;
  for (ClaimComparison comparison : {ClaimComparison::kAbout, ClaimComparison::kAtLeast, ClaimComparison::kMoreThan,
                                     ClaimComparison::kLessThan, ClaimComparison::kNotMoreThan}) {
    if (text == ToString(comparison)) return comparison;
  }
  return std::nullopt;
}

std::string_view ToString(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::kSupported:
      return "supported";
    case ClaimStatus::kContradicted:
      return "contradicted";
    case ClaimStatus::kNotCheckable:
      return "not checkable";
  }
  return "not checkable";
}

double StatedFigure::HalfUnit() const {
  const double unit = std::pow(10.0, -decimals);
  return percent ? 0.5 * unit / 100.0 : 0.5 * unit * scale;
}

StatedFigure ParseStatedFigure(std::string_view text) {
  StatedFigure figure;
  figure.text = std::string(Trim(text));
  std::string_view rest = Trim(text);
  auto fail = [&]() -> StatedFigure {
    throw Error(fmt::format("got '{}', expected {}", Printable(text), kFigureExpected));
  };
  // A leading "US$" or "$" is how articles write dollars.
  for (std::string_view prefix : {"US$", "$"}) {
    if (rest.substr(0, prefix.size()) == prefix) {
      figure.currency = "USD";
      rest.remove_prefix(prefix.size());
      break;
    }
  }
  std::size_t end = 0;
  if (end < rest.size() && (rest[end] == '-' || rest[end] == '+')) ++end;
  const std::size_t digits_start = end;
  while (end < rest.size() && std::isdigit(static_cast<unsigned char>(rest[end]))) ++end;
  if (end == digits_start) return fail();
  if (end < rest.size() && rest[end] == '.') {
    const std::size_t fraction_start = ++end;
    while (end < rest.size() && std::isdigit(static_cast<unsigned char>(rest[end]))) ++end;
    if (end == fraction_start) return fail();
    figure.decimals = static_cast<int>(end - fraction_start);
  }
  std::string_view number = rest.substr(0, end);
  if (number.front() == '+') number.remove_prefix(1);  // fast_float reads no leading '+'
  const auto parsed = fast_float::from_chars(number.data(), number.data() + number.size(), figure.number);
  if (parsed.ec != std::errc() || !std::isfinite(figure.number)) {
    throw Error(fmt::format("got '{}', expected a number of at most 1.8e308 in magnitude (the largest double)",
                            Printable(text)));
  }
  if (number_internal::Underflowed(number, figure.number)) {
    throw Error(fmt::format("got '{}', expected {}", Printable(text), number_internal::kUnderflowExpected));
  }
  rest = Trim(rest.substr(end));
  if (!rest.empty() && rest.front() == '%') {
    figure.percent = true;
    rest = Trim(rest.substr(1));
    if (!rest.empty()) return fail();
    return figure;
  }
  // A unit word of the one vocabulary (unit_words.h): "billion", "bn", "thousand", ...
  const std::size_t word_end = std::min(rest.find(' '), rest.size());
  if (const std::optional<double> scale = UnitScale(rest.substr(0, word_end)); scale && word_end > 0) {
    figure.scale = *scale;
    rest = Trim(rest.substr(word_end));
  }
  if (!rest.empty()) {
    const std::string unit = Lower(rest);
    if (unit == "yuan" || unit == "rmb") {
      figure.currency = "CNY";
    } else if (unit == "us dollars" || unit == "dollars" || unit == "u.s. dollars") {
      figure.currency = "USD";
    } else if (rest.size() == 3 && std::isupper(static_cast<unsigned char>(rest[0])) &&
               std::isupper(static_cast<unsigned char>(rest[1])) && std::isupper(static_cast<unsigned char>(rest[2]))) {
      if (!figure.currency.empty() && figure.currency != rest) return fail();
      figure.currency = std::string(rest);
    } else {
      return fail();
    }
  }
  return figure;
}

bool Interval::Contains(double x) const {
  const bool above_low = low_open ? x > low : x >= low;
  const bool below_high = high_open ? x < high : x <= high;
  return above_low && below_high;
}

bool Interval::Empty() const {
  if (low > high) return true;
  return low == high && (low_open || high_open);
}

Interval Interval::Intersect(const Interval& other) const {
  Interval result = *this;
  if (other.low > low || (other.low == low && other.low_open)) {
    result.low = other.low;
    result.low_open = other.low_open;
  }
  if (other.high < high || (other.high == high && other.high_open)) {
    result.high = other.high;
    result.high_open = other.high_open;
  }
  return result;
}

Interval Interval::Affine(double a, double b) const {
  Interval result{.low = a * low + b, .high = a * high + b, .low_open = low_open, .high_open = high_open};
  if (a < 0) {
    std::swap(result.low, result.high);
    std::swap(result.low_open, result.high_open);
  }
  return result;
}

Interval ClaimInterval(ClaimComparison comparison, double value, double half_unit) {
  const double inf = std::numeric_limits<double>::infinity();
  switch (comparison) {
    case ClaimComparison::kAbout:
      // Rounding to the stated digit: 4.5% stands for anything from 4.45% to 4.55%.
      return Interval{.low = value - half_unit, .high = value + half_unit, .low_open = false, .high_open = false};
    case ClaimComparison::kAtLeast:
      return Interval{.low = value, .high = inf, .low_open = false, .high_open = true};
    case ClaimComparison::kMoreThan:
      return Interval{.low = value, .high = inf, .low_open = true, .high_open = true};
    case ClaimComparison::kLessThan:
      return Interval{.low = -inf, .high = value, .low_open = true, .high_open = true};
    case ClaimComparison::kNotMoreThan:
      return Interval{.low = -inf, .high = value, .low_open = true, .high_open = false};
  }
  return Interval{};
}

Interval Claim::Feasible() const { return ClaimInterval(comparison, stated.Value(), stated.HalfUnit()); }

bool IsPercentMetric(ClaimMetric metric) {
  return metric == ClaimMetric::kShare || metric == ClaimMetric::kGrowth || metric == ClaimMetric::kProjectedGrowth;
}

bool IsValueMetric(ClaimMetric metric) {
  return metric == ClaimMetric::kValue || metric == ClaimMetric::kProjectedValue;
}

std::string FormatClaimQuantity(ClaimMetric metric, double value, const std::string& currency) {
  return FormatQuantity(metric, value, currency, 2);
}

std::string FormatQuantity(ClaimMetric metric, double value, const std::string& currency, int percent_decimals) {
  if (IsPercentMetric(metric)) return FormatPercent(value, percent_decimals);
  if (!IsValueMetric(metric)) return fmt::format("{:g}", value);
  return FormatMoney(value, currency);
}

std::string FormatValue(double value, const std::string& currency, double scale, int decimals) {
  const Scale in = scale == 1.0 ? ScaleOf(value) : Scale{scale, ScaleWord(scale)};
  return FormatMoneyIn(value, in, decimals, currency);
}

std::string_view ComparisonWords(ClaimComparison comparison) {
  switch (comparison) {
    case ClaimComparison::kAbout:
      return "about";
    case ClaimComparison::kAtLeast:
      return "at least";
    case ClaimComparison::kMoreThan:
      return "more than";
    case ClaimComparison::kLessThan:
      return "less than";
    case ClaimComparison::kNotMoreThan:
      return "not more than";
  }
  return "about";
}

namespace {
template <typename Format>
std::string IntervalText(const Interval& interval, Format q) {
  const bool low_inf = std::isinf(interval.low);
  const bool high_inf = std::isinf(interval.high);
  if (low_inf && high_inf) return "any value";
  if (low_inf) return (interval.high_open ? "less than " : "at most ") + q(interval.high);
  if (high_inf) return (interval.low_open ? "more than " : "at least ") + q(interval.low);
  return q(interval.low) + " to " + q(interval.high);
}
}  // namespace

std::string FormatValueInterval(const Interval& interval, const std::string& currency, double scale, int decimals) {
  return IntervalText(interval, [&](double v) { return FormatValue(v, currency, scale, decimals); });
}

std::string FormatInterval(const Interval& interval, ClaimMetric metric, const std::string& currency,
                           int percent_decimals) {
  return IntervalText(interval, [&](double v) { return FormatQuantity(metric, v, currency, percent_decimals); });
}

}  // namespace tradeshock
