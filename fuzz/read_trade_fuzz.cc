// Fuzzes the readers through ReadTradeBuffer with format auto-detection (long CSV and Comtrade by
// header; gzip by magic bytes). Input faults must surface as tradeshock::Error (InputException is one);
// any other exception escapes and libFuzzer reports it as a crash, which is what we want.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tradeshock/error.h"
#include "tradeshock/io.h"
#include "tradeshock/reference.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const tradeshock::Reference& reference = tradeshock::Reference::Default();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Strict and lenient take different paths after the first bad row; the first byte picks one, so
  // the corpus keeps both alive without doubling the work per input.
  tradeshock::ReadOptions options;
  options.lenient = size > 0 && (data[0] & 1) == 1;
  options.threads = 1;  // the fuzzer runs one input at a time; threads only add noise to the coverage
  tradeshock::ReadReport report;
  try {
    const tradeshock::TradeTable table = tradeshock::ReadTradeBuffer(bytes, "fuzz.csv", reference, options, &report);
    (void)table;
  } catch (const tradeshock::Error&) {
    // Expected: a precise message about bad input.
  }
  return 0;
}
