// What a policy does to the flow it covers: a ban stops share_stopped of it; a tariff's trade response
// comes from the trade elasticity (docs/METHODS.md, "Tariffs: the trade response").
#include <fmt/format.h>

#include <cmath>

#include "tradeshock/number_format.h"
#include "tradeshock/scenario.h"

namespace tradeshock {

double TariffShareStopped(double rate, double rate_before, double theta) {
  return 1.0 - std::pow((1.0 + rate) / (1.0 + rate_before), -theta);
}

namespace {
// 0.1 -> "10%", 0.075 -> "7.5%": a rate as written in tariff schedules.
std::string RateText(double rate) { return fmt::format("{:g}%", rate * 100.0); }

// "100%", or for a range "50% to 100% (central 75%)".
std::string ShareText(const Policy& policy, int decimals) {
  if (const auto& range = policy.share_stopped_range) {
    return fmt::format("{} to {} (central {})", FormatPercent(range->first, decimals),
                       FormatPercent(range->second, decimals), FormatPercent(policy.share_stopped, decimals));
  }
  return FormatPercent(policy.share_stopped, decimals);
}
}  // namespace

std::string DescribeEffect(const Policy& policy) {
  if (policy.kind == PolicyKind::kBan) {
    return fmt::format("a ban stopping {} of the covered flow{}", ShareText(policy, 0),
                       policy.share_stopped_stated ? " (share_stopped stated in the scenario file)" : "");
  }
  const std::string tariff =
      fmt::format("a tariff of {} (before: {})", RateText(policy.rate), RateText(policy.rate_before));
  if (policy.share_stopped_stated) {
    return fmt::format(
        "{} stopping {} of the covered flow (share_stopped stated in the scenario file; no trade "
        "elasticity used)",
        tariff, ShareText(policy, 2));
  }
  const double remaining = 1.0 - policy.share_stopped;
  return fmt::format(
      "{}: the covered flow falls to ((1 + {:g}) / (1 + {:g}))^-{:g} = {:.4f} of itself (trade elasticity {:g}: "
      "{}), so {} of it stops",
      tariff, policy.rate, policy.rate_before, policy.elasticity.value, remaining, policy.elasticity.value,
      policy.elasticity.source, FormatPercent(policy.share_stopped, 2));
}

}  // namespace tradeshock
