// Times the PPML fit alone (the CSV is read first and not timed), as the fixest reference figures are
// "after loading". Prints one line of key=value pairs per repetition, for bench/run_gravity_bench.sh:
//   gravity_bench FILE FORMULA [--threads N] [--repeat R] [--tolerance T] [--fe-tolerance T] [--rectifier 0|1]
// CPU time is user + system of the whole process over the fit (all threads), from getrusage.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "tradeshock/gravity.h"

namespace {

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int Main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: gravity_bench FILE FORMULA [--threads N] [--repeat R] [--tolerance T] [--fe-tolerance T] "
                 "[--rectifier 0|1]\n");
    return 2;
  }
  std::string file = argv[1];
  std::string formula_text = argv[2];
  tradeshock::gravity::FitOptions options;
  int repeat = 1;
  for (int a = 3; a + 1 < argc; a += 2) {
    std::string flag = argv[a];
    if (flag == "--threads")
      options.threads = std::atoi(argv[a + 1]);
    else if (flag == "--repeat")
      repeat = std::atoi(argv[a + 1]);
    else if (flag == "--tolerance")
      options.tolerance = std::atof(argv[a + 1]);
    else if (flag == "--fe-tolerance")
      options.fe_tolerance = std::atof(argv[a + 1]);
    else if (flag == "--rectifier")
      options.check_separation = std::atoi(argv[a + 1]) != 0;
    else {
      std::fprintf(stderr, "gravity_bench: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  auto load_start = std::chrono::steady_clock::now();
  tradeshock::gravity::DataFrame data = tradeshock::gravity::ReadDataFrame(file);
  double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  tradeshock::gravity::Formula formula = tradeshock::gravity::ParseFormula(formula_text);
  for (int r = 0; r < repeat; ++r) {
    double cpu_start = CpuSeconds();
    auto start = std::chrono::steady_clock::now();
    tradeshock::gravity::FitResult result = tradeshock::gravity::Fit(data, formula, options);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu = CpuSeconds() - cpu_start;
    std::printf(
        "load_s=%.3f fit_wall_s=%.3f fit_cpu_s=%.3f threads=%d obs=%zu iterations=%d converged=%d separated=%zu",
        load_seconds, wall, cpu, options.threads, result.observations, result.iterations, result.converged ? 1 : 0,
        result.dropped.separated_fe + result.dropped.separated_relu);
    for (const auto& c : result.coefficients) std::printf(" %s=%.12f", c.name.c_str(), c.estimate);
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "gravity_bench: %s\n", error.what());
    return 1;
  }
}
