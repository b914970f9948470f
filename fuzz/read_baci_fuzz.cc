// Fuzzes the BACI reader: the format is forced to BACI and the country codes come from a small codes
// file in the corpus folder, so every input exercises the t,i,j,k,v,q row parser.
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
  tradeshock::ReadOptions options;
  options.format = tradeshock::InputFormat::kBaci;
  options.baci_country_codes = TRADESHOCK_FUZZ_DIR "/country_codes_V202401.csv";
  options.lenient = size > 0 && (data[0] & 1) == 1;
  options.threads = 1;
  tradeshock::ReadReport report;
  try {
    const tradeshock::TradeTable table =
        tradeshock::ReadTradeBuffer(bytes, "BACI_HS17_Y2020_V202401.csv", reference, options, &report);
    (void)table;
  } catch (const tradeshock::Error&) {
  }
  return 0;
}
