// Fuzzes the claims-file parser on arbitrary TOML text: every fault must be a ClaimsFileError (a
// tradeshock::Error); no crash, no stack overflow, no other exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tradeshock/claims.h"
#include "tradeshock/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)tradeshock::ParseClaims(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  } catch (const tradeshock::Error&) {
  }
  return 0;
}
