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

}  // namespace
}  // namespace tradeshock
