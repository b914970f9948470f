// Readers: long CSV, BACI (CEPII) and UN Comtrade CSV, plain or gzip, from files or stdin ("-").
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

enum class InputFormat { kAuto, kLong, kBaci, kComtrade };
std::string_view ToString(InputFormat format);

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: detected from each file's header
  bool lenient = false;                     // skip bad rows and count them, instead of stopping
  DuplicatePolicy duplicates = DuplicatePolicy::kError;
  std::string baci_country_codes;  // BACI country_codes_V*.csv; default: found beside the data file
  unsigned threads = 0;            // 0: all cores
  // Most bytes one input holds in memory when it is not mapped: a gzip file's inflated bytes, and the bytes
  // read from stdin ("-"). 0: the default rule, the larger of kDefaultMaxInflatedBytes (1 GiB) and
  // kMaxInflationRatio (64) times the compressed size (docs/FORMATS.md, "Limits"); more is an `over a limit`
  // error naming the file, the limit and --max-inflated-bytes. Also bounds the GE panel of a case.
  std::int64_t max_inflated_bytes = 0;
  // Paths a case names (a scenario's [models.ge] panel) and the files found in a case folder must resolve,
  // after symbolic links, inside the case folder (the scenario file's folder), unless this is set
  // (--allow-outside-case). A path outside is a `cannot read` error at the place it is written.
  bool allow_outside_case = false;
  // No path at all: a scenario parsed with this set (one a network client sent to `tradeshock serve`) may name
  // no file; its [models.ge] panel is refused at the key, before anything is looked up on disk. Wins over
  // allow_outside_case.
  bool refuse_paths = false;
  // Called now and then with a one-line status ("read 120 MB of 327 MB"); the library never prints.
  std::function<void(std::string_view)> progress;

  static constexpr unsigned kMaxThreads = 1024;
  static constexpr std::int64_t kDefaultMaxInflatedBytes = std::int64_t{1} << 30;
  static constexpr std::int64_t kMaxInflationRatio = 64;
  static ReadOptions Defaults();
  // Throws Error naming the option: "io: ReadOptions::threads must be 0 (all cores) to 1024, got 5000", a
  // negative max_inflated_bytes, and for a format or duplicates value that is none of the enumerators (a
  // front end's cast).
  void Validate() const;
};

struct ReadReport {
  struct FileReport {
    std::string name;
    InputFormat format = InputFormat::kAuto;
    std::size_t rows = 0;
  };
  std::vector<FileReport> files;
  std::size_t rows_kept = 0;
  std::size_t rows_skipped = 0;                           // lenient mode only
  std::map<InputErrorKind, std::size_t> skipped_by_kind;  // lenient mode only
  std::vector<InputError> examples;                       // the first few skipped rows' errors
};

// Reads and validates every file into one table. Strict mode throws InputException at the first bad
// row; lenient mode skips bad rows and reports them in `report`.
TradeTable ReadTradeFiles(const std::vector<std::string>& paths, const Reference& reference,
                          const ReadOptions& options = {}, ReadReport* report = nullptr);

// Reads one in-memory file (plain or gzip) of any format; `name` is used in messages. For fuzzing and
// tests; a BACI buffer needs options.baci_country_codes.
TradeTable ReadTradeBuffer(std::string_view bytes, const std::string& name, const Reference& reference,
                           const ReadOptions& options = {}, ReadReport* report = nullptr);

// Writes `content` to a temporary file beside `path` and renames it into place, so a failure never
// leaves a half-written file. A `path` that exists and is not a regular file (a device, FIFO, folder or
// symbolic link) is refused. Throws Error.
void WriteFileAtomically(const std::string& path, std::string_view content);

// One file of a set written by WriteFileSet: its name inside the folder and its content.
struct NamedContent {
  std::string name;  // a plain file name, no folder
  std::string_view content;
};

// Writes `files` into the folder `dir` as one set: a reader, a killed run or a second run writing the same
// folder at once sees the old set or the new one, never a mix and never a half-written file. The files are
// staged in a sibling folder (.NAME.new-PID-TAG) and swapped in with one rename (Linux renameat2
// RENAME_EXCHANGE; a rename when `dir` does not exist). That holds when `dir` holds only the set's files;
// a folder with other files in it (or a link, or a file system without the exchange) gets the files one by
// one under a lock on the folder, so two runs still do not interleave, but a run killed between renames
// leaves a mix. Staging folders of runs that died are removed by the next run. Throws Error.
void WriteFileSet(const std::filesystem::path& dir, const std::vector<NamedContent>& files);

}  // namespace tradeshock
