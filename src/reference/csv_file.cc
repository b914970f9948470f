#include "reference/csv_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/csv_reader.h"
#include "tradeshock/error.h"

namespace tradeshock::reference_internal {

std::string ReadWholeFile(const std::filesystem::path& path) {
  // stdio rather than iostreams: this runs on every CLI start and must stay cheap.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    throw Error(fmt::format("cannot read reference file '{}': {}", path.string(), std::strerror(errno)));
  }
  std::string content;
  char buffer[1 << 16];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) content.append(buffer, count);
  if (std::ferror(file.get())) {
    throw Error(fmt::format("cannot read reference file '{}': read error", path.string()));
  }
  return content;
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
