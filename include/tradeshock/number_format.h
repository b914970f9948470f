// Numbers for people: amounts of money and percentages, written the same way in the brief, the command
// line's output and the library's own messages. The rule (docs/FORMATS.md, "How numbers are written"):
// an amount is written in the largest of thousand, million, billion, trillion that is not above it, with
// four significant digits (21.39 billion, 4.528 billion, 655.8 million); below a thousand in whole units.
// Percentages take the decimals the caller asks for (one by default). Nothing that rounds to zero has a sign.
#pragma once

#include <string>
#include <string_view>

namespace tradeshock {

// A power of a thousand and its word (unit_words.h): {1e9, "billion"}; {1, ""} for whole units.
struct Scale {
  double divisor = 1.0;
  std::string_view word;
};
inline constexpr Scale kUnits{1.0, ""};
inline constexpr Scale kThousands{1e3, "thousand"};
inline constexpr Scale kMillions{1e6, "million"};
inline constexpr Scale kBillions{1e9, "billion"};
inline constexpr Scale kTrillions{1e12, "trillion"};

// The scale one amount is written in: the largest of thousand ... trillion not above |value|; kUnits below
// a thousand and for a value that is not finite.
Scale ScaleOf(double value);
// The one scale for a column of amounts whose largest is `largest`: ScaleOf(largest / 100), so that the
// largest keeps at least three integer digits (21,387.0 million rather than 21.4 billion) and the small
// amounts of the column stay readable at one decimal.
Scale ColumnScale(double largest);

// 21.387e9, "USD" -> "21.39 billion USD"; 6.558e8 -> "655.8 million USD"; 4.5283e9 -> "4.528 billion";
// 655.4 -> "655"; -2.5e6 -> "-2.500 million". Four significant digits in ScaleOf's scale, the scale chosen
// after rounding (999.96e6 is "1.000 billion"); whole units below a thousand. `currency` empty: no unit.
std::string FormatMoney(double value, std::string_view currency = {});
// An amount in a given scale with given decimals: (12.34e6, kMillions, 1, "USD") -> "12.3 million USD";
// (5e8, kBillions, 3, "") -> "0.500 billion".
std::string FormatMoneyIn(double value, Scale scale, int decimals, std::string_view currency = {});
// The number alone, for a column whose scale is in its header: (12'345.6e6, kMillions, 1) -> "12,345.6".
std::string FormatScaled(double value, Scale scale, int decimals);

// A fraction as a percentage: 0.0452 -> "4.5%", (0.0452, 2) -> "4.52%", -0.00001 -> "0.0%".
std::string FormatPercent(double ratio, int decimals = 1);
// With its sign: 0.123 -> "+12.3%", -0.7 -> "−70.0%" (`minus` U+2212 by default; "-" for plain text), and
// no sign when it rounds to zero: "0.0%".
std::string FormatSignedPercent(double ratio, int decimals = 1, std::string_view minus = "\u2212");
// A difference of two fractions: 0.241 -> "24.1 percentage points".
std::string FormatPercentagePoints(double difference, int decimals = 1);

// `value` with `decimals` decimals and the thousands of its integer part separated by commas
// ("1,234,567.9"), for tables and chart labels; `minus` is written before a negative value that does not
// round to zero.
std::string WithSeparators(double value, int decimals, std::string_view minus = "-");

}  // namespace tradeshock
