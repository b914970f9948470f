// Fuzzes the scenario parser on arbitrary TOML text: every fault must be a tradeshock::Error (located
// InputException); no crash, no stack overflow on deep nesting, no other exception. Paths are refused
// (as for a scenario sent to the server), so no input reads the disk.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tradeshock/error.h"
#include "tradeshock/reference.h"
#include "tradeshock/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const tradeshock::Reference& reference = tradeshock::Reference::Default();
  tradeshock::ReadOptions options = tradeshock::ReadOptions::Defaults();
  options.refuse_paths = true;
  try {
    (void)tradeshock::ParseScenario(std::string_view(reinterpret_cast<const char*>(data), size), reference, "fuzz.toml",
                                    options);
  } catch (const tradeshock::Error&) {
  }
  return 0;
}
