// Google Benchmark of the BACI read path and of one indicator on the table it builds.
// Usage: read_bench BACI_FILE [--benchmark_... flags]
// The file comes from bench/gen_baci.py (bench/run_read_bench.sh makes a 1M-row one); its
// country_codes_V*.csv must lie beside it, as in a real BACI release.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tradeshock/indicators.h"
#include "tradeshock/io.h"
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"

namespace {

std::string& BaciFile() {
  static std::string path;
  return path;
}

// Reads the whole file with `threads` parser threads; rows/s and bytes/s are per wall second.
void BM_ReadBaci(benchmark::State& state) {
  const tradeshock::Reference& reference = tradeshock::Reference::Default();
  tradeshock::ReadOptions options;
  options.format = tradeshock::InputFormat::kBaci;
  options.threads = static_cast<unsigned>(state.range(0));
  const auto file_bytes = static_cast<std::int64_t>(std::filesystem::file_size(BaciFile()));
  std::size_t rows = 0;
  std::size_t column_bytes = 0;
  for (auto _ : state) {
    const tradeshock::TradeTable table = tradeshock::ReadTradeFiles({BaciFile()}, reference, options);
    rows = table.size();
    column_bytes = table.ColumnBytes();
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
  state.SetBytesProcessed(state.iterations() * file_bytes);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["column_bytes_per_row"] = static_cast<double>(column_bytes) / static_cast<double>(rows);
}
BENCHMARK(BM_ReadBaci)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

// Shares of the biggest exporter's exports by partner or by product (arg 0 / 1), on a table read once outside
// the timing. By product, each item's rows are spread over every partner's block of the table.
void BM_Shares(benchmark::State& state) {
  const tradeshock::Reference& reference = tradeshock::Reference::Default();
  tradeshock::ReadOptions options;
  options.format = tradeshock::InputFormat::kBaci;
  const tradeshock::TradeTable table = tradeshock::ReadTradeFiles({BaciFile()}, reference, options);

  // The generator gives the first country of its list the most rows; pick the reporter with most rows
  // here instead of assuming it, so the benchmark follows the file.
  std::vector<std::size_t> rows_per_reporter(table.economies().size(), 0);
  for (const auto reporter : table.reporter()) ++rows_per_reporter[reporter];
  std::size_t biggest = 0;
  for (std::size_t i = 1; i < rows_per_reporter.size(); ++i) {
    if (rows_per_reporter[i] > rows_per_reporter[biggest]) biggest = i;
  }
  tradeshock::Selection selection;
  selection.reporter = table.economies()[static_cast<std::uint32_t>(biggest)];
  selection.flow = tradeshock::Flow::kExports;
  selection.period = table.periods().front();
  const auto by = state.range(0) == 0 ? tradeshock::ShareBy::kPartner : tradeshock::ShareBy::kProduct;
  std::size_t items = 0;
  for (auto _ : state) {
    const tradeshock::ShareResult shares = tradeshock::ComputeShares(table, reference, selection, by);
    items = shares.items.size();
    benchmark::DoNotOptimize(items);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows_per_reporter[biggest]));
  state.SetLabel(selection.Describe());
  state.counters["items"] = static_cast<double>(items);
  state.counters["reporter_rows"] = static_cast<double>(rows_per_reporter[biggest]);
}
BENCHMARK(BM_Shares)->Arg(0)->Arg(1)->ArgName("by_product")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s BACI_FILE [--benchmark_... flags]\n", argv[0]);
    return 2;
  }
  BaciFile() = argv[1];
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
