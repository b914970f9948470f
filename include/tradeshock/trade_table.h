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
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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

namespace column_memory {
// Large blocks are aligned to and advised as huge pages where the system has them: a 10-million-row table
// then takes a few hundred page faults instead of tens of thousands.
inline constexpr std::size_t kLargeBlock = std::size_t{2} << 20;
void* AllocateLarge(std::size_t bytes);
void FreeLarge(void* block);
}  // namespace column_memory

// A column's allocator: growing a column default-initialises its numbers instead of zeroing them, so a reader
// that fills reserved rows in parallel does not first pay for a serial pass writing zeros over them.
template <typename T>
struct ColumnAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = ColumnAllocator<U>;
  };
  ColumnAllocator() = default;
  template <typename U>
  ColumnAllocator(const ColumnAllocator<U>& /*other*/) noexcept {}
  T* allocate(std::size_t n) {
    if (n * sizeof(T) < column_memory::kLargeBlock) return std::allocator<T>::allocate(n);
    return static_cast<T*>(column_memory::AllocateLarge(n * sizeof(T)));
  }
  void deallocate(T* block, std::size_t n) {
    if (n * sizeof(T) < column_memory::kLargeBlock) {
      std::allocator<T>::deallocate(block, n);
    } else {
      column_memory::FreeLarge(block);
    }
  }
  template <typename U, typename... Args>
  void construct(U* at, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(at)) U;
    } else {
      ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
    }
  }
};
template <typename T>
using Column = std::vector<T, ColumnAllocator<T>>;

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

  // The rows of one reporter as ranges in table order, when the table holds each reporter's rows in a few
  // runs (files sorted or grouped by reporter, as BACI and most exports are): lets a selection skip the rest.
  // nullopt when the rows are too scattered for that, and the caller scans them all.
  struct RowRange {
    std::size_t begin = 0;
    std::size_t end = 0;
  };
  std::optional<std::span<const RowRange>> ReporterRuns(EconomyIdx reporter) const;

 private:
  friend class TradeTableBuilder;
  Column<EconomyIdx> reporter_;
  Column<EconomyIdx> partner_;
  Column<Flow> flow_;
  Column<ProductIdx> product_;
  Column<PeriodIdx> period_;
  Column<CurrencyIdx> currency_;
  Column<double> value_;
  Column<float> quantity_;
  Column<SourceIdx> source_;
  Dictionary economies_;
  Dictionary products_;
  std::vector<Period> periods_;
  Dictionary currencies_;
  Dictionary sources_;
  std::vector<std::string> files_;
  std::vector<std::size_t> reporter_run_offsets_;  // economies + 1 entries into reporter_runs_, or empty
  std::vector<RowRange> reporter_runs_;
};

// What a table holds: the distinct codes of each column that rows use (sorted), for `tradeshock inspect` and
// the Python package's TradeTable.inspect().
struct TableContents {
  std::vector<std::string> reporters;
  std::vector<std::string> partners;
  std::vector<std::string> products;
  std::vector<Period> periods;
  std::vector<std::string> currencies;
  std::vector<std::string> flows;  // "exports", "imports", "trade"
};
TableContents ListContents(const TradeTable& table);

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
    std::string_view source;  // used only if EnableSource() was called
    float quantity = 0.0f;    // used only if EnableQuantity() was called
  };

  // Adds a quantity (source) column; rows already there get NaN (the empty source).
  void EnableQuantity();
  void EnableSource();
  bool has_quantity() const { return has_quantity_; }
  bool has_source() const { return has_source_; }
  // Registers an input file; rows added after this call are attributed to it.
  std::uint32_t AddFile(std::string name);
  void Add(const Row& row, std::uint32_t line);
  std::size_t size() const { return table_.value_.size(); }

  // Dictionaries; ids are dense from 0 in order of first appearance. Throw Error past the id type's range.
  EconomyIdx InternEconomy(std::string_view code);
  ProductIdx InternProduct(std::string_view code);
  PeriodIdx InternPeriod(const Period& period);
  CurrencyIdx InternCurrency(std::string_view code);
  SourceIdx InternSource(std::string_view text);

  // Bulk interface for parallel readers: Grow adds `rows` rows, their contents unspecified, for workers to
  // fill in place through Columns (valid until the next Grow), quantity and source included when the table
  // has them; MoveRows and Truncate close the gaps left by rows reserved but not used; AddLineRun records
  // where the rows came from.
  struct Columns {
    EconomyIdx* reporter = nullptr;
    EconomyIdx* partner = nullptr;
    Flow* flow = nullptr;
    ProductIdx* product = nullptr;
    PeriodIdx* period = nullptr;
    CurrencyIdx* currency = nullptr;
    double* value = nullptr;
    float* quantity = nullptr;    // null without a quantity column
    SourceIdx* source = nullptr;  // null without a source column
  };
  Columns Grow(std::size_t rows);
  Columns At(std::size_t row);
  void MoveRows(std::size_t from, std::size_t to, std::size_t count);
  void Truncate(std::size_t rows);
  // Rows first_row, first_row + 1, ... come from lines first_line, first_line + 1, ... of the current file,
  // until the next run starts.
  void AddLineRun(std::size_t first_row, std::uint32_t first_line);
  // A reader that proved the keys of rows [begin, end) distinct (strictly increasing source keys) says so;
  // when one such range covers the whole table, Build skips its own check.
  void DeclareUniqueKeys(std::size_t begin, std::size_t end);

  // Checks keys (reporter, partner, flow, product, period): a repeated key is an InputException naming
  // both places, or, with kSum, the values are added (same currency required). Leaves the builder empty.
  TradeTable Build(DuplicatePolicy policy = DuplicatePolicy::kError);

 private:
  struct LineRun {
    std::size_t first_row = 0;
    std::uint32_t file = 0;
    std::uint32_t first_line = 0;
  };
  RowOrigin OriginOf(std::size_t row) const;
  void CheckDuplicates(DuplicatePolicy policy);
  void IndexReporterRuns();
  // Calls f(column) for each row column the table has (the optional quantity and source only when enabled),
  // so that what is done to every column lists them in one place (trade_table.cc).
  template <typename F>
  void ForEachColumn(F&& f);

  TradeTable table_;
  bool has_quantity_ = false;
  bool has_source_ = false;
  std::unordered_map<std::int64_t, PeriodIdx> period_ids_;
  std::vector<LineRun> line_runs_;  // by first_row
  std::uint32_t current_file_ = 0;
  std::size_t unique_begin_ = 0;
  std::size_t unique_end_ = 0;
};

}  // namespace tradeshock
