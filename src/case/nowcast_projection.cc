// Projections for the claims checker from the year-to-date nowcast (include/tradeshock/nowcast_projection.h).
#include "tradeshock/nowcast_projection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tradeshock {

NowcastProjectionSource::NowcastProjectionSource(const TradeTable& table, const Reference& reference,
                                                 NowcastRequest request)
    : table_(table), reference_(reference), request_(std::move(request)) {}

const NowcastResult& NowcastProjectionSource::NowcastIn(const std::string& currency) {
  auto found = by_currency_.find(currency);
  if (found == by_currency_.end()) {
    NowcastRequest request = request_;
    request.options.currency = currency;
    found = by_currency_.emplace(currency, Nowcast(table_, reference_, request)).first;
  }
  return found->second;
}

std::optional<Projection> NowcastProjectionSource::Project(const Selection& selection,
                                                           const IndicatorOptions& options) {
  const Selection& target = request_.target;
  const auto same_economy = [&](const std::string& a, const std::string& b) {
    const Economy* first = reference_.FindEconomy(a);
    const Economy* second = reference_.FindEconomy(b);
    return first != nullptr && second != nullptr && first->code == second->code;
  };
  if (!same_economy(selection.reporter, target.reporter) || !same_economy(selection.partner, target.partner) ||
      selection.flow != target.flow || selection.product != target.product ||
      selection.period != Period::Year(target.period.first_year())) {
    return std::nullopt;
  }
  const NowcastResult& nowcast = NowcastIn(options.currency.empty() ? request_.options.currency : options.currency);
  Projection projection;
  projection.central = nowcast.with_policy.central.full_year;
  projection.low = nowcast.with_policy.low.full_year;
  projection.high = nowcast.with_policy.high.full_year;
  projection.currency = nowcast.currency;
  std::vector<int> years;
  for (const ProfileYear& year : nowcast.profile_years) years.push_back(year.year);
  projection.description = fmt::format(
      "nowcast of {} for {} from {} ({}){}", nowcast.target.DescribeFlow(), nowcast.year,
      nowcast.target.period.ToString(),
      years.empty() ? std::string("uniform profile") : fmt::format("profile years {}", fmt::join(years, ", ")),
      nowcast.applied_policies.empty() ? std::string()
                                       : fmt::format(", with {}", fmt::join(nowcast.applied_policies, ", ")));
  projection.assumptions = nowcast.assumptions;
  return projection;
}

}  // namespace tradeshock
