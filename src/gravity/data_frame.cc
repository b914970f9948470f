// Generic CSV -> typed columns. Numbers are parsed with fast_float; a column turns into text at its first
// non-number, re-encoding the values already read, so one pass suffices.
#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>

#include "io/csv_record.h"
#include "io/input_bytes.h"
#include "tradeshock/error.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool IsMissing(std::string_view text) { return text.empty() || text == "NA" || text == "." || text == "NaN"; }

bool ParseNumber(std::string_view text, double& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = fast_float::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && std::isfinite(value);
}

struct Builder {
  Column column;
  std::unordered_map<std::string, std::int32_t> index;

  std::int32_t Intern(std::string_view text) {
    auto [it, inserted] = index.try_emplace(std::string(text), static_cast<std::int32_t>(column.levels.size()));
    if (inserted) column.levels.emplace_back(text);
    return it->second;
  }
};

}  // namespace

const Column* DataFrame::Find(const std::string& name) const {
  for (const Column& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

DataFrame ParseDataFrame(std::string_view bytes, const std::string& source) {
  using io_internal::RecordReader;
  using io_internal::RecordStatus;
  if (!io_internal::IsValidUtf8(bytes)) {
    throw InputException(InputError{InputErrorKind::kEncoding, source, 0, 0, {}, "UTF-8 text"});
  }
  std::size_t begin = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  // Leading lines that start with '#' are comments: fixtures record their provenance there.
  std::size_t line = 1;
  while (begin < bytes.size() && bytes[begin] == '#') {
    std::size_t newline = bytes.find('\n', begin);
    begin = newline == std::string_view::npos ? bytes.size() : newline + 1;
    ++line;
  }
  RecordReader reader(bytes, begin, bytes.size());
  auto fail_quote = [&](std::size_t column) {
    throw InputException(InputError{InputErrorKind::kQuoting, source, line + reader.lines_before(), column + 1, {},
                                    "balanced double quotes"});
  };
  RecordStatus status = reader.Next();
  if (status == RecordStatus::kEnd) {
    throw InputException(InputError{InputErrorKind::kEmpty, source, 0, 0, {}, "a header row"});
  }
  if (status != RecordStatus::kOk) fail_quote(reader.bad_field());
  line += reader.lines_before();
  std::vector<Builder> builders(reader.fields().size());
  for (std::size_t c = 0; c < builders.size(); ++c) {
    std::string name(Trim(reader.fields()[c]));
    if (name.empty()) {
      throw InputException(InputError{InputErrorKind::kBadHeader, source, line, c + 1, {}, "a column name"});
    }
    for (std::size_t d = 0; d < c; ++d) {
      if (builders[d].column.name == name) {
        throw InputException(
            InputError{InputErrorKind::kBadHeader, source, line, c + 1, Printable(name), "distinct column names"});
      }
    }
    builders[c].column.name = std::move(name);
  }
  line += reader.lines_inside();
  std::size_t rows = 0;
  while (true) {
    status = reader.Next();
    if (status == RecordStatus::kEnd) break;
    ++line;
    if (status != RecordStatus::kOk) fail_quote(reader.bad_field());
    line += reader.lines_before();
    const auto& fields = reader.fields();
    if (fields.size() != builders.size()) {
      throw InputException(InputError{InputErrorKind::kColumnCount, source, line, std::min(fields.size(), builders.size()) + 1,
                                      std::to_string(fields.size()) + " fields",
                                      std::to_string(builders.size()) + " fields as in the header"});
    }
    for (std::size_t c = 0; c < fields.size(); ++c) {
      Builder& builder = builders[c];
      Column& column = builder.column;
      std::string_view text = Trim(fields[c]);
      if (column.numeric) {
        double value = std::nan("");
        if (IsMissing(text) || ParseNumber(text, value)) {
          column.values.push_back(value);
          continue;
        }
        // First non-number: the column becomes text; earlier numbers are re-encoded from their values.
        column.numeric = false;
        column.first_text_line = line;
        column.first_text_value = Printable(text);
        column.codes.reserve(column.values.size() + 1);
        for (double earlier : column.values) {
          column.codes.push_back(std::isnan(earlier) ? builder.Intern("") : builder.Intern(fmt::format("{}", earlier)));
        }
        column.values.clear();
        column.values.shrink_to_fit();
      }
      column.codes.push_back(builder.Intern(text));
    }
    line += reader.lines_inside();
    ++rows;
  }
  if (rows == 0) throw InputException(InputError{InputErrorKind::kEmpty, source, 0, 0, {}, "at least one data row"});
  DataFrame frame;
  frame.source = source;
  frame.rows = rows;
  for (Builder& builder : builders) frame.columns.push_back(std::move(builder.column));
  return frame;
}

DataFrame ReadDataFrame(const std::string& path) {
  io_internal::InputBytes input = io_internal::InputBytes::Load(path);
  return ParseDataFrame(input.view(), path == "-" ? "<stdin>" : path);
}

}  // namespace tradeshock::gravity
