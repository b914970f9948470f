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

// "Nearly X" allows kNearlyFraction x X to X.
constexpr double kNearlyFraction = 0.9;

constexpr char kFigureExpected[] =
    "a number with an optional scale and currency ('4.5%', '4.5 per cent', '-70%', '21.387 billion USD', "
    "'US$21.4bn', '21,387 million CNY', '\u20ac3 billion', '3 billion euros', '3'), a fraction ('a fifth', "
    "'a third', 'half', 'two thirds') or a change ('doubled', 'halved'); docs/FORMATS.md, \"Stated figures\"";

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
    case ClaimComparison::kNearly:
      return "nearly";
  }
  return "about";
}

std::optional<ClaimComparison> ParseClaimComparison(std::string_view text) {
  if (text == "at_most") return ClaimComparison::kNotMoreThan;
  if (text == "almost") return ClaimComparison::kNearly;
  for (ClaimComparison comparison :
       {ClaimComparison::kAbout, ClaimComparison::kAtLeast, ClaimComparison::kMoreThan, ClaimComparison::kLessThan,
        ClaimComparison::kNotMoreThan, ClaimComparison::kNearly}) {
    if (text == ToString(comparison)) return comparison;
  }
  return std::nullopt;
}

std::string_view ToString(ClaimVerdict verdict) {
  switch (verdict) {
    case ClaimVerdict::kMatchesDataEntry:
      return "matches the data entry";
    case ClaimVerdict::kSupported:
      return "supported by independent data";
    case ClaimVerdict::kConsistentWithProjection:
      return "consistent with the projection";
    case ClaimVerdict::kContradicted:
      return "contradicted";
    case ClaimVerdict::kNotCheckable:
      return "not checkable";
  }
  return "not checkable";
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
  if (tolerance > 0.0) return tolerance;
  const double unit = std::pow(10.0, -decimals);
  return percent ? 0.5 * unit / 100.0 : 0.5 * unit * scale;
}

namespace {

// Words that state a share: "a third" is 33.3% within kFractionTolerance (docs/FORMATS.md, "Stated figures").
struct FigureWord {
  std::string_view words;
  double percent;
};
constexpr FigureWord kFractionWords[] = {
    {"half", 50.0},           {"a half", 50.0},          {"one half", 50.0},  {"a third", 100.0 / 3},
    {"one third", 100.0 / 3}, {"two thirds", 200.0 / 3}, {"a quarter", 25.0}, {"one quarter", 25.0},
    {"three quarters", 75.0}, {"a fifth", 20.0},         {"one fifth", 20.0}, {"a tenth", 10.0},
    {"one tenth", 10.0},
};
// Words that state a change: "doubled" is +100% within kMultiplierTolerance.
constexpr FigureWord kMultiplierWords[] = {
    {"doubled", 100.0}, {"tripled", 200.0}, {"trebled", 200.0}, {"quadrupled", 300.0}, {"halved", -50.0},
};
constexpr double kFractionTolerance = 0.025;   // 2.5 percentage points
constexpr double kMultiplierTolerance = 0.10;  // 10 percentage points

// Currencies written before the number ("US$300 million", "€3 billion") and after it ("3 billion euros").
struct CurrencyWord {
  std::string_view words;
  std::string_view code;
};
constexpr CurrencyWord kCurrencyPrefixes[] = {{"US$", "USD"}, {"$", "USD"}, {"\u20ac", "EUR"}, {"\u00a3", "GBP"}};
constexpr CurrencyWord kCurrencyWords[] = {
    {"yuan", "CNY"},         {"rmb", "CNY"},   {"renminbi", "CNY"}, {"dollars", "USD"}, {"us dollars", "USD"},
    {"u.s. dollars", "USD"}, {"euros", "EUR"}, {"euro", "EUR"},     {"pounds", "GBP"},  {"pounds sterling", "GBP"},
    {"yen", "JPY"},
};

bool IsIsoCurrency(std::string_view text) {
  return text.size() == 3 && std::isupper(static_cast<unsigned char>(text[0])) &&
         std::isupper(static_cast<unsigned char>(text[1])) && std::isupper(static_cast<unsigned char>(text[2]));
}

std::optional<StatedFigure> ParseFigureWords(std::string_view trimmed) {
  const std::string lower = Lower(trimmed);
  for (const FigureWord& word : kFractionWords) {
    if (lower == word.words) {
      return StatedFigure{.text = std::string(trimmed),
                          .number = word.percent,
                          .percent = true,
                          .decimals = 1,
                          .tolerance = kFractionTolerance};
    }
  }
  for (const FigureWord& word : kMultiplierWords) {
    if (lower == word.words) {
      return StatedFigure{.text = std::string(trimmed),
                          .number = word.percent,
                          .percent = true,
                          .decimals = 0,
                          .tolerance = kMultiplierTolerance};
    }
  }
  return std::nullopt;
}

}  // namespace

// Long: a left-to-right scanner (currency, sign, digits with separators, decimals, percent, unit word) whose steps
// share the cursor; the figure words are split out (ParseFigureWords).
StatedFigure ParseStatedFigure(std::string_view text) {
  std::string_view rest = Trim(text);
  if (std::optional<StatedFigure> words = ParseFigureWords(rest)) return *words;
  StatedFigure figure;
  figure.text = std::string(rest);
  auto fail = [&]() -> StatedFigure {
    throw Error(fmt::format("got '{}', expected {}", Printable(text), kFigureExpected));
  };
  // The currency before the number: "US$", "$", "€", "£" as articles write them, or an ISO code ("USD 300 million").
  for (const CurrencyWord& prefix : kCurrencyPrefixes) {
    if (rest.starts_with(prefix.words)) {
      figure.currency = std::string(prefix.code);
      rest = Trim(rest.substr(prefix.words.size()));
      break;
    }
  }
  if (figure.currency.empty() && rest.size() > 4 && IsIsoCurrency(rest.substr(0, 3)) && rest[3] == ' ') {
    figure.currency = std::string(rest.substr(0, 3));
    rest = Trim(rest.substr(4));
  }
  // The number: sign, digits with optional thousands separators ("21,387"), optional decimals.
  std::string number;
  std::size_t end = 0;
  if (rest.starts_with("\u2212")) {  // the minus sign of typeset text
    number += '-';
    end += std::string_view("\u2212").size();
  } else if (end < rest.size() && (rest[end] == '-' || rest[end] == '+')) {
    if (rest[end] == '-') number += '-';
    ++end;
  }
  const std::size_t digits_start = end;
  while (end < rest.size() && std::isdigit(static_cast<unsigned char>(rest[end]))) number += rest[end++];
  if (end == digits_start) return fail();
  const std::size_t first_group = end - digits_start;
  while (end + 3 < rest.size() && rest[end] == ',' && std::isdigit(static_cast<unsigned char>(rest[end + 1])) &&
         std::isdigit(static_cast<unsigned char>(rest[end + 2])) &&
         std::isdigit(static_cast<unsigned char>(rest[end + 3])) &&
         (end + 4 == rest.size() || !std::isdigit(static_cast<unsigned char>(rest[end + 4])))) {
    // Thousands separators: the first group has 1-3 digits, every later one exactly 3.
    if (first_group > 3) return fail();
    number.append(rest.substr(end + 1, 3));
    end += 4;
  }
  if (end < rest.size() && rest[end] == ',') return fail();  // "1,23" or "1,2345": not a thousands separator
  if (end < rest.size() && rest[end] == '.') {
    const std::size_t fraction_start = ++end;
    while (end < rest.size() && std::isdigit(static_cast<unsigned char>(rest[end]))) ++end;
    if (end == fraction_start) return fail();
    figure.decimals = static_cast<int>(end - fraction_start);
    number += '.';
    number.append(rest.substr(fraction_start, end - fraction_start));
  }
  const auto parsed = fast_float::from_chars(number.data(), number.data() + number.size(), figure.number);
  if (parsed.ec != std::errc() || !std::isfinite(figure.number)) {
    throw Error(fmt::format("got '{}', expected a number of at most 1.8e308 in magnitude (the largest double)",
                            Printable(text)));
  }
  if (number_internal::Underflowed(number, figure.number)) {
    throw Error(fmt::format("got '{}', expected {}", Printable(text), number_internal::kUnderflowExpected));
  }
  rest = Trim(rest.substr(end));
  // A percentage: "4.5%", "4.5 per cent", "4.5 percent".
  for (std::string_view sign : {"%", "per cent", "percent"}) {
    if (Lower(rest) == sign) {
      if (!figure.currency.empty()) return fail();
      figure.percent = true;
      return figure;
    }
  }
  // A unit word of the one vocabulary (unit_words.h): "billion", "bn" (also written on the number: "21.4bn").
  const std::size_t word_end = std::min(rest.find(' '), rest.size());
  if (const std::optional<double> scale = UnitScale(rest.substr(0, word_end)); scale && word_end > 0) {
    figure.scale = *scale;
    rest = Trim(rest.substr(word_end));
  }
  if (!rest.empty()) {
    std::string code;
    for (const CurrencyWord& word : kCurrencyWords) {
      if (Lower(rest) == word.words) code = std::string(word.code);
    }
    if (code.empty() && IsIsoCurrency(rest)) code = std::string(rest);
    if (code.empty() || (!figure.currency.empty() && figure.currency != code)) return fail();
    figure.currency = code;
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
    case ClaimComparison::kNearly:
      // "Nearly 5%", "almost 300 million": short of the figure by at most a tenth of it (a fall of nearly 70%:
      // -63% to -70%).
      return Interval{.low = std::min(value, kNearlyFraction * value),
                      .high = std::max(value, kNearlyFraction * value),
                      .low_open = false,
                      .high_open = false};
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

std::string StatedInWords(ClaimComparison comparison, const std::string& stated) {
  // "4.5%" is read as about 4.5% (rounding): it needs no word. A figure written with its comparison words
  // ("more than 20%", "nearly 5%") is not a figure alone, and is shown as written; "US$300 million" and "a
  // third" are figures alone and get the words of `comparison`.
  if (comparison == ClaimComparison::kAbout) return stated;
  try {
    ParseStatedFigure(stated);
  } catch (const Error&) {
    return stated;
  }
  return fmt::format("{} {}", ComparisonWords(comparison), stated);
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
    case ClaimComparison::kNearly:
      return "nearly";
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
