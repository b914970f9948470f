// The engine behind every indicator: finds the rows that make up a selection, following the
// aggregation rules of docs/METHODS.md, optionally keyed by partner and/or product, and converts
// values between currencies. Internal to the indicators module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "tradeshock/indicators.h"

namespace tradeshock::indicators_internal {

// Codes of a selection made canonical (USA for "us", CN-MECH-ELEC for "cn-mech-elec"); throws Error for an
// unknown economy or product.
Selection Canonicalize(const Reference& reference, const Selection& selection);

// Bits of the dimensions along which rows were added up instead of matched exactly.
inline constexpr unsigned kPeriodExpanded = 1;     // a year or range from its months
inline constexpr unsigned kFlowExpanded = 2;       // trade from exports + imports
inline constexpr unsigned kProductExpanded = 4;    // TOTAL, an HS prefix or a product group from HS rows
inline constexpr unsigned kPartnerExpanded = 8;    // WLD or a group from single partners
inline constexpr unsigned kReporterExpanded = 16;  // WLD or a group from single reporters

inline constexpr std::uint32_t kNotKeyed = 0xFFFFFFFFu;

struct AggregateEntry {
  std::uint32_t partner = kNotKeyed;  // economy id, when keyed by partner
  std::uint32_t product = kNotKeyed;  // product id, when keyed by product
  unsigned expanded = 0;              // ExpandedDimension bits of the rows chosen
  std::vector<std::size_t> rows;
};

struct AggregateResult {
  std::vector<AggregateEntry> entries;
  // Why ways of adding up were refused ("months 2020-06, 2020-07 are missing"), for error messages.
  std::vector<std::string> refusals;
};

// `selection` must be canonical. Without keys the result has at most one entry.
AggregateResult Aggregate(const TradeTable& table, const Reference& reference, const Selection& selection,
                          bool by_partner, bool by_product);

// The dimensions along which an entry's rows were added up, by name: "partner WLD", "product TOTAL", "trade",
// "2021-01..2021-05".
std::vector<std::string> MethodDimensions(const Selection& selection, unsigned expanded);

// One line per expanded dimension, in the order of MethodDimensions: "partner WLD: sum over 4 partners".
std::vector<std::string> DescribeMethod(const TradeTable& table, const Reference& reference, const Selection& selection,
                                        const AggregateEntry& entry);

// The error for a selection without data, with the refusals when there are any.
// "no data for <selection>[: refusals]; the data hold ..." (WhatTheDataHold).
[[noreturn]] void ThrowNoData(const TradeTable& table, const Selection& selection,
                              const std::vector<std::string>& refusals);
// What the table holds near a selection that has no data, so that a reader sees what to ask instead: the
// periods of the reporter's rows (with that partner and flow when it has them), or, when the table has no row
// of the reporter, the reporters it has (at most 8 named).
std::string WhatTheDataHold(const TradeTable& table, const Selection& selection);

// Throws Error for options no table could answer: IndicatorOptions::Validate, then options.currency not an
// ISO 4217 currency of the reference. Every ComputeX calls it first, so a wrong option is reported as such
// even when the selection has no data.
void CheckOptions(const Reference& reference, const IndicatorOptions& options);

// The currency results are expressed in: options.currency (checked by CheckOptions), else the one currency
// of all the rows given; rows in several currencies are an Error.
std::string OutputCurrency(const TradeTable& table, const Reference& reference, const IndicatorOptions& options,
                           const std::vector<std::span<const std::size_t>>& row_sets);

// Adds up rows in a target currency, converting each at its own period's rate, and remembers the rates.
class Converter {
 public:
  Converter(const TradeTable& table, const Reference& reference, std::string currency);
  // Adds the rates it applies to `rates` (without repeating one already there).
  double Sum(std::span<const std::size_t> rows, std::vector<RateUsed>* rates);
  const std::string& currency() const { return currency_; }

 private:
  struct Factor {
    double factor = 1.0;
    std::vector<RateUsed> rates;
  };
  const Factor& FactorFor(CurrencyIdx currency, PeriodIdx period);

  const TradeTable& table_;
  const Reference& reference_;
  std::string currency_;
  std::map<std::uint32_t, Factor> factors_;
};

}  // namespace tradeshock::indicators_internal
