// Per-format row parsers: turn one CSV record's fields into a row of a chunk's local columns.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/flow.h"
#include "tradeshock/io.h"
#include "tradeshock/period.h"
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"
#include "tradeshock/unit_words.h"

namespace tradeshock::io_internal {

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, TransparentHash, std::equal_to<>>;

// Codes interned per chunk; merged into the builder's dictionaries in chunk order.
struct LocalDictionary {
  StringMap<std::uint32_t> ids;
  std::vector<std::string> texts;
  std::uint32_t Intern(std::string_view text) {
    if (const auto found = ids.find(text); found != ids.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(texts.size());
    texts.emplace_back(text);
    ids.emplace(texts.back(), id);
    return id;
  }
};

// Open-addressing map from integer codes to local ids. A few thousand HS codes fit in the core's cache this
// way, where an array indexed by the 6-digit code (4 MB) does not, and a miss there costs more than parsing.
class IntIdCache {
 public:
  static constexpr std::int32_t kMissing = -2;
  std::int32_t Find(std::uint32_t key) const {
    if (slots_.empty()) return kMissing;
    for (std::size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
      const std::uint64_t entry = slots_[slot];
      if (entry == kEmpty) return kMissing;
      if (static_cast<std::uint32_t>(entry >> 32) == key) return static_cast<std::int32_t>(entry & 0xFFFFFFFFu);
    }
  }
  void Insert(std::uint32_t key, std::int32_t id) {
    if ((size_ + 1) * 2 > slots_.size()) Rehash(std::max<std::size_t>(1024, slots_.size() * 2));
    std::size_t slot = Slot(key);
    while (slots_[slot] != kEmpty) slot = (slot + 1) & mask_;
    slots_[slot] = (static_cast<std::uint64_t>(key) << 32) | static_cast<std::uint32_t>(id);
    ++size_;
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  std::size_t Slot(std::uint32_t key) const { return (key * 0x9E3779B1u) >> shift_; }
  void Rehash(std::size_t capacity) {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(capacity, kEmpty);
    mask_ = capacity - 1;
    shift_ = 32 - std::countr_zero(capacity);
    size_ = 0;
    for (const std::uint64_t entry : old) {
      if (entry != kEmpty)
        Insert(static_cast<std::uint32_t>(entry >> 32), static_cast<std::int32_t>(entry & 0xFFFFFFFFu));
    }
  }
  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
  int shift_ = 32;
  std::size_t size_ = 0;
};

// What a BACI line's "t,i,j," resolves to in a chunk: local ids, and the start of its source key (t, i, j, k).
struct KeyIds {
  std::uint32_t period = 0;
  std::uint32_t exporter = 0;
  std::uint32_t importer = 0;
  bool has_source_key = false;
  std::uint64_t source_key_base = 0;
};

// The last line prefix the BACI fast path resolved ("2022,156,842,": at most 16 bytes), kept as two words
// masked to its length so that the next line is compared with two loads.
struct LinePrefix {
  std::size_t length = 0;  // 0: none
  std::uint64_t words[2] = {0, 0};
  std::uint64_t masks[2] = {0, 0};
  KeyIds ids;

  // `line` has at least 16 readable bytes.
  bool Matches(const char* line) const {
    std::uint64_t first = 0;
    std::uint64_t second = 0;
    std::memcpy(&first, line, 8);
    std::memcpy(&second, line + 8, 8);
    return (((first ^ words[0]) & masks[0]) | ((second ^ words[1]) & masks[1])) == 0;
  }
  // Keeps `resolved` as ids (read by the caller whether or not the prefix can be compared next time).
  void Remember(const char* line, const char* end, std::size_t prefix_length, const KeyIds& resolved) {
    ids = resolved;
    length = 0;
    if (prefix_length > 16 || end - line < 16) return;
    std::memcpy(&words[0], line, 8);
    std::memcpy(&words[1], line + 8, 8);
    // Bytes are compared in memory order: the mask keeps the first prefix_length bytes of the 16 (the lowest
    // bytes of each word on a little-endian machine, the highest on a big-endian one).
    for (std::size_t word = 0; word < 2; ++word) {
      const std::size_t bytes = std::min<std::size_t>(8, prefix_length > 8 * word ? prefix_length - 8 * word : 0);
      unsigned char mask_bytes[8] = {};
      for (std::size_t i = 0; i < bytes; ++i) mask_bytes[i] = 0xFF;
      std::memcpy(&masks[word], mask_bytes, 8);
    }
    length = prefix_length;
  }
};

// Where a worker puts the rows of one chunk: a block of the table's columns reserved for it (one row per
// line of the chunk at most), holding ids local to the chunk until the merge maps them to the table's.
struct ChunkColumns {
  TradeTableBuilder::Columns block;  // quantity / source are null when the table has no such column
  std::size_t capacity = 0;
  std::size_t rows = 0;
  LocalDictionary economies, products, currencies, sources;
  std::vector<Period> periods;
  std::unordered_map<std::int64_t, std::uint32_t> period_ids;
  // Resolution caches: raw text -> local id, or -1 when the text is bad.
  StringMap<std::int32_t> economy_cache, product_cache, currency_cache, period_cache;
  std::vector<std::int32_t> int_economy_cache, int_period_cache;
  IntIdCache int_product_cache;
  LinePrefix line_prefix;
  // Source keys (RowParser::has_source_keys): whether every row's key exceeded the one before.
  bool keys_increasing = true;
  std::uint64_t first_key = 0;
  std::uint64_t last_key = 0;

  std::uint32_t InternPeriod(const Period& period);
  // Appends a row and returns its index in the block. Throws Error past the table's id ranges.
  std::size_t Append(std::uint32_t reporter, std::uint32_t partner, Flow flow, std::uint32_t product,
                     std::uint32_t period, std::uint32_t currency, double value);
  void NoteSourceKey(std::uint64_t key) {
    if (rows == 1)
      first_key = key;
    else if (key <= last_key)
      keys_increasing = false;
    last_key = key;
  }
};

// A row-level fault; the driver adds file and line.
struct RowError {
  InputErrorKind kind = InputErrorKind::kBadNumber;
  std::size_t column = 0;  // 1-based field number
  std::string value;
  std::string expected;
};

class RowParser {
 public:
  virtual ~RowParser() = default;
  virtual InputFormat format() const = 0;
  virtual std::size_t field_count() const = 0;
  virtual bool has_quantity() const { return false; }
  virtual bool has_source() const { return false; }
  // Whether the parser calls ChunkColumns::NoteSourceKey for every row with a key of its source codes that is
  // injective on the table's keys: strictly increasing keys through a file then prove its rows unique.
  virtual bool has_source_keys() const { return false; }
  // Appends one row to `out` and returns true; or fills `error` and returns false (nothing appended).
  // A row that is valid but deliberately not kept (a Comtrade breakdown) returns true without appending.
  virtual bool Parse(const std::vector<std::string_view>& fields, ChunkColumns& out, RowError& error) const = 0;
  // Fast path for the common plain line (no quotes, no spaces, ASCII) starting at `line`: appends its row and
  // returns the position after its line break (or `end`); returns nullptr, having appended nothing, for
  // anything else, which then goes through the record reader and Parse (the one place errors are made).
  virtual const char* ParseLine(const char* /*line*/, const char* /*end*/, ChunkColumns& /*out*/) const {
    return nullptr;
  }
};

// Detects the format from the header (or checks it against options.format) and prepares a parser.
// Throws InputException (kBadHeader, kIo for a missing BACI country-codes file).
std::unique_ptr<RowParser> MakeRowParser(const std::vector<std::string_view>& header, const std::string& file,
                                         const Reference& reference, const ReadOptions& options);

// The long CSV's unit column: the one vocabulary of tradeshock/unit_words.h.
std::optional<double> UnitScale(std::string_view unit);

}  // namespace tradeshock::io_internal
