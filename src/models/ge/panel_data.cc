// Reading a GE panel: the data frame (src/io's RFC 4180 reader through gravity::ReadDataFrame), the year's
// cross-section, derived columns and pair matrices, with located errors for bad cells.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/csv_reader.h"
#include "core/csv_record.h"
#include "io/input_bytes.h"
#include "panel_internal.h"
#include "tradeshock/error.h"
#include "tradeshock/ge_panel.h"

namespace tradeshock::ge_internal {
namespace {

struct CellPlace {
  std::size_t line = 0;
  std::size_t column = 0;
};

// 1-based byte column of `field` in its line: exact when the field lies in the buffer (every field but a
// quoted one with doubled quotes), else counted from the fields before it.
std::size_t ByteColumn(std::string_view bytes, const std::vector<std::string_view>& fields, std::size_t field) {
  const char* at = fields[field].data();
  if (at >= bytes.data() && at <= bytes.data() + bytes.size()) {
    const std::size_t offset = static_cast<std::size_t>(at - bytes.data());
    const std::size_t newline = offset == 0 ? std::string_view::npos : bytes.rfind('\n', offset - 1);
    return offset - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
  }
  std::size_t column = 1;
  for (std::size_t k = 0; k < field; ++k) column += fields[k].size() + 1;
  return column;
}

// Walks the records as gravity::ParseDataFrame does (BOM, leading '#' comment lines, header, blank lines,
// line breaks inside quotes) to data row `row`. Returns {} when the file cannot be read again.
CellPlace PlaceOfCell(const std::string& source, std::size_t row, std::size_t field) {
  if (source.empty() || source == "<stdin>") return {};
  try {
    const io_internal::InputBytes input = io_internal::InputBytes::Load(source);
    const std::string_view bytes = input.view();
    std::size_t begin = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    std::size_t line = 1;
    while (begin < bytes.size() && bytes[begin] == '#') {
      const std::size_t newline = bytes.find('\n', begin);
      begin = newline == std::string_view::npos ? bytes.size() : newline + 1;
      ++line;
    }
    csv_internal::RecordReader reader(bytes, begin, bytes.size());
    if (reader.Next() != csv_internal::RecordStatus::kOk) return {};
    line += reader.lines_before() + reader.lines_inside();
    for (std::size_t r = 0;; ++r) {
      if (reader.Next() != csv_internal::RecordStatus::kOk) return {};
      line += 1 + reader.lines_before();
      if (r == row) {
        if (field >= reader.fields().size()) return {line, 0};
        return {line, ByteColumn(bytes, reader.fields(), field)};
      }
      line += reader.lines_inside();
    }
  } catch (const Error&) {
    return {};
  }
}

}  // namespace

const gravity::Column& RequireColumn(const gravity::DataFrame& data, const std::string& name, const std::string& role,
                                     const std::string& set_by) {
  const gravity::Column* column = data.Find(name);
  if (column != nullptr) return *column;
  std::vector<std::string> names;
  for (const gravity::Column& present : data.columns) names.push_back(present.name);
  const std::string header = csv_internal::HeaderInMessage(names);
  throw InputException(
      InputError{InputErrorKind::kBadHeader, data.source, 1, 0, header,
                 fmt::format("a column '{}' ({}{}){}", name, role, set_by.empty() ? "" : "; named by " + set_by,
                             header.empty() ? fmt::format(" ({})", csv_internal::kNotCsvHint) : "")});
}

std::string CellText(const gravity::Column& column, std::size_t row) {
  if (!column.numeric) return column.levels[column.codes[row]];
  const double value = column.values[row];
  if (std::isnan(value)) return "";
  if (value == std::floor(value) && std::abs(value) < 1e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

void ThrowCellError(const gravity::DataFrame& data, const gravity::Column& column, std::size_t row, InputErrorKind kind,
                    const std::string& value, const std::string& expected) {
  const std::size_t field = static_cast<std::size_t>(&column - data.columns.data());
  const CellPlace place = PlaceOfCell(data.source, row, field);
  if (place.line == 0) {
    throw InputException(InputError{kind, data.source, 0, 0, Printable(value),
                                    fmt::format("{} (data row {}, column '{}')", expected, row + 1, column.name)});
  }
  throw InputException(InputError{kind, data.source, place.line, place.column, Printable(value), expected});
}

std::size_t FirstTextRow(const gravity::Column& column) {
  // The numbers before it were re-encoded as text, so the first level that prints as first_text_value is it.
  for (std::size_t r = 0; r < column.codes.size(); ++r) {
    if (Printable(column.levels[column.codes[r]]) == column.first_text_value) return r;
  }
  return 0;
}

void AddDerivedColumns(gravity::DataFrame& data, const std::vector<std::string>& names, const GePanelOptions& options) {
  const ge::PanelSpec& spec = options.panel;
  for (const std::string& name : names) {
    if (data.Find(name) != nullptr) continue;
    gravity::Column column;
    column.name = name;
    column.values.resize(data.rows);
    if (name == "intl_brdr" || name == "international") {
      const gravity::Column& exporter = RequireColumn(data, spec.exporter, "exporter codes", spec.columns_set_by);
      const gravity::Column& importer = RequireColumn(data, spec.importer, "importer codes", spec.columns_set_by);
      for (std::size_t r = 0; r < data.rows; ++r) column.values[r] = CellText(exporter, r) != CellText(importer, r);
      Tell(options, fmt::format("ge: derived column {} = 1 if {} != {}", name, spec.exporter, spec.importer));
    } else if (name.starts_with("ln_") && data.Find(name.substr(3)) != nullptr && data.Find(name.substr(3))->numeric) {
      const gravity::Column& source = *data.Find(name.substr(3));
      for (std::size_t r = 0; r < data.rows; ++r) {
        column.values[r] = source.values[r] > 0 ? std::log(source.values[r]) : std::nan("");
      }
      Tell(options, fmt::format("ge: derived column {} = log({})", name, source.name));
    } else {
      continue;  // left for the estimator or the policy lookup to report as unknown
    }
    data.columns.push_back(std::move(column));
  }
}

std::vector<std::uint8_t> YearMask(const gravity::DataFrame& data, const ge::PanelSpec& spec) {
  std::vector<std::uint8_t> mask(data.rows, 1);
  if (!spec.year) return mask;
  const gravity::Column& year = RequireColumn(data, spec.year_column, "the year of each row, for --year");
  if (!year.numeric) {
    ThrowCellError(data, year, FirstTextRow(year), InputErrorKind::kBadNumber, year.first_text_value,
                   fmt::format("a year (column '{}' is used by --year)", spec.year_column));
  }
  std::size_t kept = 0;
  for (std::size_t r = 0; r < data.rows; ++r) kept += mask[r] = year.values[r] == *spec.year;
  if (kept == 0) throw Error(fmt::format("ge: {}: no row has {} = {}", data.source, spec.year_column, *spec.year));
  return mask;
}

Eigen::MatrixXd PolicyValues(const gravity::DataFrame& data, const ge::CrossSection& section, const std::string& name) {
  const gravity::Column* column = data.Find(name);
  if (column == nullptr) throw Error(fmt::format("ge: {}: no column '{}' for the counterfactual", data.source, name));
  if (!column->numeric) {
    ThrowCellError(data, *column, FirstTextRow(*column), InputErrorKind::kBadNumber, column->first_text_value,
                   fmt::format("a number (column '{}' is a variable of the counterfactual)", name));
  }
  return ge::PairMatrix(section, column->values);
}

}  // namespace tradeshock::ge_internal

namespace tradeshock::ge {

CrossSection BuildCrossSection(const gravity::DataFrame& data, const std::vector<std::uint8_t>& mask,
                               const PanelSpec& spec) {
  using namespace ge_internal;
  const gravity::Column& exporter = RequireColumn(data, spec.exporter, "exporter codes", spec.columns_set_by);
  const gravity::Column& importer = RequireColumn(data, spec.importer, "importer codes", spec.columns_set_by);
  const gravity::Column& trade = RequireColumn(data, spec.trade, "trade flows", spec.columns_set_by);
  if (!trade.numeric) {
    ThrowCellError(data, trade, FirstTextRow(trade), InputErrorKind::kBadNumber, trade.first_text_value,
                   fmt::format("a number (column '{}' holds the trade flows)", spec.trade));
  }
  CrossSection section;
  std::vector<FlowRow> flows;
  for (std::size_t r = 0; r < data.rows; ++r) {
    if (!mask[r]) continue;
    const double value = trade.values[r];
    if (std::isnan(value)) {
      ThrowCellError(
          data, trade, r, InputErrorKind::kBadNumber, "",
          fmt::format("the flow {} -> {}; give 0 for no trade", CellText(exporter, r), CellText(importer, r)));
    }
    if (value < 0) ThrowCellError(data, trade, r, InputErrorKind::kNegativeValue, CellText(trade, r), "a flow >= 0");
    section.rows.push_back(r);
    flows.push_back({CellText(exporter, r), CellText(importer, r), value});
  }
  try {
    section.observed = BuildBaseline(flows);
  } catch (const InputException&) {
    throw;
  } catch (const Error& error) {
    throw Error(fmt::format("{}: {}", data.source, error.what()));
  }
  std::map<std::string, Eigen::Index> index;
  for (std::size_t i = 0; i < section.observed.economies.size(); ++i) {
    index[section.observed.economies[i]] = Eigen::Index(i);
  }
  for (const FlowRow& flow : flows) {
    section.exporter_index.push_back(index[flow.exporter]);
    section.importer_index.push_back(index[flow.importer]);
  }
  return section;
}

Eigen::MatrixXd PairMatrix(const CrossSection& section, const std::vector<double>& values) {
  const Eigen::Index n = section.observed.flows.rows();
  Eigen::MatrixXd matrix = Eigen::MatrixXd::Constant(n, n, std::nan(""));
  for (std::size_t k = 0; k < section.rows.size(); ++k) {
    matrix(section.exporter_index[k], section.importer_index[k]) = values[section.rows[k]];
  }
  return matrix;
}

Panel ReadPanel(const PanelSpec& spec) {
  Panel panel;
  panel.data = gravity::ReadDataFrame(spec.file);
  panel.year_mask = ge_internal::YearMask(panel.data, spec);
  panel.section = BuildCrossSection(panel.data, panel.year_mask, spec);
  return panel;
}

}  // namespace tradeshock::ge
