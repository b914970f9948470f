#include "core/csv_reader.h"

#include <algorithm>

namespace tradeshock::csv_internal {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The text of the record starting at `start`, up to its first line break, for quoting messages.
std::string RecordText(std::string_view data, std::size_t start) {
  while (start < data.size() && (data[start] == '\n' || data[start] == '\r')) ++start;
  std::string_view text = data.substr(std::min(start, data.size()), 200);
  if (const auto newline = text.find('\n'); newline != std::string_view::npos) text = text.substr(0, newline);
  if (text.ends_with('\r')) text.remove_suffix(1);
  return std::string(text);
}

std::size_t FirstRecord(std::string_view bytes, bool skip_comment_lines, std::size_t& lines_skipped) {
  std::size_t begin = bytes.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  lines_skipped = 0;
  while (skip_comment_lines && begin < bytes.size() && bytes[begin] == '#') {
    const std::size_t newline = bytes.find('\n', begin);
    begin = newline == std::string_view::npos ? bytes.size() : newline + 1;
    ++lines_skipped;
  }
  return begin;
}

}  // namespace

CsvReader::CsvReader(std::string_view bytes, std::string source, bool skip_comment_lines)
    : bytes_(bytes), source_(std::move(source)), reader_(bytes, 0, bytes.size()) {
  if (!IsValidUtf8(bytes)) {
    throw InputException(InputError{InputErrorKind::kEncoding, source_, 0, 0, {}, "UTF-8 text"});
  }
  std::size_t comment_lines = 0;
  reader_.Seek(FirstRecord(bytes, skip_comment_lines, comment_lines));
  next_line_ = 1 + comment_lines;
}

bool CsvReader::Next() {
  const std::size_t start = reader_.position();
  const RecordStatus status = reader_.Next();
  if (status == RecordStatus::kEnd) return false;
  line_ = next_line_ + reader_.lines_before();
  next_line_ = line_ + reader_.lines_inside() + 1;
  if (status == RecordStatus::kUnterminatedQuote) {
    Fail(InputErrorKind::kQuoting, reader_.bad_field() + 1, RecordText(bytes_, start),
         "a closing quote before the end of the file");
  }
  if (status == RecordStatus::kTooLong || status == RecordStatus::kTooManyFields) {
    RecordLimitFault fault = DescribeRecordLimit(status, reader_.max_fields());
    Fail(InputErrorKind::kOverLimit, reader_.bad_field() + 1, fault.value, std::move(fault.expected));
  }
  if (status == RecordStatus::kMisplacedQuote) {
    Fail(InputErrorKind::kQuoting, reader_.bad_field() + 1, RecordText(bytes_, start),
         "quotes only around a whole field (a quote inside one is doubled: \"\")");
  }
  return true;
}

bool CsvReader::IsInInput(std::string_view field) const {
  return field.data() >= bytes_.data() && field.data() + field.size() <= bytes_.data() + bytes_.size();
}

void CsvReader::RequireFields(std::size_t count) const {
  const std::size_t got = fields().size();
  if (got == count) return;
  Fail(InputErrorKind::kColumnCount, std::min(got, count) + 1, std::to_string(got) + " fields",
       std::to_string(count) + " fields as in the header");
}

void CsvReader::Fail(InputErrorKind kind, std::size_t column, std::string_view value, std::string expected) const {
  throw InputException(InputError{kind, source_, line_, column, Printable(value), std::move(expected)});
}

std::string HeaderInMessage(const std::vector<std::string>& names) {
  if (names.size() <= 1) return "";
  std::string header;
  for (const std::string& name : names) header += (header.empty() ? "" : ",") + Printable(name, 20);
  return Printable(header, 60);
}

}  // namespace tradeshock::csv_internal
