// Case folders: finding their files and loading them (include/tradeshock/case.h).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "core/case_path.h"
#include "core/csv_record.h"
#include "core/regular_file.h"
#include "io/trade_header.h"
#include "tradeshock/case.h"

namespace tradeshock {

namespace {

bool IsDataFile(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  const auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".csv") || ends_with(".csv.gz");
}

// A BACI release's code list (country_codes_V202401.csv), as the BACI reader looks for it beside the data.
bool IsBaciCodeList(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.starts_with("country_codes_V") && name.ends_with(".csv");
}

// A file of the folder that is a symbolic link to a file outside it is refused as a path a case file names
// is (core/case_path.h): a case folder from someone else cannot make the program read a file elsewhere.
void RequireInsideCase(const CaseFiles& files, const ReadOptions& options) {
  if (options.allow_outside_case) return;
  std::vector<std::filesystem::path> found = files.data;
  for (const auto& file : {files.scenario, files.claims, files.baci_codes}) {
    if (file) found.push_back(*file);
  }
  for (const std::filesystem::path& file : found) {
    if (!file_internal::ResolvesInside(file, files.dir)) {
      throw InputException(
          file_internal::OutsideCaseError(SourcePlace{file.string()}, file.filename().string(), files.dir));
    }
  }
}

// Whether a plain CSV file of the folder is meant as trade data: its header names a trade column. A gzip file,
// or a header the record reader cannot take, is left to the trade reader (which locates the fault).
bool IsTradeData(const std::filesystem::path& path) {
  if (!path.string().ends_with(".csv")) return true;
  std::ifstream in(path, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const std::size_t bom = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  csv_internal::RecordReader reader(head, bom, head.size());
  if (reader.Next() != csv_internal::RecordStatus::kOk) return true;
  return io_internal::NamesTradeColumn(reader.fields());
}

// CSV files of the folder that are not trade data (a sources.csv beside the data) are left out, with a note.
void LeaveOutOtherCsvFiles(Case& c) {
  std::erase_if(c.files.data, [&](const std::filesystem::path& path) {
    if (IsTradeData(path)) return false;
    c.notes.push_back(fmt::format("{}: not read, its header names no trade column (docs/FORMATS.md, \"Case folders\")",
                                  path.filename().string()));
    return true;
  });
  if (c.files.data.empty()) {
    throw Error(fmt::format("case folder '{}' holds no trade data file: no *.csv whose header names a trade column",
                            c.files.dir.string()));
  }
}

}  // namespace

CaseFiles FindCaseFiles(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) {
    throw Error(fmt::format("case folder '{}' does not exist", dir.string()));
  }
  if (!std::filesystem::is_directory(dir, error)) {
    throw Error(
        fmt::format("'{}' is not a case folder: expected a folder of *.csv data files with an optional "
                    "scenario.toml and claims.toml",
                    dir.string()));
  }
  CaseFiles files;
  files.dir = dir;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    const bool named =
        IsBaciCodeList(entry.path()) || IsDataFile(entry.path()) || name == "scenario.toml" || name == "claims.toml";
    if (!named) continue;
    // A FIFO, directory or dangling link under a case file's name is an error, never skipped.
    file_internal::RequireRegularFile(entry.path().string(), "case file");
    if (IsBaciCodeList(entry.path())) {
      // Several releases side by side: the highest version name wins (V202401 after V202301).
      if (!files.baci_codes || entry.path().filename() > files.baci_codes->filename()) files.baci_codes = entry.path();
    } else if (IsDataFile(entry.path())) {
      files.data.push_back(entry.path());
    }
    if (name == "scenario.toml") files.scenario = entry.path();
    if (name == "claims.toml") files.claims = entry.path();
  }
  if (error) throw Error(fmt::format("cannot list case folder '{}': {}", dir.string(), error.message()));
  std::sort(files.data.begin(), files.data.end());
  if (files.data.empty()) {
    throw Error(
        fmt::format("case folder '{}' holds no data file: expected at least one *.csv (long CSV)", dir.string()));
  }
  return files;
}

Case LoadCase(const std::filesystem::path& dir, const Reference& reference, const ReadOptions& options,
              MirrorImports mirror) {
  options.Validate();
  Case c;
  c.files = FindCaseFiles(dir);
  RequireInsideCase(c.files, options);
  LeaveOutOtherCsvFiles(c);
  std::vector<std::string> paths;
  for (const auto& path : c.files.data) paths.push_back(path.string());
  ReadOptions read_options = options;
  if (read_options.baci_country_codes.empty() && c.files.baci_codes) {
    read_options.baci_country_codes = c.files.baci_codes->string();
  }
  ReadReport report;
  c.table = ReadTradeFiles(paths, reference, read_options, &report);
  c.read = std::move(report.files);
  if (c.files.scenario) {
    c.scenario = ReadScenarioFile(*c.files.scenario, reference, options);
    CheckScenarioAgainstTable(*c.scenario, c.table);
  }
  if (c.files.claims) c.claims = ReadClaimsFile(c.files.claims->string());
  AddMirrorImports(c, reference, mirror);  // after the scenario and claims: they name whose imports are needed
  return c;
}

Case LoadCaseFrom(const CaseSource& source, const Reference& reference, const ReadOptions& options,
                  MirrorImports mirror) {
  Case c;
  std::error_code error;
  if (source.paths.size() == 1 && (source.folder_only || std::filesystem::is_directory(source.paths.front(), error))) {
    c = LoadCase(source.paths.front(), reference, options, MirrorImports::kOff);  // derived below
  } else if (!source.paths.empty()) {
    for (const std::string& file : source.paths) {
      if (std::filesystem::is_directory(file, error)) {
        throw Error(fmt::format("'{}' is a folder: give one case folder, or trade files", file));
      }
      c.files.data.emplace_back(file);
    }
    c.files.dir = c.files.data.front().parent_path();
    ReadReport report;
    c.table = ReadTradeFiles(source.paths, reference, options, &report);
    c.read = std::move(report.files);
  } else if (source.table != nullptr) {
    c.table = *source.table;
    for (const std::string& file : source.table->files()) c.files.data.emplace_back(file);
    if (!c.files.data.empty()) c.files.dir = c.files.data.front().parent_path();
    if (source.read != nullptr) c.read = source.read->files;
  } else {
    throw Error("give a case folder, trade files or a table");
  }
  if (!source.scenario.empty()) {
    c.scenario = ReadScenarioFile(source.scenario, reference, options);
    c.files.scenario = source.scenario;
    CheckScenarioAgainstTable(*c.scenario, c.table);
  }
  if (!source.claims.empty()) {
    c.claims = ReadClaimsFile(source.claims);
    c.files.claims = source.claims;
  }
  AddMirrorImports(c, reference, mirror);  // after the scenario and claims: they name whose imports are needed
  return c;
}

}  // namespace tradeshock
