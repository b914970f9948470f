// The claims checker: each claim's metric from the indicators library, under each reading, against the
// interval its statement allows. Method: docs/METHODS.md, "Checking claims".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "claims/check_internal.h"
#include "claims/format.h"
#include "tradeshock/claims.h"

namespace tradeshock {

namespace claims_internal {

namespace {

// A claims file is read without the reference, so its codes and currencies meet the reference only here: a
// code it does not know ("BRI") is the claim's fault, not the program's. The claim's value is then missing with
// that reason, so its own check says "not checkable: unknown economy 'BRI'" and the consistency check passes the
// pair over, instead of the whole report stopping. A fault in an input file still goes on.
Maybe<ValueResult> TryValueOfClaim(const TradeTable& table, const Reference& reference, const Selection& selection,
                                   const IndicatorOptions& options) {
  try {
    return TryComputeValue(table, reference, selection, options);
  } catch (const InputException&) {
    throw;
  } catch (const Error& error) {
    return Maybe<ValueResult>::Missing(error.what());
  }
}

}  // namespace

Maybe<SummedValue> TrySumValues(const TradeTable& table, const Reference& reference, const Selection& selection,
                                const std::vector<std::string>& partners, const std::vector<std::string>& products,
                                const IndicatorOptions& options) {
  SummedValue sum;
  for (const std::string& partner : partners) {
    for (const std::string& product : products) {
      Selection one = selection;
      one.partner = partner;
      one.product = product;
      Maybe<ValueResult> value = TryValueOfClaim(table, reference, one, options);
      if (!value) return Maybe<SummedValue>::Missing(value.reason());
      if (!sum.currency.empty() && sum.currency != value->currency) {
        return Maybe<SummedValue>::Missing(
            fmt::format("rows are in {} and {}: choose a currency", sum.currency, value->currency));
      }
      sum.currency = value->currency;
      sum.value += value->value;
      sum.parts.push_back(*std::move(value).ToOptional());
    }
  }
  return sum;
}

SummedValue SumValues(const TradeTable& table, const Reference& reference, const Selection& selection,
                      const std::vector<std::string>& partners, const std::vector<std::string>& products,
                      const IndicatorOptions& options) {
  return TrySumValues(table, reference, selection, partners, products, options).value();
}

std::string DescribePartners(const Selection& selection, const std::vector<std::string>& partners,
                             const std::vector<std::string>& products) {
  Selection shown = selection;
  shown.partner = fmt::format("{}", fmt::join(partners, "+"));
  shown.product = fmt::format("{}", fmt::join(products, "+"));
  return shown.Describe();
}

}  // namespace claims_internal

namespace {

using claims_internal::SummedValue;
using claims_internal::SumValues;

// A value summed over partners (WLD or a group from single partners) or products (TOTAL or a code from the
// codes under it): ValueResult::method lines "partner WLD: ...", "product TOTAL: ...", "reporter ...: ...".
bool IsItemisedSum(const std::string& method) {
  return method.starts_with("partner ") || method.starts_with("product ") || method.starts_with("reporter ");
}

int PercentDecimals(const Claim& claim) { return std::max(1, claim.stated.decimals + 1); }

// Records the rows and rates of a value in a reading, without repeating them.
void AddProvenance(const TradeTable& table, const ValueResult& value, ClaimReading& reading) {
  for (std::size_t row : value.rows) {
    if (std::any_of(reading.rows.begin(), reading.rows.end(), [&](const ClaimRow& r) { return r.index == row; })) {
      continue;
    }
    ClaimRow claim_row;
    claim_row.index = row;
    if (table.has_source()) claim_row.source = table.sources()[table.source()[row]];
    reading.rows.push_back(std::move(claim_row));
  }
  MergeRates(reading.rates, value.rates);
  for (const std::string& method : value.method) reading.method.push_back(method);
}

void AddProvenance(const TradeTable& table, const SummedValue& sum, ClaimReading& reading) {
  for (const ValueResult& part : sum.parts) AddProvenance(table, part, reading);
}

// "computed 4.52%, within 4.45% to 4.55%" / "computed 45.9%, 24.1 points below the stated 70%".
void Judge(const Claim& claim, double computed, const std::string& currency, ClaimReading& reading) {
  const int decimals = PercentDecimals(claim);
  const Interval interval = claim.Feasible();
  const bool value_metric = IsValueMetric(claim.metric);
  auto quantity = [&](double v) {
    return value_metric ? FormatValue(v, currency, claim.stated.scale, decimals)
                        : FormatQuantity(claim.metric, v, currency, decimals);
  };
  const std::string allowed = value_metric ? FormatValueInterval(interval, currency, claim.stated.scale, decimals)
                                           : FormatInterval(interval, claim.metric, currency, decimals);
  const std::string shown = quantity(computed);
  reading.computed = computed;
  const double stated = claim.stated.Value();
  const bool strict = claim.comparison == ClaimComparison::kMoreThan || claim.comparison == ClaimComparison::kLessThan;
  if (strict && std::fabs(computed - stated) <= 1e-9 * std::fabs(stated)) {
    // Equal to a "more than" bound: the data most likely holds the claim's own rounded figure, and cannot
    // say on which side of it the true value lies.
    reading.status = ClaimStatus::kNotCheckable;
    reading.message = fmt::format(
        "computed exactly the stated bound {}: the data cannot tell whether the value is {} "
        "it (the row may hold the claim's own figure)",
        shown, ComparisonWords(claim.comparison));
    return;
  }
  if (interval.Contains(computed)) {
    reading.status = ClaimStatus::kSupported;
    const bool whole_number = !value_metric && !IsPercentMetric(claim.metric);
    reading.message = whole_number && claim.comparison == ClaimComparison::kAbout
                          ? fmt::format("computed {}, as stated", shown)
                          : fmt::format("computed {}, within {}", shown, allowed);
    return;
  }
  reading.status = ClaimStatus::kContradicted;
  const double gap = computed - stated;
  const char* direction = gap > 0 ? "above" : "below";
  if (IsPercentMetric(claim.metric)) {
    reading.message = fmt::format("computed {}, {} points {} the stated {}", shown,
                                  WithSeparators(std::fabs(gap) * 100.0, decimals), direction, claim.stated.text);
  } else if (value_metric) {
    reading.message =
        fmt::format("computed {}, {} ({}%) {} the stated {}", shown, quantity(std::fabs(gap)),
                    WithSeparators(std::fabs(gap) / std::fabs(stated) * 100.0, 1), direction, claim.stated.text);
  } else {
    reading.message = fmt::format("computed {}, the stated {} does not hold", shown, claim.stated.text);
  }
  if (claim.comparison == ClaimComparison::kAbout) reading.message += fmt::format(" (which allows {})", allowed);
}

Selection BaseSelection(const Claim& claim, Flow flow) {
  return Selection{.reporter = claim.reporter,
                   .partner = claim.partners.front(),
                   .flow = flow,
                   .product = claim.products.front(),
                   .period = claim.period};
}

class ClaimEvaluator {
 public:
  ClaimEvaluator(const TradeTable& table, const Reference& reference, const ClaimCheckOptions& options)
      : table_(table), reference_(reference), options_(options) {}

  ClaimReading Evaluate(const Claim& claim, Flow flow, const std::string& currency) {
    ClaimReading reading;
    reading.flow = flow;
    reading.currency = currency;
    reading.label = fmt::format("flow {}", ToString(flow));
    if (!currency.empty()) reading.label += ", currency " + currency;
    const IndicatorOptions indicator_options{.currency = currency, .tolerance = options_.tolerance};
    try {
      switch (claim.metric) {
        case ClaimMetric::kValue:
          Value(claim, flow, indicator_options, reading);
          break;
        case ClaimMetric::kShare:
          Share(claim, flow, indicator_options, reading);
          break;
        case ClaimMetric::kGrowth:
          GrowthOf(claim, flow, indicator_options, reading);
          break;
        case ClaimMetric::kProjectedValue:
        case ClaimMetric::kProjectedGrowth:
          Projected(claim, flow, indicator_options, reading);
          break;
        case ClaimMetric::kCount:
        case ClaimMetric::kRank:
          CountOrRank(claim, flow, indicator_options, reading);
          break;
      }
    } catch (const Error& error) {
      reading.status = ClaimStatus::kNotCheckable;
      reading.computed.reset();
      reading.message = error.what();
    }
    return reading;
  }

 private:
  void Value(const Claim& claim, Flow flow, const IndicatorOptions& options, ClaimReading& reading) {
    const SummedValue value =
        SumValues(table_, reference_, BaseSelection(claim, flow), claim.partners, claim.products, options);
    if (options_.itemisation == Itemisation::kPartial) {
      // A world or TOTAL value summed from the rows present is only a lower bound (one partner's row would be
      // "the world"): judging a stated figure against it could contradict a true claim. (A group summed from
      // its members is left as it is.)
      std::vector<std::string> itemised;
      for (const ValueResult& part : value.parts) {
        for (const std::string& method : part.method) {
          if (method.starts_with("partner WLD:") || method.starts_with("product TOTAL:")) itemised.push_back(method);
        }
      }
      if (!itemised.empty()) {
        throw Error(fmt::format(
            "the value is not known: {} is not a row of the data, only a sum of the itemised rows present ({}), "
            "which need not cover everything",
            claims_internal::DescribePartners(BaseSelection(claim, flow), claim.partners, claim.products),
            fmt::join(itemised, "; ")));
      }
    }
    AddProvenance(table_, value, reading);
    Judge(claim, value.value, value.currency, reading);
  }

  void Share(const Claim& claim, Flow flow, const IndicatorOptions& options, ClaimReading& reading) {
    const Selection selection = BaseSelection(claim, flow);
    // `of` replaces only the keys it names; the others are the claim's own (docs/FORMATS.md, "Claims files").
    Selection denominator = selection;
    std::vector<std::string> denominator_partners = claim.partners;
    std::vector<std::string> denominator_products = claim.products;
    if (claim.of) {
      if (claim.of->reporter) denominator.reporter = *claim.of->reporter;
      if (claim.of->partners) denominator_partners = *claim.of->partners;
      if (claim.of->flow) denominator.flow = *claim.of->flow;
      if (claim.of->products) denominator_products = *claim.of->products;
      if (claim.of->period) denominator.period = *claim.of->period;
    } else if (claim.products != std::vector<std::string>{kTotalProduct}) {
      denominator_products = {kTotalProduct};  // a product's share of all products, to the same partner
    } else {
      denominator_partners = {kWorld};  // a partner's share of the world
    }
    const std::string part_text = claims_internal::DescribePartners(selection, claim.partners, claim.products);
    const std::string whole_text =
        claims_internal::DescribePartners(denominator, denominator_partners, denominator_products);
    reading.numerator = ClaimTerm{.describes = part_text, .value = std::nullopt};
    reading.denominator = ClaimTerm{.describes = whole_text, .value = std::nullopt};
    if (whole_text == part_text) {
      throw Error(
          fmt::format("the denominator is the numerator itself ({}): name in `of` what the share is of", part_text));
    }
    const SummedValue part = SumValues(table_, reference_, selection, claim.partners, claim.products, options);
    reading.numerator->value = part.value;
    const SummedValue whole =
        SumValues(table_, reference_, denominator, denominator_partners, denominator_products, options);
    if (part.currency != whole.currency) {
      throw Error(fmt::format("rows are in {} and {}: choose a currency", part.currency, whole.currency));
    }
    std::vector<std::string> built;     // how a denominator that is not a row was put together
    std::vector<std::string> itemised;  // the sums over partners or products among them
    for (const ValueResult& value : whole.parts) {
      for (const std::string& method : value.method) {
        built.push_back(method);
        if (IsItemisedSum(method)) itemised.push_back(method);
      }
    }
    if (!itemised.empty() && options_.itemisation == Itemisation::kPartial) {
      // A total summed from the rows present is only as complete as they are: a one-partner sum would make
      // any share of that partner 100%.
      throw Error(
          fmt::format("the share is not known: its denominator, {}, is not a row of the data, only a sum of "
                      "the itemised rows present ({}), which need not cover everything",
                      whole_text, fmt::join(itemised, "; ")));
    }
    if (!(whole.value > 0.0)) {
      throw Error(fmt::format("the value of {} is {}: shares of it are undefined", whole_text, whole.value));
    }
    reading.denominator->value = whole.value;
    AddProvenance(table_, part, reading);
    AddProvenance(table_, whole, reading);
    if (part.value > whole.value * (1.0 + options.tolerance) && !built.empty()) {
      throw Error(fmt::format(
          "{} is not a row of the data: built from the rows present ({}) it is {}, less than the "
          "part {}, so the rows present are incomplete",
          whole_text, fmt::join(built, "; "), FormatQuantity(ClaimMetric::kValue, whole.value, whole.currency, 3),
          FormatQuantity(ClaimMetric::kValue, part.value, part.currency, 3)));
    }
    Judge(claim, part.value / whole.value, part.currency, reading);
    reading.message += fmt::format(" ({} of {}: {} / {})", part_text, whole_text,
                                   FormatQuantity(ClaimMetric::kValue, part.value, part.currency, 3),
                                   FormatQuantity(ClaimMetric::kValue, whole.value, whole.currency, 3));
    if (!itemised.empty()) {
      reading.message += fmt::format(" (the total is the sum of the itemised rows: {}; the data itemise every flow)",
                                     fmt::join(itemised, "; "));
    }
  }

  void GrowthOf(const Claim& claim, Flow flow, const IndicatorOptions& options, ClaimReading& reading) {
    Selection current = BaseSelection(claim, flow);
    Selection base = current;
    base.period = claim.base.value_or(claim.period.ShiftYears(-1));
    // The base first: its absence is what usually makes a year-on-year claim uncheckable.
    const SummedValue base_value = SumValues(table_, reference_, base, claim.partners, claim.products, options);
    const SummedValue current_value = SumValues(table_, reference_, current, claim.partners, claim.products, options);
    if (base_value.currency != current_value.currency) {
      throw Error(fmt::format("rows are in {} and {}: choose a currency", base_value.currency, current_value.currency));
    }
    if (base_value.value == 0.0) {
      throw Error(fmt::format("growth is undefined: the value of {} is 0",
                              claims_internal::DescribePartners(base, claim.partners, claim.products)));
    }
    AddProvenance(table_, base_value, reading);
    AddProvenance(table_, current_value, reading);
    Judge(claim, current_value.value / base_value.value - 1.0, current_value.currency, reading);
  }

  void Projected(const Claim& claim, Flow flow, const IndicatorOptions& options, ClaimReading& reading) {
    if (options_.projections == nullptr) throw Error("no projection (no projection source was given)");
    if (claim.partners.size() != 1 || claim.products.size() != 1) {
      throw Error("no projection: projections are for one partner and one product at a time");
    }
    const Selection selection = BaseSelection(claim, flow);
    std::optional<Projection> projection = options_.projections->Project(selection, options);
    if (!projection) throw Error(fmt::format("no projection for {}", selection.Describe()));
    reading.projection = projection;
    const std::string band =
        fmt::format("band {} to {}", FormatQuantity(ClaimMetric::kValue, projection->low, projection->currency, 1),
                    FormatQuantity(ClaimMetric::kValue, projection->high, projection->currency, 1));
    if (claim.metric == ClaimMetric::kProjectedValue) {
      if (!options.currency.empty() && projection->currency != options.currency) {
        throw Error(fmt::format("the projection is in {}, the claim in {}", projection->currency, options.currency));
      }
      Judge(claim, projection->central, projection->currency, reading);
      const Interval interval = claim.Feasible();
      const bool low_in = interval.Contains(projection->low);
      const bool high_in = interval.Contains(projection->high);
      reading.message += fmt::format(" (projection: {}; {})", band,
                                     low_in && high_in ? "the whole band agrees"
                                     : !low_in && !high_in && reading.status == ClaimStatus::kContradicted
                                         ? "the whole band disagrees"
                                         : "the band straddles the statement");
      return;
    }
    Selection base = selection;
    base.period = claim.base.value_or(claim.period.ShiftYears(-1));
    const IndicatorOptions base_options{.currency = projection->currency, .tolerance = options.tolerance};
    const ValueResult base_value = ComputeValue(table_, reference_, base, base_options);
    if (base_value.value == 0.0) throw Error(fmt::format("growth is undefined: the value of {} is 0", base.Describe()));
    AddProvenance(table_, base_value, reading);
    Judge(claim, projection->central / base_value.value - 1.0, projection->currency, reading);
    reading.message += fmt::format(" (projected {} against {} actual {}; {} is {} to {})",
                                   FormatQuantity(ClaimMetric::kValue, projection->central, projection->currency, 1),
                                   base.period.ToString(),
                                   FormatQuantity(ClaimMetric::kValue, base_value.value, base_value.currency, 1), band,
                                   FormatPercent(projection->low / base_value.value - 1.0, 1),
                                   FormatPercent(projection->high / base_value.value - 1.0, 1));
  }

  void CountOrRank(const Claim& claim, Flow flow, const IndicatorOptions& options, ClaimReading& reading) {
    const bool by_partner = claim.by == "partner";
    Selection selection = BaseSelection(claim, flow);
    if (by_partner)
      selection.partner = kWorld;
    else
      selection.product = kTotalProduct;
    const ShareResult shares =
        ComputeShares(table_, reference_, selection, by_partner ? ShareBy::kPartner : ShareBy::kProduct, options);
    AddProvenance(table_, shares.total, reading);
    for (const ShareItem& item : shares.items) {
      ValueResult item_rows;
      item_rows.rows = item.rows;
      AddProvenance(table_, item_rows, reading);
    }
    const double rest = shares.rest ? shares.rest->value : 0.0;
    if (claim.metric == ClaimMetric::kCount) {
      Judge(claim, static_cast<double>(shares.items.size()), "", reading);
      if (shares.rest) {
        reading.message += fmt::format(" (at least: a rest of {} is not itemised)",
                                       FormatQuantity(ClaimMetric::kValue, rest, shares.currency, 1));
      }
      return;
    }
    const std::string code =
        by_partner ? reference_.ResolveEconomy(claim.partners.front()).code : claim.products.front();
    auto found = std::find_if(shares.items.begin(), shares.items.end(), [&](const ShareItem& item) {
      return (by_partner ? item.partner : item.product) == code;
    });
    if (found == shares.items.end()) {
      throw Error(fmt::format("no data for {} in the {}s of {}", code, claim.by, selection.Describe()));
    }
    const double rank = 1.0 + static_cast<double>(found - shares.items.begin());
    // Economies not itemised could outrank this one only if the rest is at least as large as its value.
    const double hidden = found->value > 0.0 ? std::floor(rest / found->value) : 0.0;
    Judge(claim, rank, "", reading);
    if (hidden > 0.0) {
      const Interval possible{.low = rank, .high = rank + hidden, .low_open = false, .high_open = false};
      const Interval allowed = claim.Feasible();
      const bool all = allowed.Contains(possible.low) && allowed.Contains(possible.high);
      reading.message += fmt::format("; a rest of {} not itemised could hold up to {} larger",
                                     FormatQuantity(ClaimMetric::kValue, rest, shares.currency, 1), hidden);
      if (!all && !possible.Intersect(allowed).Empty()) {
        reading.status = ClaimStatus::kNotCheckable;
        reading.message += ": the rank is not determined by the data";
      }
    } else {
      reading.message +=
          fmt::format(" ({} is {} of the total; the rest not itemised, {}, is smaller)", code,
                      FormatPercent(found->share, 1), FormatPercent(shares.rest ? shares.rest->share : 0.0, 1));
    }
  }

  const TradeTable& table_;
  const Reference& reference_;
  const ClaimCheckOptions& options_;
};

// The readings a careful reader would try: the flows (exports and trade when the claim does not say) times
// the currencies (the stated figure's, else every currency of the table when rows are in several).
std::vector<std::pair<Flow, std::string>> Readings(const TradeTable& table, const Claim& claim) {
  std::vector<Flow> flows = claim.flows;
  if (flows.empty()) flows = {Flow::kExports, Flow::kTrade};
  std::vector<std::string> currencies = claim.currencies;
  if (currencies.empty() && !claim.stated.currency.empty()) currencies = {claim.stated.currency};
  if (currencies.empty()) {
    if (table.currencies().size() > 1) {
      currencies = table.currencies().texts();
      // USD first: the currency trade statistics are compared in.
      std::stable_partition(currencies.begin(), currencies.end(), [](const std::string& c) { return c == "USD"; });
    } else {
      currencies = {""};
    }
  }
  std::vector<std::pair<Flow, std::string>> readings;
  for (Flow flow : flows) {
    for (const std::string& currency : currencies) readings.emplace_back(flow, currency);
  }
  return readings;
}

// A supported value claim whose rows, in their own currency, add up to the stated figure (within its precision)
// only shows that the figure was typed in right: the rows hold the claim's own figure. A projected claim is
// supported only under the projection's assumptions. Anything else supported is supported by other data.
ClaimVerdict VerdictOf(const TradeTable& table, const Claim& claim, const ClaimResult& result) {
  switch (result.status) {
    case ClaimStatus::kContradicted:
      return ClaimVerdict::kContradicted;
    case ClaimStatus::kNotCheckable:
      return ClaimVerdict::kNotCheckable;
    case ClaimStatus::kSupported:
      break;
  }
  if (claim.metric == ClaimMetric::kProjectedValue || claim.metric == ClaimMetric::kProjectedGrowth) {
    return ClaimVerdict::kConsistentWithProjection;
  }
  if (claim.metric != ClaimMetric::kValue || result.rows.empty()) return ClaimVerdict::kSupported;
  // "More than" or "less than" a figure: rows holding the figure itself would not support the claim, so rows
  // that do are not its own figure typed in ("more than $1 billion" against a row of $1.203 billion).
  if (claim.comparison == ClaimComparison::kMoreThan || claim.comparison == ClaimComparison::kLessThan) {
    return ClaimVerdict::kSupported;
  }
  const std::string& currency = table.currencies()[table.currency()[result.rows.front().index]];
  if (!claim.stated.currency.empty() && claim.stated.currency != currency) return ClaimVerdict::kSupported;
  double sum = 0.0;
  for (const ClaimRow& row : result.rows) {
    if (table.currencies()[table.currency()[row.index]] != currency) return ClaimVerdict::kSupported;
    sum += table.value()[row.index];
  }
  return std::fabs(sum - claim.stated.Value()) <= claim.stated.HalfUnit() ? ClaimVerdict::kMatchesDataEntry
                                                                          : ClaimVerdict::kSupported;
}

}  // namespace

ClaimsReport CheckClaims(const TradeTable& table, const Reference& reference, const ClaimsFile& claims,
                         const ClaimCheckOptions& options) {
  ClaimsReport report;
  ClaimEvaluator evaluator(table, reference, options);
  for (const Claim& claim : claims.claims) {
    ClaimResult result;
    result.id = claim.id;
    result.text = claim.text;
    result.metric = claim.metric;
    result.comparison = claim.comparison;
    result.stated = claim.stated.text;
    result.figure = claim.stated;
    result.interval = claim.Feasible();
    for (const auto& [flow, currency] : Readings(table, claim)) {
      result.tried.push_back(evaluator.Evaluate(claim, flow, currency));
    }
    // The reading used: the first that supports the claim, else the first that could be checked, else the first.
    auto pick = [&](auto predicate) { return std::find_if(result.tried.begin(), result.tried.end(), predicate); };
    auto used = pick([](const ClaimReading& r) { return r.status == ClaimStatus::kSupported; });
    if (used == result.tried.end())
      used = pick([](const ClaimReading& r) { return r.status != ClaimStatus::kNotCheckable; });
    if (used == result.tried.end()) used = result.tried.begin();
    result.used = *used;
    result.status = used->status;
    result.computed = used->computed;
    result.rows = used->rows;
    result.rates = used->rates;
    result.message = used->message;
    if (result.tried.size() > 1) {
      // Readings that gave the same answer need no separate mention.
      std::vector<std::string> others;
      for (const ClaimReading& reading : result.tried) {
        if (&reading == &*used) continue;
        const bool same =
            reading.status == used->status && reading.computed.has_value() == used->computed.has_value() &&
            (!reading.computed || std::fabs(*reading.computed - *used->computed) <= 1e-9 * std::fabs(*used->computed));
        if (same && (reading.computed || reading.message == used->message)) {
          others.push_back(fmt::format("{}: the same", reading.label));
        } else {
          others.push_back(fmt::format("{}: {}, {}", reading.label, ToString(reading.status), reading.message));
        }
      }
      result.message =
          fmt::format("reading {}: {}; also tried {}", used->label, used->message, fmt::join(others, "; "));
    }
    result.verdict = VerdictOf(table, claim, result);
    switch (result.status) {
      case ClaimStatus::kSupported:
        ++report.supported;
        if (result.verdict == ClaimVerdict::kMatchesDataEntry) ++report.matches_data_entry;
        if (result.verdict == ClaimVerdict::kConsistentWithProjection) ++report.consistent_with_projection;
        break;
      case ClaimStatus::kContradicted:
        ++report.contradicted;
        break;
      case ClaimStatus::kNotCheckable:
        ++report.not_checkable;
        break;
    }
    report.results.push_back(std::move(result));
  }
  claims_internal::CheckConsistency(table, reference, claims, options, report);
  return report;
}

std::string VerdictCounts(const ClaimsReport& report) {
  std::string text = fmt::format(
      "{} {} the data entry, {} supported by independent data, {} consistent with the "
      "projection, {} contradicted, {} not checkable",
      report.matches_data_entry, report.matches_data_entry == 1 ? "matches" : "match", report.SupportedIndependently(),
      report.consistent_with_projection, report.contradicted, report.not_checkable);
  if (!report.inconsistencies.empty()) {
    text += fmt::format("; the article's own figures disagree in {} {}", report.inconsistencies.size(),
                        report.inconsistencies.size() == 1 ? "place" : "places");
  }
  return text;
}

}  // namespace tradeshock
