// Coverage of a flow by overlapping policies (src/scenario/policy_overlap.h).
#include "scenario/policy_overlap.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "tradeshock/number_format.h"

namespace tradeshock::scenario_internal {

namespace {

constexpr std::size_t kMaxOverlaps = 4096;

// The cells of a flow a policy (or several) covers: partners x products, both inside the flow's.
struct Region {
  bool all_partners = false;
  std::vector<std::string> partners;  // sorted, unique; unused when all_partners
  std::vector<std::string> products;  // selectors, none inside another
  bool whole = false;                 // the flow itself

  bool empty() const { return (!all_partners && partners.empty()) || products.empty(); }
};

std::vector<std::string> Sorted(std::vector<std::string> members) {
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

// The members of partner `code` in the flow's data: on the flow's membership day (Selection::MembersOf).
std::vector<std::string> FlowMembers(const Reference& reference, const std::string& code, const Selection& flow) {
  return Sorted(flow.MembersOf(reference, code));
}

// Whether every product of selector `inner` falls under selector `outer` (a product group is inside when
// all its codes are).
bool Inside(const Reference& reference, const std::string& inner, const std::string& outer) {
  if (inner == outer || outer == kTotalProduct) return true;
  if (inner == kTotalProduct) return false;
  try {
    if (const HsEntry* entry = reference.FindHs(inner))
      return entry->level >= 2 && reference.ProductCovers(outer, inner);
    if (const ProductGroup* group = reference.FindProductGroup(inner)) {
      return std::all_of(group->hs_codes.begin(), group->hs_codes.end(),
                         [&](const std::string& code) { return Inside(reference, code, outer); });
    }
  } catch (const Error&) {
    // `outer` is a product of the table that is not in the reference: inside nothing but itself.
  }
  return false;
}

// The products two selectors both cover.
std::vector<std::string> ProductMeet(const Reference& reference, const std::string& a, const std::string& b) {
  if (Inside(reference, a, b)) return {a};
  if (Inside(reference, b, a)) return {b};
  std::vector<std::string> meet;
  for (const auto& [group_code, other] : {std::pair{a, b}, std::pair{b, a}}) {
    if (const ProductGroup* group = reference.FindProductGroup(group_code)) {
      for (const std::string& code : group->hs_codes) {
        for (std::string& part : ProductMeet(reference, code, other)) meet.push_back(std::move(part));
      }
      break;
    }
  }
  return meet;
}

// `products` without duplicates and without selectors inside another.
std::vector<std::string> Distinct(const Reference& reference, const std::vector<std::string>& products) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < products.size(); ++i) {
    bool inside = false;
    for (std::size_t j = 0; j < products.size() && !inside; ++j) {
      if (products[j] == products[i]) {
        inside = j < i;  // a repeat: keep the first
      } else {
        inside = Inside(reference, products[i], products[j]);
      }
    }
    if (!inside) kept.push_back(products[i]);
  }
  return kept;
}

Region Meet(const Reference& reference, const Region& a, const Region& b) {
  if (a.whole) return b;
  if (b.whole) return a;
  Region region;
  region.all_partners = a.all_partners && b.all_partners;
  if (!region.all_partners) {
    if (a.all_partners) {
      region.partners = b.partners;
    } else if (b.all_partners) {
      region.partners = a.partners;
    } else {
      std::set_intersection(a.partners.begin(), a.partners.end(), b.partners.begin(), b.partners.end(),
                            std::back_inserter(region.partners));
    }
  }
  std::vector<std::string> products;
  for (const std::string& x : a.products) {
    for (const std::string& y : b.products) {
      for (std::string& z : ProductMeet(reference, x, y)) products.push_back(std::move(z));
    }
  }
  region.products = Distinct(reference, products);
  return region;
}

Region FlowRegion(const Reference& reference, const Selection& flow) {
  Region region;
  region.all_partners = flow.partner == kWorld;
  if (!region.all_partners) region.partners = FlowMembers(reference, flow.partner, flow);
  region.products = {flow.product};
  region.whole = true;
  return region;
}

Region PolicyRegion(const Reference& reference, const Policy& policy, const Selection& flow) {
  if (policy.on != flow.reporter || flow.flow == Flow::kImports) return Region{};
  Region raw;
  // A group imposes the policy with its members on the day it starts.
  raw.partners = Sorted(reference.MembersOn(policy.imposed_by, policy.from.ToString()));
  raw.products = Distinct(reference, policy.products);
  // The flow's region as a plain region, so that the meet is taken: a policy on all goods covers only the flow's
  // product of a flow of one product (Meet returns the other side of a whole region unchanged).
  Region flow_region = FlowRegion(reference, flow);
  flow_region.whole = false;
  Region region = Meet(reference, flow_region, raw);
  const Region whole = FlowRegion(reference, flow);
  region.whole = flow.flow == Flow::kExports && region.all_partners == whole.all_partners &&
                 (region.all_partners || region.partners == whole.partners) && region.products == whole.products;
  return region;
}

std::string CellsText(const Region& region, const std::vector<std::string>& partner_codes, const Reference& reference,
                      const Selection& flow) {
  std::string partners;
  if (region.all_partners) {
    partners = "all partners";
  } else {
    for (const std::string& code : partner_codes) {
      if (FlowMembers(reference, code, flow) == region.partners) partners = code;
    }
    if (partners.empty()) {
      partners = region.partners.size() <= 4
                     ? fmt::format("{}", fmt::join(region.partners, ", "))
                     : fmt::format("{}, ... ({} partners)",
                                   fmt::join(region.partners.begin(), region.partners.begin() + 3, ", "),
                                   region.partners.size());
    }
  }
  return fmt::format("exports to {} in {}", partners, fmt::join(region.products, ", "));
}

class RegionValuer {
 public:
  RegionValuer(const TradeTable& table, const Reference& reference, const Selection& flow,
               std::vector<std::string> partner_codes, const IndicatorOptions& options, FlowCoverage& coverage)
      : table_(table),
        reference_(reference),
        flow_(flow),
        partner_codes_(std::move(partner_codes)),
        options_(options),
        coverage_(coverage) {}

  // The region's value in the flow's period; nullopt (with the reason) when the data do not give it. A
  // group of partners is asked for by its code first, then member by member.
  std::optional<double> Value(const Region& region, std::string& reason) {
    if (region.all_partners) return Sum(region.products, {kWorld}, reason);
    for (const std::string& code : partner_codes_) {
      if (FlowMembers(reference_, code, flow_) != region.partners) continue;
      if (auto value = Sum(region.products, {code}, reason)) return value;
      break;
    }
    if (region.partners.size() == 1 && !reason.empty()) return std::nullopt;
    return Sum(region.products, region.partners, reason);
  }

 private:
  // The exports of the flow's reporter to `partners` in `products`. With several partners, one with no
  // data has no exports; with one, no data is not known.
  std::optional<double> Sum(const std::vector<std::string>& products, const std::vector<std::string>& partners,
                            std::string& reason) {
    double total = 0.0;
    bool any = false;
    for (const std::string& product : products) {
      for (const std::string& partner : partners) {
        const Selection cell{flow_.reporter, partner, Flow::kExports, product, flow_.period, flow_.members_on};
        Maybe<ValueResult> value = TryComputeValue(table_, reference_, cell, options_);
        if (!value) {
          if (reason.empty()) reason = value.reason();
          if (partners.size() > 1) continue;
          return std::nullopt;
        }
        any = true;
        total += value->value;
        MergeRates(coverage_.rates, value->rates);
      }
    }
    if (!any) return std::nullopt;
    reason.clear();
    return total;
  }

 private:
  const TradeTable& table_;
  const Reference& reference_;
  const Selection& flow_;
  std::vector<std::string> partner_codes_;
  const IndicatorOptions& options_;
  FlowCoverage& coverage_;
};

}  // namespace

// Long: the max-min identity in its order (base period, single policies, then growing sets of policies), each
// stage reading the previous one's cells; kept in one place so that it can be read against docs/METHODS.md.
FlowCoverage MeasureCoverage(const TradeTable& table, const Reference& reference, const std::vector<Policy>& policies,
                             const Selection& flow, const std::vector<Period>& base_candidates,
                             const IndicatorOptions& options) {
  FlowCoverage coverage;
  coverage.flow = flow;
  std::vector<Region> regions;
  std::vector<std::size_t> touching;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    regions.push_back(PolicyRegion(reference, policies[i], flow));
    if (!regions.back().empty()) touching.push_back(i);
  }
  const bool all_whole = std::all_of(touching.begin(), touching.end(), [&](std::size_t i) { return regions[i].whole; });

  // The flow in the base period, when any policy covers only part of it: the first candidate period that
  // gives it, else the first (values without weights).
  if (!all_whole) {
    std::vector<std::string> tried;
    coverage.flow.period = base_candidates.front();
    for (const Period& period : base_candidates) {
      Selection base = flow;
      base.period = period;
      Maybe<ValueResult> value = TryComputeValue(table, reference, base, options);
      if (value && value->value > 0.0) {
        coverage.flow = base;
        coverage.flow_value = std::move(value).ToOptional();
        break;
      }
      tried.push_back(period.ToString());
    }
    if (!coverage.flow_value) {
      coverage.notes.push_back(
          fmt::format("the share of {} that the policies cover is not known: the data give "
                      "no value of it in {}",
                      flow.DescribeFlow(), fmt::join(tried, " or ")));
    }
  }
  std::vector<std::string> partner_codes = {flow.partner};
  for (const Policy& policy : policies) partner_codes.push_back(policy.imposed_by);
  RegionValuer valuer(table, reference, coverage.flow, partner_codes, options, coverage);
  const std::optional<double> flow_value =
      coverage.flow_value ? std::optional<double>(coverage.flow_value->value) : std::nullopt;
  // Value and weight of a region; false (with the reason) when its value is not in the data.
  const auto measure = [&](const Region& region, PolicyOverlap& overlap, std::string& reason) {
    if (region.whole) {
      overlap.value = flow_value;
      overlap.weight = 1.0;
      return true;
    }
    overlap.value = valuer.Value(region, reason);
    if (!overlap.value) return false;
    if (flow_value) overlap.weight = std::min(*overlap.value / *flow_value, 1.0);
    return true;
  };

  // Single policies.
  std::vector<std::size_t> kept;
  for (std::size_t i : touching) {
    PolicyOverlap single{
        {i}, std::nullopt, std::nullopt, CellsText(regions[i], partner_codes, reference, coverage.flow)};
    std::string reason;
    if (!measure(regions[i], single, reason)) {
      coverage.notes.push_back(fmt::format("{} covers part of {} ({}), but its share is not known ({}): not applied",
                                           policies[i].name, flow.DescribeFlow(), single.cells, reason));
      continue;
    }
    if (single.value && flow_value && *single.value > *flow_value * (1.0 + 1e-9)) {
      coverage.notes.push_back(fmt::format("{}: its flow ({}) is {} of {}, more than the whole; taken as 100%",
                                           policies[i].name, single.cells,
                                           FormatPercent(*single.value / *flow_value, 2), coverage.flow.Describe()));
    }
    kept.push_back(i);
    coverage.overlaps.push_back(std::move(single));
  }

  // Sets of two or more, grown one policy at a time; a set with no common cell has no larger overlap.
  struct Open {
    std::vector<std::size_t> policies;
    Region region;
  };
  std::vector<Open> frontier;
  for (std::size_t k = 0; k < kept.size(); ++k) frontier.push_back({{kept[k]}, regions[kept[k]]});
  while (!frontier.empty()) {
    std::vector<Open> next;
    for (const Open& open : frontier) {
      for (std::size_t j : kept) {
        if (j <= open.policies.back()) continue;
        Region region = Meet(reference, open.region, regions[j]);
        if (region.empty()) continue;
        std::vector<std::size_t> members = open.policies;
        members.push_back(j);
        std::vector<std::string> names;
        for (std::size_t m : members) names.push_back(policies[m].name);
        PolicyOverlap overlap{members, std::nullopt, std::nullopt,
                              CellsText(region, partner_codes, reference, coverage.flow)};
        std::string reason;
        if (!measure(region, overlap, reason)) {
          coverage.overlap_notes.push_back(
              fmt::format("{} overlap on {}, but its value is not known ({}): counted as no "
                          "overlap, so the stopped share may be overstated",
                          fmt::join(names, " and "), overlap.cells, reason));
          continue;
        }
        if (coverage.overlaps.size() >= kMaxOverlaps) {
          coverage.overlap_notes.push_back(
              fmt::format("more than {} overlapping sets of policies: the rest are counted as "
                          "no overlap",
                          kMaxOverlaps));
          return coverage;
        }
        if (members.size() == 2) {
          coverage.overlap_notes.push_back(fmt::format(
              "{} both cover {} ({}): the larger share stopped counts there", fmt::join(names, " and "), overlap.cells,
              overlap.weight ? fmt::format("{} of {}", FormatPercent(*overlap.weight, 2), coverage.flow.Describe())
                             : fmt::format("{} in {}", FormatMoney(overlap.value.value_or(0.0)),
                                           coverage.flow.period.ToString())));
        }
        coverage.overlaps.push_back(std::move(overlap));
        next.push_back({std::move(members), std::move(region)});
      }
    }
    frontier = std::move(next);
  }
  return coverage;
}

namespace {

// The max-min identity's sum over the overlaps, of each overlap's `amount`.
template <typename Amount>
double SignedSum(const FlowCoverage& coverage, const std::vector<double>& stopped, std::size_t smallest_set,
                 Amount amount) {
  double sum = 0.0;
  for (const PolicyOverlap& overlap : coverage.overlaps) {
    if (overlap.policies.size() < smallest_set) continue;
    const std::optional<double> base = amount(overlap);
    if (!base) continue;
    double least = 1.0;
    for (std::size_t i : overlap.policies) least = std::min(least, stopped.at(i));
    sum += (overlap.policies.size() % 2 == 1 ? 1.0 : -1.0) * *base * least;
  }
  return sum;
}

}  // namespace

double StoppedShare(const FlowCoverage& coverage, const std::vector<double>& stopped) {
  const double share = SignedSum(coverage, stopped, 1, [](const PolicyOverlap& o) { return o.weight; });
  return std::clamp(share, 0.0, 1.0);
}

double OverlapCorrection(const FlowCoverage& coverage, const std::vector<double>& stopped) {
  return SignedSum(coverage, stopped, 2, [](const PolicyOverlap& o) { return o.value; });
}

}  // namespace tradeshock::scenario_internal
