// Fuzzes Period::Parse: it must never crash, and whatever it accepts must print back to text that
// parses to the same period (ToString is the canonical form).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tradeshock/period.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto period = tradeshock::Period::Parse(text);
  if (!period) return 0;
  const auto again = tradeshock::Period::Parse(period->ToString());
  if (!again || again->ToString() != period->ToString()) std::abort();
  return 0;
}
