#include "tradeshock/period.h"

#include <fmt/format.h>

namespace tradeshock {
namespace {

bool ParseDigits(std::string_view text, int& out) {
  if (text.empty()) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

// "YYYY-MM" -> months since year 0.
std::optional<int> ParseMonth(std::string_view text) {
  int year = 0;
  int month = 0;
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  if (!ParseDigits(text.substr(0, 4), year) || !ParseDigits(text.substr(5, 2), month)) return std::nullopt;
  if (year < 1000 || year > 2999 || month < 1 || month > 12) return std::nullopt;
  return year * 12 + month - 1;
}

}  // namespace

std::optional<Period> Period::Parse(std::string_view text) {
  if (text.size() == 4) {
    int year = 0;
    if (!ParseDigits(text, year) || year < 1000 || year > 2999) return std::nullopt;
    return Year(year);
  }
  if (text.size() == 7) {
    const auto month = ParseMonth(text);
    if (!month) return std::nullopt;
    return Period(Kind::kMonth, *month, *month);
  }
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  const auto first = ParseMonth(text.substr(0, dots));
  const auto last = ParseMonth(text.substr(dots + 2));
  if (!first || !last || *first > *last) return std::nullopt;
  return Period(Kind::kRange, *first, *last);
}

Period Period::Year(int year) { return Period(Kind::kYear, year * 12, year * 12 + 11); }

Period Period::Month(int year, int month) {
  const int index = year * 12 + month - 1;
  return Period(Kind::kMonth, index, index);
}

Period Period::Range(int first_year, int first_month, int last_year, int last_month) {
  return Period(Kind::kRange, first_year * 12 + first_month - 1, last_year * 12 + last_month - 1);
}

Period Period::ShiftYears(int years) const { return Period(kind_, first_ + 12 * years, last_ + 12 * years); }

std::string Period::ToString() const {
  const auto month_text = [](int index) { return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1); };
  switch (kind_) {
    case Kind::kYear:
      return fmt::format("{:04}", first_ / 12);
    case Kind::kMonth:
      return month_text(first_);
    case Kind::kRange:
      return month_text(first_) + ".." + month_text(last_);
  }
  return {};
}

}  // namespace tradeshock
