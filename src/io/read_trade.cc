// The reading driver: splits a file's bytes at record boundaries, parses the chunks on worker threads into
// local columns, then merges them in order into the TradeTableBuilder.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <thread>

#include "io/csv_record.h"
#include "io/input_bytes.h"
#include "io/row_parsers.h"
#include "tradeshock/io.h"

namespace tradeshock {

using io_internal::ChunkColumns;
using io_internal::InputBytes;
using io_internal::RecordReader;
using io_internal::RecordStatus;
using io_internal::RowError;
using io_internal::RowParser;

std::string_view ToString(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kLong: return "long";
    case InputFormat::kBaci: return "baci";
    case InputFormat::kComtrade: return "comtrade";
  }
  return "?";
}

namespace {

constexpr std::size_t kMaxExamples = 10;
constexpr std::size_t kMinChunkBytes = 1 << 20;

struct Chunk {
  std::size_t begin = 0;
  std::size_t end = 0;
  ChunkColumns columns;
  std::size_t newlines = 0;
  // Errors carry a line relative to the chunk (1-based); the merge makes it absolute.
  std::vector<InputError> errors;  // strict: at most one; lenient: the first few
  std::size_t skipped = 0;
  std::map<InputErrorKind, std::size_t> skipped_by_kind;
};

bool HasNonAscii(std::string_view data) {
  for (const char c : data) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
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

void ParseChunk(std::string_view data, const RowParser& parser, bool lenient, Chunk& chunk) {
  const bool check_utf8 = HasNonAscii(data.substr(chunk.begin, chunk.end - chunk.begin));
  RecordReader reader(data, chunk.begin, chunk.end);
  std::size_t line = 1;  // of the next record, relative to the chunk
  RowError error;
  const std::size_t expected_fields = parser.field_count();
  while (true) {
    const std::size_t record_start = reader.position();
    const RecordStatus status = reader.Next();
    line += reader.lines_before();
    if (status == RecordStatus::kEnd) break;
    const std::size_t record_line = line;
    line += reader.lines_inside() + 1;
    bool bad = false;
    if (status == RecordStatus::kUnterminatedQuote) {
      error = {InputErrorKind::kQuoting, reader.bad_field() + 1, RecordLineText(data, record_start),
               "a closing quote before the end of the file"};
      bad = true;
    } else if (status == RecordStatus::kMisplacedQuote) {
      error = {InputErrorKind::kQuoting, reader.bad_field() + 1, RecordLineText(data, record_start),
               "quotes only around a whole field (a quote inside one is doubled: \"\")"};
      bad = true;
    } else if (reader.fields().size() != expected_fields) {
      // The column is the first field past the expected count, or the first missing one.
      const std::size_t got = reader.fields().size();
      error = {InputErrorKind::kColumnCount, std::min(got, expected_fields) + 1, fmt::format("{} fields", got),
               fmt::format("{} fields as in the header", expected_fields)};
      bad = true;
    } else if (check_utf8) {
      const auto& fields = reader.fields();
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!io_internal::IsValidUtf8(fields[i])) {
          error = {InputErrorKind::kEncoding, i + 1, std::string(fields[i]), "UTF-8 text"};
          bad = true;
          break;
        }
      }
    }
    if (!bad && !parser.Parse(reader.fields(), chunk.columns, error)) bad = true;
    if (!bad) {
      while (chunk.columns.line.size() < chunk.columns.value.size()) {
        chunk.columns.line.push_back(static_cast<std::uint32_t>(record_line));
      }
      continue;
    }
    ++chunk.skipped;
    ++chunk.skipped_by_kind[error.kind];
    if (chunk.errors.size() < kMaxExamples) {
      chunk.errors.push_back(InputError{error.kind, {}, record_line, error.column, std::move(error.value),
                                        std::move(error.expected)});
    }
    if (!lenient) break;
  }
  chunk.newlines = static_cast<std::size_t>(std::count(data.begin() + chunk.begin, data.begin() + chunk.end, '\n'));
}

// Splits [begin, size) into about `count` pieces ending at record boundaries.
std::vector<Chunk> SplitChunks(std::string_view data, std::size_t begin, std::size_t count) {
  std::vector<Chunk> chunks;
  const bool has_quotes = std::memchr(data.data() + begin, '"', data.size() - begin) != nullptr;
  const std::size_t step = std::max<std::size_t>(1, (data.size() - begin) / count);
  std::size_t start = begin;
  while (start < data.size()) {
    std::size_t target = std::min(data.size(), start + step);
    std::size_t end = data.size();
    if (target < data.size()) {
      bool in_quotes = false;
      if (has_quotes) in_quotes = std::count(data.begin() + start, data.begin() + target, '"') % 2 == 1;
      end = io_internal::NextRecordBoundary(data, target, in_quotes);
    }
    Chunk chunk;
    chunk.begin = start;
    chunk.end = end;
    chunks.push_back(std::move(chunk));
    start = end;
  }
  return chunks;
}

template <typename Id, typename InternFn>
std::vector<Id> MapIds(const std::vector<std::string>& texts, InternFn intern) {
  std::vector<Id> ids;
  ids.reserve(texts.size());
  for (const auto& text : texts) ids.push_back(intern(text));
  return ids;
}

class FileReader {
 public:
  FileReader(const Reference& reference, const ReadOptions& options, TradeTableBuilder& builder, ReadReport& report)
      : reference_(reference), options_(options), builder_(builder), report_(report) {}

  void Read(std::string_view bytes, const std::string& name) {
    std::string_view data = bytes;
    std::size_t bom = 0;
    if (data.starts_with("\xEF\xBB\xBF")) bom = 3;
    RecordReader header_reader(data, bom, data.size());
    const RecordStatus status = header_reader.Next();
    if (status == RecordStatus::kEnd) {
      throw InputException(InputError{InputErrorKind::kEmpty, name, 0, 0, {}, "a header line and data rows"});
    }
    const std::size_t header_line = 1 + header_reader.lines_before();
    if (status != RecordStatus::kOk) {
      throw InputException(InputError{InputErrorKind::kQuoting, name, header_line, header_reader.bad_field() + 1, {},
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
    std::vector<Chunk> chunks = SplitChunks(data, data_begin, chunk_count);
    ParseAll(data, *parser, chunks, threads);
    Merge(*parser, chunks, name, first_line);
  }

 private:
  void ParseAll(std::string_view data, const RowParser& parser, std::vector<Chunk>& chunks, unsigned threads) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> bytes_done{0};
    std::atomic<std::size_t> workers_done{0};
    std::mutex mutex;
    std::condition_variable done;
    std::exception_ptr failure;
    const auto work = [&] {
      try {
        for (std::size_t i = next++; i < chunks.size(); i = next++) {
          ParseChunk(data, parser, options_.lenient, chunks[i]);
          bytes_done += chunks[i].end - chunks[i].begin;
        }
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
    const std::size_t worker_count = std::min<std::size_t>(threads, chunks.size());
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < worker_count; ++i) workers.emplace_back(work);
    if (worker_count <= 1 || !options_.progress) {
      work();
    } else {
      // This thread reports progress while the workers parse.
      workers.emplace_back(work);
      const std::size_t total = data.size();
      std::unique_lock lock(mutex);
      while (!done.wait_for(lock, std::chrono::milliseconds(250), [&] { return workers_done == worker_count; })) {
        options_.progress(fmt::format("read {} MB of {} MB", bytes_done.load() >> 20, total >> 20));
      }
    }
    for (auto& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
  }

  void Merge(const RowParser& parser, std::vector<Chunk>& chunks, const std::string& name, std::size_t first_line) {
    builder_.AddFile(name);
    std::size_t rows = 0;
    for (const Chunk& chunk : chunks) rows += chunk.columns.value.size();
    builder_.Reserve(builder_.size() + rows);
    // Quantity and source columns cover every row once any file has them.
    if (parser.has_quantity() && !has_quantity_) {
      has_quantity_ = true;
      for (std::size_t i = 0; i < builder_.size(); ++i) builder_.AppendQuantity(std::numeric_limits<float>::quiet_NaN());
    }
    if (parser.has_source() && !has_source_) {
      has_source_ = true;
      const SourceIdx empty = builder_.InternSource("");
      for (std::size_t i = 0; i < builder_.size(); ++i) builder_.AppendSource(empty);
    }
    const SourceIdx no_source = has_source_ && !parser.has_source() ? builder_.InternSource("") : 0;

    std::size_t line_base = first_line;  // absolute line of each chunk's first line
    std::size_t kept = 0;
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

      ChunkColumns& columns = chunk.columns;
      const auto economies = MapIds<EconomyIdx>(columns.economies.texts,
                                                [&](const std::string& code) { return builder_.InternEconomy(code); });
      const auto products = MapIds<ProductIdx>(columns.products.texts,
                                               [&](const std::string& code) { return builder_.InternProduct(code); });
      const auto currencies = MapIds<CurrencyIdx>(
          columns.currencies.texts, [&](const std::string& code) { return builder_.InternCurrency(code); });
      const auto sources = MapIds<SourceIdx>(columns.sources.texts,
                                             [&](const std::string& text) { return builder_.InternSource(text); });
      std::vector<PeriodIdx> periods;
      for (const Period& period : columns.periods) periods.push_back(builder_.InternPeriod(period));

      const std::size_t n = columns.value.size();
      for (std::size_t row = 0; row < n; ++row) {
        const std::size_t line = line_base - 1 + columns.line[row];
        builder_.AppendIds(economies[columns.reporter[row]], economies[columns.partner[row]], columns.flow[row],
                           products[columns.product[row]], periods[columns.period[row]],
                           currencies[columns.currency[row]], columns.value[row],
                           static_cast<std::uint32_t>(std::min<std::size_t>(line, UINT32_MAX)));
        if (has_quantity_) {
          builder_.AppendQuantity(parser.has_quantity() ? columns.quantity[row]
                                                        : std::numeric_limits<float>::quiet_NaN());
        }
        if (has_source_) builder_.AppendSource(parser.has_source() ? sources[columns.source[row]] : no_source);
      }
      kept += n;
      line_base += chunk.newlines;
      chunk.columns = ChunkColumns();  // free as we go
    }
    if (kept == 0 && report_.rows_skipped == 0) {
      throw InputException(InputError{InputErrorKind::kEmpty, name, 0, 0, {}, "at least one data row after the header"});
    }
    report_.files.push_back({name, parser.format(), kept});
    report_.rows_kept += kept;
  }

  const Reference& reference_;
  const ReadOptions& options_;
  TradeTableBuilder& builder_;
  ReadReport& report_;
  bool has_quantity_ = false;
  bool has_source_ = false;
};

TradeTable Finish(TradeTableBuilder& builder, const ReadOptions& options, ReadReport& report) {
  TradeTable table = builder.Build(options.duplicates);
  report.rows_kept = table.size();
  return table;
}

}  // namespace

TradeTable ReadTradeFiles(const std::vector<std::string>& paths, const Reference& reference,
                          const ReadOptions& options, ReadReport* report) {
  ReadReport local_report;
  ReadReport& out = report != nullptr ? *report : local_report;
  out = ReadReport();
  TradeTableBuilder builder;
  FileReader reader(reference, options, builder, out);
  for (const std::string& path : paths) {
    const InputBytes bytes = InputBytes::Load(path);
    reader.Read(bytes.view(), path == "-" ? "<stdin>" : path);
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
    const std::string inflated = io_internal::Gunzip(bytes, name);
    reader.Read(inflated, name);
  } else {
    reader.Read(bytes, name);
  }
  return Finish(builder, options, out);
}

}  // namespace tradeshock
