#include "io/row_parsers.h"

#include <fmt/format.h>

#include "core/csv_record.h"
#include "io/row_parser_common.h"
#include "io/trade_header.h"

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

bool NamesTradeColumn(const std::vector<std::string_view>& header) {
  // The columns each reader looks for (row_parsers_long.cc, row_parsers_comtrade.cc), lower case.
  static constexpr std::string_view kColumns[] = {
      "reporter",   "partner",      "flow",        "product",  "period",       "value",       "currency",
      "unit",       "primaryvalue", "cmdcode",     "flowcode", "reportercode", "partnercode", "reporteriso",
      "partneriso", "refyear",      "refperiodid", "fobvalue", "cifvalue"};
  std::vector<std::string> names;
  for (std::string_view field : header) names.push_back(Lower(Trim(field)));
  if (names == std::vector<std::string>{"t", "i", "j", "k", "v", "q"}) return true;
  return std::any_of(names.begin(), names.end(), [](const std::string& name) {
    return std::find(std::begin(kColumns), std::end(kColumns), name) != std::end(kColumns);
  });
}

std::optional<double> UnitScale(std::string_view unit) { return tradeshock::UnitScale(unit); }

std::unique_ptr<RowParser> MakeRowParser(const std::vector<std::string_view>& header, const std::string& file,
                                         const Reference& reference, const ReadOptions& options) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!csv_internal::IsValidUtf8(header[i])) {
      throw InputException(InputError{InputErrorKind::kEncoding, file, 1, i + 1, std::string(header[i]), "UTF-8 text"});
    }
    names.push_back(Lower(Trim(header[i])));
    // A column named twice would be read from whichever copy a parser looks up first: refuse it in every format.
    if (const auto first = FindColumn(names, names.back());
        first && *first + 1 < names.size() && !names.back().empty()) {
      ThrowHeader(file, i + 1, std::string(header[i]),
                  fmt::format("a column name used once (column {} has the same name)", *first + 1));
    }
  }
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) format = Detect(names);
  switch (format) {
    case InputFormat::kLong:
      return MakeLongParser(names, file, reference);
    case InputFormat::kBaci:
      if (names != std::vector<std::string>{"t", "i", "j", "k", "v", "q"}) {
        ThrowHeader(file, 0, fmt::format("{}", fmt::join(names, ",")), "the BACI header t,i,j,k,v,q");
      }
      return MakeBaciParser(file, reference, options);
    case InputFormat::kComtrade:
      return MakeComtradeParser(names, file, reference);
    case InputFormat::kAuto:
      break;
  }
  ThrowHeader(file, 0, fmt::format("{}", fmt::join(header, ",")),
              "a long CSV header (reporter,partner,flow,product,period,value,currency,unit), BACI (t,i,j,k,v,q) "
              "or UN Comtrade (period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue,...)");
}

}  // namespace tradeshock::io_internal
