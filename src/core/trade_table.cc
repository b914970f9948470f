#include "tradeshock/trade_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <limits>

#include "tradeshock/error.h"

namespace tradeshock {

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

void TradeTableBuilder::Reserve(std::size_t rows) {
  table_.reporter_.reserve(rows);
  table_.partner_.reserve(rows);
  table_.flow_.reserve(rows);
  table_.product_.reserve(rows);
  table_.period_.reserve(rows);
  table_.currency_.reserve(rows);
  table_.value_.reserve(rows);
  origins_.reserve(rows);
}

void TradeTableBuilder::EnableQuantity() { table_.quantity_.reserve(table_.value_.capacity()); }
void TradeTableBuilder::EnableSource() { table_.source_.reserve(table_.value_.capacity()); }

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

void TradeTableBuilder::AppendIds(EconomyIdx reporter, EconomyIdx partner, Flow flow, ProductIdx product,
                                  PeriodIdx period, CurrencyIdx currency, double value, std::uint32_t line) {
  table_.reporter_.push_back(reporter);
  table_.partner_.push_back(partner);
  table_.flow_.push_back(flow);
  table_.product_.push_back(product);
  table_.period_.push_back(period);
  table_.currency_.push_back(currency);
  table_.value_.push_back(value);
  origins_.push_back({current_file_, line});
}

void TradeTableBuilder::Add(const Row& row, std::uint32_t line) {
  AppendIds(InternEconomy(row.reporter), InternEconomy(row.partner), row.flow, InternProduct(row.product),
            InternPeriod(row.period), InternCurrency(row.currency), row.value, line);
  if (table_.quantity_.capacity() > 0 || !table_.quantity_.empty()) table_.quantity_.push_back(row.quantity);
  if (table_.source_.capacity() > 0 || !table_.source_.empty()) table_.source_.push_back(InternSource(row.source));
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

TradeTable TradeTableBuilder::Build(DuplicatePolicy policy) {
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
                                (static_cast<std::uint64_t>(table.period_[row]) << 32) |
                                (static_cast<std::uint64_t>(table.flow_[row]) << 30) | table.product_[row];
      const std::size_t first = index.FindOrInsert(key, row);
      if (first == row) continue;
      const RowOrigin& here = origins_[row];
      const RowOrigin& there = origins_[first];
      const std::string key_text =
          fmt::format("{},{},{},{},{}", table.economies_[table.reporter_[row]], table.economies_[table.partner_[row]],
                      ToString(table.flow_[row]), table.products_[table.product_[row]],
                      table.periods_[table.period_[row]].ToString());
      if (policy == DuplicatePolicy::kError) {
        throw InputException(InputError{InputErrorKind::kDuplicateKey, table.files_.empty() ? "" : table.files_[here.file],
                                        here.line, 0, key_text,
                                        fmt::format("a key not seen before (first at {}:{}; use --sum-duplicates to add them)",
                                                    table.files_.empty() ? "" : table.files_[there.file], there.line)});
      }
      if (table.currency_[row] != table.currency_[first]) {
        throw InputException(InputError{InputErrorKind::kDuplicateKey, table.files_.empty() ? "" : table.files_[here.file],
                                        here.line, 0, key_text,
                                        fmt::format("the same currency as the row it duplicates ({}:{}, {})",
                                                    table.files_.empty() ? "" : table.files_[there.file], there.line,
                                                    table.currencies_[table.currency_[first]])});
      }
      table.value_[first] += table.value_[row];
      if (!table.quantity_.empty()) table.quantity_[first] += table.quantity_[row];
      if (removed.empty()) removed.assign(n_rows, false);
      removed[row] = true;
    }
  }

  if (!removed.empty()) {
    std::size_t kept = 0;
    for (std::size_t row = 0; row < n_rows; ++row) {
      if (removed[row]) continue;
      table.reporter_[kept] = table.reporter_[row];
      table.partner_[kept] = table.partner_[row];
      table.flow_[kept] = table.flow_[row];
      table.product_[kept] = table.product_[row];
      table.period_[kept] = table.period_[row];
      table.currency_[kept] = table.currency_[row];
      table.value_[kept] = table.value_[row];
      if (!table.quantity_.empty()) table.quantity_[kept] = table.quantity_[row];
      if (!table.source_.empty()) table.source_[kept] = table.source_[row];
      ++kept;
    }
    table.reporter_.resize(kept);
    table.partner_.resize(kept);
    table.flow_.resize(kept);
    table.product_.resize(kept);
    table.period_.resize(kept);
    table.currency_.resize(kept);
    table.value_.resize(kept);
    if (!table.quantity_.empty()) table.quantity_.resize(kept);
    if (!table.source_.empty()) table.source_.resize(kept);
  }

  origins_.clear();
  origins_.shrink_to_fit();
  period_ids_.clear();
  TradeTable built = std::move(table_);
  table_ = TradeTable();
  return built;
}

}  // namespace tradeshock
