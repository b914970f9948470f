// Exposure on a small hand-made table, and the seed case's scenario through exposure and nowcast.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "indicators/table_builder.h"
#include "reference/reference_fixture.h"
#include "tradeshock/io.h"
#include "tradeshock/nowcast.h"
#include "tradeshock/scenario.h"

namespace tradeshock::testing {
namespace {

// CHN 2020: exports to the US 100 (HS 61: 30, HS 84: 70); exports to the world 250; trade with KAZ 200,
// USA 150, RUS 50 = world 400. 2019: exports of HS 61 to the US 20.
TradeTable SmallTable() {
  return BuildTable({
      {"CHN", "USA", kX, "61", "2020", 30.0},
      {"CHN", "USA", kX, "84", "2020", 70.0},
      {"CHN", "USA", kX, "TOTAL", "2020", 100.0},
      {"CHN", "WLD", kX, "TOTAL", "2020", 250.0},
      {"CHN", "KAZ", kT, "TOTAL", "2020", 200.0},
      {"CHN", "USA", kT, "TOTAL", "2020", 150.0},
      {"CHN", "RUS", kT, "TOTAL", "2020", 50.0},
      {"CHN", "WLD", kT, "TOTAL", "2020", 400.0},
      {"CHN", "USA", kX, "61", "2019", 20.0},
  });
}

// A 10% tariff with trade elasticity 4 on HS 84 to the US: the flow falls to 1.1^-4 = 0.683013 of itself,
// so 1 - 0.683013 = 0.316987 of the covered 70 is at risk: 70 x 0.316987 = 22.18906 (not the whole 70, as
// when a tariff was read as a ban).
TEST(ExposureTest, TariffPutsItsTradeResponseAtRisk) {
  const Scenario scenario = ParseScenario(
      "[[policy]]\nkind = \"tariff\"\nrate = 0.10\nelasticity = 4\nimposed_by = \"USA\"\non = \"CHN\"\n"
      "products = [\"84\"]\nfrom = 2021-01-01\n",
      RepoReference());
  const ExposureResult result = ComputeExposure(SmallTable(), RepoReference(), scenario, Period::Year(2020));
  ASSERT_EQ(result.policies.size(), 1u);
  EXPECT_DOUBLE_EQ(result.policies[0].covered, 70.0);
  EXPECT_NEAR(result.at_risk, 22.18906, 1e-5);
  // 22.18906 / 250 exports = 0.0887562.
  EXPECT_NEAR(*result.share_of_exports, 0.0887562, 1e-7);
}

// A ban on all goods to the US and a 10% tariff (elasticity 4) on HS 84 to the US: the ban stops the whole
// 100; the tariff's 22.18906 on HS 84 is inside it, so the total at risk is 100, not 122.18906.
TEST(ExposureTest, ABanAndATariffOnTheSameGoodsCountOnce) {
  const Scenario scenario = ParseScenario(
      "[[policy]]\nname = \"ban\"\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = [\"all\"]\nfrom = "
      "2021-01-01\n"
      "[[policy]]\nname = \"tariff\"\nkind = \"tariff\"\nrate = 0.10\nelasticity = 4\nimposed_by = \"USA\"\n"
      "on = \"CHN\"\nproducts = [\"84\"]\nfrom = 2021-01-01\n",
      RepoReference());
  const ExposureResult result = ComputeExposure(SmallTable(), RepoReference(), scenario, Period::Year(2020));
  ASSERT_EQ(result.policies.size(), 2u);
  EXPECT_NEAR(result.at_risk, 100.0, 1e-9);
  EXPECT_NEAR(*result.share_of_exports, 100.0 / 250.0, 1e-12);
  EXPECT_THAT(result.notes,
              ::testing::Contains(::testing::HasSubstr("ban and tariff both cover exports to USA in 84")));
  // The tables count the overlap once too: exports to the US are covered once (100, not 100 + 70) and all
  // stopped by the ban; HS 84's 70 is covered once and stopped whole (the ban wins over the tariff).
  ASSERT_EQ(result.by_partner.size(), 1u);
  EXPECT_NEAR(result.by_partner[0].covered, 100.0, 1e-9);
  EXPECT_NEAR(result.by_partner[0].at_risk, 100.0, 1e-9);
  for (const ExposureItem& item : result.by_product) {
    if (item.code == "84") {
      EXPECT_NEAR(item.covered, 70.0, 1e-9);
      EXPECT_NEAR(item.at_risk, 70.0, 1e-9);
    }
  }
}

// A ban on everything to the US stopping 50% to 100% (central 75%), and a ban on HS 84 to the US stopping
// 40% to 60% (central 50%) on top: the larger share on HS 84 counts once. Central: 30 x 0.75 (HS 61) +
// 70 x max(0.75, 0.5) = 75. Low end: 30 x 0.5 + 70 x max(0.5, 0.4) = 50. High end: 30 x 1 + 70 x max(1, 0.6)
// = 100.
TEST(ExposureTest, RangesOfShareStoppedGiveTheAtRiskRangeWithOverlapsCountedOnce) {
  const Scenario scenario = ParseScenario(
      "[[policy]]\nname = \"all\"\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = [\"all\"]\n"
      "from = 2021-01-01\nshare_stopped = [0.5, 1.0]\n"
      "[[policy]]\nname = \"machines\"\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = [\"84\"]\n"
      "from = 2021-01-01\nshare_stopped = [0.4, 0.6]\n",
      RepoReference());
  const ExposureResult result = ComputeExposure(SmallTable(), RepoReference(), scenario, Period::Year(2020));
  ASSERT_EQ(result.policies.size(), 2u);
  ASSERT_TRUE(result.policies[1].at_risk_range);
  EXPECT_NEAR(result.policies[1].at_risk_range->first, 70.0 * 0.4, 1e-9);
  EXPECT_NEAR(result.policies[1].at_risk_range->second, 70.0 * 0.6, 1e-9);
  EXPECT_NEAR(result.at_risk, 75.0, 1e-9);
  ASSERT_TRUE(result.at_risk_range);
  EXPECT_NEAR(result.at_risk_range->first, 50.0, 1e-9);
  EXPECT_NEAR(result.at_risk_range->second, 100.0, 1e-9);
}

// The EU of changing membership (groups.csv) imposes with its members on the day the policy starts: CHN's
// 2019 exports to DEU 60, FRA 30, GBR 40. A policy from 2020-02-01 (the day after the United Kingdom left)
// covers 60 + 30 = 90; one from 2019-06-01 covers 60 + 30 + 40 = 130; the value of exports to the EU in 2019
// (its members on 31 December 2019) is 130.
TEST(ExposureTest, AGroupImposesWithItsMembersOnTheDayThePolicyStarts) {
  const TradeTable table = BuildTable({
      {"CHN", "DEU", kX, "TOTAL", "2019", 60.0},
      {"CHN", "FRA", kX, "TOTAL", "2019", 30.0},
      {"CHN", "GBR", kX, "TOTAL", "2019", 40.0},
  });
  const auto exposure_from = [&](const std::string& from) {
    const Scenario scenario = ParseScenario(
        "[[policy]]\nkind = \"ban\"\nimposed_by = \"EU\"\non = \"CHN\"\nproducts = \"all\"\nfrom = " + from + "\n",
        RepoReference());
    return ComputeExposure(table, RepoReference(), scenario, Period::Year(2019));
  };
  EXPECT_NEAR(exposure_from("2020-02-01").at_risk, 90.0, 1e-9);
  EXPECT_NEAR(exposure_from("2019-06-01").at_risk, 130.0, 1e-9);
  const ExposureResult after = exposure_from("2020-02-01");
  for (const ExposureItem& item : after.by_partner) EXPECT_NE(item.code, "GBR");
  EXPECT_NEAR(ComputeValue(table, RepoReference(), Selection{"CHN", "EU", kX, "TOTAL", Period::Year(2019)}).value,
              130.0, 1e-9);
}

TEST(ExposureTest, HalfOfClothingToTheUs) {
  const Scenario scenario = ParseScenario(
      "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = [\"61\"]\n"
      "from = 2021-01-01\nshare_stopped = 0.5\n",
      RepoReference());
  const ExposureResult result = ComputeExposure(SmallTable(), RepoReference(), scenario, Period::Year(2020));
  // Covered: HS 61 to the US = 30; at risk 30 x 0.5 = 15.
  ASSERT_EQ(result.policies.size(), 1u);
  EXPECT_DOUBLE_EQ(result.policies[0].covered, 30.0);
  EXPECT_DOUBLE_EQ(result.at_risk, 15.0);
  // Shares: 15 / 250 exports = 0.06; 15 / 400 trade = 0.0375.
  EXPECT_DOUBLE_EQ(*result.share_of_exports, 0.06);
  EXPECT_DOUBLE_EQ(*result.share_of_trade, 0.0375);
  ASSERT_EQ(result.by_product.size(), 1u);
  EXPECT_EQ(result.by_product[0].code, "61");
  ASSERT_EQ(result.by_partner.size(), 1u);
  EXPECT_EQ(result.by_partner[0].code, "USA");
  EXPECT_DOUBLE_EQ(result.by_partner[0].at_risk, 15.0);
  // A year earlier: HS 61 to the US, 2019 = 20.
  ASSERT_TRUE(result.year_earlier_value);
  EXPECT_DOUBLE_EQ(*result.year_earlier_value, 20.0);
  // Trade concentration before: shares 200/400, 150/400, 50/400 -> HHI 0.25 + 0.140625 + 0.015625 = 0.40625.
  // After: USA 150 - 15 = 135 of 385 -> (200^2 + 135^2 + 50^2) / 385^2 = 60725 / 148225 = 0.409682...
  ASSERT_FALSE(result.concentration.empty());
  const ConcentrationChange& trade = result.concentration[0];
  EXPECT_EQ(trade.flow, Flow::kTrade);
  EXPECT_NEAR(trade.before.hhi, 0.40625, 1e-12);
  EXPECT_NEAR(trade.after.hhi, 60725.0 / 148225.0, 1e-12);
  ASSERT_EQ(trade.largest_after.size(), 3u);
  EXPECT_EQ(trade.largest_after[0].partner, "KAZ");
  EXPECT_NEAR(trade.largest_after[0].share, 200.0 / 385.0, 1e-12);
  EXPECT_NEAR(trade.largest_after[1].value, 135.0, 1e-12);
}

TEST(ExposureTest, AllProductsAreItemisedByProduct) {
  const Scenario scenario = ParseScenario(
      "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\nfrom = 2021-01-01\n",
      RepoReference());
  const ExposureResult result = ComputeExposure(SmallTable(), RepoReference(), scenario, Period::Year(2020));
  // All exports to the US: 100 at risk, of it HS 84 70 and HS 61 30 (largest first).
  EXPECT_DOUBLE_EQ(result.at_risk, 100.0);
  ASSERT_EQ(result.by_product.size(), 2u);
  EXPECT_EQ(result.by_product[0].code, "84");
  EXPECT_DOUBLE_EQ(result.by_product[0].at_risk, 70.0);
  EXPECT_DOUBLE_EQ(result.by_product[0].share_of_exports, 70.0 / 250.0);
}

TEST(ExposureTest, ATotalSummedOverPartnersIsKeptWithANote) {
  // No world row: exports = USA 100 + KAZ 300 = 400 (partner-level data such as BACI); at risk 100 -> 25%.
  const TradeTable table =
      BuildTable({{"CHN", "USA", kX, "TOTAL", "2020", 100.0}, {"CHN", "KAZ", kX, "TOTAL", "2020", 300.0}});
  const Scenario scenario = ParseScenario(
      "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\nfrom = 2021-01-01\n",
      RepoReference());
  const ExposureResult result = ComputeExposure(table, RepoReference(), scenario, Period::Year(2020));
  ASSERT_TRUE(result.share_of_exports);
  EXPECT_DOUBLE_EQ(*result.share_of_exports, 0.25);
  // Exports by partner: 0.25^2 + 0.75^2 = 0.625 before; after, KAZ alone: 1.
  ASSERT_FALSE(result.concentration.empty());
  EXPECT_EQ(result.concentration.back().flow, Flow::kExports);
  EXPECT_NEAR(result.concentration.back().before.hhi, 0.625, 1e-12);
  EXPECT_NEAR(result.concentration.back().after.hhi, 1.0, 1e-12);
}

// The seed case: flows.csv (the article) + profile.csv (published total-trade figures) + scenario.toml.
struct SeedCase {
  TradeTable table;
  Scenario scenario;
};

const SeedCase& Seed() {
  static const SeedCase seed = [] {
    const std::filesystem::path dir = std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data/cases/xinjiang-2021";
    return SeedCase{ReadTradeFiles({(dir / "flows.csv").string(), (dir / "profile.csv").string()}, RepoReference()),
                    ReadScenarioFile(dir / "scenario.toml", RepoReference())};
  }();
  return seed;
}

TEST(SeedScenarioTest, ExportsToTheUsAtRiskIn2020) {
  CheckScenarioAgainstTable(Seed().scenario, Seed().table);  // the ban starts after the data begin
  IndicatorOptions options;
  options.currency = "USD";
  const ExposureResult result =
      ComputeExposure(Seed().table, RepoReference(), Seed().scenario, Period::Year(2020), options);
  // 4.528 bn yuan / 6.9042 = 0.65583 bn USD at risk, of trade 21.387 bn USD: 3.07%.
  EXPECT_NEAR(result.at_risk / 1e9, 4.528 / 6.9042, 1e-9);
  ASSERT_TRUE(result.share_of_trade);
  EXPECT_NEAR(*result.share_of_trade, 4.528 / 6.9042 / 21.387, 1e-9);
  EXPECT_FALSE(result.share_of_exports);  // the article gives no 2020 export total
}

TEST(SeedScenarioTest, NowcastOf2021ExportsToTheUs) {
  const Scenario& scenario = Seed().scenario;
  ASSERT_TRUE(scenario.nowcast.target);
  const NowcastResult result =
      Nowcast(Seed().table, RepoReference(), MakeNowcastRequest(scenario, *scenario.nowcast.target));
  // Profile year 2020 only (2019 has no full-year total): full year 21.387 bn USD = 147.660 bn yuan at 6.9042.
  // C(2) = (12.95 + 7.08) / 147.660 = 0.135649; C(8) = 88.950 / 147.660 = 0.602397;
  // C(5) = (C(2) + C(8)) / 2 = 0.369023 (linear, month 5 is halfway between 2 and 8).
  ASSERT_EQ(result.profile_years.size(), 1u);
  EXPECT_EQ(result.profile_years[0].year, 2020);
  EXPECT_NEAR(result.central_profile[5], 0.369023, 1e-6);
  // Without the ban: 0.090 / 0.369023 = 0.243887 bn USD. One profile year, no back-test: the wide band, the
  // projected 0.153887 x/÷ 2 -> 0.090 + 0.076944 = 0.166944 .. 0.090 + 0.307774 = 0.397774.
  EXPECT_NEAR(result.without_policy.central.full_year / 1e9, 0.243887, 1e-6);
  EXPECT_NEAR(result.without_policy.low.full_year / 1e9, 0.166944, 1e-6);
  EXPECT_NEAR(result.without_policy.high.full_year / 1e9, 0.397774, 1e-6);
  // With the ban from 2021-07-15: June 0.243887 x (C(6) - C(5)) = 0.243887 x 0.077791 = 0.018972, July the
  // same x 14/31 = 0.008568, nothing after: 0.090 + 0.018972 + 0.008568 = 0.117540 bn USD.
  EXPECT_NEAR(result.with_policy.central.full_year / 1e9, 0.117540, 1e-6);
  // Last year: 4.528 bn yuan / 6.9042 = 0.655833 bn USD -> -62.8% without, -82.1% with the ban.
  ASSERT_TRUE(result.last_year);
  EXPECT_NEAR(*result.without_policy.yoy_central, 0.243887 / 0.655833 - 1.0, 1e-5);
  EXPECT_NEAR(*result.with_policy.yoy_central, 0.117540 / 0.655833 - 1.0, 1e-5);
  EXPECT_TRUE(result.stand_in);
  bool said = false;
  for (const std::string& text : result.assumptions)
    said = said || text.find("2019: year-to-date values but no full-year") != std::string::npos;
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace tradeshock::testing
