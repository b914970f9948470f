// Number and name formatting for the brief.
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "report/brief_model.h"

namespace tradeshock::brief {

std::string Money(double value, const std::string& currency) {
  const double size = std::abs(value);
  const std::string unit = currency.empty() ? "" : " " + currency;
  if (size >= 1e12) return fmt::format("{:.2f} trillion{}", value / 1e12, unit);
  if (size >= 1e9) return fmt::format("{:.2f} billion{}", value / 1e9, unit);
  if (size >= 1e6) return fmt::format("{:.1f} million{}", value / 1e6, unit);
  if (size >= 1e3) return fmt::format("{:.1f} thousand{}", value / 1e3, unit);
  return fmt::format("{:.0f}{}", value, unit);
}

std::string Percent(double ratio, int decimals) { return fmt::format("{:.{}f}%", ratio * 100.0, decimals); }

std::string SignedPercent(double ratio, int decimals) {
  const std::string digits = fmt::format("{:.{}f}%", std::abs(ratio) * 100.0, decimals);
  if (digits.find_first_not_of("0.%") == std::string::npos) return digits;
  return (ratio < 0 ? "\u2212" : "+") + digits;
}

std::string EconomyLabel(const Reference& reference, const std::string& code) {
  const Economy* economy = reference.FindEconomy(code);
  if (economy == nullptr || economy->name.empty() || economy->name == code) return code;
  return fmt::format("{} ({})", economy->name, code);
}

std::string ProductLabel(const Reference& reference, const std::string& code) {
  if (const ProductGroup* group = reference.FindProductGroup(code); group != nullptr && !group->name.empty()) {
    return group->name;
  }
  if (code == kTotalProduct) return "All products";
  if (const HsEntry* hs = reference.FindHs(code); hs != nullptr && !hs->description.empty()) {
    return fmt::format("{} {}", code, hs->description);
  }
  return code;
}

}  // namespace tradeshock::brief
