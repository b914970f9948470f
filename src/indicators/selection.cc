#include <fmt/format.h>

#include "tradeshock/indicators.h"

namespace tradeshock {

std::string Selection::DescribeFlow() const {
  std::string_view link = "trade with";
  if (flow == Flow::kExports) link = "exports to";
  if (flow == Flow::kImports) link = "imports from";
  return fmt::format("{} {} {}, {}", reporter, link, partner, product);
}

std::vector<std::string> Selection::MembersOf(const Reference& reference, std::string_view code) const {
  return members_on.empty() ? reference.MembersAtEndOf(code, period) : reference.MembersOn(code, members_on);
}

std::string Selection::Describe() const { return fmt::format("{}, {}", DescribeFlow(), period.ToString()); }

}  // namespace tradeshock
