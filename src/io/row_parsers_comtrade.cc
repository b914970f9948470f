// The UN Comtrade row parser (period, reporterISO/Code, partnerISO/Code, flowCode, cmdCode, primaryValue, ...).

#include "io/row_parser_common.h"

namespace tradeshock::io_internal {
namespace {

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
    // Breakdowns by second partner, mode of transport or customs procedure repeat the total row. A code
    // that is none of Comtrade's is an error, not a breakdown to skip.
    bool breakdown = false;
    if (!Breakdown(fields, partner2_code_, "0", "a Comtrade partner2Code (a number; 0 is the total)", breakdown,
                   error) ||
        !Breakdown(fields, mot_code_, "0", "a Comtrade motCode (a number; 0 is the total)", breakdown, error) ||
        !Breakdown(fields, customs_code_, "C00", "a Comtrade customsCode (C and two digits; C00 is the total)",
                   breakdown, error)) {
      return false;
    }
    if (breakdown) return true;

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
  // Sets `breakdown` when the column holds a code other than the total; fails on a code Comtrade does not use.
  static bool Breakdown(const std::vector<std::string_view>& fields, const std::optional<std::size_t>& column,
                        std::string_view total, const char* expected, bool& breakdown, RowError& error) {
    if (!column) return true;
    const std::string_view text = Trim(fields[*column]);
    if (text.empty() || text == total) return true;
    const bool customs = total.front() == 'C';
    const bool valid = customs ? text.size() == 3 && text.front() == 'C' && AllDigits(text.substr(1))
                               : text.size() <= 9 && AllDigits(text);
    if (!valid) {
      error = {InputErrorKind::kUnknownCode, *column + 1, std::string(fields[*column]), expected};
      return false;
    }
    breakdown = true;
    return true;
  }

  bool Economy(const std::vector<std::string_view>& fields, const std::optional<std::size_t>& iso_column,
               const std::optional<std::size_t>& code_column, ChunkColumns& out, std::uint32_t& id,
               RowError& error) const {
    const bool has_iso = iso_column && !Trim(fields[*iso_column]).empty();
    const bool has_code = code_column && !Trim(fields[*code_column]).empty();
    if (!has_iso && !has_code) {
      const std::size_t column = iso_column ? *iso_column : *code_column;
      error = {InputErrorKind::kUnknownCode, column + 1, "", kEconomyExpected};
      return false;
    }
    if (!has_iso) return EconomyFromCode(fields, *code_column, out, id, error);
    const std::string_view iso = Trim(fields[*iso_column]);
    if (iso == "W00") {
      Intern("WLD", out, id);
    } else if (!ResolveEconomy(reference_, iso, *iso_column + 1, out, id, error)) {
      return false;
    }
    if (!has_code) return true;
    // Both given: they must name one economy.
    std::uint32_t from_code = 0;
    if (!EconomyFromCode(fields, *code_column, out, from_code, error)) return false;
    if (from_code != id) {
      error = {InputErrorKind::kConflict, *code_column + 1, std::string(fields[*code_column]),
               fmt::format("the numeric code of {} given in column {} ({} is {})", Printable(iso), *iso_column + 1,
                           Printable(Trim(fields[*code_column])), out.economies.texts[from_code])};
      return false;
    }
    return true;
  }

  bool EconomyFromCode(const std::vector<std::string_view>& fields, std::size_t code_column, ChunkColumns& out,
                       std::uint32_t& id, RowError& error) const {
    const std::string_view code = Trim(fields[code_column]);
    // Comtrade's numeric codes follow ISO 3166-1 except for a few historical ones.
    static constexpr std::pair<std::string_view, std::string_view> kComtradeCodes[] = {
        {"0", "WLD"}, {"842", "USA"}, {"251", "FRA"}, {"699", "IND"}, {"757", "CHE"}, {"579", "NOR"}};
    for (const auto& [comtrade, canonical] : kComtradeCodes) {
      if (code == comtrade) return Intern(canonical, out, id);
    }
    if (!AllDigits(code)) {
      error = {InputErrorKind::kUnknownCode, code_column + 1, std::string(fields[code_column]),
               "a Comtrade numeric country code"};
      return false;
    }
    return ResolveEconomy(reference_, code, code_column + 1, out, id, error);
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

}  // namespace

std::unique_ptr<RowParser> MakeComtradeParser(const std::vector<std::string>& names, const std::string& file,
                                              const Reference& reference) {
  return std::make_unique<ComtradeParser>(names, file, reference);
}

}  // namespace tradeshock::io_internal
