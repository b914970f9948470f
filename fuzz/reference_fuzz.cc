// Fuzzes code resolution: arbitrary text as an economy, an HS code or product selector, and a currency.
// Unknown codes are nullptr/false or tradeshock::Error; nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tradeshock/error.h"
#include "tradeshock/period.h"
#include "tradeshock/reference.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const tradeshock::Reference& reference = tradeshock::Reference::Default();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)reference.FindEconomy(text);
  (void)reference.FindGroup(text);
  (void)reference.Members(text);
  (void)reference.FindHs(text);
  (void)reference.FindProductGroup(text);
  (void)reference.IsCurrency(text);
  try {
    (void)reference.ResolveEconomy(text);
  } catch (const tradeshock::Error&) {
  }
  try {
    (void)reference.ProductCovers(text, "610910");
  } catch (const tradeshock::Error&) {
  }
  try {
    const auto period = tradeshock::Period::Parse("2020");
    (void)reference.PerUsd(text, *period);
  } catch (const tradeshock::Error&) {
  }
  return 0;
}
