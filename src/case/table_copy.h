// A builder holding a table's dictionaries in the same order, so that rows copied column by column keep their
// ids: the one start of WithMirrorImports and WithImpliedRows (a table extended with derived rows).
#pragma once

#include "tradeshock/trade_table.h"

namespace tradeshock::case_internal {

inline TradeTableBuilder BuilderLike(const TradeTable& table) {
  TradeTableBuilder builder;
  for (const std::string& code : table.economies().texts()) builder.InternEconomy(code);
  for (const std::string& code : table.products().texts()) builder.InternProduct(code);
  for (const Period& period : table.periods()) builder.InternPeriod(period);
  for (const std::string& code : table.currencies().texts()) builder.InternCurrency(code);
  for (const std::string& text : table.sources().texts()) builder.InternSource(text);
  if (table.has_quantity()) builder.EnableQuantity();
  if (table.has_source()) builder.EnableSource();
  for (const std::string& file : table.files()) builder.AddFile(file);
  return builder;
}

}  // namespace tradeshock::case_internal
