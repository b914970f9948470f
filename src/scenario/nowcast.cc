// Year-to-date nowcast (docs/METHODS.md, "Scenarios and nowcast").
#include "tradeshock/nowcast.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "scenario/policy_overlap.h"
#include "tradeshock/number_format.h"

namespace tradeshock {

namespace {

std::optional<ValueResult> TryValue(const TradeTable& table, const Reference& reference, Selection selection,
                                    const Period& period, const IndicatorOptions& options) {
  selection.period = period;
  return TryComputeValue(table, reference, selection, options).ToOptional();
}

// A ratio of two values of the same flow: the rows' own currency when they share one, else the
// requested currency.
std::optional<ValueResult> TryProfileValue(const TradeTable& table, const Reference& reference,
                                           const Selection& selection, const Period& period,
                                           const IndicatorOptions& options) {
  IndicatorOptions own = options;
  own.currency.clear();
  if (auto value = TryValue(table, reference, selection, period, own)) return value;
  if (options.currency.empty()) return std::nullopt;
  return TryValue(table, reference, selection, period, options);
}

// Linear interpolation between known points (month, C); points include (0, 0) and (12, 1).
std::array<double, 13> Interpolate(const std::vector<std::pair<int, double>>& points) {
  std::array<double, 13> cumulative{};
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const auto [m0, c0] = points[i];
    const auto [m1, c1] = points[i + 1];
    for (int m = m0; m <= m1; ++m) cumulative[m] = c0 + (c1 - c0) * (m - m0) / (m1 - m0);
  }
  return cumulative;
}

std::array<double, 13> Uniform() {
  std::array<double, 13> cumulative{};
  for (int m = 0; m <= 12; ++m) cumulative[m] = m / 12.0;
  return cumulative;
}

std::optional<ProfileYear> ProfileOf(const TradeTable& table, const Reference& reference, const Selection& profile,
                                     int year, const IndicatorOptions& options, std::vector<std::string>& notes) {
  std::vector<std::pair<int, double>> values;
  std::vector<std::string> currencies;
  std::vector<std::size_t> rows;
  for (int m = 1; m <= 11; ++m) {
    if (auto value = TryProfileValue(table, reference, profile, Period::Range(year, 1, year, m), options)) {
      values.emplace_back(m, value->value);
      currencies.push_back(value->currency);
      rows.insert(rows.end(), value->rows.begin(), value->rows.end());
    }
  }
  if (values.empty()) return std::nullopt;  // no year-to-date information: not a profile year
  auto full = TryProfileValue(table, reference, profile, Period::Year(year), options);
  if (!full || !(full->value > 0.0)) {
    notes.push_back(fmt::format("{}: year-to-date values but no full-year value for {}; year not used in the profile",
                                year, profile.DescribeFlow()));
    return std::nullopt;
  }
  rows.insert(rows.end(), full->rows.begin(), full->rows.end());
  // Values published in different currencies: one rate (the year's average) for all of them, so that the
  // ratio measures the flow and not the exchange rate's movement within the year.
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (currencies[i] == full->currency) continue;
    try {
      const FxRate from = reference.PerUsd(currencies[i], Period::Year(year));
      const FxRate to = reference.PerUsd(full->currency, Period::Year(year));
      values[i].second *= to.per_usd / from.per_usd;
      notes.push_back(
          fmt::format("{}: the value to month {} in {} is converted to {} at the {} average rates "
                      "({} {:.4f} and {} {:.4f} per USD) to form its share of the year",
                      year, values[i].first, currencies[i], full->currency, year, from.currency, from.per_usd,
                      to.currency, to.per_usd));
    } catch (const Error& error) {
      notes.push_back(fmt::format("{}: year not used in the profile ({})", year, error.what()));
      return std::nullopt;
    }
  }
  ProfileYear result;
  result.year = year;
  std::vector<std::pair<int, double>> points = {{0, 0.0}};
  double previous = 0.0;
  for (const auto& [m, value] : values) {
    const double share = value / full->value;
    if (share > 1.0 + 1e-9 || share < previous - 1e-9) {
      notes.push_back(
          fmt::format("{}: the value to {} ({:.6g}) is not between the previous months' and the "
                      "full year's ({:.6g}); year not used in the profile",
                      year, Period::Month(year, m).ToString(), value, full->value));
      return std::nullopt;
    }
    previous = share;
    points.emplace_back(m, share);
    result.known_months.push_back(m);
  }
  points.emplace_back(12, 1.0);
  result.cumulative = Interpolate(points);
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  result.rows = std::move(rows);
  std::vector<std::string> months;
  for (int m : result.known_months) months.push_back(std::to_string(m));
  result.from = fmt::format("year-to-date values to month {} and the full year", fmt::join(months, ", "));
  return result;
}

NowcastPath PathOf(const std::array<double, 13>& profile, double ytd, int observed,
                   const std::array<double, 12>& stopped) {
  NowcastPath path;
  const double full = ytd / profile[observed];
  double running = 0.0;
  for (int m = 1; m <= 12; ++m) {
    double value = full * (profile[m] - profile[m - 1]);
    if (m > observed) value *= 1.0 - stopped[m - 1];
    path.monthly[m - 1] = value;
    running += value;
    path.cumulative[m - 1] = running;
  }
  path.full_year = running;
  return path;
}

// The central path with its projected months scaled by `factor` (the observed months are data).
NowcastPath ScaledPath(const NowcastPath& central, int observed, double factor) {
  NowcastPath path = central;
  double running = 0.0;
  for (int m = 1; m <= 12; ++m) {
    if (m > observed) path.monthly[m - 1] *= factor;
    running += path.monthly[m - 1];
    path.cumulative[m - 1] = running;
  }
  path.full_year = running;
  return path;
}

NowcastEstimate EstimateOf(const std::array<double, 13>& profile, double ytd, int observed,
                           const std::array<double, 12>& stopped, double low_factor, double high_factor) {
  NowcastEstimate estimate;
  estimate.central = PathOf(profile, ytd, observed, stopped);
  estimate.low = ScaledPath(estimate.central, observed, low_factor);
  estimate.high = ScaledPath(estimate.central, observed, high_factor);
  return estimate;
}

// Leave-one-out back-test: each profile year estimated, at every month it observed, from its own months and
// the mean profile of the other years, against its actual.
std::vector<BacktestPoint> Backtest(const std::vector<ProfileYear>& years) {
  std::vector<BacktestPoint> points;
  if (years.size() < 2) return points;
  for (std::size_t i = 0; i < years.size(); ++i) {
    for (int cutoff : years[i].known_months) {
      double others = 0.0;
      for (std::size_t j = 0; j < years.size(); ++j) {
        if (j != i) others += years[j].cumulative[cutoff] / (years.size() - 1);
      }
      if (!(others > 0.0) || !(years[i].cumulative[cutoff] > 0.0)) continue;
      points.push_back({years[i].year, cutoff, years[i].cumulative[cutoff] / others - 1.0});
    }
  }
  return points;
}

// The band at cut-off `observed`: from the back-test years at that month when there are enough, else the
// documented wide band (docs/METHODS.md, "Nowcast").
NowcastBand BandOf(const std::vector<BacktestPoint>& points, int observed) {
  NowcastBand band;
  std::vector<double> sizes;  // |log(estimate / actual)|
  double largest = 0.0;
  for (const BacktestPoint& point : points) {
    if (point.cutoff != observed) continue;
    sizes.push_back(std::abs(std::log1p(point.error)));
    largest = std::max(largest, sizes.back());
  }
  std::sort(sizes.begin(), sizes.end());
  band.backtest_years = static_cast<int>(sizes.size());
  if (band.backtest_years >= NowcastBand::kMinYears) {
    const std::size_t index =
        static_cast<std::size_t>(std::ceil(NowcastBand::kCoverage * static_cast<double>(sizes.size()))) - 1;
    band.factor = std::exp(sizes[index]);
    band.coverage = static_cast<double>(std::upper_bound(sizes.begin(), sizes.end(), sizes[index]) - sizes.begin()) /
                    static_cast<double>(sizes.size());
    band.fallback = false;
    return band;
  }
  band.fallback = true;
  band.factor = std::exp(largest);
  return band;
}

// Whole percentages without decimals: "100%", "35%", "77.90%".
std::string PercentText(double ratio) {
  const double p = ratio * 100.0;
  return FormatPercent(ratio, std::abs(p - std::round(p)) < 1e-9 ? 0 : 2);
}

// The share of each month of `year` the policies stop, day by day, overlaps counted once.
std::array<double, 12> MonthlyStopped(const scenario_internal::FlowCoverage& coverage,
                                      const std::vector<Policy>& policies, int year) {
  std::array<double, 12> shares{};
  std::vector<double> stopped(policies.size(), 0.0);
  for (int m = 1; m <= 12; ++m) {
    const int days = Date::DaysInMonth(year, m);
    double sum = 0.0;
    for (int d = 1; d <= days; ++d) {
      const Date day{year, m, d};
      for (std::size_t i = 0; i < policies.size(); ++i) {
        stopped[i] = day >= policies[i].from ? policies[i].share_stopped : 0.0;
      }
      sum += scenario_internal::StoppedShare(coverage, stopped);
    }
    shares[m - 1] = sum / days;
  }
  return shares;
}

// The share of each month the policies stop: day by day, each policy on the share of the flow it covers in
// the base period (the year before, else the same months of it), overlaps counted once (policy_overlap.h).
void ApplyPolicies(const TradeTable& table, const Reference& reference, const NowcastRequest& request,
                   NowcastResult& result) {
  const std::vector<Policy>& policies = request.policies;
  if (policies.empty()) return;
  std::vector<std::string>& assumptions = result.assumptions;
  const int observed = result.months_observed;
  const std::vector<Period> base = {Period::Year(result.year - 1),
                                    Period::Range(result.year - 1, 1, result.year - 1, observed)};
  const scenario_internal::FlowCoverage coverage =
      scenario_internal::MeasureCoverage(table, reference, policies, result.target, base, request.options);
  MergeRates(result.rates, coverage.rates);
  for (const auto* notes : {&coverage.notes, &coverage.overlap_notes}) {
    for (const std::string& note : *notes) assumptions.push_back(note);
  }
  if (coverage.flow_value) {
    assumptions.push_back(fmt::format("the policies' shares of the flow are those of {} ({})",
                                      coverage.flow.period.ToString(),
                                      FormatMoney(coverage.flow_value->value, coverage.flow_value->currency)));
  }
  const int year_start = result.year * 12;
  for (const scenario_internal::PolicyOverlap& overlap : coverage.overlaps) {
    if (overlap.policies.size() != 1 || !overlap.weight) continue;
    const Policy& policy = policies[overlap.policies.front()];
    const int from_index = policy.from.year * 12 + policy.from.month - 1;
    const Date earliest = policy.MostSevere().from;
    if (earliest.year > result.year) {
      assumptions.push_back(
          fmt::format("{} starts on {}, after {}; no effect this year", policy.name, earliest.ToString(), result.year));
      continue;
    }
    result.applied_policies.push_back(policy.name);
    const int days = Date::DaysInMonth(policy.from.year, policy.from.month);
    const std::string first_month = from_index < year_start ? std::string("in force all year")
                                    : from_index > year_start + 11
                                        ? std::string("not in force this year")
                                        : fmt::format("{:.4f} of its first month, pro rata by days",
                                                      static_cast<double>(days - policy.from.day + 1) / days);
    const std::string covered = *overlap.weight < 1.0 ? fmt::format("of what it covers ({}, {} of the flow)",
                                                                    overlap.cells, FormatPercent(*overlap.weight, 2))
                                                      : std::string("of the flow");
    const std::string tariff =
        policy.kind != PolicyKind::kTariff ? std::string()
        : policy.share_stopped_stated
            ? fmt::format(", under a tariff of {} (before: {}; share_stopped stated in the scenario file)",
                          PercentText(policy.rate), PercentText(policy.rate_before))
            : fmt::format(", the trade response to a tariff of {} (before: {}; trade elasticity {:g})",
                          PercentText(policy.rate), PercentText(policy.rate_before), policy.elasticity.value);
    assumptions.push_back(fmt::format(
        "{} stops {} {} from {}{} ({}{}); months after {} are cut, the observed months are taken as "
        "they are",
        policy.name, PercentText(policy.share_stopped), covered, policy.from.ToString(), tariff, first_month,
        policy.HasRange() ? "; the midpoint of its range" : "", Period::Month(result.year, observed).ToString()));
    if (from_index < year_start + observed) {
      assumptions.push_back(
          fmt::format("{} starts within the observed months: their data already show its effect", policy.name));
    }
  }
  result.stopped_share = MonthlyStopped(coverage, policies, result.year);
  if (std::none_of(policies.begin(), policies.end(), [](const Policy& p) { return p.HasRange(); })) return;
  std::vector<Policy> most, least;
  std::vector<std::string> ends;
  for (const Policy& policy : policies) {
    most.push_back(policy.MostSevere());
    least.push_back(policy.LeastSevere());
    if (!policy.HasRange()) continue;
    ends.push_back(fmt::format("{} from {} stopping {} at its most severe, from {} stopping {} at its least",
                               policy.name, most.back().from.ToString(), PercentText(most.back().share_stopped),
                               least.back().from.ToString(), PercentText(least.back().share_stopped)));
  }
  result.stopped_share_most = MonthlyStopped(coverage, most, result.year);
  result.stopped_share_least = MonthlyStopped(coverage, least, result.year);
  assumptions.push_back(fmt::format(
      "the policies' dates or enforcement are uncertain: the central estimate reads each range at its midpoint, "
      "and the band with the policies runs from the most severe reading to the least ({})",
      fmt::join(ends, "; ")));
}

// The band in words, with the back-test behind it.
std::string BandWords(const NowcastBand& band, const std::vector<BacktestPoint>& points, int observed, bool stand_in) {
  std::vector<std::string> errors;
  for (const BacktestPoint& point : points) {
    if (point.cutoff == observed)
      errors.push_back(fmt::format("{} {}", point.year, FormatSignedPercent(point.error, 1, "-")));
  }
  const std::string factor = fmt::format("{:.3f}", band.factor);
  std::string text;
  if (!band.fallback) {
    text = fmt::format(
        "band: the full year x/÷ {} on the projected months, the smallest that covers {} of the {} "
        "back-test years at month {} (each estimated from its own months to {} and the other years' "
        "profile: {})",
        factor, FormatPercent(band.coverage, 0), band.backtest_years, observed, observed, fmt::join(errors, ", "));
  } else {
    text = fmt::format(
        "band: fewer than {} earlier years observed at month {}, so the documented wide band: the "
        "projected months x/÷ {:g}{}",
        NowcastBand::kMinYears, observed, NowcastBand::kFallbackFactor,
        errors.empty() ? std::string()
                       : fmt::format(", or the full year x/÷ {} (the largest back-test error: {}) "
                                     "where wider",
                                     factor, fmt::join(errors, ", ")));
  }
  if (stand_in)
    text += "; the back-test measures the stand-in profile on its own flow, not how well it fits the target";
  return text;
}

}  // namespace

NowcastRequest MakeNowcastRequest(const Scenario& scenario, const Selection& target) {
  NowcastRequest request;
  request.target = target;
  const NowcastSettings& settings = scenario.nowcast;
  if (settings.profile_reporter || settings.profile_partner || settings.profile_flow || settings.profile_product) {
    Selection profile = target;
    if (settings.profile_reporter) profile.reporter = *settings.profile_reporter;
    if (settings.profile_partner) profile.partner = *settings.profile_partner;
    if (settings.profile_flow) profile.flow = *settings.profile_flow;
    if (settings.profile_product) profile.product = *settings.profile_product;
    request.profile = profile;
  }
  request.profile_years = settings.profile_years;
  request.policies = scenario.policies;
  return request;
}

NowcastRequests ChooseNowcastRequests(const TradeTable& table, const Reference& reference, const Scenario& scenario,
                                      const Selection& target, const IndicatorOptions& options) {
  NowcastRequests requests{MakeNowcastRequest(scenario, target), std::nullopt};
  requests.main.options = options;
  if (!requests.main.profile) return requests;
  NowcastRequest own = requests.main;
  own.profile.reset();
  try {
    if (Nowcast(table, reference, own).profile_years.empty()) return requests;
  } catch (const Error&) {
    return requests;  // the main request reports the problem
  }
  requests.stand_in = std::move(requests.main);
  requests.main = std::move(own);
  return requests;
}

// Long: the steps in order (year-to-date value, profile years, back-test and band, the estimates without and
// with the policies, last year's actual) each read what the one before set in the one result; the heavy parts
// are already their own functions (Backtest, BandOf, ApplyPolicies, ScaledPath).
NowcastResult Nowcast(const TradeTable& table, const Reference& reference, const NowcastRequest& request) {
  const Period& period = request.target.period;
  const bool january_start = period.first_month() % 12 == 0;
  if (!january_start || period.first_year() != period.last_year() || period.month_count() > 11 ||
      period.kind() == Period::Kind::kYear) {
    throw Error(
        fmt::format("nowcast of {}: the period must be a year-to-date range YYYY-01..YYYY-MM with MM "
                    "from 01 to 11, got {}",
                    request.target.Describe(), period.ToString()));
  }
  NowcastResult result;
  result.ytd = ComputeValue(table, reference, request.target, request.options);
  result.target = result.ytd.selection;
  result.currency = result.ytd.currency;
  result.year = period.first_year();
  result.months_observed = period.month_count();
  const int observed = result.months_observed;
  MergeRates(result.rates, result.ytd.rates);
  std::vector<std::string>& assumptions = result.assumptions;

  // The profile's flow, with canonical codes.
  result.profile = request.profile.value_or(result.target);
  result.profile.reporter = reference.ResolveEconomy(result.profile.reporter).code;
  result.profile.partner = reference.ResolveEconomy(result.profile.partner).code;
  result.stand_in = result.profile.reporter != result.target.reporter ||
                    result.profile.partner != result.target.partner || result.profile.flow != result.target.flow ||
                    result.profile.product != result.target.product;
  if (result.stand_in) {
    assumptions.push_back(fmt::format("the seasonal profile of {} stands in for {}", result.profile.DescribeFlow(),
                                      result.target.DescribeFlow()));
  }

  // Years of the profile.
  std::set<int> years(request.profile_years.begin(), request.profile_years.end());
  if (request.profile_years.empty()) {
    for (const Period& p : table.periods()) {
      for (int y = p.first_year(); y <= p.last_year(); ++y) {
        if (y < result.year) years.insert(y);
      }
    }
  }
  for (int year : years) {
    if (auto profile = ProfileOf(table, reference, result.profile, year, request.options, assumptions)) {
      result.profile_years.push_back(std::move(*profile));
    } else if (!request.profile_years.empty()) {
      assumptions.push_back(fmt::format("{}: requested as a profile year but the data give no profile for it", year));
    }
  }

  // Central profile: the mean of the years' (uniform without any).
  std::array<double, 13> central = Uniform();
  if (result.profile_years.empty()) {
    assumptions.push_back(
        fmt::format("uniform profile C(m) = m/12: no earlier year-to-date data for {}", result.profile.DescribeFlow()));
  } else {
    central.fill(0.0);
    for (const ProfileYear& year : result.profile_years) {
      for (int m = 0; m <= 12; ++m) central[m] += year.cumulative[m] / result.profile_years.size();
    }
    std::vector<std::string> used;
    for (const ProfileYear& year : result.profile_years) {
      used.push_back(fmt::format("{} (C({}) = {:.4f}; {})", year.year, observed, year.cumulative[observed], year.from));
    }
    assumptions.push_back(
        fmt::format("profile from {}: mean C({}) = {:.4f}; months between observed ones are "
                    "interpolated linearly",
                    fmt::join(used, ", "), observed, central[observed]));
  }
  result.central_profile = central;
  if (!(central[observed] > 0.0)) {
    throw Error(fmt::format("nowcast of {}: the profile reaches 0 of the year by month {}; cannot scale up",
                            request.target.Describe(), observed));
  }

  // The band, from the back-test of the method on the profile years.
  result.backtest = Backtest(result.profile_years);
  result.band = BandOf(result.backtest, observed);
  assumptions.push_back(BandWords(result.band, result.backtest, observed, result.stand_in));

  ApplyPolicies(table, reference, request, result);

  const std::array<double, 12> none{};
  const double ytd = result.ytd.value;
  const double full = ytd / central[observed];
  const double rest = full - ytd;  // the projected months, without the policies
  double low = full / result.band.factor;
  double high = full * result.band.factor;
  if (result.band.fallback) {
    low = std::min(low, ytd + rest / NowcastBand::kFallbackFactor);
    high = std::max(high, ytd + rest * NowcastBand::kFallbackFactor);
  }
  const double low_factor = rest > 0.0 ? std::max(0.0, (low - ytd) / rest) : 1.0;
  const double high_factor = rest > 0.0 ? (high - ytd) / rest : 1.0;
  result.without_policy = EstimateOf(central, ytd, observed, none, low_factor, high_factor);
  result.with_policy = EstimateOf(central, ytd, observed, result.stopped_share, low_factor, high_factor);
  if (result.stopped_share_most) {
    result.with_policy.low =
        ScaledPath(PathOf(central, ytd, observed, *result.stopped_share_most), observed, low_factor);
    result.with_policy.high =
        ScaledPath(PathOf(central, ytd, observed, *result.stopped_share_least), observed, high_factor);
  }

  // Last year's actual and the year-on-year change.
  result.last_year = TryValue(table, reference, result.target, Period::Year(result.year - 1),
                              IndicatorOptions{result.currency, request.options.tolerance});
  if (result.last_year && result.last_year->value > 0.0) {
    MergeRates(result.rates, result.last_year->rates);
    const double last = result.last_year->value;
    for (NowcastEstimate* estimate : {&result.without_policy, &result.with_policy}) {
      estimate->yoy_central = estimate->central.full_year / last - 1.0;
      estimate->yoy_low = estimate->low.full_year / last - 1.0;
      estimate->yoy_high = estimate->high.full_year / last - 1.0;
    }
  } else {
    result.last_year.reset();
    assumptions.push_back(fmt::format("no full-year value of {} for {}: no year-on-year change",
                                      result.target.DescribeFlow(), result.year - 1));
  }
  return result;
}

}  // namespace tradeshock
