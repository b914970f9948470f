#include "tradeshock/describe.h"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <map>

#include "tradeshock/error.h"

namespace tradeshock {

namespace {

// The shares of one breakdown, unset when they cannot be computed or nothing is itemised.
std::optional<ShareResult> ItemisedShares(const TradeTable& table, const Reference& reference,
                                          const DescribeOptions& options, ShareBy by) {
  Maybe<ShareResult> shares = TryComputeShares(table, reference, options.selection, by, options.indicators);
  if (!shares || shares->items.empty()) return std::nullopt;
  return std::move(shares).ToOptional();
}

void AddBreakdowns(const TradeTable& table, const Reference& reference, const DescribeOptions& options,
                   DescribeResult& result) {
  // The indicators only read the table, so the breakdown by product (an item per HS code: the costliest) is
  // computed on a second thread meanwhile.
  std::future<std::optional<ShareResult>> product_shares;
  if (options.by != ShareBy::kProduct) {
    product_shares =
        std::async(std::launch::async, [&] { return ItemisedShares(table, reference, options, ShareBy::kProduct); });
  }
  result.shares = ComputeShares(table, reference, options.selection, options.by, options.indicators);
  result.partner_shares = options.by == ShareBy::kPartner
                              ? std::optional(result.shares)
                              : ItemisedShares(table, reference, options, ShareBy::kPartner);
  result.product_shares = options.by == ShareBy::kProduct ? std::optional(result.shares) : product_shares.get();
  if (result.partner_shares && !result.partner_shares->items.empty()) {
    result.partner_hhi = ComputeConcentration(*result.partner_shares);
  }
  if (result.product_shares && !result.product_shares->items.empty()) {
    result.product_hhi = ComputeConcentration(*result.product_shares);
  }
}

void AddDependenceAndGrowth(const TradeTable& table, const Reference& reference, const DescribeOptions& options,
                            DescribeResult& result) {
  const Selection& selection = options.selection;
  const std::string partner = options.partner.empty() ? std::string() : reference.ResolveEconomy(options.partner).code;
  if (!partner.empty()) {
    result.dependence = TryComputeDependence(table, reference, selection, partner, options.indicators);
  } else if (result.partner_shares) {
    result.dependence = TryComputeDependence(*result.partner_shares);
  } else {
    result.dependence = Maybe<Dependence>::Missing(
        fmt::format("no partners are itemised for {}", result.shares.total.selection.Describe()));
  }

  result.compare_period = options.compare.value_or(selection.period.ShiftYears(-1));
  result.growth = TryComputeGrowth(table, reference, selection, options.compare, options.indicators);
  const std::string growth_partner = !partner.empty()    ? partner
                                     : result.dependence ? result.dependence->partner
                                                         : std::string();
  if (!growth_partner.empty()) {
    Selection partner_selection = selection;
    partner_selection.partner = growth_partner;
    result.partner_growth = TryComputeGrowth(table, reference, partner_selection, options.compare, options.indicators);
  }
}

void AddRca(const TradeTable& table, const Reference& reference, const DescribeOptions& options,
            DescribeResult& result) {
  const Selection& selection = options.selection;
  if (selection.flow != Flow::kExports) return;
  if (result.shares.total.selection.product != kTotalProduct) {
    result.rca = TryComputeRca(table, reference, selection, options.indicators);
  }
  if (options.by != ShareBy::kProduct) return;
  const Maybe<RcaByProduct> rca = TryComputeRcaByProduct(table, reference, selection, options.indicators);
  if (!rca) return;
  std::map<std::string, std::optional<double>> by_product;
  for (const auto& item : rca->items) by_product[item.product] = item.rca;
  const std::size_t count = std::min(options.rca_items, result.shares.items.size());
  for (std::size_t i = 0; i < count; ++i) {
    const auto found = by_product.find(result.shares.items[i].product);
    result.item_rca.push_back(found == by_product.end() ? std::nullopt : found->second);
  }
  result.rca_world_from = rca->world_from;
  if (std::ranges::none_of(result.item_rca, [](const auto& value) { return value.has_value(); })) {
    result.item_rca.clear();
  }
}

}  // namespace

DescribeOptions DescribeOptions::Defaults() { return DescribeOptions(); }

void DescribeOptions::Validate() const {
  if (selection.reporter.empty()) throw Error("describe: DescribeOptions::selection.reporter is required");
  if (compare && *compare == selection.period) {
    throw Error(fmt::format("describe: DescribeOptions::compare must differ from selection.period (both {})",
                            compare->ToString()));
  }
  indicators.Validate();
}

DescribeResult Describe(const TradeTable& table, const Reference& reference, const DescribeOptions& options) {
  options.Validate();
  DescribeResult result;
  AddBreakdowns(table, reference, options, result);
  AddDependenceAndGrowth(table, reference, options, result);
  AddRca(table, reference, options, result);
  result.notes = result.shares.notes;
  return result;
}

}  // namespace tradeshock
