#include <algorithm>

#include "indicators/aggregate.h"
#include "tradeshock/indicators.h"

namespace tradeshock {

using indicators_internal::Aggregate;
using indicators_internal::Canonicalize;
using indicators_internal::Converter;

ValueResult ComputeValue(const TradeTable& table, const Reference& reference, const Selection& selection,
                         const IndicatorOptions& options) {
  indicators_internal::CheckOptions(reference, options);
  const Selection canonical = Canonicalize(reference, selection);
  indicators_internal::AggregateResult aggregate = Aggregate(table, reference, canonical, false, false);
  if (aggregate.entries.empty()) indicators_internal::ThrowNoData(table, canonical, aggregate.refusals);
  indicators_internal::AggregateEntry& entry = aggregate.entries.front();

  ValueResult result;
  result.selection = canonical;
  result.currency = indicators_internal::OutputCurrency(table, reference, options, {entry.rows});
  Converter converter(table, reference, result.currency);
  result.value = converter.Sum(entry.rows, &result.rates);
  result.method = indicators_internal::DescribeMethod(table, reference, canonical, entry);
  result.rows = std::move(entry.rows);
  return result;
}

void MergeRates(std::vector<RateUsed>& rates, const std::vector<RateUsed>& more) {
  for (const RateUsed& rate : more) {
    if (std::ranges::find(rates, rate) == rates.end()) rates.push_back(rate);
  }
}

}  // namespace tradeshock
