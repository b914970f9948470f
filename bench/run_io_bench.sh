#!/bin/sh
# Runs the supply-chain benchmark (bench/io_bench.cc) and its numpy peer (bench/io_numpy_bench.py) in one go.
# Usage: bench/run_io_bench.sh BUILD_DIR   (configured with -DTRADESHOCK_BENCH=ON, target io_bench built)
set -eu
build=${1:?usage: bench/run_io_bench.sh BUILD_DIR}
here=$(dirname "$0")
nproc
grep -m1 "model name" /proc/cpuinfo || true
"$build/bench/io_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
/usr/bin/python3 "$here/io_numpy_bench.py" 3
