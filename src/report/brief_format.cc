// Names for the brief: economies and products as a reader knows them (numbers: tradeshock/number_format.h),
// and the one lookup of a partner's share that the key numbers and the lead both state.
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "report/brief_model.h"

namespace tradeshock::brief {

std::string EconomyLabel(const Reference& reference, const std::string& code) {
  const Economy* economy = reference.FindEconomy(code);
  if (economy == nullptr || economy->name.empty() || economy->name == code) return code;
  return fmt::format("{} ({})", economy->name, code);
}

std::string EconomyName(const Reference& reference, const std::string& code) {
  const Economy* economy = reference.FindEconomy(code);
  if (economy == nullptr || economy->name.empty()) return code;
  // The short name a sentence uses ("the European Union", iso-codes' common name "Russia"), without its article:
  // labels and legends stay short where the full name is long ("European Union (27 members, after ...)").
  std::string name = economy->NameInText();
  if (name.starts_with("the ")) name = name.substr(4);
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
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

// Share of `partner` (or its members) in the partner shares; nullopt when none of them is itemised.
std::optional<std::pair<double, double>> PartnerShare(const CaseAnalysis& analysis, const Reference& reference,
                                                      const std::string& partner) {
  const std::vector<std::string> members = reference.Members(partner);
  double value = 0.0;
  double share = 0.0;
  bool found = false;
  for (const ShareItem& item : analysis.partner_shares.items) {
    if (std::find(members.begin(), members.end(), item.partner) != members.end()) {
      value += item.value;
      share += item.share;
      found = true;
    }
  }
  if (!found) return std::nullopt;
  return std::make_pair(value, share);
}

}  // namespace tradeshock::brief
