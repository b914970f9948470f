#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "indicators/aggregate.h"
#include "tradeshock/error.h"
#include "tradeshock/indicators.h"

namespace tradeshock {

using indicators_internal::Aggregate;
using indicators_internal::AggregateEntry;
using indicators_internal::Canonicalize;
using indicators_internal::Converter;

namespace {

std::string ItemsNoun(ShareBy by) {
  switch (by) {
    case ShareBy::kPartner:
      return "partners";
    case ShareBy::kProduct:
      return "products";
    case ShareBy::kPartnerProduct:
      return "partner x product cells";
  }
  return "items";
}

// "3 items: trade: exports + imports" — how items that needed adding up were built, counted by way.
std::vector<std::string> SummarizeItemMethods(const TradeTable& table, const Selection& selection,
                                              const std::vector<AggregateEntry>& entries) {
  std::map<std::string, std::size_t> counts;
  for (const AggregateEntry& entry : entries) {
    if (entry.expanded == 0) continue;
    Selection item = selection;
    if (entry.partner != indicators_internal::kNotKeyed) item.partner = table.economies()[entry.partner];
    if (entry.product != indicators_internal::kNotKeyed) item.product = table.products()[entry.product];
    // Without the item-specific counts of DescribeMethod, so that items built the same way are counted together.
    ++counts[fmt::format("{}", fmt::join(indicators_internal::MethodDimensions(item, entry.expanded), "; "))];
  }
  std::vector<std::string> notes;
  for (const auto& [way, count] : counts) {
    notes.push_back(fmt::format("{} item{} added up from several rows ({})", count, count == 1 ? "" : "s", way));
  }
  return notes;
}

}  // namespace

ShareResult ComputeShares(const TradeTable& table, const Reference& reference, const Selection& selection, ShareBy by,
                          const IndicatorOptions& options) {
  indicators_internal::CheckOptions(reference, options);
  const Selection canonical = Canonicalize(reference, selection);
  const bool by_partner = by != ShareBy::kProduct;
  const bool by_product = by != ShareBy::kPartner;

  indicators_internal::AggregateResult total_rows = Aggregate(table, reference, canonical, false, false);
  if (total_rows.entries.empty()) indicators_internal::ThrowNoData(table, canonical, total_rows.refusals);
  AggregateEntry& total_entry = total_rows.entries.front();
  indicators_internal::AggregateResult items = Aggregate(table, reference, canonical, by_partner, by_product);

  ShareResult result;
  result.by = by;
  std::vector<std::span<const std::size_t>> row_sets{total_entry.rows};
  for (const AggregateEntry& entry : items.entries) row_sets.emplace_back(entry.rows);
  result.currency = indicators_internal::OutputCurrency(table, reference, options, row_sets);
  Converter converter(table, reference, result.currency);

  result.total.selection = canonical;
  result.total.currency = result.currency;
  result.total.value = converter.Sum(total_entry.rows, &result.total.rates);
  result.total.method = indicators_internal::DescribeMethod(table, reference, canonical, total_entry);
  result.total.rows = std::move(total_entry.rows);
  const unsigned total_expanded = total_entry.expanded;
  const double total = result.total.value;
  if (!(total > 0.0)) {
    throw Error(fmt::format("the value of {} is {}: shares of it are undefined", canonical.Describe(), total));
  }
  MergeRates(result.rates, result.total.rates);

  for (AggregateEntry& entry : items.entries) {
    ShareItem item;
    if (by_partner) item.partner = table.economies()[entry.partner];
    if (by_product) item.product = table.products()[entry.product];
    item.value = converter.Sum(entry.rows, &result.rates);
    item.share = item.value / total;
    item.rows = std::move(entry.rows);  // the entries' keys and ways are still read below; their rows are not
    result.itemised += item.value;
    result.items.push_back(std::move(item));
  }
  std::ranges::sort(result.items, [](const ShareItem& a, const ShareItem& b) {
    if (a.value != b.value) return a.value > b.value;
    return std::tie(a.partner, a.product) < std::tie(b.partner, b.product);
  });
  result.coverage = result.itemised / total;
  result.notes = SummarizeItemMethods(table, canonical, items.entries);
  // A total summed over the partners (or reporters) present is as complete as the file's list of them, which
  // for published figures (the seed case) is often only the largest few.
  if (total_expanded & (indicators_internal::kPartnerExpanded | indicators_internal::kReporterExpanded)) {
    result.notes.push_back(fmt::format(
        "the total of {} is not a row of the input: it is built from the rows present ({}), and is complete only "
        "if they are",
        canonical.Describe(), fmt::join(result.total.method, "; ")));
  }

  const double tolerance = options.tolerance * std::abs(total);
  if (total - result.itemised > tolerance) {
    ShareItem rest;
    rest.rest = true;
    rest.value = total - result.itemised;
    rest.share = rest.value / total;
    result.rest = rest;
  } else if (result.itemised - total > tolerance) {
    result.notes.push_back(fmt::format(
        "inconsistent figures: the {} add up to {:.1f}% of the total ({:.6g} against {:.6g} {}); they overlap, or "
        "the total is incomplete",
        ItemsNoun(by), 100.0 * result.coverage, result.itemised, total, result.currency));
  }
  if (result.items.empty()) {
    result.notes.push_back(fmt::format("no {} are itemised for {}", ItemsNoun(by), canonical.Describe()));
  }
  return result;
}

Concentration ComputeConcentration(const ShareResult& shares) {
  Concentration result;
  result.item_count = shares.items.size();
  for (const ShareItem& item : shares.items) result.hhi += item.share * item.share;
  result.coverage = shares.coverage;
  const double rest_share = shares.rest ? shares.rest->share : 0.0;
  result.lower_bound = shares.rest.has_value();
  // Were the rest a single partner, it would add its square; split finely it adds almost nothing.
  result.hhi_upper = result.hhi + rest_share * rest_share;
  const double n = static_cast<double>(result.item_count);
  if (result.item_count > 1 && !result.lower_bound) {
    result.normalized = std::clamp((result.hhi - 1.0 / n) / (1.0 - 1.0 / n), 0.0, 1.0);
  }
  return result;
}

Dependence ComputeDependence(const ShareResult& partner_shares, const std::string& partner) {
  if (partner_shares.by != ShareBy::kPartner) throw Error("dependence needs shares by partner");
  const ShareItem* found = nullptr;
  if (partner.empty()) {
    if (!partner_shares.items.empty()) found = &partner_shares.items.front();
  } else {
    for (const ShareItem& item : partner_shares.items) {
      if (item.partner == partner) found = &item;
    }
  }
  if (found == nullptr) {
    throw Error(fmt::format("no data for {} with partner {}", partner_shares.total.selection.Describe(),
                            partner.empty() ? std::string("(any)") : partner));
  }
  return Dependence{.partner = found->partner,
                    .value = found->value,
                    .total = partner_shares.total.value,
                    .share = found->share,
                    .currency = partner_shares.currency};
}

}  // namespace tradeshock
