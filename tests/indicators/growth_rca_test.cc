// Growth (year on year, year to date) and Balassa's RCA on hand-computed tables.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/table_builder.h"
#include "tradeshock/error.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

const Reference& Ref() { return RepoReference(); }

TEST(GrowthTest, YearOnYear) {
  // 2019: 200, 2020: 150 -> (150 - 200) / 200 = -0.25
  const TradeTable table =
      BuildTable({{"CHN", "USA", kX, "TOTAL", "2019", 200}, {"CHN", "USA", kX, "TOTAL", "2020", 150}});
  const Growth growth = ComputeGrowth(table, Ref(), Select("CHN", "USA", kX, "TOTAL", "2020"));
  EXPECT_EQ(growth.base.selection.period, Period::Year(2019));
  EXPECT_DOUBLE_EQ(growth.change, -50.0);
  EXPECT_DOUBLE_EQ(growth.growth, -0.25);
}

TEST(GrowthTest, YearToDateFromMonthlyRows) {
  // 2020-01..05: 10 + 20 + 30 + 40 + 50 = 150; 2021-01..05: 12 + 22 + 33 + 44 + 54 = 165.
  // growth = (165 - 150) / 150 = 0.10. June rows (1000) are outside both ranges.
  const std::vector<double> v2020{10, 20, 30, 40, 50, 1000};
  const std::vector<double> v2021{12, 22, 33, 44, 54, 1000};
  std::vector<TestRow> rows;
  for (int month = 1; month <= 6; ++month) {
    rows.push_back({"CN-XJ", "USA", kX, "TOTAL", fmt::format("2020-{:02}", month), v2020[month - 1]});
    rows.push_back({"CN-XJ", "USA", kX, "TOTAL", fmt::format("2021-{:02}", month), v2021[month - 1]});
  }
  const Growth growth = ComputeGrowth(BuildTable(rows), Ref(), Select("CN-XJ", "USA", kX, "TOTAL", "2021-01..2021-05"));
  EXPECT_EQ(growth.base.selection.period.ToString(), "2020-01..2020-05");
  EXPECT_DOUBLE_EQ(growth.base.value, 150.0);
  EXPECT_DOUBLE_EQ(growth.current.value, 165.0);
  EXPECT_NEAR(growth.growth, 0.10, 1e-12);
}

TEST(GrowthTest, ExplicitBaseAndMissingBase) {
  const TradeTable table =
      BuildTable({{"CHN", "USA", kX, "TOTAL", "2018", 100}, {"CHN", "USA", kX, "TOTAL", "2020", 150}});
  // 2018 -> 2020: (150 - 100) / 100 = 0.5
  EXPECT_DOUBLE_EQ(ComputeGrowth(table, Ref(), Select("CHN", "USA", kX, "TOTAL", "2020"), Period::Year(2018)).growth,
                   0.5);
  try {
    ComputeGrowth(table, Ref(), Select("CHN", "USA", kX, "TOTAL", "2020"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(),
                 "no data for CHN exports to USA, TOTAL, 2019; the data hold CHN exports to USA for 2018, 2020");
  }
}

TEST(GrowthTest, BothPeriodsMustShareACurrency) {
  const TradeTable table =
      BuildTable({{"CHN", "USA", kX, "TOTAL", "2019", 100, "CNY"}, {"CHN", "USA", kX, "TOTAL", "2020", 150, "USD"}});
  try {
    ComputeGrowth(table, Ref(), Select("CHN", "USA", kX, "TOTAL", "2020"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "rows are in CNY and USD: choose a currency with --currency");
  }
}

// Two reporters, two products, exports to the world:
//            61    84   total
//   CHN      30    70    100
//   USA      10    90    100
//   world    40   160    200
TradeTable TwoByTwo() {
  return BuildTable({{"CHN", "WLD", kX, "61", "2020", 30},
                     {"CHN", "WLD", kX, "84", "2020", 70},
                     {"USA", "WLD", kX, "61", "2020", 10},
                     {"USA", "WLD", kX, "84", "2020", 90}});
}

TEST(RcaTest, TwoByTwoWithWorldFromReporters) {
  // RCA(CHN, 61) = (30 / 100) / (40 / 200) = 0.3 / 0.2 = 1.5
  const Rca chn61 = ComputeRca(TwoByTwo(), Ref(), Select("CHN", "WLD", kX, "61", "2020"));
  EXPECT_NEAR(chn61.rca, 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(chn61.reporter_total.value, 100.0);
  EXPECT_DOUBLE_EQ(chn61.world_product.value, 40.0);
  EXPECT_DOUBLE_EQ(chn61.world_total.value, 200.0);
  EXPECT_EQ(chn61.world_from, "sum over 2 reporters in the table");
  // RCA(CHN, 84) = (70 / 100) / (160 / 200) = 0.7 / 0.8 = 0.875
  EXPECT_NEAR(ComputeRca(TwoByTwo(), Ref(), Select("CHN", "WLD", kX, "84", "2020")).rca, 0.875, 1e-12);
  // RCA(USA, 61) = (10 / 100) / 0.2 = 0.5
  EXPECT_NEAR(ComputeRca(TwoByTwo(), Ref(), Select("USA", "WLD", kX, "61", "2020")).rca, 0.5, 1e-12);
}

TEST(RcaTest, WorldRowsWinWhenPresent) {
  // With reporter WLD rows (61 = 100, TOTAL = 1000): RCA(CHN, 61) = (30 / 100) / (100 / 1000) = 3.0
  const TradeTable table = BuildTable({{"CHN", "WLD", kX, "61", "2020", 30},
                                       {"CHN", "WLD", kX, "84", "2020", 70},
                                       {"WLD", "WLD", kX, "61", "2020", 100},
                                       {"WLD", "WLD", kX, "TOTAL", "2020", 1000}});
  const Rca rca = ComputeRca(table, Ref(), Select("CHN", "WLD", kX, "61", "2020"));
  EXPECT_NEAR(rca.rca, 3.0, 1e-12);
  EXPECT_EQ(rca.world_from, "reporter WLD rows");
}

TEST(RcaTest, OneReporterAloneIsNotAWorld) {
  const TradeTable table = BuildTable({{"CHN", "WLD", kX, "61", "2020", 30}, {"CHN", "WLD", kX, "84", "2020", 70}});
  try {
    ComputeRca(table, Ref(), Select("CHN", "WLD", kX, "61", "2020"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("needs world exports: the table has no reporter WLD rows and only 1 reporter"));
  }
}

TEST(RcaTest, AllProductsAtOnce) {
  // Same 2x2 table: CHN 84 = 70 (share 0.7, RCA 0.7 / 0.8 = 0.875), 61 = 30 (RCA 0.3 / 0.2 = 1.5).
  const RcaByProduct rca = ComputeRcaByProduct(TwoByTwo(), Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"));
  ASSERT_EQ(rca.items.size(), 2u);
  EXPECT_EQ(rca.items[0].product, "84");
  EXPECT_NEAR(*rca.items[0].rca, 0.875, 1e-12);
  EXPECT_EQ(rca.items[1].product, "61");
  EXPECT_NEAR(*rca.items[1].rca, 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(rca.reporter_total, 100.0);
  EXPECT_DOUBLE_EQ(rca.world_total, 200.0);
  EXPECT_EQ(rca.world_from, "sum over 2 reporters in the table");
}

TEST(RcaTest, OnlyForExports) {
  EXPECT_THROW(ComputeRca(TwoByTwo(), Ref(), Select("CHN", "WLD", kM, "61", "2020")), Error);
}

}  // namespace
}  // namespace tradeshock::testing
