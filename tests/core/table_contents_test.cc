// ListContents: the distinct codes a table's rows use, sorted (tradeshock inspect, TradeTable.inspect()).
#include <gtest/gtest.h>

#include "tradeshock/trade_table.h"

namespace tradeshock {
namespace {

TEST(TableContentsTest, ListsTheDistinctCodesOfEachColumnSorted) {
  TradeTableBuilder builder;
  builder.AddFile("flows.csv");
  const auto add = [&](std::string_view reporter, std::string_view partner, Flow flow, std::string_view product,
                       Period period, std::string_view currency, std::uint32_t line) {
    TradeTableBuilder::Row row;
    row.reporter = reporter;
    row.partner = partner;
    row.flow = flow;
    row.product = product;
    row.period = period;
    row.value = 1.0;
    row.currency = currency;
    builder.Add(row, line);
  };
  add("KAZ", "USA", Flow::kImports, "61", Period::Year(2021), "USD", 2);
  add("CN-XJ", "KAZ", Flow::kExports, "TOTAL", Period::Month(2020, 3), "CNY", 3);
  add("CN-XJ", "USA", Flow::kExports, "61", Period::Year(2020), "CNY", 4);
  builder.InternEconomy("RUS");  // in the dictionary, in no row: not listed
  const TableContents contents = ListContents(builder.Build());
  EXPECT_EQ(contents.reporters, (std::vector<std::string>{"CN-XJ", "KAZ"}));
  EXPECT_EQ(contents.partners, (std::vector<std::string>{"KAZ", "USA"}));
  EXPECT_EQ(contents.products, (std::vector<std::string>{"61", "TOTAL"}));
  EXPECT_EQ(contents.currencies, (std::vector<std::string>{"CNY", "USD"}));
  EXPECT_EQ(contents.flows, (std::vector<std::string>{"exports", "imports"}));
  ASSERT_EQ(contents.periods.size(), 3u);
  // In Period's order: by kind (years before months), then by first month.
  EXPECT_EQ(contents.periods[0].ToString(), "2020");
  EXPECT_EQ(contents.periods[1].ToString(), "2021");
  EXPECT_EQ(contents.periods[2].ToString(), "2020-03");
}

TEST(TableContentsTest, AnEmptyTableHoldsNothing) {
  const TableContents contents = ListContents(TradeTable());
  EXPECT_TRUE(contents.reporters.empty());
  EXPECT_TRUE(contents.periods.empty());
  EXPECT_TRUE(contents.flows.empty());
}

}  // namespace
}  // namespace tradeshock
