// Google Benchmark of the general-equilibrium solver (conditional + full endowment, ge::Simulate):
//  - 69 economies: the book's "trade without borders" (Yotov et al. 2016, ch. 2 application 1) on the
//    PPML-fitted 2006 baseline of tests/data/models/agtpa_2006.csv, sigma = 7, reference DEU;
//  - 200 economies: a synthetic baseline made here with a fixed seed (see MakeSynthetic), a 40-member bloc
//    whose internal trade costs fall (t_hat = exp(0.5) between members), theta = 4.
// Usage: ge_bench [--write-inputs DIR] [--benchmark_... flags]
// With --write-inputs the inputs (flows, cost change) and this solver's results are written to DIR as CSV
// for bench/ge_r_reference.R, and nothing is timed. bench/run_ge_bench.sh runs both and the ratio.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tradeshock/ge.h"

namespace {

using tradeshock::ge::Baseline;

struct Case {
  std::string name;
  Baseline baseline;
  Eigen::MatrixXd cost_change;
  tradeshock::ge::Options options;
};

// The 2006 flows with the published baseline coefficients (PUBLISHED.md: ln_DIST -0.7912879, CNTG
// 0.6736456, INTL_BRDR -2.47445), fitted as the book does, and INTL_BRDR -> 0.
Case BookCase() {
  std::ifstream in(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/models/agtpa_2006.csv");
  if (!in) throw std::runtime_error("cannot open tests/data/models/agtpa_2006.csv");
  std::string line;
  std::getline(in, line);
  std::vector<tradeshock::ge::FlowRow> rows;
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> geography;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string exporter, importer, trade, dist, cntg;
    std::getline(fields, exporter, ',');
    std::getline(fields, importer, ',');
    std::getline(fields, trade, ',');
    std::getline(fields, dist, ',');
    std::getline(fields, cntg, ',');
    rows.push_back({exporter, importer, std::stod(trade)});
    geography[{exporter, importer}] = {std::stod(dist), std::stod(cntg)};
  }
  const Baseline observed = tradeshock::ge::BuildBaseline(rows);
  const auto n = Eigen::Index(observed.economies.size());
  Eigen::MatrixXd log_cost(n, n);
  Eigen::MatrixXd border(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto [dist, cntg] = geography[{observed.economies[i], observed.economies[j]}];
      border(i, j) = i == j ? 0.0 : 1.0;
      log_cost(i, j) = -0.7912879 * std::log(dist) + 0.6736456 * cntg - 2.47445 * border(i, j);
    }
  }
  Case book;
  book.name = "book69";
  book.baseline = tradeshock::ge::FitBaseline(observed, log_cost);
  book.cost_change = tradeshock::ge::CostChangeFromCoefficient(-2.47445, -border);
  book.options.theta = 6;
  book.options.reference = "DEU";
  return book;
}

// 200 economies at uniform random places in a 100 x 100 square, log-normal sizes s_i; international flows
// s_i s_j / distance times log-normal noise, domestic flows 20 s_i^2 (domestic shares of 40-90 %).
Case SyntheticCase(int n) {
  std::mt19937_64 random(20261129);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 100.0);
  std::vector<double> x(n), y(n), size(n);
  Baseline baseline;
  for (int i = 0; i < n; ++i) {
    x[i] = uniform(random);
    y[i] = uniform(random);
    size[i] = std::exp(normal(random));
    baseline.economies.push_back(fmt::format("E{:03d}", i));
  }
  baseline.flows.resize(n, n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      const double distance = std::max(1.0, std::hypot(x[i] - x[j], y[i] - y[j]));
      baseline.flows(i, j) =
          i == j ? 20 * size[i] * size[i] : size[i] * size[j] / distance * std::exp(0.5 * normal(random));
    }
  }
  Case synthetic;
  synthetic.name = fmt::format("synthetic{}", n);
  synthetic.baseline = baseline;
  synthetic.cost_change = Eigen::MatrixXd::Ones(n, n);
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 40; ++j) {
      if (i != j) synthetic.cost_change(i, j) = std::exp(0.5);
    }
  }
  synthetic.options.theta = 4;
  synthetic.options.reference = baseline.economies[0];
  return synthetic;
}

const Case& Get(int which) {
  static const Case book = BookCase();
  static const Case synthetic = SyntheticCase(200);
  return which == 69 ? book : synthetic;
}

void BM_GeSimulate(benchmark::State& state) {
  const Case& c = Get(int(state.range(0)));
  tradeshock::ge::Result result;
  for (auto _ : state) {
    result = tradeshock::ge::Simulate(c.baseline, c.cost_change, c.options);
    benchmark::DoNotOptimize(result);
  }
  state.counters["economies"] = double(c.baseline.flows.rows());
  state.counters["iterations_cdl"] = result.conditional.iterations;
  state.counters["iterations_full"] = result.full.iterations;
}
BENCHMARK(BM_GeSimulate)->Arg(69)->Arg(200)->Unit(benchmark::kMillisecond);

void WriteMatrix(const std::filesystem::path& path, const Eigen::MatrixXd& matrix) {
  std::ofstream out(path);
  for (Eigen::Index i = 0; i < matrix.rows(); ++i) {
    for (Eigen::Index j = 0; j < matrix.cols(); ++j) out << fmt::format("{}{:.17g}", j ? "," : "", matrix(i, j));
    out << "\n";
  }
}

// DIR/<case>_flows.csv, _cost.csv (no header), _meta.csv (theta, 1-based reference index), _result.csv
// (this solver's price, real GDP and conditional exports changes, %, for the R script to compare).
void WriteInputs(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const int which : {69, 200}) {
    const Case& c = Get(which);
    WriteMatrix(dir / (c.name + "_flows.csv"), c.baseline.flows);
    WriteMatrix(dir / (c.name + "_cost.csv"), c.cost_change);
    const auto reference = std::find(c.baseline.economies.begin(), c.baseline.economies.end(), c.options.reference) -
                           c.baseline.economies.begin();
    std::ofstream(dir / (c.name + "_meta.csv")) << "theta,reference\n"
                                                << c.options.theta << "," << reference + 1 << "\n";
    const tradeshock::ge::Result result = tradeshock::ge::Simulate(c.baseline, c.cost_change, c.options);
    std::ofstream out(dir / (c.name + "_result.csv"));
    out << "price_change_full_pct,real_gdp_change_full_pct,exports_change_cdl_pct,exports_change_full_pct\n";
    for (const auto& row : result.economies) {
      out << fmt::format("{:.17g},{:.17g},{:.17g},{:.17g}\n", row.price_change_full_pct, row.real_gdp_change_full_pct,
                         row.exports_change_cdl_pct, row.exports_change_full_pct);
    }
    std::printf("%s: %td economies, conditional %d iterations, full %d iterations\n", c.name.c_str(),
                c.baseline.flows.rows(), result.conditional.iterations, result.full.iterations);
  }
}

}  // namespace

int main(int argc, char** argv) {
  for (int k = 1; k + 1 < argc; ++k) {
    if (std::strcmp(argv[k], "--write-inputs") == 0) {
      WriteInputs(argv[k + 1]);
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
