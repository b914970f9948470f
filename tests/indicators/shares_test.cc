// Shares, HHI and dependence on hand-computed tables.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/table_builder.h"
#include "tradeshock/error.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

const Reference& Ref() { return RepoReference(); }

// Three partners 50 / 30 / 20 of a world total of 100.
TradeTable ThreePartners(double world_total) {
  return BuildTable({{"CN-XJ", "WLD", kT, "TOTAL", "2020", world_total},
                     {"CN-XJ", "KAZ", kT, "TOTAL", "2020", 50},
                     {"CN-XJ", "RUS", kT, "TOTAL", "2020", 30},
                     {"CN-XJ", "USA", kT, "TOTAL", "2020", 20}});
}

TEST(SharesTest, SharesAndHhiOfThreePartners) {
  const ShareResult shares =
      ComputeShares(ThreePartners(100), Ref(), Select("CN-XJ", "WLD", kT, "TOTAL", "2020"), ShareBy::kPartner);
  ASSERT_EQ(shares.items.size(), 3u);
  EXPECT_EQ(shares.items[0].partner, "KAZ");
  EXPECT_DOUBLE_EQ(shares.items[0].share, 0.5);  // 50 / 100
  EXPECT_EQ(shares.items[1].partner, "RUS");
  EXPECT_DOUBLE_EQ(shares.items[1].share, 0.3);  // 30 / 100
  EXPECT_EQ(shares.items[2].partner, "USA");
  EXPECT_DOUBLE_EQ(shares.items[2].share, 0.2);  // 20 / 100
  EXPECT_FALSE(shares.rest.has_value());
  EXPECT_DOUBLE_EQ(shares.coverage, 1.0);

  const Concentration hhi = ComputeConcentration(shares);
  // HHI = 0.5^2 + 0.3^2 + 0.2^2 = 0.25 + 0.09 + 0.04 = 0.38
  EXPECT_NEAR(hhi.hhi, 0.38, 1e-12);
  // normalised = (0.38 - 1/3) / (1 - 1/3) = 0.046667 / 0.666667 = 0.07
  EXPECT_NEAR(*hhi.normalized, 0.07, 1e-12);
  EXPECT_EQ(hhi.item_count, 3u);
  EXPECT_FALSE(hhi.lower_bound);
}

TEST(SharesTest, RestLineAndLowerBoundWhenItemsCoverPartOfTheTotal) {
  // World 200; items 50 + 30 + 20 = 100 cover half: shares 0.25, 0.15, 0.10, rest 100 / 200 = 0.5.
  const ShareResult shares =
      ComputeShares(ThreePartners(200), Ref(), Select("CN-XJ", "WLD", kT, "TOTAL", "2020"), ShareBy::kPartner);
  EXPECT_DOUBLE_EQ(shares.items[0].share, 0.25);
  ASSERT_TRUE(shares.rest.has_value());
  EXPECT_DOUBLE_EQ(shares.rest->value, 100.0);
  EXPECT_DOUBLE_EQ(shares.rest->share, 0.5);
  EXPECT_DOUBLE_EQ(shares.coverage, 0.5);
  const Concentration hhi = ComputeConcentration(shares);
  // HHI >= 0.25^2 + 0.15^2 + 0.10^2 = 0.0625 + 0.0225 + 0.01 = 0.095; at most 0.095 + 0.5^2 = 0.345.
  EXPECT_NEAR(hhi.hhi, 0.095, 1e-12);
  EXPECT_NEAR(hhi.hhi_upper, 0.345, 1e-12);
  EXPECT_TRUE(hhi.lower_bound);
  EXPECT_DOUBLE_EQ(hhi.coverage, 0.5);
}

TEST(SharesTest, ItemsAboveTheTotalAreReportedNotHidden) {
  // World 90 but partners add up to 100: 111.1% of the total.
  const ShareResult shares =
      ComputeShares(ThreePartners(90), Ref(), Select("CN-XJ", "WLD", kT, "TOTAL", "2020"), ShareBy::kPartner);
  EXPECT_FALSE(shares.rest.has_value());
  ASSERT_FALSE(shares.notes.empty());
  EXPECT_THAT(shares.notes.back(), HasSubstr("inconsistent figures: the partners add up to 111.1% of the total"));
}

TEST(SharesTest, WorldBuiltFromPartnersCoversThemExactly) {
  // No WLD row: the total is 50 + 30 + 20 = 100, and the items cover it.
  const TradeTable table = BuildTable({{"CN-XJ", "KAZ", kT, "TOTAL", "2020", 50},
                                       {"CN-XJ", "RUS", kT, "TOTAL", "2020", 30},
                                       {"CN-XJ", "USA", kT, "TOTAL", "2020", 20}});
  const ShareResult shares =
      ComputeShares(table, Ref(), Select("CN-XJ", "WLD", kT, "TOTAL", "2020"), ShareBy::kPartner);
  EXPECT_DOUBLE_EQ(shares.total.value, 100.0);
  EXPECT_DOUBLE_EQ(shares.coverage, 1.0);
  EXPECT_EQ(shares.total.method, std::vector<std::string>{"partner WLD: sum over 3 partners"});
}

TEST(SharesTest, ByProductAndMatrix) {
  // CHN exports: to USA 610910 = 30, 847130 = 50; to KAZ 610910 = 20. Total = 100.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "610910", "2020", 30},
                                       {"CHN", "USA", kX, "847130", "2020", 50},
                                       {"CHN", "KAZ", kX, "610910", "2020", 20}});
  const Selection selection = Select("CHN", "WLD", kX, "TOTAL", "2020");
  const ShareResult products = ComputeShares(table, Ref(), selection, ShareBy::kProduct);
  ASSERT_EQ(products.items.size(), 2u);
  EXPECT_EQ(products.items[0].product, "610910");  // 30 + 20 = 50 (ties broken by code)
  EXPECT_DOUBLE_EQ(products.items[0].share, 0.5);
  EXPECT_EQ(products.items[1].product, "847130");  // 50
  EXPECT_DOUBLE_EQ(products.items[1].share, 0.5);
  // Product HHI = 0.5^2 + 0.5^2 = 0.5; normalised (0.5 - 1/2) / (1 - 1/2) = 0.
  EXPECT_NEAR(ComputeConcentration(products).hhi, 0.5, 1e-12);
  EXPECT_NEAR(*ComputeConcentration(products).normalized, 0.0, 1e-12);

  const ShareResult matrix = ComputeShares(table, Ref(), selection, ShareBy::kPartnerProduct);
  ASSERT_EQ(matrix.items.size(), 3u);
  EXPECT_EQ(matrix.items[0].partner, "USA");
  EXPECT_EQ(matrix.items[0].product, "847130");
  EXPECT_DOUBLE_EQ(matrix.items[0].share, 0.5);  // 50 / 100
  EXPECT_EQ(matrix.items[2].partner, "KAZ");
  EXPECT_DOUBLE_EQ(matrix.items[2].share, 0.2);  // 20 / 100
}

TEST(SharesTest, ProductItemsAreTheMostDetailedCodes) {
  // 61 = 100 with 6109 = 60 below it, and 62 = 40: items are 6109 and 62 (not 61 as well).
  const TradeTable table = BuildTable({{"CHN", "WLD", kX, "TOTAL", "2020", 200},
                                       {"CHN", "WLD", kX, "61", "2020", 100},
                                       {"CHN", "WLD", kX, "6109", "2020", 60},
                                       {"CHN", "WLD", kX, "62", "2020", 40}});
  const ShareResult products =
      ComputeShares(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"), ShareBy::kProduct);
  ASSERT_EQ(products.items.size(), 2u);
  EXPECT_EQ(products.items[0].product, "6109");
  EXPECT_EQ(products.items[1].product, "62");
  // rest = 200 - (60 + 40) = 100
  ASSERT_TRUE(products.rest.has_value());
  EXPECT_DOUBLE_EQ(products.rest->value, 100.0);
}

TEST(SharesTest, PartnerItemsOfAGroupAreItsMembers) {
  // Shares within EU27: DEU 30 / (30 + 10) = 0.75, FRA 0.25; USA is not a member.
  const TradeTable table = BuildTable({{"CHN", "DEU", kX, "TOTAL", "2020", 30},
                                       {"CHN", "FRA", kX, "TOTAL", "2020", 10},
                                       {"CHN", "USA", kX, "TOTAL", "2020", 60}});
  const ShareResult shares = ComputeShares(table, Ref(), Select("CHN", "EU27", kX, "TOTAL", "2020"), ShareBy::kPartner);
  ASSERT_EQ(shares.items.size(), 2u);
  EXPECT_EQ(shares.items[0].partner, "DEU");
  EXPECT_DOUBLE_EQ(shares.items[0].share, 0.75);
}

TEST(SharesTest, DependenceOnTheLargestOrANamedPartner) {
  const ShareResult shares =
      ComputeShares(ThreePartners(100), Ref(), Select("CN-XJ", "WLD", kT, "TOTAL", "2020"), ShareBy::kPartner);
  const Dependence largest = ComputeDependence(shares);
  EXPECT_EQ(largest.partner, "KAZ");
  EXPECT_DOUBLE_EQ(largest.share, 0.5);  // 50 / 100
  const Dependence usa = ComputeDependence(shares, "USA");
  EXPECT_DOUBLE_EQ(usa.share, 0.2);  // 20 / 100
  EXPECT_DOUBLE_EQ(usa.total, 100.0);
  try {
    ComputeDependence(shares, "DEU");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "no data for CN-XJ trade with WLD, TOTAL, 2020 with partner DEU");
  }
}

TEST(SharesTest, DependenceOnAGroup) {
  // EU27 = DEU 30 + FRA 10 = 40 of a world of 30 + 10 + 60 = 100: 40%.
  const TradeTable table = BuildTable({{"CHN", "DEU", kX, "TOTAL", "2020", 30},
                                       {"CHN", "FRA", kX, "TOTAL", "2020", 10},
                                       {"CHN", "USA", kX, "TOTAL", "2020", 60}});
  const Dependence eu = ComputeDependence(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"), "EU27");
  EXPECT_EQ(eu.partner, "EU27");
  EXPECT_DOUBLE_EQ(eu.share, 0.4);
}

TEST(SharesTest, MixedCurrenciesBetweenTotalAndItems) {
  // The seed case's shape: the total in USD, partners in CNY.
  const TradeTable table = BuildTable(
      {{"CN-XJ", "WLD", kT, "TOTAL", "2020", 21.387e9, "USD"}, {"CN-XJ", "KAZ", kT, "TOTAL", "2020", 75.826e9, "CNY"}});
  const Selection selection = Select("CN-XJ", "WLD", kT, "TOTAL", "2020");
  try {
    ComputeShares(table, Ref(), selection, ShareBy::kPartner);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "rows are in CNY and USD: choose a currency with --currency");
  }
  // In USD at 6.9042 CNY/USD: 75.826 / 6.9042 = 10.98259 billion USD; / 21.387 = 0.513517.
  const ShareResult shares = ComputeShares(table, Ref(), selection, ShareBy::kPartner, {.currency = "USD"});
  EXPECT_NEAR(shares.items[0].share, 75.826 / 6.9042 / 21.387, 1e-12);
  EXPECT_NEAR(shares.items[0].share, 0.513517, 1e-6);
  ASSERT_EQ(shares.rates.size(), 1u);
  EXPECT_DOUBLE_EQ(shares.rates[0].per_usd, 6.9042);
}

// One partner: (h - 1/1) / (1 - 1/1) is 0/0, so the normalised index is not known (it was shown as 1.0000).
// Items covering only part of the total: 0.1^2 + 0.1^2 = 0.02 over two items would normalise to
// (0.02 - 0.5) / 0.5 = -0.96, outside [0, 1]: not known either.
TEST(ConcentrationTest, NormalisedIndexIsNotKnownForOneItemOrAPartialList) {
  ShareResult one;
  one.items = {ShareItem{}};
  one.items[0].share = 1.0;
  one.coverage = 1.0;
  EXPECT_NEAR(ComputeConcentration(one).hhi, 1.0, 1e-12);
  EXPECT_FALSE(ComputeConcentration(one).normalized.has_value());
  ShareResult partial;
  partial.items = {ShareItem{}, ShareItem{}};
  partial.items[0].share = 0.1;
  partial.items[1].share = 0.1;
  partial.coverage = 0.2;
  partial.rest = ShareItem{};
  partial.rest->share = 0.8;
  const Concentration hhi = ComputeConcentration(partial);
  EXPECT_NEAR(hhi.hhi, 0.02, 1e-12);
  EXPECT_TRUE(hhi.lower_bound);
  EXPECT_FALSE(hhi.normalized.has_value());
}

}  // namespace
}  // namespace tradeshock::testing
