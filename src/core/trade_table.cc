#include "tradeshock/trade_table.h"

#include <fmt/format.h>
#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <new>

#include "tradeshock/error.h"

namespace tradeshock {

namespace column_memory {

void* AllocateLarge(std::size_t bytes) {
  const std::size_t rounded = (bytes + kLargeBlock - 1) / kLargeBlock * kLargeBlock;
  void* block = std::aligned_alloc(kLargeBlock, rounded);
  if (block == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  ::madvise(block, rounded, MADV_HUGEPAGE);  // advice only: without huge pages nothing changes
#endif
  return block;
}

void FreeLarge(void* block) { std::free(block); }

}  // namespace column_memory

std::uint32_t Dictionary::Intern(std::string_view text) {
  if (const auto found = ids_.find(text); found != ids_.end()) return found->second;
  const auto id = static_cast<std::uint32_t>(texts_.size());
  texts_.emplace_back(text);
  ids_.emplace(texts_.back(), id);
  return id;
}

std::uint32_t Dictionary::Find(std::string_view text) const {
  const auto found = ids_.find(text);
  return found == ids_.end() ? static_cast<std::uint32_t>(texts_.size()) : found->second;
}

std::size_t TradeTable::ColumnBytes() const {
  return reporter_.size() * sizeof(EconomyIdx) + partner_.size() * sizeof(EconomyIdx) + flow_.size() * sizeof(Flow) +
         product_.size() * sizeof(ProductIdx) + period_.size() * sizeof(PeriodIdx) +
         currency_.size() * sizeof(CurrencyIdx) + value_.size() * sizeof(double) + quantity_.size() * sizeof(float) +
         source_.size() * sizeof(SourceIdx);
}

void TradeTableBuilder::EnableQuantity() {
  if (has_quantity_) return;
  has_quantity_ = true;
  table_.quantity_.assign(size(), std::numeric_limits<float>::quiet_NaN());
}

void TradeTableBuilder::EnableSource() {
  if (has_source_) return;
  has_source_ = true;
  table_.source_.assign(size(), InternSource(""));
}

std::uint32_t TradeTableBuilder::AddFile(std::string name) {
  table_.files_.push_back(std::move(name));
  current_file_ = static_cast<std::uint32_t>(table_.files_.size() - 1);
  return current_file_;
}

namespace {
template <typename Id>
Id CheckedId(std::uint32_t id, std::string_view what) {
  if (id > std::numeric_limits<Id>::max()) {
    throw Error(fmt::format("too many distinct {} codes (more than {})", what, std::numeric_limits<Id>::max()));
  }
  return static_cast<Id>(id);
}
}  // namespace

EconomyIdx TradeTableBuilder::InternEconomy(std::string_view code) {
  return CheckedId<EconomyIdx>(table_.economies_.Intern(code), "economy");
}
ProductIdx TradeTableBuilder::InternProduct(std::string_view code) {
  return CheckedId<ProductIdx>(table_.products_.Intern(code), "product");
}
CurrencyIdx TradeTableBuilder::InternCurrency(std::string_view code) {
  return CheckedId<CurrencyIdx>(table_.currencies_.Intern(code), "currency");
}
SourceIdx TradeTableBuilder::InternSource(std::string_view text) {
  return CheckedId<SourceIdx>(table_.sources_.Intern(text), "source");
}

PeriodIdx TradeTableBuilder::InternPeriod(const Period& period) {
  const std::int64_t key = (static_cast<std::int64_t>(period.kind()) << 40) |
                           (static_cast<std::int64_t>(period.first_month()) << 20) | period.last_month();
  if (const auto found = period_ids_.find(key); found != period_ids_.end()) return found->second;
  const auto id = CheckedId<PeriodIdx>(static_cast<std::uint32_t>(table_.periods_.size()), "period");
  table_.periods_.push_back(period);
  period_ids_.emplace(key, id);
  return id;
}

void TradeTableBuilder::Add(const Row& row, std::uint32_t line) {
  const std::size_t index = size();
  const Columns at = Grow(1);
  at.reporter[0] = InternEconomy(row.reporter);
  at.partner[0] = InternEconomy(row.partner);
  at.flow[0] = row.flow;
  at.product[0] = InternProduct(row.product);
  at.period[0] = InternPeriod(row.period);
  at.currency[0] = InternCurrency(row.currency);
  at.value[0] = row.value;
  if (has_quantity_) at.quantity[0] = row.quantity;
  if (has_source_) table_.source_[index] = InternSource(row.source);
  AddLineRun(index, line);
}

template <typename F>
void TradeTableBuilder::ForEachColumn(F&& f) {
  f(table_.reporter_);
  f(table_.partner_);
  f(table_.flow_);
  f(table_.product_);
  f(table_.period_);
  f(table_.currency_);
  f(table_.value_);
  if (has_quantity_) f(table_.quantity_);
  if (has_source_) f(table_.source_);
}

TradeTableBuilder::Columns TradeTableBuilder::Grow(std::size_t rows) {
  const std::size_t first = size();
  ForEachColumn([total = first + rows](auto& column) { column.resize(total); });
  return At(first);
}

TradeTableBuilder::Columns TradeTableBuilder::At(std::size_t row) {
  Columns at;
  at.reporter = table_.reporter_.data() + row;
  at.partner = table_.partner_.data() + row;
  at.flow = table_.flow_.data() + row;
  at.product = table_.product_.data() + row;
  at.period = table_.period_.data() + row;
  at.currency = table_.currency_.data() + row;
  at.value = table_.value_.data() + row;
  if (has_quantity_) at.quantity = table_.quantity_.data() + row;
  if (has_source_) at.source = table_.source_.data() + row;
  return at;
}

void TradeTableBuilder::MoveRows(std::size_t from, std::size_t to, std::size_t count) {
  if (from == to || count == 0) return;
  if (to > from) throw Error("TradeTableBuilder::MoveRows moves rows towards the start only");
  ForEachColumn(
      [&](auto& column) { std::copy(column.begin() + from, column.begin() + from + count, column.begin() + to); });
}

void TradeTableBuilder::Truncate(std::size_t rows) {
  if (rows >= size()) return;
  ForEachColumn([rows](auto& column) { column.resize(rows); });
  while (!line_runs_.empty() && line_runs_.back().first_row >= rows) line_runs_.pop_back();
}

void TradeTableBuilder::AddLineRun(std::size_t first_row, std::uint32_t first_line) {
  if (!line_runs_.empty()) {
    const LineRun& last = line_runs_.back();
    // A row continuing the last run needs no entry of its own.
    if (last.file == current_file_ && first_row > last.first_row &&
        last.first_line + (first_row - last.first_row) == first_line) {
      return;
    }
  }
  line_runs_.push_back({first_row, current_file_, first_line});
}

RowOrigin TradeTableBuilder::OriginOf(std::size_t row) const {
  const auto after = std::upper_bound(line_runs_.begin(), line_runs_.end(), row,
                                      [](std::size_t value, const LineRun& run) { return value < run.first_row; });
  if (after == line_runs_.begin()) return {};
  const LineRun& run = *(after - 1);
  return {run.file, static_cast<std::uint32_t>(run.first_line + (row - run.first_row))};
}

void TradeTableBuilder::DeclareUniqueKeys(std::size_t begin, std::size_t end) {
  unique_begin_ = begin;
  unique_end_ = end;
}

namespace {

// Open-addressing set of 64-bit keys -> row index, sized for one reporter's rows at a time.
class KeyIndex {
 public:
  void Reset(std::size_t expected) {
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, expected * 2));
    keys_.assign(capacity, kEmpty);
    rows_.resize(capacity);
    mask_ = capacity - 1;
  }
  // Returns the row already holding `key`, or inserts `row` and returns it.
  std::size_t FindOrInsert(std::uint64_t key, std::size_t row) {
    std::size_t slot = (key * 0x9E3779B97F4A7C15ULL) >> 20 & mask_;
    while (true) {
      if (keys_[slot] == kEmpty) {
        keys_[slot] = key;
        rows_[slot] = row;
        return row;
      }
      if (keys_[slot] == key) return rows_[slot];
      slot = (slot + 1) & mask_;
    }
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  std::vector<std::uint64_t> keys_;
  std::vector<std::size_t> rows_;
  std::size_t mask_ = 0;
};

}  // namespace

// Long by design: one pass over the rows grouped by reporter with one key index; each duplicate's three
// errors (kError, currencies that differ, a sum that overflows) need both rows' places, which the pass holds.
void TradeTableBuilder::CheckDuplicates(DuplicatePolicy policy) {
  TradeTable& table = table_;
  const std::size_t n_rows = table.size();
  if (table.products_.size() >= (std::size_t{1} << 30)) throw Error("too many distinct product codes");

  // Group rows by reporter (counting sort), then look for repeated keys within each reporter.
  const std::size_t n_reporters = table.economies_.size();
  std::vector<std::size_t> offsets(n_reporters + 1, 0);
  for (const EconomyIdx reporter : table.reporter_) ++offsets[reporter + 1];
  for (std::size_t i = 0; i < n_reporters; ++i) offsets[i + 1] += offsets[i];
  std::vector<std::size_t> order(n_rows);
  {
    std::vector<std::size_t> next(offsets.begin(), offsets.end() - 1);
    for (std::size_t row = 0; row < n_rows; ++row) order[next[table.reporter_[row]]++] = row;
  }

  // A year and its Jan-Dec range (or a month and its one-month range) are one quantity: key both by the first
  // period of the table that covers the same months, so that the second is a duplicate.
  std::vector<PeriodIdx> same_months(table.periods_.size());
  {
    std::map<std::pair<int, int>, PeriodIdx> first_of;
    for (std::size_t p = 0; p < table.periods_.size(); ++p) {
      const Period& period = table.periods_[p];
      same_months[p] =
          first_of.try_emplace({period.first_month(), period.last_month()}, static_cast<PeriodIdx>(p)).first->second;
    }
  }

  std::vector<bool> removed;
  KeyIndex index;
  for (std::size_t reporter = 0; reporter < n_reporters; ++reporter) {
    const std::size_t begin = offsets[reporter];
    const std::size_t end = offsets[reporter + 1];
    if (begin == end) continue;
    index.Reset(end - begin);
    for (std::size_t pos = begin; pos < end; ++pos) {
      const std::size_t row = order[pos];
      const std::uint64_t key = (static_cast<std::uint64_t>(table.partner_[row]) << 48) |
                                (static_cast<std::uint64_t>(same_months[table.period_[row]]) << 32) |
                                (static_cast<std::uint64_t>(table.flow_[row]) << 30) | table.product_[row];
      const std::size_t first = index.FindOrInsert(key, row);
      if (first == row) continue;
      const RowOrigin here = OriginOf(row);
      const RowOrigin there = OriginOf(first);
      const std::string key_text =
          fmt::format("{},{},{},{},{}", table.economies_[table.reporter_[row]], table.economies_[table.partner_[row]],
                      ToString(table.flow_[row]), table.products_[table.product_[row]],
                      table.periods_[table.period_[row]].ToString());
      if (table.period_[row] != table.period_[first]) {
        throw InputException(InputError{
            InputErrorKind::kDuplicateKey, table.files_.empty() ? "" : table.files_[here.file], here.line, 0, key_text,
            fmt::format("one value per key and months (the row at {}:{} gives the same months as {}; not added "
                        "even with --sum-duplicates)",
                        table.files_.empty() ? "" : table.files_[there.file], there.line,
                        table.periods_[table.period_[first]].ToString())});
      }
      if (policy == DuplicatePolicy::kError) {
        throw InputException(InputError{
            InputErrorKind::kDuplicateKey, table.files_.empty() ? "" : table.files_[here.file], here.line, 0, key_text,
            fmt::format("a key not seen before (first at {}:{}; use --sum-duplicates to add them)",
                        table.files_.empty() ? "" : table.files_[there.file], there.line)});
      }
      if (table.currency_[row] != table.currency_[first]) {
        throw InputException(InputError{InputErrorKind::kDuplicateKey,
                                        table.files_.empty() ? "" : table.files_[here.file], here.line, 0, key_text,
                                        fmt::format("the same currency as the row it duplicates ({}:{}, {})",
                                                    table.files_.empty() ? "" : table.files_[there.file], there.line,
                                                    table.currencies_[table.currency_[first]])});
      }
      if (!std::isfinite(table.value_[first] + table.value_[row])) {
        throw InputException(InputError{
            InputErrorKind::kBadNumber, table.files_.empty() ? "" : table.files_[here.file], here.line, 0, key_text,
            fmt::format("duplicates whose sum is finite (the rows of this key, first at {}:{}, add up to more than "
                        "1.8e308 at this row)",
                        table.files_.empty() ? "" : table.files_[there.file], there.line)});
      }
      table.value_[first] += table.value_[row];
      if (!table.quantity_.empty()) table.quantity_[first] += table.quantity_[row];
      if (removed.empty()) removed.assign(n_rows, false);
      removed[row] = true;
    }
  }

  if (!removed.empty()) {
    ForEachColumn([&](auto& column) {
      std::size_t kept = 0;
      for (std::size_t row = 0; row < n_rows; ++row) {
        if (!removed[row]) column[kept++] = column[row];
      }
      column.resize(kept);
    });
  }
}

std::optional<std::span<const TradeTable::RowRange>> TradeTable::ReporterRuns(EconomyIdx reporter) const {
  if (reporter_run_offsets_.empty()) return std::nullopt;
  if (static_cast<std::size_t>(reporter) + 1 >= reporter_run_offsets_.size()) return std::span<const RowRange>();
  return std::span<const RowRange>(reporter_runs_.data() + reporter_run_offsets_[reporter],
                                   reporter_runs_.data() + reporter_run_offsets_[reporter + 1]);
}

namespace {

// The end of the run of `value` starting at `row`: compared four ids at a time, as a 10-million-row table has
// runs of tens of thousands of rows.
std::size_t RunEnd(const EconomyIdx* ids, std::size_t row, std::size_t size) {
  static_assert(sizeof(EconomyIdx) == 2);
  const EconomyIdx value = ids[row];
  const std::uint64_t four = std::uint64_t{value} * 0x0001000100010001u;  // the same in either byte order
  std::size_t end = row + 1;
  while (end + 4 <= size) {
    std::uint64_t word = 0;
    std::memcpy(&word, ids + end, sizeof word);
    if (word != four) break;
    end += 4;
  }
  while (end < size && ids[end] == value) ++end;
  return end;
}

}  // namespace

void TradeTableBuilder::IndexReporterRuns() {
  TradeTable& table = table_;
  const EconomyIdx* reporter = table.reporter_.data();
  const std::size_t size = table.reporter_.size();
  const std::size_t n_economies = table.economies_.size();
  // Index only when there are few runs: past a handful per reporter, going through the runs would cost about
  // what scanning every row does.
  const std::size_t max_runs = 8 * n_economies + 64;
  std::vector<TradeTable::RowRange> runs;
  for (std::size_t row = 0; row < size;) {
    if (runs.size() == max_runs) return;
    const std::size_t end = RunEnd(reporter, row, size);
    runs.push_back({row, end});
    row = end;
  }
  // Runs grouped by reporter, in table order within each (a counting sort).
  std::vector<std::size_t> offsets(n_economies + 1, 0);
  for (const TradeTable::RowRange run : runs) ++offsets[reporter[run.begin] + 1];
  for (std::size_t i = 0; i < n_economies; ++i) offsets[i + 1] += offsets[i];
  table.reporter_run_offsets_ = offsets;
  table.reporter_runs_.resize(runs.size());
  for (const TradeTable::RowRange run : runs) table.reporter_runs_[offsets[reporter[run.begin]]++] = run;
}

TradeTable TradeTableBuilder::Build(DuplicatePolicy policy) {
  if (!(unique_begin_ == 0 && unique_end_ >= size())) CheckDuplicates(policy);
  IndexReporterRuns();
  TradeTable built = std::move(table_);
  *this = TradeTableBuilder();
  return built;
}

}  // namespace tradeshock
