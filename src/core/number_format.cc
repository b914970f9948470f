#include "tradeshock/number_format.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdlib>

namespace tradeshock {
namespace {

constexpr std::array<Scale, 4> kScalesDescending = {kTrillions, kBillions, kMillions, kThousands};

// Decimals that give four significant digits to a mantissa of 1 to 999.9...; none from 1,000 up.
int SignificantDecimals(double mantissa) {
  if (mantissa < 10.0) return 3;
  if (mantissa < 100.0) return 2;
  if (mantissa < 1000.0) return 1;
  return 0;
}

Scale NextScale(Scale scale) {
  for (std::size_t i = kScalesDescending.size(); i-- > 0;) {
    if (kScalesDescending[i].divisor > scale.divisor) return kScalesDescending[i];
  }
  return scale;
}

std::string Joined(std::string number, std::string_view word, std::string_view currency) {
  if (!word.empty()) number.append(" ").append(word);
  if (!currency.empty()) number.append(" ").append(currency);
  return number;
}

}  // namespace

Scale ScaleOf(double value) {
  const double size = std::abs(value);
  if (!std::isfinite(size)) return kUnits;
  for (const Scale& scale : kScalesDescending) {
    if (size >= scale.divisor) return scale;
  }
  return kUnits;
}

Scale ColumnScale(double largest) { return ScaleOf(largest / 100.0); }

std::string FormatMoney(double value, std::string_view currency) {
  const double size = std::abs(value);
  if (!std::isfinite(size)) return Joined(fmt::format("{}", value), "", currency);
  Scale scale = ScaleOf(value);
  int decimals = scale.divisor == 1.0 ? 0 : SignificantDecimals(size / scale.divisor);
  // Rounding may carry into one more digit (9.9996 -> 10.000, 999.96 -> 1000.0): write the rounded value's
  // own number of digits, in the next scale when it reached a thousand.
  const double rounded = std::stod(fmt::format("{:.{}f}", size / scale.divisor, decimals));
  if (rounded >= 1000.0 && NextScale(scale).divisor != scale.divisor) {
    scale = NextScale(scale);
    decimals = SignificantDecimals(size / scale.divisor);
  } else if (scale.divisor != 1.0) {
    decimals = SignificantDecimals(rounded);
  }
  return FormatMoneyIn(value, scale, decimals, currency);
}

std::string FormatMoneyIn(double value, Scale scale, int decimals, std::string_view currency) {
  return Joined(FormatScaled(value, scale, decimals), scale.word, currency);
}

std::string FormatScaled(double value, Scale scale, int decimals) {
  return WithSeparators(value / scale.divisor, decimals);
}

std::string FormatPercent(double ratio, int decimals) { return WithSeparators(ratio * 100.0, decimals) + "%"; }

std::string FormatSignedPercent(double ratio, int decimals, std::string_view minus) {
  const std::string digits = WithSeparators(std::abs(ratio) * 100.0, decimals);
  if (digits.find_first_not_of("0.,") == std::string::npos) return digits + "%";
  return std::string(ratio < 0 ? minus : "+") + digits + "%";
}

std::string FormatPercentagePoints(double difference, int decimals) {
  return WithSeparators(difference * 100.0, decimals) + " percentage points";
}

std::string WithSeparators(double value, int decimals, std::string_view minus) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  const std::string digits = fmt::format("{:.{}f}", std::abs(value), decimals);
  const std::size_t point = digits.find('.');
  const std::string integer = digits.substr(0, point);
  std::string text;
  // A value that rounds to zero has no sign: "0.0", not "-0.0".
  if (value < 0 && digits.find_first_not_of("0.") != std::string::npos) text = minus;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) text += ',';
    text += integer[i];
  }
  if (point != std::string::npos) text += digits.substr(point);
  return text;
}

}  // namespace tradeshock
