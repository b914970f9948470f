// Claims that cannot all hold together: interval arithmetic on each claim's feasible range.
//  1. A growth claim that refers to a value claim ("will not exceed 300 million USD, which will drop by more
//     than 70%") is tested on that figure: figure / actual base - 1 must lie in the growth claim's interval.
//     Without the base in the data, the base the two claims imply is reported as a note.
//  2. A value claim and a growth claim on the same selection and period: the value's interval, divided by the
//     actual base and minus one, must meet the growth's interval.
//  3. Claims on the same quantity (same metric kind and selection; values compared in USD at the period's
//     rate) must have intersecting intervals.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "claims/check_internal.h"
#include "claims/format.h"
#include "tradeshock/claims.h"

namespace tradeshock::claims_internal {

namespace {

Flow FirstFlow(const Claim& claim, const Claim* fallback) {
  if (!claim.flows.empty()) return claim.flows.front();
  if (fallback != nullptr && !fallback->flows.empty()) return fallback->flows.front();
  return Flow::kExports;
}

std::string StatedCurrency(const Claim& claim) {
  if (!claim.stated.currency.empty()) return claim.stated.currency;
  return claim.currencies.empty() ? std::string() : claim.currencies.front();
}

// " (4.528 billion CNY at 6.9042 CNY per USD in 2020)": the rows as published and the rates that converted them.
std::string DescribeRates(const TradeTable& table, const std::vector<ValueResult>& parts) {
  std::vector<std::string> rows;
  std::vector<std::string> rates;
  for (const ValueResult& part : parts) {
    if (part.rates.empty()) continue;
    for (std::size_t row : part.rows) {
      rows.push_back(FormatValue(table.value()[row], table.currencies()[table.currency()[row]], 1.0, 3));
    }
    for (const RateUsed& rate : part.rates) {
      rates.push_back(fmt::format("{} {} per USD in {}", rate.per_usd, rate.currency, rate.period.ToString()));
    }
  }
  if (rates.empty()) return "";
  return fmt::format(" ({} at {})", fmt::join(rows, " + "), fmt::join(rates, ", "));
}

ClaimResult* ResultOf(ClaimsReport& report, const std::string& id) {
  for (ClaimResult& result : report.results) {
    if (result.id == id) return &result;
  }
  return nullptr;
}

void CheckReference(const TradeTable& table, const Reference& reference, const Claim& growth, const Claim& value,
                    const ClaimCheckOptions& options, ClaimsReport& report) {
  const std::string currency = StatedCurrency(value);
  const double figure = value.stated.Value();
  const std::string figure_text = FormatQuantity(ClaimMetric::kValue, figure, currency, 1);
  Selection base{.reporter = growth.reporter,
                 .partner = growth.partners.front(),
                 .flow = FirstFlow(growth, &value),
                 .product = growth.products.front(),
                 .period = growth.base.value_or(growth.period.ShiftYears(-1))};
  const Interval allowed = growth.Feasible();
  const int decimals = std::max(1, growth.stated.decimals + 1);
  const Maybe<SummedValue> base_value =
      TrySumValues(table, reference, base, growth.partners, growth.products,
                   IndicatorOptions{.currency = currency, .tolerance = options.tolerance});
  if (!base_value) {
    // No base in the data: say what base the two statements imply, so a reader can compare it elsewhere.
    const double growth_point = growth.stated.Value();
    if (ClaimResult* result = ResultOf(report, growth.id)) {
      result->notes.push_back(
          fmt::format("'{}' and '{}' together imply a {} value of about {} ({} / (1 {} {})); not checkable: {}",
                      value.id, growth.id, base.period.ToString(),
                      FormatQuantity(ClaimMetric::kValue, figure / (1.0 + growth_point), currency, 1), figure_text,
                      growth_point < 0 ? "-" : "+", FormatPercent(std::fabs(growth_point), growth.stated.decimals),
                      base_value.reason()));
    }
    return;
  }
  const double implied = figure / base_value->value - 1.0;
  const std::string base_text = FormatQuantity(ClaimMetric::kValue, base_value->value, currency, 1);
  const Interval needed = allowed.Affine(base_value->value, base_value->value);
  const std::string arithmetic = fmt::format(
      "against the {} actual of {}{}, the {} stated by '{}' is a change of {} ({} / {} - 1); '{}' states {} "
      "{}, which needs {}",
      base.period.ToString(), base_text, DescribeRates(table, base_value->parts), figure_text, value.id,
      FormatPercent(implied, decimals), FormatQuantity(ClaimMetric::kValue, figure, "", 1), base_text, growth.id,
      ComparisonWords(growth.comparison), growth.stated.text, FormatInterval(needed, ClaimMetric::kValue, currency, 1));
  if (allowed.Contains(implied)) {
    if (ClaimResult* result = ResultOf(report, growth.id))
      result->notes.push_back("consistent with '" + value.id + "': " + arithmetic);
    return;
  }
  report.inconsistencies.push_back(ClaimInconsistency{.claim_ids = {value.id, growth.id},
                                                      .explanation = arithmetic,
                                                      .implied = ImpliedChange{.value_claim = value.id,
                                                                               .growth_claim = growth.id,
                                                                               .figure = figure,
                                                                               .currency = currency,
                                                                               .base_period = base.period,
                                                                               .base = base_value->value,
                                                                               .change = implied,
                                                                               .comparison = growth.comparison,
                                                                               .stated_change = growth.stated,
                                                                               .needed = needed}});
}

// A value claim and a growth claim on the same selection and period, not tied by refers_to: the value's
// interval divided by the actual base, minus one, must meet the growth's interval.
void CheckValueAgainstGrowth(const TradeTable& table, const Reference& reference, const Claim& value,
                             const Claim& growth, const ClaimCheckOptions& options, ClaimsReport& report) {
  const std::string currency = StatedCurrency(value);
  if (currency.empty()) return;
  Selection base{.reporter = growth.reporter,
                 .partner = growth.partners.front(),
                 .flow = value.flows.front(),
                 .product = growth.products.front(),
                 .period = growth.base.value_or(growth.period.ShiftYears(-1))};
  const Maybe<SummedValue> summed =
      TrySumValues(table, reference, base, growth.partners, growth.products,
                   IndicatorOptions{.currency = currency, .tolerance = options.tolerance});
  if (!summed) return;  // no base: nothing links the two intervals
  const SummedValue& base_value = *summed;
  if (!(base_value.value > 0.0)) return;
  const Interval implied = value.Feasible().Affine(1.0 / base_value.value, -1.0);
  if (!implied.Intersect(growth.Feasible()).Empty()) return;
  const int decimals = std::max(1, growth.stated.decimals + 1);
  report.inconsistencies.push_back(ClaimInconsistency{
      .claim_ids = {value.id, growth.id},
      .explanation = fmt::format(
          "against the {} actual of {}{}, '{}' ({}) means a change of {}, while '{}' allows {}: no value satisfies "
          "both",
          base.period.ToString(), FormatQuantity(ClaimMetric::kValue, base_value.value, currency, 1),
          DescribeRates(table, base_value.parts), value.id,
          FormatInterval(value.Feasible(), ClaimMetric::kValue, currency, 1),
          FormatInterval(implied, ClaimMetric::kGrowth, "", decimals), growth.id,
          FormatInterval(growth.Feasible(), ClaimMetric::kGrowth, "", decimals))});
}

bool SameSelection(const Claim& a, const Claim& b) {
  return a.reporter == b.reporter && a.partners == b.partners && a.products == b.products && a.period == b.period &&
         a.flows.size() == 1 && a.flows == b.flows;
}

// The quantity a claim is about, as a key; empty when the claim cannot be compared (several readings).
std::string QuantityKey(const Claim& claim) {
  if (claim.flows.size() != 1) return "";
  const std::string selection =
      fmt::format("{}|{}|{}|{}|{}", claim.reporter, fmt::join(claim.partners, "+"), ToString(claim.flows.front()),
                  fmt::join(claim.products, "+"), claim.period.ToString());
  if (IsValueMetric(claim.metric)) return "value|" + selection;
  if (claim.metric == ClaimMetric::kGrowth || claim.metric == ClaimMetric::kProjectedGrowth) {
    return "growth|" + selection + "|" + claim.base.value_or(claim.period.ShiftYears(-1)).ToString();
  }
  if (claim.metric == ClaimMetric::kShare && !claim.of) return "share|" + selection;
  return "";
}

}  // namespace

void CheckConsistency(const TradeTable& table, const Reference& reference, const ClaimsFile& claims,
                      const ClaimCheckOptions& options, ClaimsReport& report) {
  for (const Claim& claim : claims.claims) {
    if (claim.refers_to.empty()) continue;
    for (const Claim& target : claims.claims) {
      if (target.id == claim.refers_to) CheckReference(table, reference, claim, target, options, report);
    }
  }
  for (const Claim& value : claims.claims) {
    if (!IsValueMetric(value.metric)) continue;
    for (const Claim& growth : claims.claims) {
      const bool is_growth = growth.metric == ClaimMetric::kGrowth || growth.metric == ClaimMetric::kProjectedGrowth;
      if (!is_growth || growth.refers_to == value.id || !SameSelection(value, growth)) continue;
      CheckValueAgainstGrowth(table, reference, value, growth, options, report);
    }
  }
  std::map<std::string, std::vector<const Claim*>> by_quantity;
  for (const Claim& claim : claims.claims) {
    const std::string key = QuantityKey(claim);
    if (!key.empty()) by_quantity[key].push_back(&claim);
  }
  for (const auto& [key, group] : by_quantity) {
    for (std::size_t i = 0; i < group.size(); ++i) {
      for (std::size_t j = i + 1; j < group.size(); ++j) {
        const Claim& a = *group[i];
        const Claim& b = *group[j];
        Interval ia = a.Feasible();
        Interval ib = b.Feasible();
        std::string currency = StatedCurrency(a);
        if (IsValueMetric(a.metric) && StatedCurrency(b) != currency) {
          // Compare in a's currency at the period's rate.
          try {
            const double a_per_usd = reference.PerUsd(currency, a.period).per_usd;
            const double b_per_usd = reference.PerUsd(StatedCurrency(b), b.period).per_usd;
            ib = ib.Affine(a_per_usd / b_per_usd, 0.0);
          } catch (const Error&) {
            continue;
          }
        }
        if (!ia.Intersect(ib).Empty()) continue;
        report.inconsistencies.push_back(
            ClaimInconsistency{.claim_ids = {a.id, b.id},
                               .explanation = fmt::format("'{}' allows {} and '{}' allows {}: no value satisfies both",
                                                          a.id, FormatInterval(ia, a.metric, currency, 2), b.id,
                                                          FormatInterval(ib, b.metric, currency, 2))});
      }
    }
  }
}

}  // namespace tradeshock::claims_internal
