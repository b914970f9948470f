#include "io/row_parsers.h"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>

#include "io/csv_record.h"
#include "io/input_bytes.h"
#include "io/swar_digits.h"

namespace tradeshock::io_internal {

std::uint32_t ChunkColumns::InternPeriod(const Period& period) {
  const std::int64_t key = (static_cast<std::int64_t>(period.kind()) << 40) |
                           (static_cast<std::int64_t>(period.first_month()) << 20) | period.last_month();
  if (const auto found = period_ids.find(key); found != period_ids.end()) return found->second;
  const auto id = static_cast<std::uint32_t>(periods.size());
  periods.push_back(period);
  period_ids.emplace(key, id);
  return id;
}

std::size_t ChunkColumns::Append(std::uint32_t reporter, std::uint32_t partner, Flow flow, std::uint32_t product,
                                 std::uint32_t period, std::uint32_t currency, double value) {
  if (rows == capacity) throw Error("internal error: a chunk produced more rows than it has lines");
  if (reporter > 0xFFFF || partner > 0xFFFF) throw Error("too many distinct economy codes (more than 65535)");
  if (period > 0xFFFF) throw Error("too many distinct periods (more than 65535)");
  if (currency > 0xFF) throw Error("too many distinct currencies (more than 255)");
  const std::size_t row = rows++;
  block.reporter[row] = static_cast<EconomyIdx>(reporter);
  block.partner[row] = static_cast<EconomyIdx>(partner);
  block.flow[row] = flow;
  block.product[row] = product;
  block.period[row] = static_cast<PeriodIdx>(period);
  block.currency[row] = static_cast<CurrencyIdx>(currency);
  block.value[row] = value;
  return row;
}

namespace {

constexpr char kEconomyExpected[] =
    "an economy code (ISO 3166-1 alpha-3/alpha-2/numeric, ISO 3166-2 such as CN-XJ, a group such as EU27, or WLD)";
constexpr char kPeriodExpected[] = "a period YYYY, YYYY-MM or YYYY-MM..YYYY-MM";

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

// Digits only, at most 9 of them.
bool ParseSmallUint(std::string_view text, std::int32_t& out) {
  if (text.empty() || text.size() > 9) return false;
  std::int32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

// A finite decimal >= 0. Fills `error` (with `column`) on failure.
bool ParseAmount(std::string_view raw, std::size_t column, double& out, RowError& error) {
  const std::string_view text = Trim(raw);
  double value = 0.0;
  const char* const first = text.data();
  const char* const last = text.data() + text.size();
  const auto result = fast_float::from_chars(first, last, value);
  if (text.empty() || result.ptr != last || (result.ec != std::errc() && result.ec != std::errc::result_out_of_range)) {
    error = {InputErrorKind::kBadNumber, column, std::string(raw), "a decimal number"};
    return false;
  }
  if (std::isnan(value)) {
    error = {InputErrorKind::kBadNumber, column, std::string(raw), "a finite decimal number"};
    return false;
  }
  if (result.ec == std::errc::result_out_of_range || std::isinf(value)) {
    error = {InputErrorKind::kBadNumber, column, std::string(raw), "a finite decimal number (out of range)"};
    return false;
  }
  if (value < 0.0) {
    error = {InputErrorKind::kNegativeValue, column, std::string(raw), "a value >= 0"};
    return false;
  }
  out = value + 0.0;  // -0 becomes 0
  return true;
}

bool IsHsDigits(std::string_view code) {
  return AllDigits(code) && (code.size() == 2 || code.size() == 4 || code.size() == 6);
}

// Cached economy resolution through Reference::FindEconomy.
bool ResolveEconomy(const Reference& reference, std::string_view text, std::size_t column, ChunkColumns& out,
                    std::uint32_t& id, RowError& error) {
  if (const auto found = out.economy_cache.find(text); found != out.economy_cache.end()) {
    if (found->second >= 0) {
      id = static_cast<std::uint32_t>(found->second);
      return true;
    }
  } else {
    const Economy* economy = reference.FindEconomy(text);
    const std::int32_t local = economy == nullptr ? -1 : static_cast<std::int32_t>(out.economies.Intern(economy->code));
    out.economy_cache.emplace(std::string(text), local);
    if (local >= 0) {
      id = static_cast<std::uint32_t>(local);
      return true;
    }
  }
  error = {InputErrorKind::kUnknownCode, column, std::string(text), kEconomyExpected};
  return false;
}

bool ResolvePeriod(std::string_view text, std::size_t column, ChunkColumns& out, std::uint32_t& id, RowError& error) {
  if (const auto found = out.period_cache.find(text); found != out.period_cache.end()) {
    if (found->second >= 0) {
      id = static_cast<std::uint32_t>(found->second);
      return true;
    }
  } else {
    const auto period = Period::Parse(Trim(text));
    const std::int32_t local = period ? static_cast<std::int32_t>(out.InternPeriod(*period)) : -1;
    out.period_cache.emplace(std::string(text), local);
    if (local >= 0) {
      id = static_cast<std::uint32_t>(local);
      return true;
    }
  }
  error = {InputErrorKind::kBadPeriod, column, std::string(text), kPeriodExpected};
  return false;
}

// Column lookup by name (case-insensitive, trimmed).
std::optional<std::size_t> FindColumn(const std::vector<std::string>& names, std::string_view wanted) {
  const std::string lower = Lower(wanted);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == lower) return i;
  }
  return std::nullopt;
}

[[noreturn]] void ThrowHeader(const std::string& file, std::size_t column, std::string value, std::string expected) {
  throw InputException(InputError{InputErrorKind::kBadHeader, file, 1, column, std::move(value), std::move(expected)});
}

// ---------------------------------------------------------------------------------------------- long CSV
class LongParser : public RowParser {
 public:
  static constexpr std::string_view kColumns[] = {"reporter", "partner", "flow",     "product",
                                                  "period",   "value",   "currency", "unit"};

  LongParser(const std::vector<std::string>& names, const std::string& file, const Reference& reference)
      : reference_(reference), field_count_(names.size()) {
    std::vector<bool> used(names.size(), false);
    for (std::size_t k = 0; k < 8; ++k) {
      const auto column = FindColumn(names, kColumns[k]);
      if (!column) {
        ThrowHeader(file, 0, fmt::format("{}", fmt::join(names, ",")),
                    fmt::format("a column named '{}' (long CSV needs reporter,partner,flow,product,period,value,"
                                "currency,unit and may have source)",
                                kColumns[k]));
      }
      index_[k] = *column;
      used[*column] = true;
    }
    if (const auto column = FindColumn(names, "source")) {
      source_ = *column;
      used[*column] = true;
    }
    std::vector<std::string> unknown;
    std::size_t first_unknown = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (used[i]) continue;
      if (unknown.empty()) first_unknown = i + 1;
      unknown.push_back(names[i]);
    }
    if (!unknown.empty()) {
      ThrowHeader(file, first_unknown, fmt::format("{}", fmt::join(unknown, ",")),
                  "only the long CSV columns reporter,partner,flow,product,period,value,currency,unit,source");
    }
  }

  InputFormat format() const override { return InputFormat::kLong; }
  std::size_t field_count() const override { return field_count_; }
  bool has_source() const override { return source_.has_value(); }

  bool Parse(const std::vector<std::string_view>& fields, ChunkColumns& out, RowError& error) const override {
    std::uint32_t reporter = 0;
    std::uint32_t partner = 0;
    std::uint32_t period = 0;
    if (!ResolveEconomy(reference_, fields[index_[0]], index_[0] + 1, out, reporter, error)) return false;
    if (!ResolveEconomy(reference_, fields[index_[1]], index_[1] + 1, out, partner, error)) return false;
    const auto flow = ParseFlow(Trim(fields[index_[2]]));
    if (!flow) {
      error = {InputErrorKind::kBadFlow, index_[2] + 1, std::string(fields[index_[2]]), "exports, imports or trade"};
      return false;
    }
    std::uint32_t product = 0;
    if (!ResolveProduct(fields[index_[3]], index_[3] + 1, out, product, error)) return false;
    if (!ResolvePeriod(fields[index_[4]], index_[4] + 1, out, period, error)) return false;
    double value = 0.0;
    if (!ParseAmount(fields[index_[5]], index_[5] + 1, value, error)) return false;
    std::uint32_t currency = 0;
    if (!ResolveCurrency(fields[index_[6]], index_[6] + 1, out, currency, error)) return false;
    const auto scale = UnitScale(fields[index_[7]]);
    if (!scale) {
      error = {InputErrorKind::kBadUnit, index_[7] + 1, std::string(fields[index_[7]]),
               kUnitWordsExpected};
      return false;
    }
    const double scaled = value * *scale;
    if (!std::isfinite(scaled)) {
      error = {InputErrorKind::kBadNumber, index_[5] + 1, std::string(fields[index_[5]]),
               "a finite decimal number (out of range once scaled by the unit)"};
      return false;
    }
    const std::size_t row = out.Append(reporter, partner, *flow, product, period, currency, scaled);
    if (source_) out.block.source[row] = out.sources.Intern(fields[*source_]);
    return true;
  }

 private:
  bool ResolveProduct(std::string_view raw, std::size_t column, ChunkColumns& out, std::uint32_t& id,
                      RowError& error) const {
    if (const auto found = out.product_cache.find(raw); found != out.product_cache.end()) {
      if (found->second >= 0) {
        id = static_cast<std::uint32_t>(found->second);
        return true;
      }
    } else {
      const std::string_view text = Trim(raw);
      std::string canonical;
      if (Lower(text) == "total") {
        canonical = "TOTAL";
      } else if (IsHsDigits(text)) {
        canonical = std::string(text);
      } else if (const ProductGroup* group = reference_.FindProductGroup(text)) {
        canonical = group->code;
      }
      const std::int32_t local = canonical.empty() ? -1 : static_cast<std::int32_t>(out.products.Intern(canonical));
      out.product_cache.emplace(std::string(raw), local);
      if (local >= 0) {
        id = static_cast<std::uint32_t>(local);
        return true;
      }
    }
    error = {InputErrorKind::kUnknownCode, column, std::string(raw),
             "a product: TOTAL, an HS code of 2, 4 or 6 digits, or a product group (CN-MECH-ELEC, ...)"};
    return false;
  }

  bool ResolveCurrency(std::string_view raw, std::size_t column, ChunkColumns& out, std::uint32_t& id,
                       RowError& error) const {
    if (const auto found = out.currency_cache.find(raw); found != out.currency_cache.end()) {
      if (found->second >= 0) {
        id = static_cast<std::uint32_t>(found->second);
        return true;
      }
    } else {
      const std::string_view text = Trim(raw);
      std::int32_t local = -1;
      if (text.size() == 3 && reference_.IsCurrency(text)) {
        std::string upper(text);
        std::ranges::transform(upper, upper.begin(), [](unsigned char c) { return std::toupper(c); });
        local = static_cast<std::int32_t>(out.currencies.Intern(upper));
      }
      out.currency_cache.emplace(std::string(raw), local);
      if (local >= 0) {
        id = static_cast<std::uint32_t>(local);
        return true;
      }
    }
    error = {InputErrorKind::kUnknownCurrency, column, std::string(raw), "an ISO 4217 currency code (USD, CNY, ...)"};
    return false;
  }

  const Reference& reference_;
  std::size_t index_[8] = {};
  std::optional<std::size_t> source_;
  std::size_t field_count_;
};

// ---------------------------------------------------------------------------------------------- BACI
constexpr std::int32_t kUnseen = -2;

class BaciParser : public RowParser {
 public:
  BaciParser(const std::string& file, const Reference& reference, const ReadOptions& options) {
    const std::string codes_path = FindCountryCodes(file, options);
    LoadCountryCodes(codes_path, reference);
  }

  InputFormat format() const override { return InputFormat::kBaci; }
  std::size_t field_count() const override { return 6; }
  bool has_quantity() const override { return true; }
  bool has_source_keys() const override { return codes_injective_; }

  bool Parse(const std::vector<std::string_view>& fields, ChunkColumns& out, RowError& error) const override {
    std::int32_t year = 0;
    if (!ParseSmallUint(Trim(fields[0]), year) || year < 1000 || year > 2999) {
      error = {InputErrorKind::kBadPeriod, 1, std::string(fields[0]), "a year YYYY"};
      return false;
    }
    std::int32_t codes[2] = {};
    for (std::size_t side = 0; side < 2; ++side) {
      if (!ParseSmallUint(Trim(fields[1 + side]), codes[side]) || !IsKnownCode(codes[side])) {
        error = {InputErrorKind::kUnknownCode, 2 + side, std::string(fields[1 + side]),
                 fmt::format("a country_code listed in {}", codes_name_)};
        return false;
      }
    }
    const std::string_view k = Trim(fields[3]);
    std::int32_t k_number = 0;
    if ((k.size() != 5 && k.size() != 6) || !ParseSmallUint(k, k_number)) {
      error = {InputErrorKind::kUnknownCode, 4, std::string(fields[3]),
               "a 6-digit HS code (5 digits when BACI dropped the leading zero)"};
      return false;
    }
    double value = 0.0;
    if (!ParseAmount(fields[4], 5, value, error)) return false;
    float quantity = std::numeric_limits<float>::quiet_NaN();
    const std::string_view q = Trim(fields[5]);
    if (!q.empty() && q != "NA") {
      double parsed = 0.0;
      if (!ParseAmount(fields[5], 6, parsed, error)) return false;
      quantity = static_cast<float>(parsed);
    }
    AppendRow(out, static_cast<std::uint32_t>(year), static_cast<std::uint32_t>(codes[0]),
              static_cast<std::uint32_t>(codes[1]), static_cast<std::uint32_t>(k_number), value, quantity);
    return true;
  }

  // The plain line: t,i,j,k,v,q with digits only in t, i, j, k, unsigned decimals in v and q (q may be empty).
  const char* ParseLine(const char* p, const char* end, ChunkColumns& out) const override {
    // A BACI file is sorted by t, i, j: most lines start with the same "t,i,j," as the line before, whose
    // resolution is then reused when the bytes are the same.
    LinePrefix& prefix = out.line_prefix;
    const char* const line = p;
    const bool same_prefix = prefix.length != 0 && end - p >= 16 && prefix.Matches(p);
    std::uint32_t year = 0;
    std::uint32_t exporter = 0;
    std::uint32_t importer = 0;
    if (same_prefix) {
      p += prefix.length;
    } else if ((p = DigitsField(p, end, 4, year)) == nullptr || (p = DigitsField(p, end, 9, exporter)) == nullptr ||
               (p = DigitsField(p, end, 9, importer)) == nullptr || year < 1000 || year > 2999 ||
               !IsKnownCode(static_cast<std::int32_t>(exporter)) || !IsKnownCode(static_cast<std::int32_t>(importer))) {
      return nullptr;
    }
    const char* const k_start = p;
    std::uint32_t k = 0;
    if ((p = DigitsField(p, end, 6, k)) == nullptr || p - k_start < 6 /* 5 digits and the comma */) return nullptr;
    double value = 0.0;
    if ((p = PlainDecimal(p, end, value)) == nullptr || p == end || *p != ',') return nullptr;
    ++p;
    float quantity = std::numeric_limits<float>::quiet_NaN();
    if (p != end && *p != '\n' && *p != '\r') {
      double parsed = 0.0;
      if ((p = PlainDecimal(p, end, parsed)) == nullptr) return nullptr;
      quantity = static_cast<float>(parsed);
    }
    if (p != end) {
      if (*p == '\r' && p + 1 != end && p[1] == '\n') ++p;
      if (*p != '\n') return nullptr;
      ++p;
    }
    // Ids are made only for a line that is whole, so that a bad line leaves the chunk's dictionaries as they were.
    if (!same_prefix) {
      prefix.Remember(line, end, static_cast<std::size_t>(k_start - line), ResolveKey(out, year, exporter, importer));
    }
    AppendResolved(out, prefix.ids, k, value, quantity);
    return p;
  }

 private:
  // 1 to max_digits digits and a comma; returns the position after the comma.
  [[gnu::always_inline]] static const char* DigitsField(const char* p, const char* end, int max_digits,
                                                        std::uint32_t& value) {
    if (swar::kAvailable && end - p >= 8) {
      const std::uint64_t word = swar::Load8(p);
      const int count = swar::LeadingDigits(word);
      if (count < 8) {  // the digits end inside the word (the comma is in it too); else the long way below
        if (count == 0 || count > max_digits || p[count] != ',') return nullptr;
        value = swar::DigitsValue(word, count);
        return p + count + 1;
      }
    }
    const char* const start = p;
    std::uint32_t number = 0;
    while (p != end && *p >= '0' && *p <= '9') {
      if (p - start == max_digits) return nullptr;
      number = number * 10 + static_cast<std::uint32_t>(*p - '0');
      ++p;
    }
    if (p == start || p == end || *p != ',') return nullptr;
    value = number;
    return p + 1;
  }

  // An unsigned finite decimal starting with a digit or a point; returns the position after it. The plain
  // form (digits and a point, no exponent) with a mantissa of at most 2^53 and at most 22 decimals is
  // converted here: mantissa and power of ten are then exact doubles, so the one division rounds correctly
  // (Clinger 1990) and gives fast_float's result, faster. Anything else is fast_float's.
  static const char* PlainDecimal(const char* p, const char* end, double& value) {
    static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    // Up to 7 digits before and after the point, read a word at a time; the same conversion as below (at most
    // 14 digits: the mantissa is below 2^53).
    if (swar::kAvailable && end - p >= 16) {
      const std::uint64_t word = swar::Load8(p);
      const int integer_digits = swar::LeadingDigits(word);
      if (integer_digits < 8) {
        const char* q = p + integer_digits;
        std::uint64_t mantissa = integer_digits > 0 ? swar::DigitsValue(word, integer_digits) : 0;
        int decimals = 0;
        if (*q == '.') {
          ++q;  // at most p + 8, so the next eight bytes are readable
          const std::uint64_t fraction = swar::Load8(q);
          decimals = swar::LeadingDigits(fraction);
          if (decimals > 0 && decimals < 8) {
            static constexpr std::uint32_t kScales[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
            mantissa = mantissa * kScales[decimals] + swar::DigitsValue(fraction, decimals);
            q += decimals;
          }
        }
        if (decimals < 8 && integer_digits + decimals > 0 && *q != 'e' && *q != 'E') {
          value = static_cast<double>(mantissa) / kPowersOfTen[decimals];
          return q;
        }
      }
    }
    if (p == end || !((*p >= '0' && *p <= '9') || *p == '.')) return nullptr;
    const char* q = p;
    std::uint64_t mantissa = 0;
    int digits = 0;
    int decimals = 0;
    for (; q != end && static_cast<unsigned>(*q - '0') <= 9; ++q, ++digits) mantissa = mantissa * 10 + (*q - '0');
    if (q != end && *q == '.') {
      for (++q; q != end && static_cast<unsigned>(*q - '0') <= 9; ++q, ++decimals) {
        mantissa = mantissa * 10 + (*q - '0');
      }
    }
    digits += decimals;
    if (digits > 0 && digits <= 19 && decimals <= 22 && mantissa <= (std::uint64_t{1} << 53) &&
        (q == end || (*q != 'e' && *q != 'E'))) {
      value = static_cast<double>(mantissa) / kPowersOfTen[decimals];
      return q;
    }
    const auto result = fast_float::from_chars(p, end, value);
    if (result.ec != std::errc() || !std::isfinite(value)) return nullptr;
    return result.ptr;
  }

  bool IsKnownCode(std::int32_t code) const {
    return code < static_cast<std::int32_t>(canonical_.size()) && !canonical_[code].empty();
  }

  // Both paths end here, so a row is the same whichever read it.
  void AppendRow(ChunkColumns& out, std::uint32_t year, std::uint32_t exporter, std::uint32_t importer, std::uint32_t k,
                 double value_thousands, float quantity) const {
    AppendResolved(out, ResolveKey(out, year, exporter, importer), k, value_thousands, quantity);
  }

  // The chunk-local ids of a line's "t,i,j," and the start of its source key.
  KeyIds ResolveKey(ChunkColumns& out, std::uint32_t year, std::uint32_t exporter, std::uint32_t importer) const {
    if (out.int_period_cache.empty()) {  // the chunk's first row
      out.int_period_cache.assign(3000, kUnseen);
      out.int_economy_cache.assign(canonical_.size(), kUnseen);
      out.currencies.Intern("USD");
    }
    std::int32_t& period = out.int_period_cache[year];
    if (period == kUnseen) period = static_cast<std::int32_t>(out.InternPeriod(Period::Year(static_cast<int>(year))));
    KeyIds ids;
    ids.period = static_cast<std::uint32_t>(period);
    ids.exporter = EconomyId(exporter, out);
    ids.importer = EconomyId(importer, out);
    // The key (t, i, j, k) as one number needs codes of at most 3 digits.
    ids.has_source_key = codes_injective_ && exporter < 1000 && importer < 1000;
    ids.source_key_base = ((static_cast<std::uint64_t>(year) * 1000 + exporter) * 1000 + importer) * 1000000;
    return ids;
  }

  void AppendResolved(ChunkColumns& out, const KeyIds& ids, std::uint32_t k, double value_thousands,
                      float quantity) const {
    std::int32_t product = out.int_product_cache.Find(k);
    if (product == IntIdCache::kMissing) {
      char padded[7];
      fmt::format_to_n(padded, 6, "{:06}", k);
      product = static_cast<std::int32_t>(out.products.Intern(std::string_view(padded, 6)));
      out.int_product_cache.Insert(k, product);
    }
    const std::size_t row = out.Append(ids.exporter, ids.importer, Flow::kExports, static_cast<std::uint32_t>(product),
                                       ids.period, 0, value_thousands * 1000.0);  // v is in thousands of US dollars
    out.block.quantity[row] = quantity;
    if (!codes_injective_) return;
    if (!ids.has_source_key) {
      out.keys_increasing = false;
      return;
    }
    out.NoteSourceKey(ids.source_key_base + k);
  }

  std::uint32_t EconomyId(std::uint32_t code, ChunkColumns& out) const {
    std::int32_t& local = out.int_economy_cache[code];
    if (local == kUnseen) local = static_cast<std::int32_t>(out.economies.Intern(canonical_[code]));
    return static_cast<std::uint32_t>(local);
  }

  static std::string FindCountryCodes(const std::string& file, const ReadOptions& options) {
    namespace fs = std::filesystem;
    if (!options.baci_country_codes.empty()) return options.baci_country_codes;
    std::vector<std::string> found;
    if (file != "-" && file != "<stdin>") {
      std::error_code ec;
      fs::path dir = fs::path(file).parent_path();
      if (dir.empty()) dir = ".";
      for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("country_codes_V") && name.ends_with(".csv")) found.push_back(entry.path().string());
      }
    }
    if (found.empty()) {
      throw InputException(
          InputError{InputErrorKind::kIo,
                     file,
                     0,
                     0,
                     {},
                     "BACI's country_codes_V*.csv beside the data file (or name it with --baci-codes)"});
    }
    // Several releases side by side: the highest version name wins (V202401 after V202301).
    std::ranges::sort(found);
    return found.back();
  }

  void LoadCountryCodes(const std::string& path, const Reference& reference) {
    codes_name_ = std::filesystem::path(path).filename().string();
    const InputBytes bytes = InputBytes::Load(path);
    std::string_view data = bytes.view();
    if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
    RecordReader reader(data, 0, data.size());
    if (reader.Next() != RecordStatus::kOk) {
      throw InputException(InputError{InputErrorKind::kEmpty, path, 0, 0, {}, "a header line"});
    }
    std::vector<std::string> names;
    for (const auto field : reader.fields()) names.push_back(Lower(Trim(field)));
    const auto code_column = FindColumn(names, "country_code");
    auto iso3_column = FindColumn(names, "country_iso3");
    if (!iso3_column) iso3_column = FindColumn(names, "iso_3digit_alpha");
    if (!code_column || !iso3_column) {
      ThrowHeader(path, 0, fmt::format("{}", fmt::join(names, ",")),
                  "BACI country codes columns country_code and country_iso3 (or iso_3digit_alpha)");
    }
    // 1-based line of the next record; the header may itself span lines inside quotes.
    std::size_t line = 2 + reader.lines_before() + reader.lines_inside();
    while (true) {
      const RecordStatus status = reader.Next();
      line += reader.lines_before();
      if (status == RecordStatus::kEnd) break;
      const std::size_t record_line = line;
      line += reader.lines_inside() + 1;
      if (status != RecordStatus::kOk) {
        throw InputException(InputError{InputErrorKind::kQuoting,
                                        path,
                                        record_line,
                                        reader.bad_field() + 1,
                                        {},
                                        "a quote only at the start and end of a field"});
      }
      const auto& fields = reader.fields();
      if (fields.size() != names.size()) {
        throw InputException(InputError{InputErrorKind::kColumnCount, path, record_line, 0,
                                        fmt::format("{} fields", fields.size()),
                                        fmt::format("{} fields as in the header", names.size())});
      }
      std::int32_t code = 0;
      if (!ParseSmallUint(Trim(fields[*code_column]), code) || code > 99999) {
        throw InputException(InputError{InputErrorKind::kBadNumber, path, record_line, *code_column + 1,
                                        std::string(fields[*code_column]), "a numeric country code"});
      }
      const std::string_view iso3 = Trim(fields[*iso3_column]);
      std::string canonical;
      if (const tradeshock::Economy* economy = reference.FindEconomy(iso3)) {
        canonical = economy->code;
      } else if (!iso3.empty() && iso3 != "NA") {
        // BACI's own aggregates without an ISO code (S19 "Other Asia, nes"): kept verbatim so that world
        // totals stay complete; see docs/FORMATS.md.
        canonical = std::string(iso3);
      } else {
        continue;
      }
      if (static_cast<std::size_t>(code) >= canonical_.size()) canonical_.resize(code + 1);
      canonical_[code] = canonical;
    }
    // Two codes for one economy (a renamed country kept under both) would let distinct source keys give one
    // table key, so only a one-to-one list lets sorted keys stand for unique ones.
    std::vector<std::string> listed;
    for (const std::string& canonical : canonical_) {
      if (!canonical.empty()) listed.push_back(canonical);
    }
    std::ranges::sort(listed);
    codes_injective_ = std::ranges::adjacent_find(listed) == listed.end();
  }

  std::vector<std::string> canonical_;  // BACI numeric code -> canonical economy code ("" unknown)
  std::string codes_name_;
  bool codes_injective_ = false;
};

// ---------------------------------------------------------------------------------------------- Comtrade
class ComtradeParser : public RowParser {
 public:
  ComtradeParser(const std::vector<std::string>& names, const std::string& file, const Reference& reference)
      : reference_(reference), field_count_(names.size()) {
    const auto require = [&](std::string_view name) {
      const auto column = FindColumn(names, name);
      if (!column) {
        ThrowHeader(file, 0, fmt::format("{}", fmt::join(names, ",")),
                    fmt::format("a Comtrade column named '{}' (needs period, reporterISO or reporterCode, "
                                "partnerISO or partnerCode, flowCode, cmdCode, primaryValue)",
                                name));
      }
      return *column;
    };
    period_ = require("period");
    flow_ = require("flowCode");
    product_ = require("cmdCode");
    value_ = require("primaryValue");
    reporter_iso_ = FindColumn(names, "reporterISO");
    reporter_code_ = FindColumn(names, "reporterCode");
    partner_iso_ = FindColumn(names, "partnerISO");
    partner_code_ = FindColumn(names, "partnerCode");
    if (!reporter_iso_ && !reporter_code_) require("reporterISO");
    if (!partner_iso_ && !partner_code_) require("partnerISO");
    partner2_code_ = FindColumn(names, "partner2Code");
    mot_code_ = FindColumn(names, "motCode");
    customs_code_ = FindColumn(names, "customsCode");
  }

  InputFormat format() const override { return InputFormat::kComtrade; }
  std::size_t field_count() const override { return field_count_; }

  bool Parse(const std::vector<std::string_view>& fields, ChunkColumns& out, RowError& error) const override {
    // Breakdowns by second partner, mode of transport or customs procedure repeat the total row.
    if (partner2_code_ && !IsTotalCode(fields[*partner2_code_], "0")) return true;
    if (mot_code_ && !IsTotalCode(fields[*mot_code_], "0")) return true;
    if (customs_code_ && !IsTotalCode(fields[*customs_code_], "C00")) return true;

    const std::string_view flow_text = Trim(fields[flow_]);
    Flow flow = Flow::kExports;
    if (flow_text == "X") {
      flow = Flow::kExports;
    } else if (flow_text == "M") {
      flow = Flow::kImports;
    } else if (flow_text == "RX" || flow_text == "RM" || flow_text == "DX" || flow_text == "FM") {
      return true;  // re-exports, re-imports, domestic exports, foreign imports: parts of X and M
    } else {
      error = {InputErrorKind::kBadFlow, flow_ + 1, std::string(fields[flow_]),
               "a Comtrade flowCode X or M (RX, RM, DX, FM are skipped)"};
      return false;
    }
    std::uint32_t reporter = 0;
    std::uint32_t partner = 0;
    if (!Economy(fields, reporter_iso_, reporter_code_, out, reporter, error)) return false;
    if (!Economy(fields, partner_iso_, partner_code_, out, partner, error)) return false;

    std::uint32_t period = 0;
    const std::string_view period_text = Trim(fields[period_]);
    if (const auto found = out.period_cache.find(period_text); found != out.period_cache.end() && found->second >= 0) {
      period = static_cast<std::uint32_t>(found->second);
    } else {
      std::int32_t number = 0;
      std::optional<Period> parsed;
      if (ParseSmallUint(period_text, number)) {
        if (period_text.size() == 4 && number >= 1000 && number <= 2999) parsed = Period::Year(number);
        if (period_text.size() == 6 && number / 100 >= 1000 && number / 100 <= 2999 && number % 100 >= 1 &&
            number % 100 <= 12) {
          parsed = Period::Month(number / 100, number % 100);
        }
      }
      if (!parsed) {
        error = {InputErrorKind::kBadPeriod, period_ + 1, std::string(fields[period_]),
                 "a Comtrade period YYYY or YYYYMM"};
        return false;
      }
      period = out.InternPeriod(*parsed);
      out.period_cache.emplace(std::string(period_text), static_cast<std::int32_t>(period));
    }

    const std::string_view product_text = Trim(fields[product_]);
    std::string product_code;
    if (product_text == "TOTAL") {
      product_code = "TOTAL";
    } else if (IsHsDigits(product_text)) {
      product_code = std::string(product_text);
    } else {
      error = {InputErrorKind::kUnknownCode, product_ + 1, std::string(fields[product_]),
               "a cmdCode TOTAL or an HS code of 2, 4 or 6 digits"};
      return false;
    }
    double value = 0.0;
    if (!ParseAmount(fields[value_], value_ + 1, value, error)) return false;
    if (out.currencies.texts.empty()) out.currencies.Intern("USD");
    out.Append(reporter, partner, flow, out.products.Intern(product_code), period, 0, value);
    return true;
  }

 private:
  static bool IsTotalCode(std::string_view raw, std::string_view total) {
    const std::string_view text = Trim(raw);
    return text.empty() || text == total;
  }

  bool Economy(const std::vector<std::string_view>& fields, const std::optional<std::size_t>& iso_column,
               const std::optional<std::size_t>& code_column, ChunkColumns& out, std::uint32_t& id,
               RowError& error) const {
    if (iso_column && !Trim(fields[*iso_column]).empty()) {
      const std::string_view iso = Trim(fields[*iso_column]);
      if (iso == "W00") return Intern("WLD", out, id);
      return ResolveEconomy(reference_, iso, *iso_column + 1, out, id, error);
    }
    if (!code_column) {
      error = {InputErrorKind::kUnknownCode, *iso_column + 1, "", kEconomyExpected};
      return false;
    }
    const std::string_view code = Trim(fields[*code_column]);
    // Comtrade's numeric codes follow ISO 3166-1 except for a few historical ones.
    static constexpr std::pair<std::string_view, std::string_view> kComtradeCodes[] = {
        {"0", "WLD"}, {"842", "USA"}, {"251", "FRA"}, {"699", "IND"}, {"757", "CHE"}, {"579", "NOR"}};
    for (const auto& [comtrade, canonical] : kComtradeCodes) {
      if (code == comtrade) return Intern(canonical, out, id);
    }
    if (!AllDigits(code)) {
      error = {InputErrorKind::kUnknownCode, *code_column + 1, std::string(fields[*code_column]),
               "a Comtrade numeric country code"};
      return false;
    }
    return ResolveEconomy(reference_, code, *code_column + 1, out, id, error);
  }

  static bool Intern(std::string_view canonical, ChunkColumns& out, std::uint32_t& id) {
    id = out.economies.Intern(canonical);
    return true;
  }

  const Reference& reference_;
  std::size_t field_count_;
  std::size_t period_ = 0, flow_ = 0, product_ = 0, value_ = 0;
  std::optional<std::size_t> reporter_iso_, reporter_code_, partner_iso_, partner_code_;
  std::optional<std::size_t> partner2_code_, mot_code_, customs_code_;
};

InputFormat Detect(const std::vector<std::string>& names) {
  static const std::vector<std::string> kBaci = {"t", "i", "j", "k", "v", "q"};
  if (names == kBaci) return InputFormat::kBaci;
  if (FindColumn(names, "reporter") && FindColumn(names, "partner")) return InputFormat::kLong;
  if (FindColumn(names, "primaryValue") || FindColumn(names, "cmdCode") || FindColumn(names, "flowCode")) {
    return InputFormat::kComtrade;
  }
  return InputFormat::kAuto;
}

}  // namespace

std::optional<double> UnitScale(std::string_view unit) { return tradeshock::UnitScale(unit); }

std::unique_ptr<RowParser> MakeRowParser(const std::vector<std::string_view>& header, const std::string& file,
                                         const Reference& reference, const ReadOptions& options) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!IsValidUtf8(header[i])) {
      throw InputException(InputError{InputErrorKind::kEncoding, file, 1, i + 1, std::string(header[i]), "UTF-8 text"});
    }
    names.push_back(Lower(Trim(header[i])));
  }
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) format = Detect(names);
  switch (format) {
    case InputFormat::kLong:
      return std::make_unique<LongParser>(names, file, reference);
    case InputFormat::kBaci:
      if (names != std::vector<std::string>{"t", "i", "j", "k", "v", "q"}) {
        ThrowHeader(file, 0, fmt::format("{}", fmt::join(names, ",")), "the BACI header t,i,j,k,v,q");
      }
      return std::make_unique<BaciParser>(file, reference, options);
    case InputFormat::kComtrade:
      return std::make_unique<ComtradeParser>(names, file, reference);
    case InputFormat::kAuto:
      break;
  }
  ThrowHeader(file, 0, fmt::format("{}", fmt::join(header, ",")),
              "a long CSV header (reporter,partner,flow,product,period,value,currency,unit), BACI (t,i,j,k,v,q) "
              "or UN Comtrade (period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue,...)");
}

}  // namespace tradeshock::io_internal
