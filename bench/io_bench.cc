// Google Benchmark of the supply-chain stage on the shipped WIOD 2013 table of 2011 (1,435 sectors):
// reading the gzip CSV, building the model (A, v, and L by dense LU), and each measure. The peer is
// bench/io_numpy_bench.py (numpy.linalg.inv, the approach of pymrio); bench/run_io_bench.sh runs both.
#include <benchmark/benchmark.h>

#include <string>

#include "tradeshock/io_table.h"
#include "tradeshock/supply_chain.h"

namespace {

using namespace tradeshock;

const std::string& TablePath() {
  static const std::string path = std::string(TRADESHOCK_SOURCE_DIR) + "/data/io/wiod-2013/wiot_2011.csv.gz";
  return path;
}

const IoTable& Table() {
  static const IoTable table = ReadIoTable(TablePath());
  return table;
}

const LeontiefModel& Model() {
  static const LeontiefModel model = LeontiefModel::Build(Table());
  return model;
}

void BM_ReadWiod2011(benchmark::State& state) {
  Table();  // the page cache warm for every repetition
  for (auto _ : state) benchmark::DoNotOptimize(ReadIoTable(TablePath()));
}
BENCHMARK(BM_ReadWiod2011)->Unit(benchmark::kMillisecond);

void BM_LeontiefInverse1435(benchmark::State& state) {
  Table();
  for (auto _ : state) benchmark::DoNotOptimize(LeontiefModel::Build(Table()));
}
BENCHMARK(BM_LeontiefInverse1435)->Unit(benchmark::kMillisecond);

void BM_FdvaOneDestination(benchmark::State& state) {
  Model();  // built once, outside the timed loop
  for (auto _ : state) benchmark::DoNotOptimize(ValueAddedInFinalDemand(Model(), {.destination = "USA"}));
}
BENCHMARK(BM_FdvaOneDestination)->Unit(benchmark::kMillisecond);

void BM_FdvaEveryDestination(benchmark::State& state) {
  Model();  // built once, outside the timed loop
  for (auto _ : state) {
    for (const std::string& d : Table().economies) {
      benchmark::DoNotOptimize(ValueAddedInFinalDemand(Model(), {.destination = d}));
    }
  }
}
BENCHMARK(BM_FdvaEveryDestination)->Unit(benchmark::kMillisecond);

void BM_ExportContent(benchmark::State& state) {
  Model();  // built once, outside the timed loop
  for (auto _ : state) benchmark::DoNotOptimize(ValueAddedInExports(Model(), {.exporter = "CHN"}));
}
BENCHMARK(BM_ExportContent)->Unit(benchmark::kMillisecond);

void BM_Dependence(benchmark::State& state) {
  Model();  // built once, outside the timed loop
  for (auto _ : state) benchmark::DoNotOptimize(InputDependence(Model(), {.origin = "CHN"}));
}
BENCHMARK(BM_Dependence)->Unit(benchmark::kMillisecond);

void BM_Extraction(benchmark::State& state) {
  Model();  // built once, outside the timed loop
  for (auto _ : state) {
    benchmark::DoNotOptimize(HypotheticalExtraction(Model(), {.importer = "USA", .exporter = "CHN"}));
  }
}
BENCHMARK(BM_Extraction)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
