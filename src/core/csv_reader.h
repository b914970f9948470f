// A small CSV file read record by record through the RFC 4180 record reader (core/csv_record.h), with
// every fault a located InputError (file, line, column, value, expected). The trade readers in io/ keep
// their own parallel loop over the same record reader; every other CSV the program reads (gravity data
// frames, the `ge` command's panels, the PE elasticities file, the reference tables) comes through here,
// so quoting, CRLF, a UTF-8 BOM, blank lines and ragged rows behave the same in all of them:
//  - a BOM at the start is dropped; bytes that are not UTF-8 are a kEncoding error for the whole file;
//  - blank lines are skipped; line numbers count them and the line breaks inside quoted fields;
//  - an unterminated or misplaced quote is kQuoting at the record's first line and the field's column;
//  - a row with a field count other than the header's is kColumnCount at the first missing or extra field.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_record.h"
#include "tradeshock/error.h"

namespace tradeshock::csv_internal {

class CsvReader {
 public:
  // `bytes` must outlive the reader; `source` names it in messages. With `skip_comment_lines`, lines that
  // start with '#' before the header are skipped (fixtures record their provenance there).
  CsvReader(std::string_view bytes, std::string source, bool skip_comment_lines = false);

  // Reads the next non-blank record into fields(); false at the end of the data. Throws InputException
  // (kQuoting) on a quoting fault.
  bool Next();
  // The fields of the current record: views into the bytes, or into the reader's storage for quoted fields
  // with doubled quotes (valid until the next call to Next()).
  const std::vector<std::string_view>& fields() const { return reader_.fields(); }
  // 1-based line where the current record starts.
  std::size_t line() const { return line_; }
  const std::string& source() const { return source_; }
  // Whether `field` points into the input bytes (and so stays valid after Next()).
  bool IsInInput(std::string_view field) const;
  // Raises the field limit of a record (csv_record.h, kMaxIoTableFields for input-output tables).
  void set_max_fields(std::size_t max_fields) { reader_.set_max_fields(max_fields); }

  // Throws kColumnCount unless the current record has `count` fields: "got 'N fields', expected `count`
  // fields as in the header", at the first missing or the first extra field.
  void RequireFields(std::size_t count) const;
  // Throws an InputException located at the current record's line and `column` (1-based field; 0: none).
  [[noreturn]] void Fail(InputErrorKind kind, std::size_t column, std::string_view value, std::string expected) const;

 private:
  std::string_view bytes_;
  std::string source_;
  RecordReader reader_;
  std::size_t line_ = 0;       // where the current record starts
  std::size_t next_line_ = 1;  // the line at the reader's position
};

// A header as a message may quote it, never the whole first line of a file that is not CSV (a panel path
// naming some other file): the names joined by commas, each cut at 20 characters and the whole at 60
// (Printable); empty when the line is one field. kNotCsvHint says why nothing is shown then.
std::string HeaderInMessage(const std::vector<std::string>& names);
inline constexpr char kNotCsvHint[] = "the first line is one field, not comma-separated: not a CSV file?";

}  // namespace tradeshock::csv_internal
