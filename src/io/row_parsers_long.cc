// The long CSV row parser: reporter,partner,flow,product,period,value,currency,unit[,source] in any order.

#include <cmath>

#include "io/row_parser_common.h"

namespace tradeshock::io_internal {
namespace {

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
      error = {InputErrorKind::kBadUnit, index_[7] + 1, std::string(fields[index_[7]]), kUnitWordsExpected};
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

}  // namespace

std::unique_ptr<RowParser> MakeLongParser(const std::vector<std::string>& names, const std::string& file,
                                          const Reference& reference) {
  return std::make_unique<LongParser>(names, file, reference);
}

}  // namespace tradeshock::io_internal
