#include "io/io_table_layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace tradeshock::io_internal {
namespace {

constexpr std::array<std::string_view, 5> kWiodFinal = {"CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"};
constexpr std::array<std::string_view, 7> kIcioFinal = {"HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR", "NONRES"};
constexpr std::array<std::string_view, 8> kWiod2016Totals = {"II_fob", "TXSP", "EXP_adj", "PURR",
                                                             "PURNR",  "VA",   "IntTTM",  "GO"};
constexpr std::array<std::string_view, 4> kIcioTotals = {"TLS", "TAXSUB", "VA", "OUT"};
constexpr std::array<std::string_view, 5> kWiod2016Labels = {"IndustryCode", "IndustryDescription", "Country", "RNr",
                                                             "Year"};
// WIOD 2016: columns ECON1 ... ECON56 are the 56 industries, ECON57 ... ECON61 the final uses.
constexpr int kWiod2016Industries = 56;

template <std::size_t N>
bool IsOneOf(const std::array<std::string_view, N>& list, std::string_view text) {
  return std::ranges::find(list, text) != list.end();
}

bool IsEconomyCode(std::string_view text) {
  return !text.empty() && text.size() <= 8 &&
         std::ranges::all_of(text, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// "AUS.c1" (WIOD 2013) or "AUS_01T02" (ICIO): economy and code around the first `separator`.
std::optional<std::pair<std::string, std::string>> Split(std::string_view text, char separator) {
  const std::size_t at = text.find(separator);
  if (at == std::string_view::npos || at + 1 >= text.size() || !IsEconomyCode(text.substr(0, at))) return std::nullopt;
  return std::pair{std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
}

std::optional<IoColumn> Wiod2013Column(std::string_view field) {
  if (field == "GO") return IoColumn{IoColumnKind::kOutput, "", ""};
  auto parts = Split(field, '.');
  if (!parts) return std::nullopt;
  auto& [economy, code] = *parts;
  if (IsOneOf(kWiodFinal, code)) return IoColumn{IoColumnKind::kFinal, economy, code};
  const bool industry = code.size() >= 2 && code[0] == 'c' &&
                        std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!industry) return std::nullopt;
  return IoColumn{IoColumnKind::kSector, economy, code};
}

std::optional<IoColumn> IcioColumn(std::string_view field) {
  if (field == "OUT") return IoColumn{IoColumnKind::kOutput, "", ""};
  auto parts = Split(field, '_');
  if (!parts) return std::nullopt;
  auto& [economy, code] = *parts;
  if (IsOneOf(kIcioFinal, code)) return IoColumn{IoColumnKind::kFinal, economy, code};
  return IoColumn{IoColumnKind::kSector, economy, code};
}

// "AUS1" ... "ROW61": letters, then the number of the industry (1-56) or final use (57-61).
std::optional<IoColumn> Wiod2016Column(std::string_view field) {
  if (field == "TOT") return IoColumn{IoColumnKind::kOutput, "", ""};
  const auto digit = std::ranges::find_if(field, [](char c) { return c >= '0' && c <= '9'; });
  const std::string_view economy = field.substr(0, static_cast<std::size_t>(digit - field.begin()));
  const std::string_view number = field.substr(economy.size());
  if (economy.empty() || number.empty() || number.size() > 2 || number[0] == '0' ||
      !std::ranges::all_of(number, [](char c) { return c >= '0' && c <= '9'; }) || !IsEconomyCode(economy)) {
    return std::nullopt;
  }
  const int n = std::stoi(std::string(number));
  if (n <= kWiod2016Industries) return IoColumn{IoColumnKind::kSector, std::string(economy), std::string(number)};
  if (n <= kWiod2016Industries + static_cast<int>(kWiodFinal.size())) {
    return IoColumn{IoColumnKind::kFinal, std::string(economy),
                    std::string(kWiodFinal[static_cast<std::size_t>(n - kWiod2016Industries - 1)])};
  }
  return std::nullopt;
}

}  // namespace

std::optional<IoLayout> DetectIoLayout(const std::vector<std::string_view>& header) {
  if (header.size() < 3) return std::nullopt;
  if (header.front() == "row" && header.back() == "GO") return IoLayout::kWiod2013;
  if (header.front() == "IndustryCode" && header.back() == "TOT") return IoLayout::kWiod2016;
  if (header.back() == "OUT") return IoLayout::kOecdIcio;
  return std::nullopt;
}

std::optional<IoColumn> ClassifyIoColumn(IoLayout layout, std::string_view field, std::size_t index) {
  switch (layout) {
    case IoLayout::kWiod2013:
      if (index == 0) return field == "row" ? std::optional(IoColumn{}) : std::nullopt;
      return Wiod2013Column(field);
    case IoLayout::kOecdIcio:
      if (index == 0) return IoColumn{};  // "V1" in the 2021 release, empty in others
      return IcioColumn(field);
    case IoLayout::kWiod2016:
      if (IsOneOf(kWiod2016Labels, field)) return IoColumn{};
      return Wiod2016Column(field);
    case IoLayout::kAuto:
      break;
  }
  return std::nullopt;
}

std::string ExpectedIoColumn(IoLayout layout) {
  switch (layout) {
    case IoLayout::kWiod2013:
      return "a WIOD 2013 column: row, then ECONOMY.cN (industries), ECONOMY.CONS_h, CONS_np, CONS_g, GFCF or "
             "INVEN (final uses), and GO last";
    case IoLayout::kWiod2016:
      return "a WIOD 2016 column: IndustryCode, IndustryDescription, Country, RNr, Year, then ECONOMY1 ... "
             "ECONOMY56 (industries), ECONOMY57 ... ECONOMY61 (final uses), and TOT last";
    case IoLayout::kOecdIcio:
      return "an OECD ICIO column: ECONOMY_INDUSTRY, ECONOMY_HFCE, NPISH, GGFC, GFCF, INVNT, DPABR or NONRES "
             "(final uses), and OUT last";
    case IoLayout::kAuto:
      break;
  }
  return "a known input-output layout";
}

IoRowLabels FindIoRowLabels(IoLayout layout, const std::vector<std::string_view>& header) {
  IoRowLabels labels;
  if (layout != IoLayout::kWiod2016) return labels;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "IndustryCode") labels.industry_code = i;
    if (header[i] == "Country") labels.country = i;
    if (header[i] == "RNr") labels.number = i;
  }
  return labels;
}

std::optional<IoRow> ClassifyIoRow(IoLayout layout, const IoRowLabels& labels,
                                   const std::vector<std::string_view>& fields, IoRow& where) {
  if (layout == IoLayout::kWiod2016) {
    const std::string_view country = fields[*labels.country];
    const std::string_view code = fields[*labels.industry_code];
    const std::string_view number = fields[*labels.number];
    where.column = *labels.country + 1;
    where.text = fmt::format("{} {} {}", country, number, code);
    if (country == "TOT") {
      if (IsOneOf(kWiod2016Totals, code)) return IoRow{IoRowKind::kOther, "", std::string(code), "", 1, ""};
      return std::nullopt;
    }
    auto column = Wiod2016Column(fmt::format("{}{}", country, number));
    if (!column || column->kind != IoColumnKind::kSector || code.empty()) return std::nullopt;
    return IoRow{IoRowKind::kSector, column->economy, column->code, std::string(code), where.column, where.text};
  }
  const std::string_view label = fields[labels.label];
  where.column = labels.label + 1;
  where.text = std::string(label);
  if (layout == IoLayout::kOecdIcio && IsOneOf(kIcioTotals, label)) {
    return IoRow{IoRowKind::kOther, "", std::string(label), "", 1, ""};
  }
  auto column = layout == IoLayout::kWiod2013 ? Wiod2013Column(label) : IcioColumn(label);
  if (!column || column->kind != IoColumnKind::kSector) return std::nullopt;
  return IoRow{IoRowKind::kSector, column->economy, column->code, column->code, where.column, where.text};
}

std::string ExpectedIoRow(IoLayout layout) {
  switch (layout) {
    case IoLayout::kWiod2013:
      return "a sector label of the header (ECONOMY.cN)";
    case IoLayout::kWiod2016:
      return "a sector of the header (Country and RNr 1-56, with its IndustryCode) or a TOT row (II_fob, TXSP, "
             "EXP_adj, PURR, PURNR, VA, IntTTM, GO)";
    case IoLayout::kOecdIcio:
      return "a sector label of the header (ECONOMY_INDUSTRY) or TLS, TAXSUB, VA, OUT";
    case IoLayout::kAuto:
      break;
  }
  return "a sector label";
}

}  // namespace tradeshock::io_internal
