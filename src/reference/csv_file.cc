#include "reference/csv_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/csv_reader.h"
#include "core/regular_file.h"
#include "tradeshock/error.h"

namespace tradeshock::reference_internal {

namespace {
// Bytes of one reference table: the largest shipped one (HS 2022 descriptions) is under 1 MiB.
constexpr std::size_t kMaxReferenceFileBytes = 64u << 20;
}  // namespace

std::string ReadWholeFile(const std::filesystem::path& path) {
  try {
    return file_internal::ReadRegularFile(path.string(), "reference file", kMaxReferenceFileBytes,
                                          "limit kMaxReferenceFileBytes");
  } catch (const InputException& error) {
    throw Error(fmt::format("cannot read reference file '{}': got '{}', expected {}", path.string(),
                            error.error().value, error.error().expected));
  }
}

std::size_t CsvFile::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  throw Error(fmt::format("reference file '{}': no column '{}' in the header", path_.string(), name));
}

void CsvFile::Fail(std::size_t line, std::string_view message) const {
  throw Error(fmt::format("reference file '{}', line {}: {}", path_.string(), line, message));
}

CsvFile CsvFile::Read(const std::filesystem::path& path) {
  CsvFile csv;
  csv.path_ = path;
  csv.content_ = std::make_unique<std::string>(ReadWholeFile(path));
  csv.unquoted_ = std::make_unique<std::deque<std::string>>();
  // The one CSV reader: RFC 4180 quoting, CRLF, a BOM (the HS sections list has one), located errors.
  csv_internal::CsvReader reader(*csv.content_, path.string());
  // Cells stay views into the file's bytes; the few that are not (quoted, with doubled quotes) are copied.
  auto keep = [&](std::string_view field) {
    return reader.IsInInput(field) ? field : std::string_view(csv.unquoted_->emplace_back(field));
  };
  if (!reader.Next()) throw Error(fmt::format("reference file '{}' is empty", path.string()));
  for (const std::string_view field : reader.fields()) csv.header_.push_back(keep(field));
  csv.width_ = csv.header_.size();
  while (reader.Next()) {
    reader.RequireFields(csv.width_);
    for (const std::string_view field : reader.fields()) csv.cells_.push_back(keep(field));
    csv.lines_.push_back(reader.line());
  }
  return csv;
}

}  // namespace tradeshock::reference_internal
