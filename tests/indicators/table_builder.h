// Small hand-written tables for the indicator tests, built with TradeTableBuilder (no reader involved).
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "reference/reference_fixture.h"
#include "tradeshock/indicators.h"
#include "tradeshock/trade_table.h"

namespace tradeshock::testing {

struct TestRow {
  std::string reporter;
  std::string partner;
  Flow flow;
  std::string product;
  std::string period;
  double value;
  std::string currency = "USD";
};

inline TradeTable BuildTable(const std::vector<TestRow>& rows) {
  TradeTableBuilder builder;
  builder.AddFile("test");
  std::uint32_t line = 1;
  for (const TestRow& row : rows) {
    TradeTableBuilder::Row built;
    built.reporter = row.reporter;
    built.partner = row.partner;
    built.flow = row.flow;
    built.product = row.product;
    built.period = *Period::Parse(row.period);
    built.value = row.value;
    built.currency = row.currency;
    builder.Add(built, ++line);
  }
  return builder.Build();
}

inline Selection Select(std::string reporter, std::string partner, Flow flow, std::string product, std::string period) {
  return Selection{.reporter = std::move(reporter),
                   .partner = std::move(partner),
                   .flow = flow,
                   .product = std::move(product),
                   .period = *Period::Parse(period)};
}

constexpr Flow kX = Flow::kExports;
constexpr Flow kM = Flow::kImports;
constexpr Flow kT = Flow::kTrade;

}  // namespace tradeshock::testing
