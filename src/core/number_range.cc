#include "core/number_range.h"

#include <cmath>

namespace tradeshock::number_internal {

bool Underflowed(std::string_view text, double value) {
  if (std::fpclassify(value) == FP_SUBNORMAL) return true;
  if (value != 0.0) return false;
  for (const char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c >= '1' && c <= '9') return true;
  }
  return false;
}

}  // namespace tradeshock::number_internal
