// Periods: a year ("2020"), a month ("2021-03") or a range of months ("2021-01..2021-05").
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tradeshock {

class Period {
 public:
  enum class Kind : std::uint8_t { kYear, kMonth, kRange };

  // Accepts YYYY, YYYY-MM and YYYY-MM..YYYY-MM (first <= last); years 1000..2999.
  static std::optional<Period> Parse(std::string_view text);
  static Period Year(int year);
  static Period Month(int year, int month);
  // Months as in Month(); first <= last. A range that covers a calendar year exactly stays a range.
  static Period Range(int first_year, int first_month, int last_year, int last_month);

  Kind kind() const { return kind_; }
  // Months counted from year 0: year * 12 + (month - 1).
  int first_month() const { return first_; }
  int last_month() const { return last_; }
  int month_count() const { return last_ - first_ + 1; }
  int first_year() const { return first_ / 12; }
  int last_year() const { return last_ / 12; }

  bool Contains(const Period& other) const { return first_ <= other.first_ && other.last_ <= last_; }
  // The same months `years` years later (earlier when negative); keeps the kind.
  Period ShiftYears(int years) const;
  std::string ToString() const;

  auto operator<=>(const Period&) const = default;

 private:
  Period(Kind kind, int first, int last) : kind_(kind), first_(first), last_(last) {}
  Kind kind_ = Kind::kYear;
  int first_ = 0;
  int last_ = 0;
};

}  // namespace tradeshock
