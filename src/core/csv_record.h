// RFC 4180 record splitting over an in-memory buffer: quoted fields may hold commas, doubled quotes and
// line breaks; CRLF and LF both end a record. This is the program's one CSV splitter: the trade readers
// (io/), the gravity data frame (the `ge` command's panels too), the PE elasticities file and the
// reference tables all read through it (all but io/ through CsvReader in core/csv_reader.h, which adds
// located errors). It lives in core so that every stage may include it.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace tradeshock::csv_internal {

// Named limits on one record (docs/FORMATS.md, "Limits"): a record longer than kMaxRecordBytes or with
// more than kMaxFields fields is refused (kTooLong, kTooManyFields) and the reader goes on at the next line.
inline constexpr std::size_t kMaxRecordBytes = 1u << 20;
inline constexpr std::size_t kMaxFields = 1024;
// Input-output tables are wide by nature (WIOD 2013: 1,642 columns, OECD ICIO ~4,000, GLORIA ~10,500): their
// reader (io/io_table_read.cc) raises the field limit of its records to this (RecordReader::set_max_fields).
inline constexpr std::size_t kMaxIoTableFields = 1u << 15;

enum class RecordStatus { kOk, kEnd, kUnterminatedQuote, kMisplacedQuote, kTooLong, kTooManyFields };

class RecordReader {
 public:
  RecordReader(std::string_view data, std::size_t begin, std::size_t end) : data_(data), pos_(begin), end_(end) {}

  // Reads the next non-blank record into fields(). On a quoting error, bad_field() is the 0-based field.
  RecordStatus Next();
  const std::vector<std::string_view>& fields() const { return fields_; }
  std::size_t bad_field() const { return bad_field_; }
  // Line breaks passed over before the current record started (blank lines) and inside it.
  std::size_t lines_before() const { return lines_before_; }
  std::size_t lines_inside() const { return lines_inside_; }
  std::size_t position() const { return pos_; }
  // Continues from `position`, which must be the start of a record (or of blank lines before one).
  void Seek(std::size_t position) { pos_ = position; }
  // The most fields one record may have (kMaxFields unless raised, as for input-output tables).
  void set_max_fields(std::size_t max_fields) { max_fields_ = max_fields; }
  std::size_t max_fields() const { return max_fields_; }

 private:
  std::string_view data_;
  std::size_t pos_;
  std::size_t end_;
  std::vector<std::string_view> fields_;
  std::deque<std::string> unescaped_;  // storage for quoted fields with doubled quotes
  std::size_t scratch_used_ = 0;
  std::size_t bad_field_ = 0;
  std::size_t lines_before_ = 0;
  std::size_t lines_inside_ = 0;
  std::size_t max_fields_ = kMaxFields;
};

// Offset of the first record boundary (just after a '\n' outside quotes) at or after `from`, assuming
// `from_in_quotes` tells whether position `from` is inside a quoted field. Used to split work.
std::size_t NextRecordBoundary(std::string_view data, std::size_t from, bool from_in_quotes);

// 1-based line of byte `offset`.
std::size_t LineOf(std::string_view data, std::size_t offset);

bool IsValidUtf8(std::string_view text);

// What a record refused with kTooLong or kTooManyFields was and what was expected, for a kOverLimit error.
struct RecordLimitFault {
  std::string value;
  std::string expected;
};
// `max_fields` is the reader's field limit (kMaxFields unless raised).
RecordLimitFault DescribeRecordLimit(RecordStatus status, std::size_t max_fields = kMaxFields);

}  // namespace tradeshock::csv_internal
