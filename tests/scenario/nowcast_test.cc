// Nowcast: hand-computed cases (the arithmetic is in the comments).
#include "tradeshock/nowcast.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/table_builder.h"
#include "reference/reference_fixture.h"

namespace tradeshock::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

Policy BanFrom(Date from, double share_stopped) {
  Policy policy;
  policy.name = "test ban";
  policy.imposed_by = "USA";
  policy.on = "CHN";
  policy.products = {"TOTAL"};
  policy.from = from;
  policy.share_stopped = share_stopped;
  return policy;
}

bool AnyContains(const std::vector<std::string>& texts, const std::string& part) {
  for (const std::string& text : texts) {
    if (text.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(NowcastTest, NoEarlierDataMeansUniformAndSaysSo) {
  // Jan-Mar 2021 = 30; uniform C(3) = 3/12 = 0.25, so the year = 30 / 0.25 = 120, 10 a month.
  // No back-test year: the wide band, the projected 90 x/÷ 2: 30 + 45 = 75 .. 30 + 180 = 210.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2021-01..2021-03", 30.0}});
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-03");
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_EQ(result.months_observed, 3);
  EXPECT_DOUBLE_EQ(result.ytd.value, 30.0);
  EXPECT_DOUBLE_EQ(result.without_policy.central.full_year, 120.0);
  EXPECT_DOUBLE_EQ(result.without_policy.low.full_year, 75.0);
  EXPECT_DOUBLE_EQ(result.without_policy.high.full_year, 210.0);
  EXPECT_TRUE(result.band.fallback);
  EXPECT_DOUBLE_EQ(result.without_policy.central.monthly[6], 10.0);
  EXPECT_DOUBLE_EQ(result.without_policy.central.cumulative[11], 120.0);
  EXPECT_TRUE(result.profile_years.empty());
  EXPECT_FALSE(result.stand_in);
  EXPECT_TRUE(AnyContains(result.assumptions, "uniform profile C(m) = m/12: no earlier year-to-date data"));
  EXPECT_TRUE(AnyContains(result.assumptions, "no full-year value of CHN exports to USA"));
  EXPECT_FALSE(result.last_year);
}

TEST(NowcastTest, TwoEarlierYearsOfMonthlyData) {
  // 2019: Jan-Mar 5, 5, 5; Apr-Nov 9 each; Dec 13 -> year 15 + 72 + 13 = 100, C(3) = 0.15, C(4) = 0.24.
  // 2020: Jan-Mar 10, 10, 5; Apr-Nov 8 each; Dec 11 -> year 25 + 64 + 11 = 100, C(3) = 0.25, C(4) = 0.33.
  std::vector<TestRow> rows;
  for (int m = 1; m <= 12; ++m) {
    const double v2019 = m <= 3 ? 5.0 : (m <= 11 ? 9.0 : 13.0);
    const double v2020 = m <= 2 ? 10.0 : (m == 3 ? 5.0 : (m <= 11 ? 8.0 : 11.0));
    rows.push_back({"CHN", "USA", kX, "TOTAL", fmt::format("2019-{:02}", m), v2019});
    rows.push_back({"CHN", "USA", kX, "TOTAL", fmt::format("2020-{:02}", m), v2020});
  }
  for (int m = 1; m <= 3; ++m) rows.push_back({"CHN", "USA", kX, "TOTAL", fmt::format("2021-{:02}", m), 10.0});
  const TradeTable table = BuildTable(rows);
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-03");  // 3 x 10 = 30
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  ASSERT_EQ(result.profile_years.size(), 2u);
  EXPECT_NEAR(result.profile_years[0].cumulative[3], 0.15, 1e-12);
  EXPECT_NEAR(result.profile_years[1].cumulative[3], 0.25, 1e-12);
  // Mean C(3) = (0.15 + 0.25) / 2 = 0.20 -> 30 / 0.20 = 150.
  // Back-test at month 3: 2019 from the 2020 profile 0.15 / 0.25 = 0.6 of its actual (-40%), 2020 from the
  // 2019 profile 0.25 / 0.15 = 5/3 (+66.7%). Two years, fewer than three: the wide band, the projected
  // 120 x/÷ 2 (30 + 60 = 90 .. 30 + 240 = 270), or the full year x/÷ 5/3 (90 .. 250) where wider:
  // 90 .. 270.
  EXPECT_NEAR(result.central_profile[3], 0.20, 1e-12);
  EXPECT_NEAR(result.without_policy.central.full_year, 150.0, 1e-9);
  ASSERT_EQ(result.backtest.size(), 22u);  // 2 years x months 1..11
  EXPECT_NEAR(result.without_policy.low.full_year, 90.0, 1e-9);
  EXPECT_NEAR(result.without_policy.high.full_year, 270.0, 1e-9);
  // April: 150 x (mean C(4) - mean C(3)) = 150 x ((0.24 + 0.33) / 2 - 0.20) = 150 x 0.085 = 12.75.
  EXPECT_NEAR(result.without_policy.central.monthly[3], 12.75, 1e-9);
  // Last year 100: +50% central, -10% .. +170%.
  ASSERT_TRUE(result.last_year);
  EXPECT_DOUBLE_EQ(result.last_year->value, 100.0);
  EXPECT_NEAR(*result.without_policy.yoy_central, 0.5, 1e-12);
  EXPECT_NEAR(*result.without_policy.yoy_low, -0.1, 1e-12);
  EXPECT_NEAR(*result.without_policy.yoy_high, 1.7, 1e-12);
  EXPECT_TRUE(AnyContains(result.assumptions, "band: fewer than 3 earlier years observed at month 3"));
  EXPECT_TRUE(AnyContains(result.assumptions, "the largest back-test error: 2019 -40.0%, 2020 +66.7%"));
}

TEST(NowcastTest, BandFromTheBackTestCoversFourOfFiveYears) {
  // Five earlier years, each observed to May and in full (100): C(5) = 0.30, 0.36, 0.40, 0.44, 0.50 (sum 2.00).
  // Leave-one-out means of the others: (2.00 - C) / 4 = 0.425, 0.41, 0.40, 0.39, 0.375; estimate / actual
  // = C / mean: 0.70588, 0.87805, 1, 1.12821, 1.33333. |log|: 0.34831, 0.13005, 0, 0.12063, 0.28768;
  // sorted, the ceil(0.8 x 5) = 4th is 0.28768 -> factor e^0.28768 = 4/3, covering 4 of 5 years.
  // 2021: Jan-May 40; mean C(5) = 0.40 -> 100; band 100 x 3/4 = 75 .. 100 x 4/3 = 133.33.
  const double c5[] = {0.30, 0.36, 0.40, 0.44, 0.50};
  std::vector<TestRow> rows;
  for (int i = 0; i < 5; ++i) {
    rows.push_back({"CHN", "USA", kX, "TOTAL", fmt::format("{}-01..{}-05", 2016 + i, 2016 + i), 100.0 * c5[i]});
    rows.push_back({"CHN", "USA", kX, "TOTAL", std::to_string(2016 + i), 100.0});
  }
  rows.push_back({"CHN", "USA", kX, "TOTAL", "2021-01..2021-05", 40.0});
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-05");
  const NowcastResult result = Nowcast(BuildTable(rows), RepoReference(), request);
  ASSERT_EQ(result.backtest.size(), 5u);
  EXPECT_NEAR(result.backtest[0].error, 0.30 / 0.425 - 1.0, 1e-12);
  EXPECT_FALSE(result.band.fallback);
  EXPECT_EQ(result.band.backtest_years, 5);
  EXPECT_NEAR(result.band.factor, 4.0 / 3.0, 1e-12);
  EXPECT_NEAR(result.band.coverage, 0.8, 1e-12);
  EXPECT_NEAR(result.without_policy.central.full_year, 100.0, 1e-9);
  EXPECT_NEAR(result.without_policy.low.full_year, 75.0, 1e-9);
  EXPECT_NEAR(result.without_policy.high.full_year, 400.0 / 3.0, 1e-9);
  EXPECT_TRUE(AnyContains(result.assumptions, "covers 80% of the 5 back-test years at month 5"));
}

TEST(NowcastTest, YearToDateRangesAndFullYearsOfAStandIn) {
  // Profile: CHN total trade with the world. 2019: Jan-May 40 of 100 -> C(5) = 0.40.
  // 2020: Jan-Feb 10, Jan-Aug 60 of 100 -> C(2) = 0.1, C(8) = 0.6, C(5) = 0.1 + (0.6 - 0.1) x 3/6 = 0.35.
  const TradeTable table = BuildTable({
      {"CHN", "WLD", kT, "TOTAL", "2019-01..2019-05", 40.0},
      {"CHN", "WLD", kT, "TOTAL", "2019", 100.0},
      {"CHN", "WLD", kT, "TOTAL", "2020-01..2020-02", 10.0},
      {"CHN", "WLD", kT, "TOTAL", "2020-01..2020-08", 60.0},
      {"CHN", "WLD", kT, "TOTAL", "2020", 100.0},
      {"CHN", "USA", kX, "TOTAL", "2021-01..2021-05", 0.09},
  });
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-05");
  request.profile = Select("CHN", "WLD", kT, "TOTAL", "2020");
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  ASSERT_EQ(result.profile_years.size(), 2u);
  EXPECT_NEAR(result.profile_years[0].cumulative[5], 0.40, 1e-12);
  EXPECT_NEAR(result.profile_years[1].cumulative[5], 0.35, 1e-12);
  EXPECT_EQ(result.profile_years[1].known_months, (std::vector<int>{2, 8}));
  // Mean C(5) = 0.375 -> 0.09 / 0.375 = 0.24. Back-test at month 5: only 2019 observed it, 0.40 / 0.35 =
  // 1.142857 of its actual. The wide band: the projected 0.15 x/÷ 2 -> 0.165 .. 0.39 (wider than the full
  // year x/÷ 1.142857, 0.21 .. 0.274).
  EXPECT_NEAR(result.without_policy.central.full_year, 0.24, 1e-12);
  EXPECT_NEAR(result.without_policy.low.full_year, 0.165, 1e-12);
  EXPECT_NEAR(result.without_policy.high.full_year, 0.39, 1e-12);
  ASSERT_EQ(result.backtest.size(), 3u);  // 2019 at month 5; 2020 at months 2 and 8
  EXPECT_TRUE(result.stand_in);
  EXPECT_TRUE(AnyContains(result.assumptions,
                          "the seasonal profile of CHN trade with WLD, TOTAL stands in for CHN exports to USA, TOTAL"));
}

TEST(NowcastTest, BanStartingMidMonthIsProRataByDays) {
  // Uniform profile: Jan-May 50 -> 10 a month. Ban from 15 July: July has 31 days, of which 15..31 = 17
  // are banned, so July keeps 10 x 14/31; August-December are 0.
  // Year = 50 + 10 (June) + 140/31 = 64.516129...
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2021-01..2021-05", 50.0}});
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-05");
  request.policies = {BanFrom(Date{2021, 7, 15}, 1.0)};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_DOUBLE_EQ(result.without_policy.central.full_year, 120.0);
  EXPECT_NEAR(result.stopped_share[6], 17.0 / 31.0, 1e-12);
  EXPECT_NEAR(result.with_policy.central.monthly[6], 140.0 / 31.0, 1e-12);
  EXPECT_DOUBLE_EQ(result.with_policy.central.monthly[7], 0.0);
  EXPECT_NEAR(result.with_policy.central.full_year, 60.0 + 140.0 / 31.0, 1e-12);
  EXPECT_THAT(result.applied_policies, Contains("test ban"));
  EXPECT_TRUE(AnyContains(result.assumptions, "test ban stops 100% of the flow from 2021-07-15"));
}

TEST(NowcastTest, HalfTheFlowStopped) {
  // As above with share_stopped 0.5: July keeps 10 x (1 - 0.5 x 17/31) = 10 x 22.5/31; Aug-Dec 5 each.
  // Year = 50 + 10 + 225/31 + 25 = 92.258064...
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2021-01..2021-05", 50.0}});
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-05");
  request.policies = {BanFrom(Date{2021, 7, 15}, 0.5)};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_NEAR(result.with_policy.central.monthly[6], 225.0 / 31.0, 1e-12);
  EXPECT_NEAR(result.with_policy.central.monthly[11], 5.0, 1e-12);
  EXPECT_NEAR(result.with_policy.central.full_year, 85.0 + 225.0 / 31.0, 1e-12);
}

TEST(NowcastTest, ARangeOfDatesAndSharesWidensTheBandToItsEnds) {
  // Uniform profile (no earlier year): Jan-May 50 -> 10 a month; the wide band scales the projected months
  // x/÷ 2. The ban is in force between 2021-07-15 and 2021-09-01 (48 days apart; midpoint 24 days on:
  // 2021-08-08) and stops 50% to 100% (midpoint 75%).
  //  central, from 08-08 stopping 0.75: Jun 10, Jul 10, Aug 10 x (1 - 0.75 x 24/31) = 10 - 180/31, Sep-Dec
  //   2.5 each: year = 50 + 10 + 10 + 10 - 180/31 + 10 = 90 - 180/31.
  //  most severe, from 07-15 stopping 1: Jun 10, Jul 10 x 14/31, then 0; projected = 10 + 140/31, and the
  //   band's low end halves it: 50 + 5 + 70/31.
  //  least severe, from 09-01 stopping 0.5: Jun-Aug 10 each, Sep-Dec 5 each; projected = 50, and the high
  //   end doubles it: 50 + 100 = 150.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2021-01..2021-05", 50.0}});
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-05");
  Policy policy = BanFrom(Date{2021, 8, 8}, 0.75);
  policy.from_range = std::pair{Date{2021, 7, 15}, Date{2021, 9, 1}};
  policy.share_stopped_range = std::pair{0.5, 1.0};
  request.policies = {policy};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_NEAR(result.with_policy.central.full_year, 90.0 - 180.0 / 31.0, 1e-12);
  EXPECT_NEAR(result.with_policy.low.full_year, 55.0 + 70.0 / 31.0, 1e-12);
  EXPECT_NEAR(result.with_policy.high.full_year, 150.0, 1e-12);
  ASSERT_TRUE(result.stopped_share_most && result.stopped_share_least);
  EXPECT_NEAR((*result.stopped_share_most)[6], 17.0 / 31.0, 1e-12);
  EXPECT_NEAR((*result.stopped_share_least)[8], 0.5, 1e-12);
  // Without the policy the band is the plain wide band: 50 + 70 / 2 to 50 + 70 x 2.
  EXPECT_NEAR(result.without_policy.low.full_year, 85.0, 1e-12);
  EXPECT_NEAR(result.without_policy.high.full_year, 190.0, 1e-12);
  EXPECT_TRUE(AnyContains(result.assumptions,
                          "test ban from 2021-07-15 stopping 100% at its most severe, from 2021-09-01 stopping 50% "
                          "at its least"));
}

TEST(NowcastTest, ARangeReachingIntoTheYearCountsEvenWhenItsMidpointIsLater) {
  // Ban from 2021-12-01 to 2022-02-01 (midpoint 2022-01-01): the central reading has no effect in 2021, the
  // most severe stops December: low end = 50 + (70 - 10) / 2 = 80 (uniform profile, wide band).
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2021-01..2021-05", 50.0}});
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-05");
  Policy policy = BanFrom(Date{2022, 1, 1}, 1.0);
  policy.from_range = std::pair{Date{2021, 12, 1}, Date{2022, 2, 1}};
  request.policies = {policy};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_NEAR(result.with_policy.central.full_year, 120.0, 1e-12);
  EXPECT_NEAR(result.with_policy.low.full_year, 80.0, 1e-12);
  EXPECT_NEAR(result.with_policy.high.full_year, 190.0, 1e-12);
}

TEST(NowcastTest, PolicyOnPartOfTheFlowWithNoShareInTheDataIsNotAppliedAndSaid) {
  // Exports to the world include far more than the US, and the data do not say how much goes to the US.
  const TradeTable table =
      BuildTable({{"CHN", "WLD", kX, "TOTAL", "2020", 100.0}, {"CHN", "WLD", kX, "TOTAL", "2021-01..2021-05", 50.0}});
  NowcastRequest request;
  request.target = Select("CHN", "WLD", kX, "TOTAL", "2021-01..2021-05");
  request.policies = {BanFrom(Date{2021, 7, 15}, 1.0)};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_DOUBLE_EQ(result.with_policy.central.full_year, 120.0);
  EXPECT_TRUE(result.applied_policies.empty());
  EXPECT_TRUE(AnyContains(result.assumptions,
                          "test ban covers part of CHN exports to WLD, TOTAL (exports to USA in "
                          "TOTAL), but its share is not known"));
}

Policy ProductPolicy(std::string name, std::vector<std::string> products, Date from, double share_stopped) {
  Policy policy;
  policy.name = std::move(name);
  policy.imposed_by = "USA";
  policy.on = "RUS";
  policy.products = std::move(products);
  policy.from = from;
  policy.share_stopped = share_stopped;
  return policy;
}

// RUS exports to the US in 2021: 100, of which HS 27 (energy) 70 and HS 72 (iron and steel) 20;
// Jan-Feb 2022: 20, so with no earlier monthly data the uniform profile gives 120 for 2022, 10 a month.
std::vector<TestRow> RussiaToUsRows() {
  return {{"RUS", "USA", kX, "TOTAL", "2021", 100.0},
          {"RUS", "USA", kX, "27", "2021", 70.0},
          {"RUS", "USA", kX, "72", "2021", 20.0},
          {"RUS", "USA", kX, "TOTAL", "2022-01..2022-02", 20.0}};
}

TEST(NowcastTest, BansOnSomeProductsCutTheirShareMonthByMonth) {
  // Energy (70% of the flow in 2021) banned from 9 March; half of steel (20%) stopped from 9 April.
  //   March (31 days): energy stopped on days 9..31 = 23 -> share 0.7 x 23/31; value 10 - 161/31.
  //   April (30 days): energy 0.7 all month; steel 0.5 x 0.2 x 22/30 (days 9..30); value 3 - 22/30.
  //   May-December: 0.7 + 0.1 = 0.8 stopped -> 2 a month, 16 in all.
  //   Year = 20 + (10 - 161/31) + (3 - 22/30) + 16 = 49 - 161/31 - 22/30 = 43.07311...
  //   Against 2021's 100: -56.9%.
  const TradeTable table = BuildTable(RussiaToUsRows());
  NowcastRequest request;
  request.target = Select("RUS", "USA", kX, "TOTAL", "2022-01..2022-02");
  request.policies = {ProductPolicy("energy ban", {"27"}, Date{2022, 3, 9}, 1.0),
                      ProductPolicy("steel detentions", {"72"}, Date{2022, 4, 9}, 0.5)};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_DOUBLE_EQ(result.without_policy.central.full_year, 120.0);
  EXPECT_NEAR(result.stopped_share[2], 0.7 * 23.0 / 31.0, 1e-12);
  EXPECT_NEAR(result.stopped_share[3], 0.7 + 0.1 * 22.0 / 30.0, 1e-12);
  EXPECT_NEAR(result.stopped_share[4], 0.8, 1e-12);
  EXPECT_NEAR(result.with_policy.central.monthly[2], 10.0 - 161.0 / 31.0, 1e-12);
  EXPECT_NEAR(result.with_policy.central.full_year, 49.0 - 161.0 / 31.0 - 22.0 / 30.0, 1e-9);
  ASSERT_TRUE(result.with_policy.yoy_central);
  EXPECT_NEAR(*result.with_policy.yoy_central, (49.0 - 161.0 / 31.0 - 22.0 / 30.0) / 100.0 - 1.0, 1e-12);
  EXPECT_THAT(result.applied_policies, ::testing::ElementsAre("energy ban", "steel detentions"));
  EXPECT_TRUE(AnyContains(result.assumptions,
                          "energy ban stops 100% of what it covers (exports to USA in 27, "
                          "70.00% of the flow) from 2022-03-09"));
  EXPECT_TRUE(AnyContains(result.assumptions, "the policies' shares of the flow are those of 2021"));
}

TEST(NowcastTest, OverlappingPoliciesCountTheLargerShareStoppedOnce) {
  // From 1 March 2022: detentions stop 0.5 of HS 27 and 72 (90% of the flow); a tariff stops 0.8 of HS 27
  // (70%). On energy the larger, 0.8, counts: 0.7 x 0.8 + 0.2 x 0.5 = 0.66 of the flow stops (adding the
  // two would give 0.9 x 0.5 + 0.7 x 0.8 = 1.01). Year = 20 + 10 x 10 x (1 - 0.66) = 54.
  const TradeTable table = BuildTable(RussiaToUsRows());
  NowcastRequest request;
  request.target = Select("RUS", "USA", kX, "TOTAL", "2022-01..2022-02");
  request.policies = {ProductPolicy("detentions", {"27", "72"}, Date{2022, 3, 1}, 0.5),
                      ProductPolicy("energy tariff", {"27"}, Date{2022, 3, 1}, 0.8)};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_NEAR(result.stopped_share[2], 0.66, 1e-12);
  EXPECT_NEAR(result.stopped_share[11], 0.66, 1e-12);
  EXPECT_NEAR(result.with_policy.central.full_year, 54.0, 1e-9);
  EXPECT_TRUE(AnyContains(result.assumptions,
                          "detentions and energy tariff both cover exports to USA in 27 "
                          "(70.00% of RUS exports to USA, TOTAL, 2021): the larger share "
                          "stopped counts there"));
}

TEST(NowcastTest, ABanOnOneMarketCutsItsShareOfExportsToTheWorld) {
  // RUS exports to the world 2021: 250, of which to the US in HS 27: 70 -> 28%. Jan-Feb 2022: 50, so 300
  // for the year without the ban, 25 a month. Ban from 1 July: 25 x 0.72 x 6 = 108 for Jul-Dec; year 258.
  std::vector<TestRow> rows = RussiaToUsRows();
  rows.push_back({"RUS", "WLD", kX, "TOTAL", "2021", 250.0});
  rows.push_back({"RUS", "WLD", kX, "TOTAL", "2022-01..2022-02", 50.0});
  const TradeTable table = BuildTable(rows);
  NowcastRequest request;
  request.target = Select("RUS", "WLD", kX, "TOTAL", "2022-01..2022-02");
  request.policies = {ProductPolicy("energy ban", {"27"}, Date{2022, 7, 1}, 1.0)};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_NEAR(result.stopped_share[6], 0.28, 1e-12);
  EXPECT_NEAR(result.stopped_share[5], 0.0, 1e-12);
  EXPECT_NEAR(result.with_policy.central.full_year, 258.0, 1e-9);
}

TEST(NowcastTest, AGroupsEmbargoAddsUpItsMembers) {
  // EU27 stops RUS coal and oil (HS 27) from 1 July 2022; the data give Germany 30 and France 10 of 250:
  // 16% of RUS exports to the world. 300 for the year without, 25 a month; Jul-Dec 25 x 0.84 x 6 = 126;
  // year 50 + 100 + 126 = 276.
  const TradeTable table = BuildTable({{"RUS", "WLD", kX, "TOTAL", "2021", 250.0},
                                       {"RUS", "DEU", kX, "27", "2021", 30.0},
                                       {"RUS", "FRA", kX, "27", "2021", 10.0},
                                       {"RUS", "WLD", kX, "TOTAL", "2022-01..2022-02", 50.0}});
  NowcastRequest request;
  request.target = Select("RUS", "WLD", kX, "TOTAL", "2022-01..2022-02");
  Policy embargo = ProductPolicy("EU embargo", {"27"}, Date{2022, 7, 1}, 1.0);
  embargo.imposed_by = "EU27";
  request.policies = {embargo};
  const NowcastResult result = Nowcast(table, RepoReference(), request);
  EXPECT_NEAR(result.stopped_share[6], 0.16, 1e-12);
  EXPECT_NEAR(result.with_policy.central.full_year, 276.0, 1e-9);
}

TEST(NowcastTest, TheFlowsOwnHistoryComesBeforeAStandIn) {
  // The scenario names CHN's total trade as the profile, but the data also give CHN's exports to the US in
  // 2020: Jan-Mar 20 of 100, C(3) = 0.20 -> 2021's Jan-Mar 30 gives 30 / 0.20 = 150. The stand-in (trade
  // with the world, Jan-Mar 25 of 100, C(3) = 0.25) gives 30 / 0.25 = 120, kept as the alternative.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2020-01..2020-03", 20.0},
                                       {"CHN", "USA", kX, "TOTAL", "2020", 100.0},
                                       {"CHN", "WLD", kT, "TOTAL", "2020-01..2020-03", 25.0},
                                       {"CHN", "WLD", kT, "TOTAL", "2020", 100.0},
                                       {"CHN", "USA", kX, "TOTAL", "2021-01..2021-03", 30.0}});
  const Scenario scenario = ParseScenario(
      "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\nfrom = 2021-07-01\n"
      "[nowcast]\nprofile = { partner = \"WLD\", flow = \"trade\" }\n",
      RepoReference());
  const Selection target = Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-03");
  const NowcastRequests requests = ChooseNowcastRequests(table, RepoReference(), scenario, target, {});
  EXPECT_FALSE(requests.main.profile.has_value());
  ASSERT_TRUE(requests.stand_in.has_value());
  EXPECT_NEAR(Nowcast(table, RepoReference(), requests.main).without_policy.central.full_year, 150.0, 1e-9);
  EXPECT_NEAR(Nowcast(table, RepoReference(), *requests.stand_in).without_policy.central.full_year, 120.0, 1e-9);

  // Without the flow's own earlier years, the stand-in is the only profile.
  const TradeTable thin = BuildTable({{"CHN", "WLD", kT, "TOTAL", "2020-01..2020-03", 25.0},
                                      {"CHN", "WLD", kT, "TOTAL", "2020", 100.0},
                                      {"CHN", "USA", kX, "TOTAL", "2021-01..2021-03", 30.0}});
  const NowcastRequests only = ChooseNowcastRequests(thin, RepoReference(), scenario, target, {});
  EXPECT_TRUE(only.main.profile.has_value());
  EXPECT_FALSE(only.stand_in.has_value());
}

TEST(NowcastTest, RejectsAPeriodThatIsNotYearToDate) {
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2021-03..2021-05", 50.0}});
  NowcastRequest request;
  request.target = Select("CHN", "USA", kX, "TOTAL", "2021-03..2021-05");
  EXPECT_THAT([&] { Nowcast(table, RepoReference(), request); },
              ::testing::ThrowsMessage<Error>(HasSubstr("must be a year-to-date range YYYY-01..YYYY-MM")));
}

}  // namespace
}  // namespace tradeshock::testing
