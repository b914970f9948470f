#include "tradeshock/trade_table.h"

#include <gtest/gtest.h>

#include "tradeshock/error.h"

namespace tradeshock {
namespace {

TradeTableBuilder::Row MakeRow(std::string_view partner, std::string_view product, double value) {
  TradeTableBuilder::Row row;
  row.reporter = "CN-XJ";
  row.partner = partner;
  row.flow = Flow::kExports;
  row.product = product;
  row.period = Period::Year(2020);
  row.value = value;
  row.currency = "CNY";
  return row;
}

TEST(TradeTableTest, InternsCodesAndKeepsColumns) {
  TradeTableBuilder builder;
  builder.AddFile("flows.csv");
  builder.Add(MakeRow("KAZ", "TOTAL", 10.0), 2);
  builder.Add(MakeRow("USA", "TOTAL", 4.0), 3);
  builder.Add(MakeRow("KAZ", "61", 1.0), 4);
  const TradeTable table = builder.Build();
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.economies().size(), 3u);  // CN-XJ, KAZ, USA
  EXPECT_EQ(table.products().size(), 2u);   // TOTAL, 61
  EXPECT_EQ(table.economies()[table.partner()[1]], "USA");
  EXPECT_EQ(table.products()[table.product()[2]], "61");
  EXPECT_EQ(table.value()[1], 4.0);
  // 2 + 2 (economies) + 4 (product) + 2 (period) + 1 (flow) + 1 (currency) + 8 (value) = 20 bytes a row.
  EXPECT_EQ(table.ColumnBytes(), 3u * 20u);
}

TEST(TradeTableTest, DuplicateKeyNamesBothLines) {
  TradeTableBuilder builder;
  builder.AddFile("flows.csv");
  builder.Add(MakeRow("KAZ", "TOTAL", 10.0), 2);
  builder.Add(MakeRow("USA", "TOTAL", 4.0), 3);
  builder.Add(MakeRow("KAZ", "TOTAL", 5.0), 7);
  try {
    builder.Build();
    FAIL() << "expected a duplicate-key error";
  } catch (const InputException& error) {
    EXPECT_EQ(error.error().kind, InputErrorKind::kDuplicateKey);
    EXPECT_EQ(error.error().line, 7u);
    EXPECT_STREQ(error.what(),
                 "flows.csv:7: duplicate key: got 'CN-XJ,KAZ,exports,TOTAL,2020', expected a key not seen before "
                 "(first at flows.csv:2; use --sum-duplicates to add them)");
  }
}

TEST(TradeTableTest, SumDuplicatesAddsValues) {
  TradeTableBuilder builder;
  builder.AddFile("flows.csv");
  builder.Add(MakeRow("KAZ", "TOTAL", 10.0), 2);
  builder.Add(MakeRow("USA", "TOTAL", 4.0), 3);
  builder.Add(MakeRow("KAZ", "TOTAL", 5.0), 4);
  const TradeTable table = builder.Build(DuplicatePolicy::kSum);
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table.value()[0], 15.0);  // 10 + 5
  EXPECT_EQ(table.value()[1], 4.0);
}

TEST(TradeTableTest, DifferentFlowsPeriodsAndProductsAreDifferentKeys) {
  TradeTableBuilder builder;
  builder.AddFile("flows.csv");
  auto row = MakeRow("KAZ", "TOTAL", 1.0);
  builder.Add(row, 2);
  row.flow = Flow::kImports;
  builder.Add(row, 3);
  row.period = Period::Month(2020, 1);
  builder.Add(row, 4);
  row.product = "61";
  builder.Add(row, 5);
  EXPECT_EQ(builder.Build().size(), 4u);
}

TradeTableBuilder::Row RowOf(std::string_view reporter, std::string_view partner) {
  TradeTableBuilder::Row row = MakeRow(partner, "TOTAL", 1.0);
  row.reporter = reporter;
  return row;
}

TEST(TradeTableTest, ReporterRunsListEachReportersRowsInOrder) {
  // Reporters by row: USA USA KAZ USA -> USA (id 0) in rows [0,2) and [3,4), KAZ (id 1) in [2,3). The
  // partner CHN (id 2) reports nothing.
  TradeTableBuilder builder;
  builder.AddFile("flows.csv");
  builder.Add(RowOf("USA", "CHN"), 2);
  builder.Add(RowOf("USA", "KAZ"), 3);
  builder.Add(RowOf("KAZ", "CHN"), 4);
  builder.Add(RowOf("USA", "DEU"), 5);
  const TradeTable table = builder.Build();
  const auto usa = table.ReporterRuns(table.economies().Find("USA"));
  ASSERT_TRUE(usa.has_value());
  ASSERT_EQ(usa->size(), 2u);
  EXPECT_EQ((*usa)[0].begin, 0u);
  EXPECT_EQ((*usa)[0].end, 2u);
  EXPECT_EQ((*usa)[1].begin, 3u);
  EXPECT_EQ((*usa)[1].end, 4u);
  const auto kaz = table.ReporterRuns(table.economies().Find("KAZ"));
  ASSERT_TRUE(kaz.has_value());
  ASSERT_EQ(kaz->size(), 1u);
  EXPECT_EQ((*kaz)[0].begin, 2u);
  EXPECT_EQ((*kaz)[0].end, 3u);
  EXPECT_TRUE(table.ReporterRuns(table.economies().Find("CHN"))->empty());
}

TEST(TradeTableTest, ScatteredReportersAreNotIndexed) {
  // Two reporters alternating over 100 rows make 100 runs, more than the 8 * 3 economies + 64 = 88 the
  // index allows: callers then scan every row.
  TradeTableBuilder builder;
  builder.AddFile("flows.csv");
  for (int row = 0; row < 100; ++row) {
    TradeTableBuilder::Row r = RowOf(row % 2 == 0 ? "USA" : "KAZ", "CHN");
    r.period = Period::Year(1900 + row);
    builder.Add(r, static_cast<std::uint32_t>(row + 2));
  }
  const TradeTable table = builder.Build();
  EXPECT_FALSE(table.ReporterRuns(table.economies().Find("USA")).has_value());
}

}  // namespace
}  // namespace tradeshock
