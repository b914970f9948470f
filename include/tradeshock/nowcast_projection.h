// Claims about a year not yet over, answered by the nowcast of the scenario's [nowcast] target.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "tradeshock/claims.h"
#include "tradeshock/nowcast.h"
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

// Projections from a year-to-date nowcast. Project answers a selection whose reporter, partner, flow and
// product are the nowcast target's (after resolving codes) and whose period is the target's calendar year;
// central, low and high are the full-year estimates WITH the scenario's policies. The nowcast is computed
// in the currency the checker asks for (options.currency; the target's own currency when empty), once
// per currency.
class NowcastProjectionSource : public ProjectionSource {
 public:
  NowcastProjectionSource(const TradeTable& table, const Reference& reference, NowcastRequest request);
  std::optional<Projection> Project(const Selection& selection, const IndicatorOptions& options) override;

 private:
  const NowcastResult& NowcastIn(const std::string& currency);
  const TradeTable& table_;
  const Reference& reference_;
  NowcastRequest request_;
  std::map<std::string, NowcastResult> by_currency_;
};

}  // namespace tradeshock
