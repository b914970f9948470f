#!/usr/bin/env bash
# General-equilibrium benchmark: tradeshock's solver (Google Benchmark) against the same fixed point in base R,
# on the same inputs, in one run.
# Usage: bench/run_ge_bench.sh BUILD_DIR   (BUILD_DIR configured with -DTRADESHOCK_BENCH=ON, ge_bench built)
# 1. ge_bench --write-inputs writes the two cases (the book's 69 economies, a 200-economy synthetic baseline)
#    and its own results to BUILD_DIR/ge_bench_inputs/;
# 2. ge_bench times ge::Simulate (conditional + full endowment), REPETITIONS times (default 5), median kept;
# 3. bench/ge_r_reference.R times the same solve in R and reports how far its solution is from ours;
# 4. prints a Markdown table with the ratio R / tradeshock.
# Environment: REPETITIONS, RSCRIPT (default Rscript).
set -euo pipefail
build_dir=$(cd "${1:?usage: bench/run_ge_bench.sh BUILD_DIR}" && pwd)
bench_dir=$(cd "$(dirname "$0")" && pwd)
ge_bench="$build_dir/bench/ge_bench"
rscript=${RSCRIPT:-Rscript}
repetitions=${REPETITIONS:-5}
[[ -x $ge_bench ]] || { echo "missing $ge_bench: build with -DTRADESHOCK_BENCH=ON" >&2; exit 2; }
command -v "$rscript" >/dev/null || { echo "missing $rscript (Debian package r-base-core)" >&2; exit 2; }

inputs="$build_dir/ge_bench_inputs"
"$ge_bench" --write-inputs "$inputs"
"$ge_bench" --benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true \
  --benchmark_out="$build_dir/ge_bench.csv" --benchmark_out_format=csv | tee "$build_dir/ge_bench.txt"
"$rscript" "$bench_dir/ge_r_reference.R" "$inputs" book69 synthetic200 | tee "$build_dir/ge_r_reference.csv"

# Google Benchmark CSV: name,iterations,real_time,cpu_time,time_unit,... ; medians in milliseconds.
median_ms() { grep "^\"BM_GeSimulate/$1_median\"" "$build_dir/ge_bench.csv" | cut -d, -f"$2"; }
echo
echo "| case | economies | tradeshock wall ms | R wall ms | ratio wall | tradeshock CPU ms | R CPU ms | ratio CPU | iterations cdl / full | max diff price pp |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
tail -n +2 "$build_dir/ge_r_reference.csv" | while IFS=, read -r name economies r_wall r_cpu solves it_cdl it_full d_price rest; do
  wall=$(median_ms "$economies" 3)
  cpu=$(median_ms "$economies" 4)
  awk -v n="$name" -v e="$economies" -v w="$wall" -v rw="$r_wall" -v c="$cpu" -v rc="$r_cpu" -v ic="$it_cdl" -v jf="$it_full" \
    -v d="$d_price" 'BEGIN { printf "| %s | %s | %.2f | %.1f | %.0f | %.2f | %.1f | %.0f | %s / %s | %s |\n", n, e, w, rw, rw / w, c, rc, rc / c, ic, jf, d }'
done
