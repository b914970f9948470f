// The CEPII BACI row parser (t,i,j,k,v,q), with its fast path for plain lines and its country-codes file.

#include <filesystem>
#include <limits>

#include "core/csv_record.h"
#include "io/input_bytes.h"
#include "io/row_parser_common.h"
#include "io/swar_digits.h"

namespace tradeshock::io_internal {
using csv_internal::RecordReader;
using csv_internal::RecordStatus;

namespace {

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
    if (!std::isfinite(value * 1000.0)) {
      error = {InputErrorKind::kBadNumber, 5, std::string(fields[4]),
               "a value in thousands of US dollars that stays finite once multiplied by 1000 (at most 1.8e305)"};
      return false;
    }
    float quantity = std::numeric_limits<float>::quiet_NaN();
    const std::string_view q = Trim(fields[5]);
    if (!q.empty() && q != "NA") {
      double parsed = 0.0;
      if (!ParseAmount(fields[5], 6, parsed, error)) return false;
      if (parsed > std::numeric_limits<float>::max()) {
        error = {InputErrorKind::kBadNumber, 6, std::string(fields[5]), "a quantity of at most 3.4e38 tonnes"};
        return false;
      }
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
    if (!std::isfinite(value * 1000.0)) return nullptr;  // Parse says why
    ++p;
    float quantity = std::numeric_limits<float>::quiet_NaN();
    if (p != end && *p != '\n' && *p != '\r') {
      double parsed = 0.0;
      if ((p = PlainDecimal(p, end, parsed)) == nullptr || parsed > std::numeric_limits<float>::max()) return nullptr;
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
    // An underflow (1e-400) is left to Parse, which says why.
    if (result.ec != std::errc() || !std::isfinite(value) ||
        number_internal::Underflowed(std::string_view(p, static_cast<std::size_t>(result.ptr - p)), value)) {
      return nullptr;
    }
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

  // BACI's codes for areas without an ISO code hold a digit or a slash (S19, N/A); a typo of an ISO code
  // (three letters) does not.
  static bool IsAggregateCode(std::string_view code) {
    return std::ranges::any_of(code, [](char c) { return (c >= '0' && c <= '9') || c == '/'; });
  }

  // Long: the located reading loop of one small file (line numbers across quoted line breaks) with each
  // line's checks, which need that line; the classification of a code is IsAggregateCode.
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
      } else if (iso3.empty() || iso3 == "NA") {
        continue;
      } else if (IsAggregateCode(iso3) || reference.IsFormerCountry(iso3)) {
        // BACI's own aggregates without an ISO code (S19, N/A for "Other Asia, nes") and former countries
        // (CSK, SUN): kept verbatim so that world totals stay complete; see docs/FORMATS.md.
        canonical = std::string(iso3);
      } else {
        throw InputException(InputError{InputErrorKind::kUnknownCode, path, record_line, *iso3_column + 1,
                                        std::string(fields[*iso3_column]),
                                        "an ISO 3166-1 alpha-3 code, a former country's ISO 3166-3 code (CSK, "
                                        "SUN) or a BACI aggregate code with a digit or '/' (S19, N/A)"});
      }
      if (static_cast<std::size_t>(code) >= canonical_.size()) {
        canonical_.resize(code + 1);
        listed_on_.resize(code + 1, 0);
      }
      if (!canonical_[code].empty() && canonical_[code] != canonical) {
        throw InputException(InputError{
            InputErrorKind::kConflict, path, record_line, *code_column + 1, std::string(fields[*code_column]),
            fmt::format("a country_code listed for one economy (line {} lists it for {}, this line for {})",
                        listed_on_[code], canonical_[code], canonical)});
      }
      if (canonical_[code].empty()) listed_on_[code] = record_line;
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
  std::vector<std::size_t> listed_on_;  // BACI numeric code -> line of the code list that listed it
  std::string codes_name_;
  bool codes_injective_ = false;
};

}  // namespace

std::unique_ptr<RowParser> MakeBaciParser(const std::string& file, const Reference& reference,
                                          const ReadOptions& options) {
  return std::make_unique<BaciParser>(file, reference, options);
}

}  // namespace tradeshock::io_internal
