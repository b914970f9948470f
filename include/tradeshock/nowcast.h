// Year-to-date nowcast: the full-year value of a flow from its January..month-M value and a seasonal
// profile C(m) (the cumulative share of the year reached by the end of month m) taken from earlier years
// of the flow itself or of a stand-in flow; the policies of a scenario cut the covered flow from their
// effective date. Method and fallbacks: docs/METHODS.md, "Scenarios and nowcast".
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "tradeshock/indicators.h"
#include "tradeshock/reference.h"
#include "tradeshock/scenario.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

struct NowcastRequest {
  // The flow and its year-to-date period: a range YYYY-01..YYYY-MM (M = 1..11) or a single month
  // YYYY-01. Partner and product as in ComputeValue.
  Selection target;
  // The flow whose earlier years give the profile; nullopt: the target itself. Its period is ignored.
  std::optional<Selection> profile;
  // Years whose profile is used; empty: every year before the target's year with enough data.
  std::vector<int> profile_years;
  // Policies to apply (those that cover the target flow entirely); may be empty.
  std::vector<Policy> policies;
  IndicatorOptions options;  // currency of the result (the profile is a ratio and needs none)
};

// Fills profile, profile_years and policies from a scenario's [nowcast] settings.
NowcastRequest MakeNowcastRequest(const Scenario& scenario, const Selection& target);

// The flow's own history first: when the scenario names a stand-in profile but the data give earlier
// years of the target flow itself, `main` uses the target's own profile and `stand_in` keeps the scenario's
// (both are shown); otherwise `main` is MakeNowcastRequest's and there is no `stand_in`.
struct NowcastRequests {
  NowcastRequest main;
  std::optional<NowcastRequest> stand_in;
};
NowcastRequests ChooseNowcastRequests(const TradeTable& table, const Reference& reference, const Scenario& scenario,
                                      const Selection& target, const IndicatorOptions& options);

// One year's cumulative profile. cumulative[m] = C(m), m = 0..12, C(0) = 0, C(12) = 1; months not
// observed are linearly interpolated between observed ones.
struct ProfileYear {
  int year = 0;
  std::array<double, 13> cumulative{};
  std::vector<int> known_months;  // months m (1..11) with an observed C(m)
  std::vector<std::size_t> rows;  // table rows used
  std::string from;  // "12 monthly rows" / "year-to-date rows 2019-01..2019-05, 2019-01..2019-10 and the year"
};

// The path of one estimate: the value of each month and the running total.
struct NowcastPath {
  double full_year = 0.0;
  std::array<double, 12> monthly{};
  std::array<double, 12> cumulative{};
};

struct NowcastEstimate {
  NowcastPath central;
  NowcastPath low;  // the central path with its projected months scaled to the band's ends
  NowcastPath high;
  std::optional<double> yoy_central;  // full_year / last_year - 1, when last year's actual is known
  std::optional<double> yoy_low;
  std::optional<double> yoy_high;
};

// One point of the back-test: an earlier year estimated from its own months 1..cutoff and the mean profile
// of the other profile years, against its actual.
struct BacktestPoint {
  int year = 0;
  int cutoff = 0;      // months observed (1..11)
  double error = 0.0;  // estimate / actual - 1
};

// The band around the central estimate (docs/METHODS.md, "Nowcast"): from the back-test when at least
// kMinYears earlier years were observed at the target's cut-off month (the full year x/÷ `factor`, the
// smallest that covers kCoverage of them); else the wide band, the projected months x/÷ kFallbackFactor, or
// the full year x/÷ `factor` (the largest back-test error) where that is wider.
struct NowcastBand {
  static constexpr double kCoverage = 0.8;
  static constexpr int kMinYears = 3;
  static constexpr double kFallbackFactor = 2.0;

  double factor = 1.0;     // >= 1, on the full year
  int backtest_years = 0;  // back-test years at the target's cut-off month
  double coverage = 0.0;   // share of them inside the band (when not fallback)
  bool fallback = true;
};

struct NowcastResult {
  Selection target;   // canonical codes
  Selection profile;  // the profile's flow (== target's flow when no stand-in)
  bool stand_in = false;
  std::string currency;
  ValueResult ytd;  // the year-to-date value
  int year = 0;
  int months_observed = 0;  // M
  std::vector<ProfileYear> profile_years;
  std::array<double, 13> central_profile{};  // mean of the years' C(m) (uniform m/12 with no year)
  std::vector<BacktestPoint> backtest;       // every profile year at every month it observed
  NowcastBand band;
  NowcastEstimate without_policy;
  NowcastEstimate with_policy;                // == without_policy when no policy applies
  std::vector<std::string> applied_policies;  // names of the policies that cut the flow
  // Share of each month (1..12) that the policies stop: sum of share_stopped x (days from `from` / days).
  std::array<double, 12> stopped_share{};
  // When a policy gives a range (Policy::from_range, share_stopped_range): the shares stopped with every
  // policy at its most and at its least severe reading. The band with the policies runs from the low end of
  // the most severe path to the high end of the least severe one.
  std::optional<std::array<double, 12>> stopped_share_most;
  std::optional<std::array<double, 12>> stopped_share_least;
  std::optional<ValueResult> last_year;  // the previous calendar year's actual
  std::vector<RateUsed> rates;
  // Every assumption, in plain words, to be printed with the result.
  std::vector<std::string> assumptions;
};

// Throws Error when the target's period is not a year-to-date range, or its value is not in the table.
NowcastResult Nowcast(const TradeTable& table, const Reference& reference, const NowcastRequest& request);

}  // namespace tradeshock
