// The repo's own reference CSV files as a grid of cells, read through the program's one CSV reader
// (core/csv_reader.h: RFC 4180 quoting, optional UTF-8 BOM, LF or CRLF). It runs on every CLI start, so
// cells are views into the file's bytes rather than strings of their own. A fault in the CSV itself
// (quoting, a ragged row, bytes that are not UTF-8) is an InputException located like any other input's;
// a fault in what a cell means is an Error from Fail() naming the file and line.
#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tradeshock::reference_internal {

class CsvFile {
 public:
  // Reads the whole file; every row must have as many fields as the header (else InputException
  // kColumnCount). Throws Error naming the file when it cannot be read or is empty.
  static CsvFile Read(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  std::size_t row_count() const { return lines_.size(); }
  // 1-based line where data row `row` (0-based) starts.
  std::size_t line(std::size_t row) const { return lines_[row]; }
  std::string_view at(std::size_t row, std::size_t column) const { return cells_[row * width_ + column]; }

  // Column index of `name` in the header; throws Error naming the file when absent.
  std::size_t Column(std::string_view name) const;
  // Throws Error "reference file 'path', line N: message".
  [[noreturn]] void Fail(std::size_t line, std::string_view message) const;

 private:
  std::filesystem::path path_;
  std::unique_ptr<std::string> content_;               // owned behind a pointer so that views survive moves
  std::unique_ptr<std::deque<std::string>> unquoted_;  // quoted cells with "" folded to "
  std::vector<std::string_view> header_;
  std::vector<std::string_view> cells_;  // row-major, width_ cells a row
  std::vector<std::size_t> lines_;
  std::size_t width_ = 0;
};

// Reads a whole file into memory; throws Error naming the file when it cannot be read.
std::string ReadWholeFile(const std::filesystem::path& path);

}  // namespace tradeshock::reference_internal
