#include "reference/csv_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "tradeshock/error.h"

namespace tradeshock::reference_internal {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

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
  std::string_view text = *csv.content_;
  // Some upstream files (the HS sections list) start with a BOM; strip it here, not in the file.
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());

  std::vector<std::string_view> record;
  std::size_t pos = 0;
  std::size_t line = 1;
  while (pos < text.size()) {
    const std::size_t record_line = line;
    record.clear();
    while (true) {  // one field per turn
      if (pos < text.size() && text[pos] == '"') {
        std::string& field = csv.unquoted_->emplace_back();
        ++pos;
        while (true) {
          const std::size_t quote = text.find('"', pos);
          if (quote == std::string_view::npos) csv.Fail(record_line, "unterminated quoted field");
          const std::string_view piece = text.substr(pos, quote - pos);
          for (char c : piece) line += c == '\n';
          field.append(piece);
          pos = quote + 1;
          if (pos < text.size() && text[pos] == '"') {
            field.push_back('"');
            ++pos;
          } else {
            break;
          }
        }
        if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          csv.Fail(line, "unexpected text after a closing quote");
        }
        record.push_back(field);
      } else {
        std::size_t stop = pos;
        while (stop < text.size() && text[stop] != ',' && text[stop] != '\n' && text[stop] != '\r') ++stop;
        record.push_back(text.substr(pos, stop - pos));
        pos = stop;
      }
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == '\r') ++pos;
      if (pos < text.size() && text[pos] == '\n') ++pos;
      ++line;
      break;
    }
    if (record.size() == 1 && record[0].empty()) continue;  // blank line
    if (csv.header_.empty()) {
      csv.header_ = record;
      csv.width_ = record.size();
      continue;
    }
    if (record.size() != csv.width_) {
      csv.Fail(record_line, fmt::format("expected {} fields, found {}", csv.width_, record.size()));
    }
    csv.cells_.insert(csv.cells_.end(), record.begin(), record.end());
    csv.lines_.push_back(record_line);
  }
  if (csv.header_.empty()) throw Error(fmt::format("reference file '{}' is empty", path.string()));
  return csv;
}

}  // namespace tradeshock::reference_internal
