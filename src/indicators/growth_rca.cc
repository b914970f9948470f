#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "indicators/aggregate.h"
#include "tradeshock/error.h"
#include "tradeshock/indicators.h"

namespace tradeshock {

using indicators_internal::Aggregate;
using indicators_internal::AggregateEntry;
using indicators_internal::Canonicalize;
using indicators_internal::Converter;

namespace {

// Finds the rows of each selection, fixes one currency for all of them, and values each.
std::vector<ValueResult> ComputeValues(const TradeTable& table, const Reference& reference,
                                       const std::vector<Selection>& selections, const IndicatorOptions& options) {
  indicators_internal::CheckOptions(reference, options);
  std::vector<ValueResult> results;
  std::vector<AggregateEntry> entries;
  for (const Selection& selection : selections) {
    const Selection canonical = Canonicalize(reference, selection);
    indicators_internal::AggregateResult aggregate = Aggregate(table, reference, canonical, false, false);
    if (aggregate.entries.empty()) indicators_internal::ThrowNoData(table, canonical, aggregate.refusals);
    ValueResult result;
    result.selection = canonical;
    result.method = indicators_internal::DescribeMethod(table, reference, canonical, aggregate.entries.front());
    results.push_back(std::move(result));
    entries.push_back(std::move(aggregate.entries.front()));
  }
  std::vector<std::span<const std::size_t>> row_sets;
  for (const AggregateEntry& entry : entries) row_sets.emplace_back(entry.rows);
  const std::string currency = indicators_internal::OutputCurrency(table, reference, options, row_sets);
  Converter converter(table, reference, currency);
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].currency = currency;
    results[i].value = converter.Sum(entries[i].rows, &results[i].rates);
    results[i].rows = std::move(entries[i].rows);
  }
  return results;
}

}  // namespace

Growth ComputeGrowth(const TradeTable& table, const Reference& reference, const Selection& selection,
                     std::optional<Period> base, const IndicatorOptions& options) {
  Selection base_selection = selection;
  base_selection.period = base.value_or(selection.period.ShiftYears(-1));
  std::vector<ValueResult> values = ComputeValues(table, reference, {base_selection, selection}, options);
  Growth growth;
  growth.base = std::move(values[0]);
  growth.current = std::move(values[1]);
  growth.currency = growth.current.currency;
  if (growth.base.value == 0.0) {
    throw Error(fmt::format("growth is undefined: the value of {} is 0", growth.base.selection.Describe()));
  }
  growth.change = growth.current.value - growth.base.value;
  growth.growth = growth.change / growth.base.value;
  return growth;
}

Dependence ComputeDependence(const TradeTable& table, const Reference& reference, const Selection& selection,
                             const std::string& partner, const IndicatorOptions& options) {
  Selection with_partner = selection;
  with_partner.partner = partner;
  const std::vector<ValueResult> values = ComputeValues(table, reference, {with_partner, selection}, options);
  if (!(values[1].value > 0.0)) {
    throw Error(fmt::format("the value of {} is {}: shares of it are undefined", values[1].selection.Describe(),
                            values[1].value));
  }
  return Dependence{.partner = values[0].selection.partner,
                    .value = values[0].value,
                    .total = values[1].value,
                    .share = values[0].value / values[1].value,
                    .currency = values[0].currency};
}

Rca ComputeRca(const TradeTable& table, const Reference& reference, const Selection& selection,
               const IndicatorOptions& options) {
  if (selection.flow != Flow::kExports) throw Error("revealed comparative advantage is defined on exports");
  const Selection canonical = Canonicalize(reference, selection);
  if (canonical.product == kTotalProduct) {
    throw Error("revealed comparative advantage needs a product (an HS code or product group), not TOTAL");
  }
  Selection reporter_total = canonical;
  reporter_total.product = kTotalProduct;
  Selection world_product = canonical;
  world_product.reporter = kWorld;
  Selection world_total = reporter_total;
  world_total.reporter = kWorld;
  std::vector<ValueResult> values =
      ComputeValues(table, reference, {canonical, reporter_total, world_product, world_total}, options);

  Rca rca;
  rca.reporter_product = std::move(values[0]);
  rca.reporter_total = std::move(values[1]);
  rca.world_product = std::move(values[2]);
  rca.world_total = std::move(values[3]);
  std::set<EconomyIdx> world_reporters;
  for (const std::size_t row : rca.world_total.rows) world_reporters.insert(table.reporter()[row]);
  const bool from_world_rows = world_reporters.size() == 1 && table.economies()[*world_reporters.begin()] == kWorld;
  if (from_world_rows) {
    rca.world_from = "reporter WLD rows";
  } else {
    if (world_reporters.size() < 2) {
      throw Error(fmt::format(
          "revealed comparative advantage needs world exports: the table has no reporter WLD rows and only {} "
          "reporter",
          world_reporters.size()));
    }
    rca.world_from = fmt::format("sum over {} reporters in the table", world_reporters.size());
  }
  if (rca.reporter_total.value == 0.0 || rca.world_product.value == 0.0 || rca.world_total.value == 0.0) {
    throw Error(
        fmt::format("revealed comparative advantage of {} is undefined: a denominator is 0", canonical.Describe()));
  }
  rca.rca = (rca.reporter_product.value / rca.reporter_total.value) / (rca.world_product.value / rca.world_total.value);
  return rca;
}

RcaByProduct ComputeRcaByProduct(const TradeTable& table, const Reference& reference, const Selection& selection,
                                 const IndicatorOptions& options) {
  if (selection.flow != Flow::kExports) throw Error("revealed comparative advantage is defined on exports");
  Selection world_selection = selection;
  world_selection.reporter = kWorld;
  const ShareResult reporter = ComputeShares(table, reference, selection, ShareBy::kProduct, options);
  const ShareResult world = ComputeShares(table, reference, world_selection, ShareBy::kProduct, options);
  if (reporter.currency != world.currency) {
    throw Error(fmt::format("rows are in {} and {}: choose a currency with --currency",
                            std::min(reporter.currency, world.currency), std::max(reporter.currency, world.currency)));
  }
  RcaByProduct result;
  result.reporter_total = reporter.total.value;
  result.world_total = world.total.value;
  result.currency = reporter.currency;
  std::set<EconomyIdx> world_reporters;
  for (const std::size_t row : world.total.rows) world_reporters.insert(table.reporter()[row]);
  if (world_reporters.size() == 1 && table.economies()[*world_reporters.begin()] == kWorld) {
    result.world_from = "reporter WLD rows";
  } else if (world_reporters.size() < 2) {
    throw Error(fmt::format(
        "revealed comparative advantage needs world exports: the table has no reporter WLD rows and only {} "
        "reporter",
        world_reporters.size()));
  } else {
    result.world_from = fmt::format("sum over {} reporters in the table", world_reporters.size());
  }
  std::map<std::string, double> world_values;
  for (const ShareItem& item : world.items) world_values[item.product] = item.value;
  for (const ShareItem& item : reporter.items) {
    RcaByProduct::Item rca_item{.product = item.product, .reporter_value = item.value, .world_value = 0.0, .rca = {}};
    if (const auto found = world_values.find(item.product); found != world_values.end() && found->second > 0.0) {
      rca_item.world_value = found->second;
      rca_item.rca = (item.value / result.reporter_total) / (found->second / result.world_total);
    }
    result.items.push_back(std::move(rca_item));
  }
  return result;
}

}  // namespace tradeshock
