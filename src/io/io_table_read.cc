// The reading loop of input-output tables over the program's one CSV record reader (core/csv_reader.h); what
// labels mean per layout is io_table_layout.cc.
#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>

#include "core/csv_reader.h"
#include "core/number_range.h"
#include "io/input_bytes.h"
#include "io/io_table_layout.h"
#include "tradeshock/error.h"
#include "tradeshock/io_table.h"

namespace tradeshock {
namespace {

using csv_internal::CsvReader;
using io_internal::IoColumn;
using io_internal::IoColumnKind;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The header's meaning: one entry per field.
struct Frame {
  IoLayout layout = IoLayout::kAuto;
  std::vector<IoColumnKind> kinds;
  std::vector<std::size_t> target;  // kSector: sector index; kFinal: economy index
  std::vector<std::string> economies;
  std::vector<std::string> codes;  // industries as the columns name them
  io_internal::IoRowLabels labels;
  std::size_t output_column = kNone;
};

// Adds a sector column to the grid: economies in order, each with the first economy's industries.
void AddSectorColumn(const CsvReader& reader, std::size_t column, const IoColumn& c, Frame& frame,
                     std::size_t& in_economy) {
  const bool new_economy = frame.economies.empty() || frame.economies.back() != c.economy;
  if (new_economy) {
    if (!frame.economies.empty() && in_economy != frame.codes.size()) {
      reader.Fail(InputErrorKind::kBadHeader, column, c.economy + " " + c.code,
                  fmt::format("{} industries for {}, as for {}", frame.codes.size(), frame.economies.back(),
                              frame.economies.front()));
    }
    if (std::ranges::find(frame.economies, c.economy) != frame.economies.end()) {
      reader.Fail(InputErrorKind::kBadHeader, column, c.economy + " " + c.code,
                  "the sector columns of one economy side by side");
    }
    frame.economies.push_back(c.economy);
    in_economy = 0;
  }
  if (frame.economies.size() == 1) {
    if (std::ranges::find(frame.codes, c.code) != frame.codes.end()) {
      reader.Fail(InputErrorKind::kDuplicateKey, column, c.economy + " " + c.code, "each industry once");
    }
    frame.codes.push_back(c.code);
  } else if (in_economy >= frame.codes.size() || frame.codes[in_economy] != c.code) {
    reader.Fail(InputErrorKind::kBadHeader, column, c.economy + " " + c.code,
                fmt::format("industry {} of {} here (every economy with {}'s industries, in its order)",
                            in_economy < frame.codes.size() ? frame.codes[in_economy] : "none", c.economy,
                            frame.economies.front()));
  }
  // frame.target for sector columns is set by FinishFrame, once the industry count is known.
  ++in_economy;
}

void FinishFrame(const CsvReader& reader, Frame& frame, std::size_t in_economy) {
  if (frame.economies.empty()) reader.Fail(InputErrorKind::kBadHeader, 0, "", "sector columns");
  if (in_economy != frame.codes.size()) {
    reader.Fail(InputErrorKind::kBadHeader, 0, frame.economies.back(),
                fmt::format("{} industries for {}, as for {}", frame.codes.size(), frame.economies.back(),
                            frame.economies.front()));
  }
  if (frame.output_column == kNone) reader.Fail(InputErrorKind::kBadHeader, 0, "", "an output column last");
  std::size_t sector = 0;
  for (std::size_t i = 0; i < frame.kinds.size(); ++i) {
    if (frame.kinds[i] == IoColumnKind::kSector) frame.target[i] = sector++;
  }
  if (frame.layout == IoLayout::kWiod2016 &&
      (!frame.labels.industry_code || !frame.labels.country || !frame.labels.number)) {
    reader.Fail(InputErrorKind::kBadHeader, 1, "", "the label columns IndustryCode, Country and RNr");
  }
}

// Places one classified header field in the frame; faults at its 1-based `column`.
void AddColumn(const CsvReader& reader, std::size_t column, const IoColumn& c, Frame& frame, std::size_t& in_economy) {
  const std::string_view field = reader.fields()[column - 1];
  const bool data_seen = frame.economies.size() > 0 || frame.output_column != kNone;
  if (c.kind == IoColumnKind::kLabel && data_seen) {
    reader.Fail(InputErrorKind::kBadHeader, column, field, "label columns before the data columns");
  }
  if (frame.output_column != kNone) reader.Fail(InputErrorKind::kBadHeader, column, field, "the output column last");
  const bool final_seen = std::ranges::find(frame.kinds, IoColumnKind::kFinal) != frame.kinds.end();
  frame.kinds.push_back(c.kind);
  frame.target.push_back(kNone);
  if (c.kind == IoColumnKind::kSector) {
    if (final_seen) reader.Fail(InputErrorKind::kBadHeader, column, field, "every sector column before the final uses");
    AddSectorColumn(reader, column, c, frame, in_economy);
  } else if (c.kind == IoColumnKind::kFinal) {
    const auto found = std::ranges::find(frame.economies, c.economy);
    if (found == frame.economies.end()) {
      reader.Fail(InputErrorKind::kUnknownCode, column, field, "an economy of the sector columns");
    }
    frame.target.back() = static_cast<std::size_t>(found - frame.economies.begin());
  } else if (c.kind == IoColumnKind::kOutput) {
    frame.output_column = column - 1;
  }
}

Frame ReadHeader(CsvReader& reader, const IoReadOptions& options) {
  if (!reader.Next()) {
    throw InputException(InputError{InputErrorKind::kEmpty, reader.source(), 0, 0, "", "a header and sector rows"});
  }
  const std::vector<std::string_view>& header = reader.fields();
  Frame frame;
  frame.layout = options.layout;
  if (frame.layout == IoLayout::kAuto) {
    const auto detected = io_internal::DetectIoLayout(header);
    if (!detected) {
      reader.Fail(InputErrorKind::kBadHeader, 1, header.front(),
                  "an input-output table: a WIOD 2013 header (row,AUS.c1,...,GO), WIOD 2016 "
                  "(IndustryCode,...,AUS1,...,TOT) or OECD ICIO (V1,AUS_01T02,...,OUT)");
    }
    frame.layout = *detected;
  }
  std::size_t in_economy = 0;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto column = io_internal::ClassifyIoColumn(frame.layout, header[i], i);
    if (!column) reader.Fail(InputErrorKind::kBadHeader, i + 1, header[i], io_internal::ExpectedIoColumn(frame.layout));
    AddColumn(reader, i + 1, *column, frame, in_economy);
  }
  frame.labels = io_internal::FindIoRowLabels(frame.layout, header);
  FinishFrame(reader, frame, in_economy);
  return frame;
}

double ParseValue(const CsvReader& reader, std::size_t column) {
  std::string_view text = reader.fields()[column - 1];
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  double value = 0.0;
  const auto result = fast_float::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ptr != text.data() + text.size() || result.ec != std::errc() || !std::isfinite(value) ||
      number_internal::Underflowed(text, value)) {
    reader.Fail(InputErrorKind::kBadNumber, column, text, "a finite decimal number");
  }
  return value + 0.0;
}

// Sector rows come in the header's column order; a label out of place is named with what was expected.
void CheckRowPlace(const CsvReader& reader, const Frame& frame, const io_internal::IoRow& row, std::size_t sector) {
  const std::size_t n_industries = frame.codes.size();
  const std::size_t n_sectors = frame.economies.size() * n_industries;
  if (sector < n_sectors && row.economy == frame.economies[sector / n_industries] &&
      row.code == frame.codes[sector % n_industries]) {
    return;
  }
  const bool known = std::ranges::find(frame.economies, row.economy) != frame.economies.end() &&
                     std::ranges::find(frame.codes, row.code) != frame.codes.end();
  if (!known) {
    reader.Fail(InputErrorKind::kUnknownCode, row.column, row.text, "a sector of the header's columns");
  }
  reader.Fail(InputErrorKind::kConflict, row.column, row.text,
              sector < n_sectors
                  ? fmt::format("the row of {} {} here (sector rows in the header's column order, "
                                "each once)",
                                frame.economies[sector / n_industries], frame.codes[sector % n_industries])
                  : std::string("no more sector rows (each sector once)"));
}

// One sector row's values into the table; checks signs and the row's balance.
void ReadSectorRow(const CsvReader& reader, const Frame& frame, const IoReadOptions& options, std::size_t sector,
                   IoTable& table) {
  double uses = 0.0;
  std::size_t summed = 0;
  for (std::size_t i = 0; i < frame.kinds.size(); ++i) {
    if (frame.kinds[i] == IoColumnKind::kLabel) continue;
    const double value = ParseValue(reader, i + 1);
    if (frame.kinds[i] == IoColumnKind::kSector) {
      if (value < 0.0) {
        reader.Fail(InputErrorKind::kNegativeValue, i + 1, reader.fields()[i], "intermediate use >= 0");
      }
      table.intermediate(static_cast<Eigen::Index>(sector), static_cast<Eigen::Index>(frame.target[i])) = value;
    } else if (frame.kinds[i] == IoColumnKind::kFinal) {
      table.final_demand(static_cast<Eigen::Index>(sector), static_cast<Eigen::Index>(frame.target[i])) += value;
    } else {
      if (value < 0.0) reader.Fail(InputErrorKind::kNegativeValue, i + 1, reader.fields()[i], "gross output >= 0");
      table.output(static_cast<Eigen::Index>(sector)) = value;
      continue;
    }
    uses += value;
    ++summed;
  }
  const double output = table.output(static_cast<Eigen::Index>(sector));
  const double tolerance = options.rounding / 2 * static_cast<double>(summed + 1) + options.relative_tolerance * output;
  if (std::abs(output - uses) > tolerance) {
    reader.Fail(InputErrorKind::kConflict, frame.output_column + 1,
                fmt::format("output {:.6g} against uses {:.6g} (off by {:.6g})", output, uses, output - uses),
                fmt::format("output within {:.6g} of the sum of its intermediate and final uses (half the rounding "
                            "unit {} per value, plus relative tolerance {})",
                            tolerance, options.rounding, options.relative_tolerance));
  }
}

// The display name of industry `industry` from a row (WIOD 2016: IndustryCode); the same in every economy.
void NameIndustry(const CsvReader& reader, const Frame& frame, const io_internal::IoRow& row, std::size_t sector,
                  IoTable& table) {
  const std::size_t industry = sector % frame.codes.size();
  if (sector < frame.codes.size()) {
    if (std::ranges::find(table.industries, row.industry_name) != table.industries.end()) {
      reader.Fail(InputErrorKind::kDuplicateKey, frame.labels.industry_code.value_or(0) + 1, row.industry_name,
                  "each industry code once");
    }
    table.industries.push_back(row.industry_name);
  } else if (table.industries[industry] != row.industry_name) {
    reader.Fail(InputErrorKind::kConflict, frame.labels.industry_code.value_or(0) + 1, row.industry_name,
                fmt::format("industry code {} for RNr {}, as in {}", table.industries[industry], row.code,
                            frame.economies.front()));
  }
}

// The header alone says how large the matrices are: refuse one the bytes cannot hold before allocating them
// (each intermediate value takes at least 2 bytes, a digit and a comma), so that memory stays within a few
// times the input's size whatever the header claims.
void RequireRoomForRows(const CsvReader& reader, const Frame& frame, std::size_t bytes) {
  const std::size_t n = frame.economies.size() * frame.codes.size();
  const double needed = 2.0 * static_cast<double>(n) * static_cast<double>(n);
  if (static_cast<double>(bytes) >= needed) return;
  throw InputException(
      InputError{InputErrorKind::kEmpty, reader.source(), 0, 0, fmt::format("{} bytes", bytes),
                 fmt::format("at least {:.0f} bytes for the {} rows of {} values that the header's {} sectors need",
                             needed, n, n, n)});
}

IoTable ReadRows(CsvReader& reader, const Frame& frame, const IoReadOptions& options) {
  IoTable table;
  table.source = reader.source();
  table.layout = frame.layout;
  table.unit = options.unit;
  table.economies = frame.economies;
  const auto n = static_cast<Eigen::Index>(frame.economies.size() * frame.codes.size());
  table.intermediate = Eigen::MatrixXd::Zero(n, n);
  table.final_demand = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(frame.economies.size()));
  table.output = Eigen::VectorXd::Zero(n);
  std::size_t sector = 0;
  std::size_t last_line = 1;
  while (reader.Next()) {
    last_line = reader.line();
    reader.RequireFields(frame.kinds.size());
    io_internal::IoRow where;
    const auto row = io_internal::ClassifyIoRow(frame.layout, frame.labels, reader.fields(), where);
    if (!row)
      reader.Fail(InputErrorKind::kUnknownCode, where.column, where.text, io_internal::ExpectedIoRow(frame.layout));
    if (row->kind == io_internal::IoRowKind::kOther) continue;
    CheckRowPlace(reader, frame, *row, sector);
    NameIndustry(reader, frame, *row, sector, table);
    ReadSectorRow(reader, frame, options, sector, table);
    ++sector;
  }
  if (sector < static_cast<std::size_t>(n)) {
    const std::size_t industries = frame.codes.size();
    throw InputException(
        InputError{InputErrorKind::kEmpty, reader.source(), last_line + 1, 0, fmt::format("{} sector rows", sector),
                   fmt::format("a row for each of the {} sectors of the header (missing from {} {} on)", n,
                               frame.economies[sector / industries], frame.codes[sector % industries])});
  }
  return table;
}

}  // namespace

std::string_view ToString(IoLayout layout) {
  switch (layout) {
    case IoLayout::kAuto:
      return "auto";
    case IoLayout::kWiod2013:
      return "wiod2013";
    case IoLayout::kWiod2016:
      return "wiod2016";
    case IoLayout::kOecdIcio:
      return "icio";
  }
  return "unknown";
}

std::optional<IoLayout> ParseIoLayout(std::string_view text) {
  for (const IoLayout layout : {IoLayout::kAuto, IoLayout::kWiod2013, IoLayout::kWiod2016, IoLayout::kOecdIcio}) {
    if (text == ToString(layout)) return layout;
  }
  return std::nullopt;
}

IoReadOptions IoReadOptions::Defaults() { return IoReadOptions(); }

void IoReadOptions::Validate() const {
  if (!(rounding >= 0.0) || !std::isfinite(rounding)) {
    throw Error(fmt::format("io: IoReadOptions::rounding must be a number >= 0, got {}", rounding));
  }
  if (!(relative_tolerance >= 0.0) || !std::isfinite(relative_tolerance)) {
    throw Error(fmt::format("io: IoReadOptions::relative_tolerance must be a number >= 0, got {}", relative_tolerance));
  }
  if (max_inflated_bytes < 0) {
    throw Error(fmt::format("io: IoReadOptions::max_inflated_bytes must be >= 0, got {}", max_inflated_bytes));
  }
  if (!ParseIoLayout(ToString(layout))) {
    throw Error(fmt::format("io: IoReadOptions::layout is not a layout ({})", static_cast<int>(layout)));
  }
  if (unit.empty()) throw Error("io: IoReadOptions::unit must name the values' unit, got ''");
}

IoTable ReadIoTableBuffer(std::string_view bytes, const std::string& name, const IoReadOptions& options) {
  options.Validate();
  std::string inflated;
  if (io_internal::IsGzip(bytes)) {
    inflated = io_internal::Gunzip(bytes, name, options.max_inflated_bytes);
    bytes = inflated;
  }
  CsvReader reader(bytes, name, /*skip_comment_lines=*/true);
  reader.set_max_fields(csv_internal::kMaxIoTableFields);
  const Frame frame = ReadHeader(reader, options);
  RequireRoomForRows(reader, frame, bytes.size());
  return ReadRows(reader, frame, options);
}

IoTable ReadIoTable(const std::string& path, const IoReadOptions& options) {
  options.Validate();
  const io_internal::InputBytes bytes = io_internal::InputBytes::Load(path, options.max_inflated_bytes);
  return ReadIoTableBuffer(bytes.view(), path, options);
}

std::string IoTable::SectorLabel(std::size_t sector) const {
  return fmt::format("{}.{}", economies[EconomyOf(sector)], industries[IndustryOf(sector)]);
}

std::optional<std::size_t> IoTable::FindEconomy(std::string_view code) const {
  for (std::size_t i = 0; i < economies.size(); ++i) {
    if (economies[i] == code) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> IoTable::FindIndustry(std::string_view code) const {
  for (std::size_t i = 0; i < industries.size(); ++i) {
    if (industries[i] == code) return i;
  }
  return std::nullopt;
}

Eigen::VectorXd IoTable::ValueAdded() const { return output - intermediate.colwise().sum().transpose(); }

}  // namespace tradeshock
