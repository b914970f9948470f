// ComputeValue: exact rows first, then the aggregation rules of docs/METHODS.md. Every expected number is
// added up by hand in the comment beside it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/table_builder.h"
#include "tradeshock/error.h"

namespace tradeshock::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Reference& Ref() { return RepoReference(); }

std::string ErrorOf(const TradeTable& table, const Selection& selection, const IndicatorOptions& options = {}) {
  try {
    ComputeValue(table, Ref(), selection, options);
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(ValueTest, ExactRowWinsOverAggregation) {
  // The WLD row (120) is used as it is, not the sum of partners (50 + 30 = 80).
  const TradeTable table = BuildTable({{"CHN", "WLD", kX, "TOTAL", "2020", 120},
                                       {"CHN", "USA", kX, "TOTAL", "2020", 50},
                                       {"CHN", "KAZ", kX, "TOTAL", "2020", 30}});
  const ValueResult value = ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"));
  EXPECT_DOUBLE_EQ(value.value, 120.0);
  EXPECT_THAT(value.rows, ElementsAre(0u));
  EXPECT_TRUE(value.method.empty());
  EXPECT_EQ(value.currency, "USD");
}

TEST(ValueTest, WorldIsTheSumOfSingleEconomiesNotGroups) {
  // WLD = USA 50 + DEU 30 + FRA 20 = 100; the EU27 row (50) is a group and is not added again.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2020", 50},
                                       {"CHN", "DEU", kX, "TOTAL", "2020", 30},
                                       {"CHN", "FRA", kX, "TOTAL", "2020", 20},
                                       {"CHN", "EU27", kX, "TOTAL", "2020", 50}});
  const ValueResult world = ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"));
  EXPECT_DOUBLE_EQ(world.value, 100.0);
  EXPECT_THAT(world.method, ElementsAre("partner WLD: sum over 3 partners"));
}

TEST(ValueTest, PartnerGroupIsTheSumOfItsMembersPresent) {
  // EU27 = DEU 30 + FRA 20 = 50 (USA 50 is not a member).
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2020", 50},
                                       {"CHN", "DEU", kX, "TOTAL", "2020", 30},
                                       {"CHN", "FRA", kX, "TOTAL", "2020", 20}});
  const ValueResult eu = ComputeValue(table, Ref(), Select("CHN", "EU27", kX, "TOTAL", "2020"));
  EXPECT_DOUBLE_EQ(eu.value, 50.0);
  ASSERT_EQ(eu.method.size(), 1u);
  EXPECT_THAT(eu.method[0], HasSubstr("partner EU27: sum over 2 of its 27 members"));
}

TEST(ValueTest, ReporterGroupIsTheSumOfItsMembers) {
  // EU27 exports to USA = DEU 7 + ITA 3 = 10.
  const TradeTable table = BuildTable({{"DEU", "USA", kX, "TOTAL", "2020", 7},
                                       {"ITA", "USA", kX, "TOTAL", "2020", 3},
                                       {"CHN", "USA", kX, "TOTAL", "2020", 100}});
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("EU27", "USA", kX, "TOTAL", "2020")).value, 10.0);
}

TEST(ValueTest, TotalUsesTheMostDetailedRowsOfEachBranch) {
  // Chapter 61 = 100 with headings 6109 = 60 and 6110 = 30 present; chapter 62 = 50 without detail.
  // TOTAL = 6109 + 6110 + 62 = 60 + 30 + 50 = 140: chapter 61 is not counted on top of its headings,
  // and chapter 62 is not lost for having no headings.
  const TradeTable table = BuildTable({{"CHN", "WLD", kX, "61", "2020", 100},
                                       {"CHN", "WLD", kX, "6109", "2020", 60},
                                       {"CHN", "WLD", kX, "6110", "2020", 30},
                                       {"CHN", "WLD", kX, "62", "2020", 50}});
  const ValueResult total = ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"));
  EXPECT_DOUBLE_EQ(total.value, 140.0);
  EXPECT_THAT(total.method, ElementsAre("product TOTAL: sum over 3 HS codes at 2 and 4 digits"));
  // The chapter's own row is exact: 61 = 100.
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "61", "2020")).value, 100.0);
}

TEST(ValueTest, HsPrefixAddsUpItsSubheadings) {
  // HS 6109 = 610910 (40) + 610990 (15) = 55; 611020 is under 6110 and is left out.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "610910", "2020", 40},
                                       {"CHN", "USA", kX, "610990", "2020", 15},
                                       {"CHN", "USA", kX, "611020", "2020", 8}});
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("CHN", "USA", kX, "6109", "2020")).value, 55.0);
  // HS 61 = 40 + 15 + 8 = 63.
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("CHN", "USA", kX, "61", "2020")).value, 63.0);
}

TEST(ValueTest, MostDetailedIsDecidedPerCell) {
  // To USA only chapter 61 (100); to KAZ chapter 61 (50) and heading 6109 (20). TOTAL to WLD:
  // USA cell 100 + KAZ cell 20 (its chapter row has detail) = 120.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "61", "2020", 100},
                                       {"CHN", "KAZ", kX, "61", "2020", 50},
                                       {"CHN", "KAZ", kX, "6109", "2020", 20}});
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020")).value, 120.0);
}

TEST(ValueTest, HsSectionAddsUpItsChapters) {
  // Section XI (textiles) holds chapters 50 to 63: 61 (40) + 62 (25) = 65; chapter 84 is section XVI.
  const TradeTable table = BuildTable({{"CHN", "WLD", kX, "61", "2020", 40},
                                       {"CHN", "WLD", kX, "62", "2020", 25},
                                       {"CHN", "WLD", kX, "84", "2020", 90}});
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "XI", "2020")).value, 65.0);
}

TEST(ValueTest, ProductGroupAddsUpItsHsCodes) {
  // CN-CLOTHING is HS 61 + 62 (data/reference/product_groups.csv): 610910 (40) + 620342 (25) = 65;
  // 847130 (computers) is not clothing.
  const TradeTable table = BuildTable({{"CHN", "WLD", kX, "610910", "2020", 40},
                                       {"CHN", "WLD", kX, "620342", "2020", 25},
                                       {"CHN", "WLD", kX, "847130", "2020", 90}});
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "CN-CLOTHING", "2020")).value, 65.0);
}

TEST(ValueTest, TradeIsExportsPlusImportsWhenNoTradeRow) {
  // trade = 70 + 30 = 100.
  const TradeTable table =
      BuildTable({{"CHN", "USA", kX, "TOTAL", "2020", 70}, {"CHN", "USA", kM, "TOTAL", "2020", 30}});
  const ValueResult trade = ComputeValue(table, Ref(), Select("CHN", "USA", kT, "TOTAL", "2020"));
  EXPECT_DOUBLE_EQ(trade.value, 100.0);
  EXPECT_THAT(trade.method, ElementsAre("trade: exports + imports"));
}

TEST(ValueTest, TradeFromExportsAloneIsRefused) {
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2020", 70}});
  EXPECT_EQ(ErrorOf(table, Select("CHN", "USA", kT, "TOTAL", "2020")),
            "no data for CHN trade with USA, TOTAL, 2020: trade is exports + imports, but there are only exports rows");
}

TEST(ValueTest, YearFromTwelveMonths) {
  // 2020 = 1 + 2 + ... + 12 = 78.
  std::vector<TestRow> rows;
  for (int month = 1; month <= 12; ++month) {
    rows.push_back({"CHN", "USA", kX, "TOTAL", fmt::format("2020-{:02}", month), static_cast<double>(month)});
  }
  const ValueResult year = ComputeValue(BuildTable(rows), Ref(), Select("CHN", "USA", kX, "TOTAL", "2020"));
  EXPECT_DOUBLE_EQ(year.value, 78.0);
  EXPECT_THAT(year.method, ElementsAre("2020: sum of its 12 months"));
}

TEST(ValueTest, YearWithMissingMonthsNamesThem) {
  std::vector<TestRow> rows;
  for (int month = 1; month <= 12; ++month) {
    if (month == 6 || month == 7) continue;
    rows.push_back({"CHN", "USA", kX, "TOTAL", fmt::format("2020-{:02}", month), 1.0});
  }
  EXPECT_EQ(ErrorOf(BuildTable(rows), Select("CHN", "USA", kX, "TOTAL", "2020")),
            "no data for CHN exports to USA, TOTAL, 2020: 2020 has no row of its own and months 2020-06, 2020-07 are "
            "missing");
}

TEST(ValueTest, RangeFromItsMonths) {
  // 2021-01..2021-03 = 5 + 6 + 7 = 18; April (100) is outside the range.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2021-01", 5},
                                       {"CHN", "USA", kX, "TOTAL", "2021-02", 6},
                                       {"CHN", "USA", kX, "TOTAL", "2021-03", 7},
                                       {"CHN", "USA", kX, "TOTAL", "2021-04", 100}});
  EXPECT_DOUBLE_EQ(ComputeValue(table, Ref(), Select("CHN", "USA", kX, "TOTAL", "2021-01..2021-03")).value, 18.0);
}

TEST(ValueTest, NoDataNamesTheSelection) {
  const TradeTable table = BuildTable({{"CN-XJ", "USA", kX, "TOTAL", "2020", 1}});
  EXPECT_EQ(ErrorOf(table, Select("CN-XJ", "USA", kX, "TOTAL", "2019")),
            "no data for CN-XJ exports to USA, TOTAL, 2019; the data hold CN-XJ exports to USA for 2020");
}

TEST(ValueTest, UnknownProductIsAnError) {
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2020", 1}});
  EXPECT_THAT(ErrorOf(table, Select("CHN", "USA", kX, "NOPE", "2020")), HasSubstr("unknown product 'NOPE'"));
}

TEST(ValueTest, MixedCurrenciesNeedAChoice) {
  // Partners in CNY and USD cannot be added without a rate.
  const TradeTable table = BuildTable(
      {{"CN-XJ", "KAZ", kT, "TOTAL", "2020", 75.826e9, "CNY"}, {"CN-XJ", "USA", kT, "TOTAL", "2020", 1e9, "USD"}});
  EXPECT_EQ(ErrorOf(table, Select("CN-XJ", "WLD", kT, "TOTAL", "2020")),
            "rows are in CNY and USD: choose a currency with --currency");
}

TEST(ValueTest, ConvertsEachRowAtItsPeriodsRateAndRecordsIt) {
  // Federal Reserve H.10, 2020 annual average: 6.9042 CNY per USD (data/reference/fx).
  // 69.042 CNY / 6.9042 = 10 USD; plus 5 USD = 15 USD.
  const TradeTable table = BuildTable(
      {{"CN-XJ", "KAZ", kT, "TOTAL", "2020", 69.042, "CNY"}, {"CN-XJ", "USA", kT, "TOTAL", "2020", 5.0, "USD"}});
  const ValueResult usd =
      ComputeValue(table, Ref(), Select("CN-XJ", "WLD", kT, "TOTAL", "2020"), IndicatorOptions{.currency = "USD"});
  EXPECT_NEAR(usd.value, 15.0, 1e-12);
  EXPECT_EQ(usd.currency, "USD");
  ASSERT_EQ(usd.rates.size(), 1u);
  EXPECT_EQ(usd.rates[0].currency, "CNY");
  EXPECT_EQ(usd.rates[0].period, Period::Year(2020));
  EXPECT_DOUBLE_EQ(usd.rates[0].per_usd, 6.9042);
  // Into CNY instead: 69.042 + 5 * 6.9042 = 69.042 + 34.521 = 103.563 CNY.
  const ValueResult cny =
      ComputeValue(table, Ref(), Select("CN-XJ", "WLD", kT, "TOTAL", "2020"), IndicatorOptions{.currency = "CNY"});
  EXPECT_NEAR(cny.value, 103.563, 1e-9);
}

TEST(ValueTest, UnknownCurrencyIsAnError) {
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2020", 1}});
  EXPECT_EQ(ErrorOf(table, Select("CHN", "USA", kX, "TOTAL", "2020"), IndicatorOptions{.currency = "XYZ"}),
            "unknown currency 'XYZ': expected an ISO 4217 code (USD, CNY, EUR, ...)");
}

// The one merge of rate lists (indicators, scenario, case, claims, models): each rate once, in the order first used.
TEST(MergeRatesTest, KeepsEachRateOnceInFirstUseOrder) {
  const RateUsed cny{"CNY", Period::Year(2020), 6.9042, "H.10"};
  const RateUsed eur{"EUR", Period::Year(2020), 0.8755, "H.10"};
  RateUsed cny_2019 = cny;
  cny_2019.period = Period::Year(2019);
  std::vector<RateUsed> rates = {cny};
  MergeRates(rates, {eur, cny, cny_2019, eur});
  EXPECT_THAT(rates, ElementsAre(cny, eur, cny_2019));
  MergeRates(rates, {});
  EXPECT_EQ(rates.size(), 3u);
}

}  // namespace
}  // namespace tradeshock::testing
