// Generic CSV -> typed columns. Numbers are parsed with fast_float; a column turns into text at its first
// non-number, re-encoding the values already read, so one pass suffices.
#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/csv_reader.h"
#include "core/number_range.h"
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

enum class Parsed { kNumber, kText, kOutOfRange };

// A number; text that is no number; or a number a double cannot hold (1e400, 1e-400), which is an error
// rather than text (core/number_range.h).
Parsed ParseNumber(std::string_view text, double& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = fast_float::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return Parsed::kText;
  // "inf" and "nan" spelled out are words, not numbers.
  if (std::isnan(value) || text.find_first_of("0123456789") == std::string_view::npos) return Parsed::kText;
  if (std::isinf(value) || number_internal::Underflowed(text, value)) return Parsed::kOutOfRange;
  return Parsed::kNumber;
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
  // Leading lines that start with '#' are comments: fixtures record their provenance there.
  csv_internal::CsvReader reader(bytes, source, /*skip_comment_lines=*/true);
  if (!reader.Next()) throw InputException(InputError{InputErrorKind::kEmpty, source, 0, 0, {}, "a header row"});
  std::vector<Builder> builders(reader.fields().size());
  for (std::size_t c = 0; c < builders.size(); ++c) {
    std::string name(Trim(reader.fields()[c]));
    if (name.empty()) reader.Fail(InputErrorKind::kBadHeader, c + 1, {}, "a column name");
    for (std::size_t d = 0; d < c; ++d) {
      if (builders[d].column.name == name)
        reader.Fail(InputErrorKind::kBadHeader, c + 1, name, "distinct column names");
    }
    builders[c].column.name = std::move(name);
  }
  std::size_t rows = 0;
  while (reader.Next()) {
    reader.RequireFields(builders.size());
    const auto& fields = reader.fields();
    for (std::size_t c = 0; c < fields.size(); ++c) {
      Builder& builder = builders[c];
      Column& column = builder.column;
      std::string_view text = Trim(fields[c]);
      if (column.numeric) {
        double value = std::nan("");
        const Parsed parsed = IsMissing(text) ? Parsed::kNumber : ParseNumber(text, value);
        if (parsed == Parsed::kOutOfRange) {
          reader.Fail(InputErrorKind::kBadNumber, c + 1, text,
                      std::isinf(value) ? "a number of at most 1.8e308 in magnitude (the largest double)"
                                        : number_internal::kUnderflowExpected);
        }
        if (parsed == Parsed::kNumber) {
          column.values.push_back(value);
          continue;
        }
        // First non-number: the column becomes text; earlier numbers are re-encoded from their values.
        column.numeric = false;
        column.first_text_line = reader.line();
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
