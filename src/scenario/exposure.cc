// Exposure of an exporter to a scenario's policies (docs/METHODS.md, "Scenarios and nowcast").
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "scenario/policy_overlap.h"
#include "tradeshock/number_format.h"
#include "tradeshock/scenario.h"

namespace tradeshock {

namespace {

std::optional<ValueResult> TryValue(const TradeTable& table, const Reference& reference, const Selection& selection,
                                    const IndicatorOptions& options, std::vector<std::string>& notes) {
  Maybe<ValueResult> value = TryComputeValue(table, reference, selection, options);
  if (!value) notes.push_back(value.reason());
  return std::move(value).ToOptional();
}

// The policy's product selectors without those another selector already covers (no double counting).
std::vector<std::string> DistinctSelectors(const Reference& reference, const Policy& policy) {
  std::vector<std::string> kept;
  for (const std::string& selector : policy.products) {
    bool inside = false;
    for (const std::string& other : policy.products) {
      if (other == selector) continue;
      try {
        if (other == kTotalProduct || (reference.FindHs(selector) && reference.ProductCovers(other, selector))) {
          inside = true;
        }
      } catch (const Error&) {
      }
    }
    if (!inside && std::find(kept.begin(), kept.end(), selector) == kept.end()) kept.push_back(selector);
  }
  return kept;
}

// Items by code, indexed: adding the 5,000 products of a BACI exporter one by one is then linear, not quadratic
// (a search of the list per product took most of the exposure's time on 10 million rows).
class ItemIndex {
 public:
  explicit ItemIndex(std::vector<ExposureItem>& items) : items_(items) {
    for (std::size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].code, i);
  }
  // The item of `code`, appended when new. Valid until the list is reordered.
  ExposureItem& At(const std::string& code) {
    const auto [it, inserted] = index_.try_emplace(code, items_.size());
    if (inserted) items_.push_back(ExposureItem{code});
    return items_[it->second];
  }

 private:
  std::vector<ExposureItem>& items_;
  std::unordered_map<std::string, std::size_t> index_;
};

void AddItem(ItemIndex& items, const std::string& code, double value, double share_stopped) {
  ExposureItem& item = items.At(code);
  item.value += value;
  item.covered += value;
  item.at_risk += value * share_stopped;
}

void SortItems(std::vector<ExposureItem>& items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const ExposureItem& a, const ExposureItem& b) { return a.at_risk > b.at_risk; });
}

// Long (81 lines): one policy's value, split by product and by partner as the data itemise them, and a year earlier.
PolicyExposure ExposureOf(const TradeTable& table, const Reference& reference, const Policy& policy,
                          const Period& period, const IndicatorOptions& options, ExposureResult& result) {
  PolicyExposure exposure;
  exposure.policy = policy;
  ItemIndex by_product(exposure.by_product);
  ItemIndex by_partner(exposure.by_partner);
  // A group's members on the day the policy starts (the central date of a range).
  const std::vector<std::string> members = reference.MembersOn(policy.imposed_by, policy.from.ToString());
  double year_earlier = 0.0;
  bool year_earlier_complete = true;
  std::vector<std::size_t> year_earlier_rows;
  for (const std::string& selector : DistinctSelectors(reference, policy)) {
    Selection selection{policy.on, policy.imposed_by, Flow::kExports, selector, period, policy.from.ToString()};
    std::vector<std::string> notes;
    auto value = TryValue(table, reference, selection, options, notes);
    if (!value) {
      result.notes.push_back(
          fmt::format("{}: {} not in the data, counted as 0 ({})", policy.name, selection.Describe(), notes.front()));
      year_earlier_complete = false;
      continue;
    }
    MergeRates(result.rates, value->rates);
    if (result.currency.empty()) result.currency = value->currency;
    exposure.covered += value->value;
    exposure.rows.insert(exposure.rows.end(), value->rows.begin(), value->rows.end());
    // By product: the most detailed products under the selector, when the data itemise them.
    bool itemised = false;
    if (selector != kTotalProduct || table.products().size() > 1) {
      const Maybe<ShareResult> shares = TryComputeShares(table, reference, selection, ShareBy::kProduct, options);
      if (shares && !shares->items.empty()) {
        for (const ShareItem& item : shares->items) AddItem(by_product, item.product, item.value, policy.share_stopped);
        if (shares->rest) AddItem(by_product, "rest (not itemised)", shares->rest->value, policy.share_stopped);
        MergeRates(result.rates, shares->rates);
        itemised = true;
      }
    }
    if (!itemised) AddItem(by_product, selector, value->value, policy.share_stopped);
    // By partner: each member of a group.
    if (members.size() > 1) {
      double sum = 0.0;
      for (const std::string& member : members) {
        Selection one = selection;
        one.partner = member;
        std::vector<std::string> ignored;
        if (auto part = TryValue(table, reference, one, options, ignored)) {
          AddItem(by_partner, member, part->value, policy.share_stopped);
          sum += part->value;
        }
      }
      if (value->value - sum > value->value * 1e-9) {
        AddItem(by_partner, "rest (not itemised)", value->value - sum, policy.share_stopped);
      }
    } else {
      AddItem(by_partner, policy.imposed_by, value->value, policy.share_stopped);
    }
    Selection earlier = selection;
    earlier.period = period.ShiftYears(-1);
    std::vector<std::string> earlier_notes;
    if (auto before = TryValue(table, reference, earlier, options, earlier_notes)) {
      year_earlier += before->value;
      MergeRates(result.rates, before->rates);
      year_earlier_rows.insert(year_earlier_rows.end(), before->rows.begin(), before->rows.end());
    } else {
      year_earlier_complete = false;
      result.notes.push_back(
          fmt::format("{}: the year-earlier value is not known ({})", policy.name, earlier_notes.front()));
    }
  }
  exposure.at_risk = exposure.covered * policy.share_stopped;
  if (const auto& range = policy.share_stopped_range) {
    exposure.at_risk_range = std::pair{exposure.covered * range->first, exposure.covered * range->second};
  }
  if (year_earlier_complete && !policy.products.empty()) {
    ValueResult earlier;
    earlier.selection =
        Selection{policy.on, policy.imposed_by, Flow::kExports,
                  policy.products.size() == 1 ? policy.products.front() : "(policy products)", period.ShiftYears(-1)};
    earlier.value = year_earlier;
    earlier.currency = result.currency;
    earlier.rows = std::move(year_earlier_rows);
    exposure.year_earlier = std::move(earlier);
  }
  SortItems(exposure.by_partner);
  SortItems(exposure.by_product);
  return exposure;
}

std::vector<PartnerRank> Ranks(const ShareResult& shares) {
  std::vector<PartnerRank> ranks;
  for (const ShareItem& item : shares.items) ranks.push_back({item.partner, item.value, item.share});
  std::stable_sort(ranks.begin(), ranks.end(),
                   [](const PartnerRank& a, const PartnerRank& b) { return a.value > b.value; });
  return ranks;
}

// Partner concentration of `flow` before and after removing the stopped exports.
std::optional<ConcentrationChange> ConcentrationOf(const TradeTable& table, const Reference& reference,
                                                   const std::string& exporter, Flow flow, const Period& period,
                                                   const IndicatorOptions& options,
                                                   const std::vector<ExposureItem>& stopped, ExposureResult& result) {
  Maybe<ShareResult> found = TryComputeShares(
      table, reference, Selection{exporter, kWorld, flow, kTotalProduct, period}, ShareBy::kPartner, options);
  if (!found) {
    result.notes.push_back(fmt::format("partner concentration of {}: {}", ToString(flow), found.reason()));
    return std::nullopt;
  }
  ShareResult shares = *std::move(found).ToOptional();
  if (shares.items.empty()) return std::nullopt;
  MergeRates(result.rates, shares.total.rates);
  MergeRates(result.rates, shares.rates);
  ConcentrationChange change;
  change.flow = flow;
  change.before = ComputeConcentration(shares);
  change.largest_before = Ranks(shares);
  ShareResult after = shares;
  double removed = 0.0;
  for (const ExposureItem& item : stopped) {
    removed += item.at_risk;
    auto it = std::find_if(after.items.begin(), after.items.end(),
                           [&](const ShareItem& share) { return share.partner == item.code; });
    if (it != after.items.end()) {
      it->value = std::max(0.0, it->value - item.at_risk);
    } else if (after.rest) {
      after.rest->value = std::max(0.0, after.rest->value - item.at_risk);
    }
  }
  after.total.value = std::max(0.0, after.total.value - removed);
  after.itemised = 0.0;
  for (ShareItem& item : after.items) {
    item.share = after.total.value > 0.0 ? item.value / after.total.value : 0.0;
    after.itemised += item.value;
  }
  if (after.rest) after.rest->share = after.total.value > 0.0 ? after.rest->value / after.total.value : 0.0;
  after.coverage = after.total.value > 0.0 ? after.itemised / after.total.value : 0.0;
  std::stable_sort(after.items.begin(), after.items.end(),
                   [](const ShareItem& a, const ShareItem& b) { return a.value > b.value; });
  change.after = ComputeConcentration(after);
  change.largest_after = Ranks(after);
  return change;
}

// Each policy's share stopped at one reading: central, or the low or high end of its range.
enum class ShareEnd { kCentral, kLow, kHigh };
std::vector<double> SharesStopped(const std::vector<Policy>& policies, ShareEnd end) {
  std::vector<double> stopped;
  for (const Policy& policy : policies) {
    const auto& range = policy.share_stopped_range;
    stopped.push_back(end == ShareEnd::kCentral || !range ? policy.share_stopped
                      : end == ShareEnd::kLow             ? range->first
                                                          : range->second);
  }
  return stopped;
}

// The total at risk at the ends of the policies' share_stopped ranges, when any gives one.
void AddRange(const std::vector<PolicyExposure>& policies, ExposureResult& result) {
  bool any = false;
  std::pair<double, double> range{0.0, 0.0};
  for (const PolicyExposure& exposure : policies) {
    any = any || exposure.at_risk_range.has_value();
    const auto ends = exposure.at_risk_range.value_or(std::pair{exposure.at_risk, exposure.at_risk});
    range.first += ends.first;
    range.second += ends.second;
  }
  if (any) result.at_risk_range = range;
}

// Overlapping policies in the tables by partner and product and in the year-earlier value: each item's covered
// flow is the union of what the policies cover of it (the max-min identity with every share 1) and its value
// at risk counts the larger share once, as the total does.
void CountItemsOnce(const TradeTable& table, const Reference& reference, const std::vector<Policy>& policies,
                    const Period& period, const IndicatorOptions& options, ExposureResult& result) {
  const std::vector<double> whole(policies.size(), 1.0);
  const std::vector<double> shares = SharesStopped(policies, ShareEnd::kCentral);
  // The item's flow times the shares of it the policies cover and stop; the sums stay when a share is not known.
  const auto correct = [&](ExposureItem& item, const Selection& flow) {
    const Maybe<ValueResult> value = TryComputeValue(table, reference, flow, options);
    if (!value) return;
    const scenario_internal::FlowCoverage coverage =
        scenario_internal::MeasureCoverage(table, reference, policies, flow, {flow.period}, options);
    const bool known = std::all_of(coverage.overlaps.begin(), coverage.overlaps.end(),
                                   [](const scenario_internal::PolicyOverlap& overlap) { return overlap.weight; });
    if (!known || !coverage.notes.empty()) return;
    item.covered = scenario_internal::StoppedShare(coverage, whole) * value->value;
    item.value = item.covered;
    item.at_risk = scenario_internal::StoppedShare(coverage, shares) * value->value;
  };
  // A product's flow to the one importer every policy names, else to the world.
  const bool one_importer = std::all_of(policies.begin(), policies.end(),
                                        [&](const Policy& p) { return p.imposed_by == policies.front().imposed_by; });
  const std::string importer = one_importer ? policies.front().imposed_by : std::string(kWorld);
  // Quick path: when the policies listing an item cover the same flow of it (a product to the one importer they
  // all name, or a partner in the same products), the union is that flow and the larger share counts (a ban
  // wins); only other items need their coverage measured, which keeps a table of thousands of HS codes cheap.
  const auto covered_whole = [&](ExposureItem& item, bool by_partner) {
    std::vector<std::size_t> listed;
    for (std::size_t i = 0; i < result.policies.size(); ++i) {
      const auto& own = by_partner ? result.policies[i].by_partner : result.policies[i].by_product;
      if (std::any_of(own.begin(), own.end(), [&](const ExposureItem& x) { return x.code == item.code; })) {
        listed.push_back(i);
      }
    }
    if (listed.size() < 2) return true;  // one policy's own figures: nothing counted twice
    const auto same_products = [&](std::size_t i) {
      return result.policies[i].policy.products == result.policies[listed.front()].policy.products;
    };
    if (by_partner ? !std::all_of(listed.begin(), listed.end(), same_products) : !one_importer) return false;
    double at_risk = 0.0;
    for (std::size_t i : listed) {
      const auto& own = by_partner ? result.policies[i].by_partner : result.policies[i].by_product;
      for (const ExposureItem& x : own) {
        if (x.code == item.code) {
          item.covered = item.value = x.covered;
          at_risk = std::max(at_risk, x.at_risk);
        }
      }
    }
    item.at_risk = at_risk;
    return true;
  };
  for (ExposureItem& item : result.by_partner) {
    if (item.code.starts_with("rest") || covered_whole(item, true)) continue;
    correct(item, Selection{result.exporter, item.code, Flow::kExports, kTotalProduct, period});
  }
  for (ExposureItem& item : result.by_product) {
    if (item.code.starts_with("rest") || covered_whole(item, false)) continue;
    correct(item, Selection{result.exporter, importer, Flow::kExports, item.code, period});
  }
  if (result.year_earlier_value) {
    const Period earlier = period.ShiftYears(-1);
    const scenario_internal::FlowCoverage coverage = scenario_internal::MeasureCoverage(
        table, reference, policies, Selection{result.exporter, kWorld, Flow::kExports, kTotalProduct, earlier},
        {earlier}, options);
    *result.year_earlier_value += scenario_internal::OverlapCorrection(coverage, whole);
  }
}

// Policies that cover the same goods to the same partner: the larger share stopped counts once in the total
// at risk (the max-min identity, policy_overlap.h) and in the tables by product and partner (CountItemsOnce);
// each policy's own tables keep its whole flow.
void AddOverlaps(const TradeTable& table, const Reference& reference, const std::vector<Policy>& policies,
                 const Period& period, const IndicatorOptions& options, ExposureResult& result) {
  if (policies.size() < 2) return;
  const scenario_internal::FlowCoverage coverage = scenario_internal::MeasureCoverage(
      table, reference, policies, Selection{result.exporter, kWorld, Flow::kExports, kTotalProduct, period}, {period},
      options);
  const double correction = scenario_internal::OverlapCorrection(coverage, SharesStopped(policies, ShareEnd::kCentral));
  for (const std::string& note : coverage.overlap_notes) result.notes.push_back(note);
  if (result.at_risk_range) {
    result.at_risk_range->first +=
        scenario_internal::OverlapCorrection(coverage, SharesStopped(policies, ShareEnd::kLow));
    result.at_risk_range->second +=
        scenario_internal::OverlapCorrection(coverage, SharesStopped(policies, ShareEnd::kHigh));
  }
  const std::vector<double> whole(policies.size(), 1.0);
  if (scenario_internal::OverlapCorrection(coverage, whole) == 0.0) return;  // the policies cover disjoint flows
  CountItemsOnce(table, reference, policies, period, options, result);
  if (correction != 0.0) {
    result.at_risk += correction;
    result.notes.push_back(
        fmt::format("the total at risk counts the overlap once ({} less than the sum of the policies), as do the "
                    "tables by product and partner; each policy's own tables keep its whole flow",
                    FormatMoney(-correction, result.currency)));
  }
}

}  // namespace

// Long: the exposure's steps in order (each policy, their overlap, the totals that may serve as denominators and
// the shares); the rules for when a summed total is a denominator are one argument and are kept together.
ExposureResult ComputeExposure(const TradeTable& table, const Reference& reference, const Scenario& scenario,
                               const Period& period, const IndicatorOptions& options, Itemisation itemisation) {
  if (scenario.policies.empty()) throw Error("scenario has no policy");
  ExposureResult result;
  result.exporter = scenario.policies.front().on;
  result.period = period;
  result.currency = options.currency;
  for (const Policy& policy : scenario.policies) {
    if (policy.on != result.exporter) {
      result.notes.push_back(
          fmt::format("{} is on {}, not on {}: left out of this exposure", policy.name, policy.on, result.exporter));
      continue;
    }
    result.policies.push_back(ExposureOf(table, reference, policy, period, options, result));
  }
  bool any_data = false;
  std::vector<Policy> exposed;
  for (const PolicyExposure& exposure : result.policies) exposed.push_back(exposure.policy);
  ItemIndex by_partner(result.by_partner);
  ItemIndex by_product(result.by_product);
  for (const PolicyExposure& exposure : result.policies) {
    any_data = any_data || !exposure.by_product.empty();
    result.at_risk += exposure.at_risk;
    for (const auto& [items, index] :
         {std::pair{&exposure.by_partner, &by_partner}, std::pair{&exposure.by_product, &by_product}}) {
      for (const ExposureItem& item : *items) {
        ExposureItem& total = index->At(item.code);
        total.value += item.value;
        total.covered += item.covered;
        total.at_risk += item.at_risk;
      }
    }
    if (exposure.year_earlier)
      result.year_earlier_value = result.year_earlier_value.value_or(0.0) + exposure.year_earlier->value;
  }
  if (!any_data) {
    throw Error(
        fmt::format("no data for the flows the scenario covers ({} exports, {})", result.exporter, period.ToString()));
  }
  AddRange(result.policies, result);
  AddOverlaps(table, reference, exposed, period, options, result);
  IndicatorOptions same = options;
  if (same.currency.empty()) same.currency = result.currency;
  std::vector<std::string> notes;
  result.exports_total = TryValue(
      table, reference, Selection{result.exporter, kWorld, Flow::kExports, kTotalProduct, period}, same, notes);
  result.trade_total =
      TryValue(table, reference, Selection{result.exporter, kWorld, Flow::kTrade, kTotalProduct, period}, same, notes);
  for (const std::string& note : notes) result.notes.push_back(fmt::format("total not known: {}", note));
  // A denominator summed from product rows may cover only the products the source lists (the seed case
  // lists two product groups): not used. One summed from partner rows is the usual total of partner-level
  // data (BACI has no world rows) and is kept with a note, unless every partner in it is one the policies
  // cover (the seed case lists exports to the US alone): that "total" is only the covered flow itself.
  for (std::optional<ValueResult>* total : {&result.exports_total, &result.trade_total}) {
    if (!*total) continue;
    if (itemisation == Itemisation::kComplete) {
      for (const std::string& method : (*total)->method) {
        result.notes.push_back(fmt::format("{}: {} (the data itemise every flow, so the sum is the total)",
                                           (*total)->selection.Describe(), method));
      }
      continue;
    }
    bool only_covered = true;
    for (const std::size_t row : (*total)->rows) {
      const std::string& partner = table.economies()[table.partner()[row]];
      only_covered = only_covered && std::any_of(result.by_partner.begin(), result.by_partner.end(),
                                                 [&](const ExposureItem& item) { return item.code == partner; });
    }
    for (const std::string& method : (*total)->method) {
      const bool by_product = method.rfind("product ", 0) == 0;
      const bool by_partner = method.rfind("partner ", 0) == 0;
      if (by_product || (by_partner && only_covered)) {
        result.notes.push_back(
            fmt::format("{} is not used as a total: the data only give a sum of itemised rows "
                        "({}), which need not cover everything",
                        (*total)->selection.Describe(), method));
        total->reset();
        break;
      }
      if (by_partner) result.notes.push_back(fmt::format("{}: {}", (*total)->selection.Describe(), method));
    }
  }
  if (result.exports_total && result.exports_total->value > 0.0) {
    MergeRates(result.rates, result.exports_total->rates);
    result.share_of_exports = result.at_risk / result.exports_total->value;
  }
  if (result.trade_total && result.trade_total->value > 0.0) {
    MergeRates(result.rates, result.trade_total->rates);
    result.share_of_trade = result.at_risk / result.trade_total->value;
  }
  for (auto* items : {&result.by_partner, &result.by_product}) {
    SortItems(*items);
    for (ExposureItem& item : *items) {
      if (result.share_of_exports) item.share_of_exports = item.at_risk / result.exports_total->value;
      if (result.share_of_trade) item.share_of_trade = item.at_risk / result.trade_total->value;
    }
  }
  for (PolicyExposure& exposure : result.policies) {
    for (auto* items : {&exposure.by_partner, &exposure.by_product}) {
      for (ExposureItem& item : *items) {
        if (result.share_of_exports) item.share_of_exports = item.at_risk / result.exports_total->value;
        if (result.share_of_trade) item.share_of_trade = item.at_risk / result.trade_total->value;
      }
    }
  }
  for (Flow flow : {Flow::kTrade, Flow::kExports}) {
    if (auto change =
            ConcentrationOf(table, reference, result.exporter, flow, period, same, result.by_partner, result)) {
      result.concentration.push_back(std::move(*change));
    }
  }
  return result;
}

}  // namespace tradeshock
