#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "tradeshock/report.h"

namespace tradeshock {

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
