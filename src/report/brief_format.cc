// Names for the brief: economies and products as a reader knows them (numbers: tradeshock/number_format.h).
#include <fmt/format.h>

#include <string>

#include "report/brief_model.h"

namespace tradeshock::brief {

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
