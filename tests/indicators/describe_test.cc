// Describe: the indicators command's choice of analyses, called as a library. The table is small enough that
// every expected number is worked out by hand in the comment beside it.
#include "tradeshock/describe.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/table_builder.h"
#include "tradeshock/error.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

const Reference& Ref() { return RepoReference(); }

// CHN exports by partner and HS chapter, 2019 and 2020; DEU exports 2020 (the rest of the "world" for RCA).
//   2020  CHN: USA 61 = 60, USA 85 = 20, KAZ 61 = 10, KAZ 85 = 10     total 100
//   2019  CHN: USA 61 = 40, USA 85 = 20, KAZ 61 = 10, KAZ 85 = 10     total 80
//   2020  DEU: USA 61 = 10, USA 85 = 90                               total 100
TradeTable Table() {
  return BuildTable({{"CHN", "USA", kX, "61", "2020", 60},
                     {"CHN", "USA", kX, "85", "2020", 20},
                     {"CHN", "KAZ", kX, "61", "2020", 10},
                     {"CHN", "KAZ", kX, "85", "2020", 10},
                     {"CHN", "USA", kX, "61", "2019", 40},
                     {"CHN", "USA", kX, "85", "2019", 20},
                     {"CHN", "KAZ", kX, "61", "2019", 10},
                     {"CHN", "KAZ", kX, "85", "2019", 10},
                     {"DEU", "USA", kX, "61", "2020", 10},
                     {"DEU", "USA", kX, "85", "2020", 90}});
}

DescribeOptions Options(std::string product = kTotalProduct) {
  DescribeOptions options = DescribeOptions::Defaults();
  options.selection = Select("CHN", "WLD", kX, std::move(product), "2020");
  return options;
}

TEST(DescribeTest, SharesConcentrationDependenceAndGrowthByPartner) {
  const TradeTable table = Table();
  const DescribeResult result = Describe(table, Ref(), Options());
  // Total 2020 = 60 + 20 + 10 + 10 = 100; USA = 80 (0.8), KAZ = 20 (0.2).
  EXPECT_DOUBLE_EQ(result.shares.total.value, 100.0);
  ASSERT_EQ(result.shares.items.size(), 2u);
  EXPECT_EQ(result.shares.items[0].partner, "USA");
  EXPECT_DOUBLE_EQ(result.shares.items[0].share, 0.8);
  EXPECT_EQ(result.shares.items[1].partner, "KAZ");
  EXPECT_DOUBLE_EQ(result.shares.items[1].share, 0.2);
  // HHI of partners = 0.8^2 + 0.2^2 = 0.68, normalised (0.68 - 1/2) / (1 - 1/2) = 0.36.
  ASSERT_TRUE(result.partner_hhi.has_value());
  EXPECT_NEAR(result.partner_hhi->hhi, 0.68, 1e-12);
  EXPECT_NEAR(*result.partner_hhi->normalized, 0.36, 1e-12);
  // Products (computed besides): 61 = 60 + 10 = 70 (0.7), 85 = 20 + 10 = 30 (0.3); HHI 0.49 + 0.09 = 0.58,
  // normalised (0.58 - 0.5) / 0.5 = 0.16.
  ASSERT_TRUE(result.product_shares.has_value());
  ASSERT_EQ(result.product_shares->items.size(), 2u);
  EXPECT_EQ(result.product_shares->items[0].product, "61");
  ASSERT_TRUE(result.product_hhi.has_value());
  EXPECT_NEAR(result.product_hhi->hhi, 0.58, 1e-12);
  EXPECT_NEAR(*result.product_hhi->normalized, 0.16, 1e-12);
  // Dependence on the largest partner: USA, 80 / 100.
  ASSERT_TRUE(result.dependence) << result.dependence.reason();
  EXPECT_EQ(result.dependence->partner, "USA");
  EXPECT_DOUBLE_EQ(result.dependence->share, 0.8);
  // Growth 2019 -> 2020: (100 - 80) / 80 = 0.25; with USA: 2019 40 + 20 = 60, 2020 80: 20 / 60 = 1/3.
  EXPECT_EQ(result.compare_period, Period::Year(2019));
  ASSERT_TRUE(result.growth) << result.growth.reason();
  EXPECT_DOUBLE_EQ(result.growth->growth, 0.25);
  ASSERT_TRUE(result.partner_growth.has_value());
  ASSERT_TRUE(*result.partner_growth) << result.partner_growth->reason();
  EXPECT_NEAR((*result.partner_growth)->growth, 1.0 / 3.0, 1e-12);
  // TOTAL has no RCA, and items get an RCA only when itemised by product.
  EXPECT_FALSE(result.rca.has_value());
  EXPECT_TRUE(result.item_rca.empty());
}

TEST(DescribeTest, RcaOfEachProductItem) {
  DescribeOptions options = Options();
  options.by = ShareBy::kProduct;
  const TradeTable table = Table();
  const DescribeResult result = Describe(table, Ref(), options);
  // World = CHN + DEU (no WLD reporter rows): 61 = 70 + 10 = 80, 85 = 30 + 90 = 120, total 200.
  // RCA 61 = (70 / 100) / (80 / 200) = 0.7 / 0.4 = 1.75; RCA 85 = (30 / 100) / (120 / 200) = 0.3 / 0.6 = 0.5.
  ASSERT_EQ(result.shares.items.size(), 2u);
  ASSERT_EQ(result.item_rca.size(), 2u);
  ASSERT_TRUE(result.item_rca[0].has_value());
  EXPECT_NEAR(*result.item_rca[0], 1.75, 1e-12);
  ASSERT_TRUE(result.item_rca[1].has_value());
  EXPECT_NEAR(*result.item_rca[1], 0.5, 1e-12);
  EXPECT_EQ(result.rca_world_from, "sum over 2 reporters in the table");
}

TEST(DescribeTest, RcaItemsLimitsTheItemsValued) {
  DescribeOptions options = Options();
  options.by = ShareBy::kProduct;
  options.rca_items = 1;
  const TradeTable table = Table();
  const DescribeResult result = Describe(table, Ref(), options);
  ASSERT_EQ(result.item_rca.size(), 1u);  // only 61, the largest
  EXPECT_NEAR(*result.item_rca[0], 1.75, 1e-12);
}

TEST(DescribeTest, RcaOfTheSelectedProduct) {
  const TradeTable table = Table();
  const DescribeResult result = Describe(table, Ref(), Options("61"));
  // Same arithmetic as above for chapter 61: (70 / 100) / (80 / 200) = 1.75.
  ASSERT_TRUE(result.rca.has_value());
  ASSERT_TRUE(*result.rca) << result.rca->reason();
  EXPECT_NEAR((*result.rca)->rca, 1.75, 1e-12);
  // Shares of chapter 61 by partner: USA 60 / 70, KAZ 10 / 70.
  ASSERT_EQ(result.shares.items.size(), 2u);
  EXPECT_NEAR(result.shares.items[0].share, 60.0 / 70.0, 1e-12);
}

TEST(DescribeTest, MissingValuesCarryTheirReason) {
  DescribeOptions options = Options();
  options.compare = Period::Year(2018);  // no rows for 2018
  options.partner = "FRA";               // CHN has no exports to FRA
  const TradeTable table = Table();
  const DescribeResult result = Describe(table, Ref(), options);
  ASSERT_FALSE(result.growth);
  EXPECT_THAT(result.growth.reason(), HasSubstr("no data for CHN exports to WLD, TOTAL, 2018"));
  ASSERT_FALSE(result.dependence);
  EXPECT_THAT(result.dependence.reason(), HasSubstr("no data for CHN exports to FRA, TOTAL, 2020"));
  // The partner growth is asked for (FRA was named) and is missing too.
  ASSERT_TRUE(result.partner_growth.has_value());
  EXPECT_FALSE(*result.partner_growth);
  EXPECT_THAT(result.partner_growth->reason(), HasSubstr("FRA"));
  // The shares themselves are there: USA 0.8.
  ASSERT_EQ(result.shares.items.size(), 2u);
  EXPECT_DOUBLE_EQ(result.shares.items[0].share, 0.8);
}

TEST(DescribeTest, NoDataForTheSelectionThrows) {
  DescribeOptions options = Options();
  options.selection.reporter = "JPN";
  const TradeTable table = Table();
  try {
    Describe(table, Ref(), options);
    ADD_FAILURE() << "no error for a reporter without rows";
  } catch (const Error& error) {
    // The table's reporters are CHN and DEU.
    EXPECT_STREQ(
        error.what(),
        "no data for JPN exports to WLD, TOTAL, 2020; the data hold no rows of JPN; their reporters: CHN, DEU");
  }
}

TEST(DescribeTest, DescribeValidatesBeforeComputing) {
  // A base period equal to the selection's would be a growth of 0 by construction: refused, not computed.
  DescribeOptions options = Options();
  options.compare = Period::Year(2020);
  const TradeTable table = Table();
  try {
    Describe(table, Ref(), options);
    ADD_FAILURE() << "no error for compare == period";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "describe: DescribeOptions::compare must differ from selection.period (both 2020)");
  }
  // A named partner that is no economy is a wrong request, not a missing dependence.
  DescribeOptions partner = Options();
  partner.partner = "ATLANTIS";
  EXPECT_THROW(Describe(table, Ref(), partner), Error);
}

std::string ValidateMessage(const DescribeOptions& options) {
  try {
    options.Validate();
  } catch (const Error& error) {
    return error.what();
  }
  return "valid";
}

TEST(DescribeTest, ValidateNamesTheOption) {
  EXPECT_EQ(ValidateMessage(Options()), "valid");
  DescribeOptions no_reporter = Options();
  no_reporter.selection.reporter.clear();
  EXPECT_EQ(ValidateMessage(no_reporter), "describe: DescribeOptions::selection.reporter is required");
  DescribeOptions same = Options();
  same.compare = Period::Year(2020);
  EXPECT_EQ(ValidateMessage(same), "describe: DescribeOptions::compare must differ from selection.period (both 2020)");
  DescribeOptions tolerance = Options();
  tolerance.indicators.tolerance = -1;
  EXPECT_EQ(ValidateMessage(tolerance), "indicators: IndicatorOptions::tolerance must be a number >= 0, got -1");
}

}  // namespace
}  // namespace tradeshock::testing
