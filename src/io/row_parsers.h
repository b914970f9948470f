// Per-format row parsers: turn one CSV record's fields into a row of a chunk's local columns.
#pragma once

#include <cstddef>
#include <cstdint>
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

// What one worker produces from one chunk.
struct ChunkColumns {
  std::vector<std::uint32_t> reporter, partner, product, period, currency, source;
  std::vector<Flow> flow;
  std::vector<double> value;
  std::vector<float> quantity;
  std::vector<std::uint32_t> line;  // relative to the chunk's first line, 0-based
  LocalDictionary economies, products, currencies, sources;
  std::vector<Period> periods;
  std::unordered_map<std::int64_t, std::uint32_t> period_ids;
  // Resolution caches: raw text -> local id, or -1 when the text is bad.
  StringMap<std::int32_t> economy_cache, product_cache, currency_cache, period_cache;
  std::vector<std::int32_t> int_economy_cache, int_product_cache, int_period_cache;

  std::uint32_t InternPeriod(const Period& period);
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
  // Appends one row to `out` and returns true; or fills `error` and returns false (nothing appended).
  // A row that is valid but deliberately not kept (a Comtrade breakdown) returns true without appending.
  virtual bool Parse(const std::vector<std::string_view>& fields, ChunkColumns& out, RowError& error) const = 0;
};

// Detects the format from the header (or checks it against options.format) and prepares a parser.
// Throws InputException (kBadHeader, kIo for a missing BACI country-codes file).
std::unique_ptr<RowParser> MakeRowParser(const std::vector<std::string_view>& header, const std::string& file,
                                         const Reference& reference, const ReadOptions& options);

// Shared with tests and docs: the accepted unit words and their scale.
std::optional<double> UnitScale(std::string_view unit);

}  // namespace tradeshock::io_internal
