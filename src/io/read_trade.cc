// The reading driver: splits a file's bytes at record boundaries, parses the chunks on worker threads into
// local columns, then merges them in order into the TradeTableBuilder.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include "core/csv_record.h"
#include "io/input_bytes.h"
#include "io/row_parsers.h"
#include "tradeshock/io.h"

namespace tradeshock {

using csv_internal::RecordReader;
using csv_internal::RecordStatus;
using io_internal::ChunkColumns;
using io_internal::InputBytes;
using io_internal::RowError;
using io_internal::RowParser;

std::string_view ToString(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto:
      return "auto";
    case InputFormat::kLong:
      return "long";
    case InputFormat::kBaci:
      return "baci";
    case InputFormat::kComtrade:
      return "comtrade";
  }
  return "?";
}

namespace {

constexpr std::size_t kMaxExamples = 10;
constexpr std::size_t kMinChunkBytes = std::size_t{8} << 20;

struct Chunk {
  std::size_t begin = 0;
  std::size_t end = 0;
  // From the scan before parsing.
  std::size_t newlines = 0;
  bool has_quote = false;
  bool has_non_ascii = false;
  std::size_t first_row = 0;  // of the chunk's block, relative to the file's first row
  // From parsing.
  ChunkColumns columns;
  // (row in the block, line relative to the chunk, 1-based) where rows stop following consecutive lines.
  std::vector<std::pair<std::size_t, std::size_t>> line_runs;
  // Errors carry a line relative to the chunk (1-based); the merge makes it absolute.
  std::vector<InputError> errors;  // strict: at most one; lenient: the first few
  std::size_t skipped = 0;
  std::map<InputErrorKind, std::size_t> skipped_by_kind;
};

// One pass over the chunk's bytes for what decides how it is parsed: line breaks (an upper bound on its
// rows), quotes and non-ASCII bytes (either one rules out the fast path).
void ScanChunk(std::string_view data, Chunk& chunk) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t newlines = 0;
  unsigned char any_high = 0;
  unsigned char any_quote = 0;
  // Blocks of a fixed size, so that the compiler turns the inner loop into vector instructions; the counts fit
  // a byte within a block.
  constexpr std::size_t kBlock = 64;
  std::size_t i = chunk.begin;
  for (; i + kBlock <= chunk.end; i += kBlock) {
    unsigned char block_newlines = 0;
    unsigned char block_high = 0;
    unsigned char block_quote = 0;
    for (std::size_t j = 0; j < kBlock; ++j) {
      const unsigned char c = bytes[i + j];
      block_newlines += c == '\n';
      block_high |= c;
      block_quote |= static_cast<unsigned char>(c == '"');
    }
    newlines += block_newlines;
    any_high |= block_high;
    any_quote |= block_quote;
  }
  for (; i < chunk.end; ++i) {
    const unsigned char c = bytes[i];
    newlines += c == '\n';
    any_high |= c;
    any_quote |= static_cast<unsigned char>(c == '"');
  }
  chunk.newlines = newlines;
  chunk.has_non_ascii = (any_high & 0x80) != 0;
  chunk.has_quote = any_quote != 0;
}

// The first line of the record starting at `start` (after skipped blank lines), as the value of a quoting
// error: the field split failed, so the line is the most useful thing to show.
std::string RecordLineText(std::string_view data, std::size_t start) {
  while (start < data.size() && (data[start] == '\n' || data[start] == '\r')) ++start;
  std::string_view line = data.substr(start, std::min<std::size_t>(data.size() - start, 200));
  if (const auto newline = line.find('\n'); newline != std::string_view::npos) line = line.substr(0, newline);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return std::string(line);
}

// Checks the fields of one record and hands them to the parser; false with `error` filled for a bad row.
bool ParseRecord(std::string_view data, std::size_t record_start, RecordStatus status, const RecordReader& reader,
                 const RowParser& parser, bool check_utf8, ChunkColumns& columns, RowError& error) {
  if (status == RecordStatus::kUnterminatedQuote) {
    error = {InputErrorKind::kQuoting, reader.bad_field() + 1, RecordLineText(data, record_start),
             "a closing quote before the end of the file"};
    return false;
  }
  if (status == RecordStatus::kTooLong || status == RecordStatus::kTooManyFields) {
    auto fault = csv_internal::DescribeRecordLimit(status);
    error = {InputErrorKind::kOverLimit, reader.bad_field() + 1, std::move(fault.value), std::move(fault.expected)};
    return false;
  }
  if (status == RecordStatus::kMisplacedQuote) {
    error = {InputErrorKind::kQuoting, reader.bad_field() + 1, RecordLineText(data, record_start),
             "quotes only around a whole field (a quote inside one is doubled: \"\")"};
    return false;
  }
  const std::size_t expected_fields = parser.field_count();
  if (reader.fields().size() != expected_fields) {
    // The column is the first field past the expected count, or the first missing one.
    const std::size_t got = reader.fields().size();
    error = {InputErrorKind::kColumnCount, std::min(got, expected_fields) + 1, fmt::format("{} fields", got),
             fmt::format("{} fields as in the header", expected_fields)};
    return false;
  }
  if (check_utf8) {
    const auto& fields = reader.fields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!csv_internal::IsValidUtf8(fields[i])) {
        error = {InputErrorKind::kEncoding, i + 1, std::string(fields[i]), "UTF-8 text"};
        return false;
      }
    }
  }
  return parser.Parse(reader.fields(), columns, error);
}

void ParseChunk(std::string_view data, const RowParser& parser, bool lenient, Chunk& chunk) {
  ChunkColumns& columns = chunk.columns;
  const bool fast = !chunk.has_quote && !chunk.has_non_ascii;
  const char* const base = data.data();
  const char* const end = base + chunk.end;
  RecordReader reader(data, chunk.begin, chunk.end);
  std::size_t position = chunk.begin;
  std::size_t line = 1;           // of the next record, relative to the chunk
  std::size_t run_next_line = 0;  // the line a row must come from to continue the current run
  const auto note_row = [&](std::size_t rows_before, std::size_t row_line) {
    if (columns.rows == rows_before) return;  // valid but not kept (a Comtrade breakdown)
    if (row_line != run_next_line) chunk.line_runs.emplace_back(rows_before, row_line);
    run_next_line = row_line + 1;
  };
  RowError error;
  while (position < chunk.end) {
    if (fast) {
      const std::size_t rows_before = columns.rows;
      if (const char* next = parser.ParseLine(base + position, end, columns)) {
        note_row(rows_before, line);
        position = static_cast<std::size_t>(next - base);
        ++line;
        continue;
      }
    }
    reader.Seek(position);
    const std::size_t record_start = position;
    const RecordStatus status = reader.Next();
    position = reader.position();
    line += reader.lines_before();
    if (status == RecordStatus::kEnd) break;
    const std::size_t record_line = line;
    line += reader.lines_inside() + 1;
    const std::size_t rows_before = columns.rows;
    if (ParseRecord(data, record_start, status, reader, parser, chunk.has_non_ascii, columns, error)) {
      note_row(rows_before, record_line);
      continue;
    }
    ++chunk.skipped;
    ++chunk.skipped_by_kind[error.kind];
    if (chunk.errors.size() < kMaxExamples) {
      chunk.errors.push_back(
          InputError{error.kind, {}, record_line, error.column, std::move(error.value), std::move(error.expected)});
    }
    if (!lenient) break;
  }
}

// Splits [begin, size) into about `count` pieces ending at line breaks, which are record boundaries when
// `has_quotes` is false; when it is true, at line breaks outside quoted fields.
std::vector<Chunk> SplitChunks(std::string_view data, std::size_t begin, std::size_t count, bool has_quotes) {
  std::vector<Chunk> chunks;
  const std::size_t step = std::max<std::size_t>(1, (data.size() - begin) / count);
  std::size_t start = begin;
  while (start < data.size()) {
    std::size_t target = std::min(data.size(), start + step);
    std::size_t end = data.size();
    if (target < data.size()) {
      bool in_quotes = false;
      if (has_quotes) in_quotes = std::count(data.begin() + start, data.begin() + target, '"') % 2 == 1;
      end = csv_internal::NextRecordBoundary(data, target, in_quotes);
    }
    Chunk chunk;
    chunk.begin = start;
    chunk.end = end;
    chunks.push_back(std::move(chunk));
    start = end;
  }
  return chunks;
}

// Runs task(i) for i in [0, count) on `threads` threads; the calling thread reports progress meanwhile when
// `progress` is set. The first exception is rethrown once every thread has stopped.
template <typename Task>
void RunParallel(std::size_t count, unsigned threads, const Task& task,
                 const std::function<void()>& progress = nullptr) {
  std::atomic<std::size_t> next{0};
  std::size_t workers_done = 0;
  std::mutex mutex;
  std::condition_variable done;
  std::exception_ptr failure;
  const auto work = [&] {
    try {
      for (std::size_t i = next++; i < count; i = next++) task(i);
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
    }
    {
      std::lock_guard lock(mutex);
      ++workers_done;
    }
    done.notify_all();
  };
  const std::size_t worker_count = std::min<std::size_t>(threads, count);
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < worker_count; ++i) workers.emplace_back(work);
  if (worker_count <= 1 || !progress) {
    work();
  } else {
    workers.emplace_back(work);
    std::unique_lock lock(mutex);
    while (!done.wait_for(lock, std::chrono::milliseconds(250), [&] { return workers_done == worker_count; })) {
      progress();
    }
  }
  for (auto& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
}

// Local id -> table id, for each dictionary of a chunk.
struct IdMaps {
  std::vector<EconomyIdx> economies;
  std::vector<ProductIdx> products;
  std::vector<PeriodIdx> periods;
  std::vector<CurrencyIdx> currencies;
  std::vector<SourceIdx> sources;
};

class FileReader {
 public:
  FileReader(const Reference& reference, const ReadOptions& options, TradeTableBuilder& builder, ReadReport& report)
      : reference_(reference), options_(options), builder_(builder), report_(report) {
    options.Validate();  // the one check of ReadOptions, for every way in (files, buffers, case folders)
  }

  // `source`, when given, holds `data` and is told which parts are done with.
  void Read(std::string_view data, const std::string& name, const InputBytes* source = nullptr) {
    std::size_t bom = 0;
    if (data.starts_with("\xEF\xBB\xBF")) bom = 3;
    RecordReader header_reader(data, bom, data.size());
    const RecordStatus status = header_reader.Next();
    if (status == RecordStatus::kEnd) {
      throw InputException(InputError{InputErrorKind::kEmpty, name, 0, 0, {}, "a header line and data rows"});
    }
    const std::size_t header_line = 1 + header_reader.lines_before();
    if (status == RecordStatus::kTooLong || status == RecordStatus::kTooManyFields) {
      auto fault = csv_internal::DescribeRecordLimit(status);
      throw InputException(InputError{InputErrorKind::kOverLimit, name, header_line, header_reader.bad_field() + 1,
                                      std::move(fault.value), std::move(fault.expected)});
    }
    if (status != RecordStatus::kOk) {
      throw InputException(InputError{InputErrorKind::kQuoting,
                                      name,
                                      header_line,
                                      header_reader.bad_field() + 1,
                                      {},
                                      "a header with balanced quotes"});
    }
    const auto parser = io_internal::MakeRowParser(header_reader.fields(), name, reference_, options_);
    const std::size_t data_begin = header_reader.position();
    const std::size_t first_line = header_line + header_reader.lines_inside() + 1;

    const unsigned threads =
        options_.threads != 0 ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t data_bytes = data.size() - data_begin;
    std::size_t chunk_count = 1;
    if (threads > 1 && data_bytes > kMinChunkBytes) {
      chunk_count = std::min<std::size_t>(threads * 8, data_bytes / kMinChunkBytes + 1);
    }
    // Split at line breaks first, which is right unless a quoted field holds one; the scan finds out, and only
    // then is the file split again keeping track of quotes. The parse gives the pages back as it goes: mapped
    // pages of a file are the system's page cache, but they count in the process's resident memory.
    const auto scan_all = [&](std::vector<Chunk>& chunks) {
      RunParallel(chunks.size(), threads, [&](std::size_t i) { ScanChunk(data, chunks[i]); });
    };
    std::vector<Chunk> chunks = SplitChunks(data, data_begin, chunk_count, false);
    scan_all(chunks);
    if (chunks.size() > 1 && std::ranges::any_of(chunks, [](const Chunk& chunk) { return chunk.has_quote; })) {
      chunks = SplitChunks(data, data_begin, chunk_count, true);
      scan_all(chunks);
    }

    // Every row takes at least one line, so a block of (line breaks + 1) rows per chunk holds its rows.
    if (parser->has_quantity()) builder_.EnableQuantity();
    if (parser->has_source()) builder_.EnableSource();
    const std::size_t file_first_row = builder_.size();
    std::size_t reserved = 0;
    for (Chunk& chunk : chunks) {
      chunk.first_row = reserved;
      const bool ends_with_newline = chunk.end > chunk.begin && data[chunk.end - 1] == '\n';
      chunk.columns.capacity = chunk.newlines + (ends_with_newline ? 0 : 1);
      reserved += chunk.columns.capacity;
    }
    builder_.Grow(reserved);
    for (Chunk& chunk : chunks) chunk.columns.block = builder_.At(file_first_row + chunk.first_row);

    std::atomic<std::size_t> bytes_done{0};
    std::function<void()> progress;
    if (options_.progress) {
      progress = [&] {
        options_.progress(fmt::format("read {} MB of {} MB", bytes_done.load() >> 20, data.size() >> 20));
      };
    }
    RunParallel(
        chunks.size(), threads,
        [&](std::size_t i) {
          ParseChunk(data, *parser, options_.lenient, chunks[i]);
          if (source != nullptr) source->Release(chunks[i].begin, chunks[i].end);
          bytes_done += chunks[i].end - chunks[i].begin;
        },
        progress);
    Merge(*parser, chunks, name, first_line, file_first_row, threads);
  }

 private:
  IdMaps MapIds(const ChunkColumns& columns) {
    IdMaps maps;
    for (const auto& code : columns.economies.texts) maps.economies.push_back(builder_.InternEconomy(code));
    for (const auto& code : columns.products.texts) maps.products.push_back(builder_.InternProduct(code));
    for (const auto& period : columns.periods) maps.periods.push_back(builder_.InternPeriod(period));
    for (const auto& code : columns.currencies.texts) maps.currencies.push_back(builder_.InternCurrency(code));
    for (const auto& text : columns.sources.texts) maps.sources.push_back(builder_.InternSource(text));
    return maps;
  }

  // Table ids for the chunk's local ones; the quantity and source of a file without them (when the table has
  // them from another file) are NaN and the empty source.
  static void Remap(const ChunkColumns& columns, const IdMaps& maps, const RowParser& parser, SourceIdx no_source) {
    const TradeTableBuilder::Columns& block = columns.block;
    const std::size_t rows = columns.rows;
    // Column by column, skipping those whose local ids are the table's already (the first chunk's; a BACI file's
    // one year and one currency), as the whole table passes through here.
    const auto remap = [rows](auto* column, const auto& map) {
      bool identity = true;
      for (std::size_t id = 0; id < map.size() && identity; ++id) identity = map[id] == id;
      if (identity) return;
      for (std::size_t row = 0; row < rows; ++row) column[row] = map[column[row]];
    };
    remap(block.reporter, maps.economies);
    remap(block.partner, maps.economies);
    remap(block.product, maps.products);
    remap(block.period, maps.periods);
    remap(block.currency, maps.currencies);
    if (block.source != nullptr) {
      for (std::size_t row = 0; row < rows; ++row) {
        block.source[row] = parser.has_source() ? maps.sources[block.source[row]] : no_source;
      }
    }
    if (block.quantity != nullptr && !parser.has_quantity()) {
      std::fill(block.quantity, block.quantity + rows, std::numeric_limits<float>::quiet_NaN());
    }
  }

  void Merge(const RowParser& parser, std::vector<Chunk>& chunks, const std::string& name, std::size_t first_line,
             std::size_t file_first_row, unsigned threads) {
    builder_.AddFile(name);
    std::size_t line_base = first_line;  // absolute line of each chunk's first line
    for (Chunk& chunk : chunks) {
      for (InputError& error : chunk.errors) {
        error.file = name;
        error.line += line_base - 1;
      }
      if (!options_.lenient && !chunk.errors.empty()) throw InputException(chunk.errors.front());
      report_.rows_skipped += chunk.skipped;
      for (const auto& [kind, count] : chunk.skipped_by_kind) report_.skipped_by_kind[kind] += count;
      for (InputError& error : chunk.errors) {
        if (report_.examples.size() < kMaxExamples) report_.examples.push_back(std::move(error));
      }
      line_base += chunk.newlines;
    }

    // Dictionaries in chunk order, so that ids follow the order of first appearance in the file.
    std::vector<IdMaps> maps;
    maps.reserve(chunks.size());
    for (const Chunk& chunk : chunks) maps.push_back(MapIds(chunk.columns));
    const SourceIdx no_source = builder_.has_source() ? builder_.InternSource("") : 0;
    RunParallel(chunks.size(), threads, [&](std::size_t i) { Remap(chunks[i].columns, maps[i], parser, no_source); });

    // Close the gaps between blocks (rows reserved for blank, skipped or multi-line records).
    std::size_t kept = 0;
    line_base = first_line;
    bool keys_increasing = parser.has_source_keys();
    std::optional<std::uint64_t> previous_last_key;
    for (Chunk& chunk : chunks) {
      const ChunkColumns& columns = chunk.columns;
      builder_.MoveRows(file_first_row + chunk.first_row, file_first_row + kept, columns.rows);
      for (const auto& [row, line] : chunk.line_runs) {
        builder_.AddLineRun(file_first_row + kept + row,
                            static_cast<std::uint32_t>(std::min<std::size_t>(line_base - 1 + line, UINT32_MAX)));
      }
      if (columns.rows > 0) {
        keys_increasing = keys_increasing && columns.keys_increasing &&
                          (!previous_last_key || *previous_last_key < columns.first_key);
        previous_last_key = columns.last_key;
      }
      kept += columns.rows;
      line_base += chunk.newlines;
      chunk.columns = ChunkColumns();  // free the dictionaries and caches as we go
    }
    builder_.Truncate(file_first_row + kept);
    if (keys_increasing) builder_.DeclareUniqueKeys(file_first_row, file_first_row + kept);
    if (kept == 0 && report_.rows_skipped == 0) {
      throw InputException(
          InputError{InputErrorKind::kEmpty, name, 0, 0, {}, "at least one data row after the header"});
    }
    report_.files.push_back({name, parser.format(), kept});
    report_.rows_kept += kept;
  }

  const Reference& reference_;
  const ReadOptions& options_;
  TradeTableBuilder& builder_;
  ReadReport& report_;
};

TradeTable Finish(TradeTableBuilder& builder, const ReadOptions& options, ReadReport& report) {
  // A lenient read that skipped every row has nothing to analyse: say so, with the first fault, rather than
  // hand on an empty table.
  if (builder.size() == 0 && report.rows_skipped > 0 && !report.examples.empty()) {
    const InputError& first = report.examples.front();
    throw InputException(
        InputError{InputErrorKind::kEmpty,
                   first.file,
                   0,
                   0,
                   {},
                   fmt::format("at least one row without faults (--lenient skipped all {} data rows; the first: {})",
                               report.rows_skipped, first.Message())});
  }
  TradeTable table = builder.Build(options.duplicates);
  report.rows_kept = table.size();
  return table;
}

}  // namespace

TradeTable ReadTradeFiles(const std::vector<std::string>& paths, const Reference& reference, const ReadOptions& options,
                          ReadReport* report) {
  ReadReport local_report;
  ReadReport& out = report != nullptr ? *report : local_report;
  out = ReadReport();
  TradeTableBuilder builder;
  FileReader reader(reference, options, builder, out);
  for (const std::string& path : paths) {
    const InputBytes bytes = InputBytes::Load(path, options.max_inflated_bytes);
    reader.Read(bytes.view(), path == "-" ? "<stdin>" : path, &bytes);
  }
  return Finish(builder, options, out);
}

TradeTable ReadTradeBuffer(std::string_view bytes, const std::string& name, const Reference& reference,
                           const ReadOptions& options, ReadReport* report) {
  ReadReport local_report;
  ReadReport& out = report != nullptr ? *report : local_report;
  out = ReadReport();
  TradeTableBuilder builder;
  FileReader reader(reference, options, builder, out);
  if (io_internal::IsGzip(bytes)) {
    const std::string inflated = io_internal::Gunzip(bytes, name, options.max_inflated_bytes);
    reader.Read(inflated, name);
  } else {
    reader.Read(bytes, name);
  }
  return Finish(builder, options, out);
}

}  // namespace tradeshock
