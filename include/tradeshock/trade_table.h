// TradeTable: columnar, dictionary-encoded, immutable once built.
//
// One row is one value of one flow: reporter, partner, flow, product, period, value, currency.
// Codes are stored once in dictionaries and rows hold small integer ids, so a BACI-like row takes
// 2 + 2 + 4 + 2 + 1 + 1 + 8 = 20 bytes (+ 4 for a quantity column when the source has one).
// Values are in units of their row's currency (the reader has applied "billion" etc.); converting
// between currencies is the analysis layer's job, with dated rates it reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tradeshock/flow.h"
#include "tradeshock/period.h"

namespace tradeshock {

using EconomyIdx = std::uint16_t;
using ProductIdx = std::uint32_t;
using PeriodIdx = std::uint16_t;
using CurrencyIdx = std::uint8_t;
using SourceIdx = std::uint32_t;

// Interns strings: id <-> text, ids dense from 0 in order of first appearance.
class Dictionary {
 public:
  std::uint32_t Intern(std::string_view text);
  // Returns size() when absent.
  std::uint32_t Find(std::string_view text) const;
  const std::string& operator[](std::uint32_t id) const { return texts_[id]; }
  std::size_t size() const { return texts_.size(); }
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::vector<std::string> texts_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
};

enum class DuplicatePolicy { kError, kSum };

class TradeTable {
 public:
  TradeTable() = default;
  std::size_t size() const { return value_.size(); }

  std::span<const EconomyIdx> reporter() const { return reporter_; }
  std::span<const EconomyIdx> partner() const { return partner_; }
  std::span<const Flow> flow() const { return flow_; }
  std::span<const ProductIdx> product() const { return product_; }
  std::span<const PeriodIdx> period() const { return period_; }
  std::span<const CurrencyIdx> currency() const { return currency_; }
  std::span<const double> value() const { return value_; }
  bool has_quantity() const { return !quantity_.empty(); }
  std::span<const float> quantity() const { return quantity_; }  // tonnes for BACI; empty if absent
  bool has_source() const { return !source_.empty(); }
  std::span<const SourceIdx> source() const { return source_; }  // empty if absent

  // Canonical economy codes (ISO 3166-1 alpha-3, ISO 3166-2, WLD for the world, group names).
  const Dictionary& economies() const { return economies_; }
  // Product codes: HS digits as text ("010121", "61"), TOTAL, or a named product group.
  const Dictionary& products() const { return products_; }
  const std::vector<Period>& periods() const { return periods_; }
  const Dictionary& currencies() const { return currencies_; }  // ISO 4217 codes
  const Dictionary& sources() const { return sources_; }
  // The files the rows came from, in order.
  const std::vector<std::string>& files() const { return files_; }

  // Bytes held by the row columns (dictionaries excluded).
  std::size_t ColumnBytes() const;

 private:
  friend class TradeTableBuilder;
  std::vector<EconomyIdx> reporter_;
  std::vector<EconomyIdx> partner_;
  std::vector<Flow> flow_;
  std::vector<ProductIdx> product_;
  std::vector<PeriodIdx> period_;
  std::vector<CurrencyIdx> currency_;
  std::vector<double> value_;
  std::vector<float> quantity_;
  std::vector<SourceIdx> source_;
  Dictionary economies_;
  Dictionary products_;
  std::vector<Period> periods_;
  Dictionary currencies_;
  Dictionary sources_;
  std::vector<std::string> files_;
};

// Where a row came from, kept while building so that a duplicate key can be reported with both places.
struct RowOrigin {
  std::uint32_t file = 0;  // index into the builder's files
  std::uint32_t line = 0;  // 1-based
};

// Builds a TradeTable. Codes given here are already canonical (readers resolve them first).
class TradeTableBuilder {
 public:
  struct Row {
    std::string_view reporter;
    std::string_view partner;
    Flow flow = Flow::kExports;
    std::string_view product;
    Period period = Period::Year(2000);
    double value = 0.0;
    std::string_view currency;
    std::string_view source;  // may be empty
    float quantity = 0.0f;    // used only if EnableQuantity() was called
  };

  void Reserve(std::size_t rows);
  void EnableQuantity();
  void EnableSource();
  // Registers an input file; rows added after this call are attributed to it.
  std::uint32_t AddFile(std::string name);
  void Add(const Row& row, std::uint32_t line);

  // Id-level append for fast readers; ids come from the Intern* functions below.
  EconomyIdx InternEconomy(std::string_view code);
  ProductIdx InternProduct(std::string_view code);
  PeriodIdx InternPeriod(const Period& period);
  CurrencyIdx InternCurrency(std::string_view code);
  SourceIdx InternSource(std::string_view text);
  void AppendIds(EconomyIdx reporter, EconomyIdx partner, Flow flow, ProductIdx product, PeriodIdx period,
                 CurrencyIdx currency, double value, std::uint32_t line);
  void AppendQuantity(float quantity) { table_.quantity_.push_back(quantity); }
  void AppendSource(SourceIdx source) { table_.source_.push_back(source); }

  std::size_t size() const { return table_.value_.size(); }

  // Checks keys (reporter, partner, flow, product, period): a repeated key is an InputException naming
  // both places, or, with kSum, the values are added (same currency required). Leaves the builder empty.
  TradeTable Build(DuplicatePolicy policy = DuplicatePolicy::kError);

 private:
  TradeTable table_;
  std::unordered_map<std::int64_t, PeriodIdx> period_ids_;
  std::vector<RowOrigin> origins_;
  std::uint32_t current_file_ = 0;
};

}  // namespace tradeshock
