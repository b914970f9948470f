#!/usr/bin/env bash
# Reading benchmark: tradeshock against pandas and `wc -l` on one BACI-shaped file, in one run.
# Usage: bench/run_read_bench.sh BUILD_DIR   (BUILD_DIR configured with -DTRADESHOCK_BENCH=ON and built)
#
# 1. Generates BUILD_DIR/baci_ROWS/ (10M rows by default) and BUILD_DIR/baci_1m/ once;
#    later runs reuse them. Data never goes into the source tree.
# 2. Runs the Google Benchmark binary on the 1M-row file (output kept in BUILD_DIR/read_bench.txt).
# 3. Times each command on the 10M-row file with /usr/bin/time -v, RUNS times (default 3), after one
#    read to warm the page cache, and prints a Markdown table: best wall seconds, peak RSS, ratio to pandas.
# 4. Prints memory per row: the table's column bytes (from `inspect`) and the process's peak RSS.
# Environment: RUNS, ROWS (default 10000000), PYTHON (default /usr/bin/python3).
set -euo pipefail
build_dir=$(cd "${1:?usage: bench/run_read_bench.sh BUILD_DIR}" && pwd)
bench_dir=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-3}
rows=${ROWS:-10000000}
python=${PYTHON:-/usr/bin/python3}
cli="$build_dir/tradeshock"
read_bench="$build_dir/bench/read_bench"
for binary in "$cli" "$read_bench"; do
  [[ -x $binary ]] || { echo "missing $binary: run 'make bench' (or build with -DTRADESHOCK_BENCH=ON)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "missing /usr/bin/time (Debian package time)" >&2; exit 2; }

# Named like a release file so that tradeshock finds country_codes_V202401.csv beside it.
big_file="$build_dir/baci_$rows/BACI_HS17_Y2022_V202401.csv"
small_file="$build_dir/baci_1m/BACI_HS17_Y2022_V202401.csv"
generate() {  # generate FILE ROWS, unless a complete file with ROWS data rows is there
  local file=$1 count=$2
  if [[ -f $file && -f ${file%/*}/country_codes_V202401.csv && $(wc -l <"$file") -eq $((count + 1)) ]]; then
    return
  fi
  echo "== generating $count rows into $file" >&2
  "$python" "$bench_dir/gen_baci.py" "$file" --rows "$count"
}
generate "$small_file" 1000000
generate "$big_file" "$rows"

echo "== Google Benchmark, 1M-row file ($(du -h "$small_file" | cut -f1))"
"$read_bench" "$small_file" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  | tee "$build_dir/read_bench.txt"

# The generator ranks China (156) first, so CHN is the biggest exporter; the year is the file's.
reporter=CHN
period=2022
pandas_script="import pandas as pd, sys
df = pd.read_csv(sys.argv[1], dtype={'k': str})
print(len(df), df.groupby('i')['v'].sum().size)"

labels=("wc -l" "pandas read_csv + groupby(i).v.sum()" "tradeshock inspect"
        "tradeshock indicators --by partner")
commands=("wc -l $big_file"
          "$python -c \"$pandas_script\" $big_file"
          "$cli inspect $big_file"
          "$cli indicators $big_file --reporter $reporter --flow exports --period $period --by partner --top 5")

cat "$big_file" >/dev/null  # warm the page cache so every tool starts from the same state
log_dir="$build_dir/read_bench_logs"
mkdir -p "$log_dir"
declare -a best_wall best_cpu peak_kib
for index in "${!commands[@]}"; do
  best="" cpu_best="" peak=0
  for run in $(seq 1 "$runs"); do
    log="$log_dir/$index.$run.time"
    /usr/bin/time -v -o "$log" bash -c "${commands[$index]}" >"$log_dir/$index.$run.out" 2>"$log_dir/$index.$run.err" || {
      echo "failed: ${commands[$index]} (see $log_dir/$index.$run.err)" >&2
      cat "$log_dir/$index.$run.err" >&2
      exit 1
    }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, part, ":"); s = 0; for (p = 1; p <= n; ++p) s = s * 60 + part[p]; print s }' "$log")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
    if [[ -z $cpu_best ]] || awk -v a="$cpu" -v b="$cpu_best" 'BEGIN {exit !(a < b)}'; then cpu_best=$cpu; fi
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$wall; fi
    (( rss > peak )) && peak=$rss
  done
  best_wall[index]=$best
  best_cpu[index]=$cpu_best
  peak_kib[index]=$peak
done

bytes=$(stat -c %s "$big_file")
echo
echo "== $rows rows, $((bytes / 1000000)) MB, best of $runs runs (wall; CPU = user + sys; peak RSS: highest)"
echo
echo "| command | wall s | CPU s | peak MiB | wall vs pandas | CPU vs pandas | wall vs wc -l |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for index in "${!commands[@]}"; do
  awk -v label="${labels[$index]}" -v wall="${best_wall[index]}" -v cpu="${best_cpu[index]}" \
      -v kib="${peak_kib[index]}" -v pandas="${best_wall[1]}" -v pandas_cpu="${best_cpu[1]}" \
      -v floor="${best_wall[0]}" 'BEGIN {
    printf "| %s | %.2f | %.2f | %.0f | %.3fx | %.3fx | %.1fx |\n", label, wall, cpu, kib / 1024, wall / pandas,
      cpu / pandas_cpu, wall / floor }'
done
echo
awk -v pandas="${best_wall[1]}" -v ts="${best_wall[3]}" -v floor="${best_wall[0]}" \
    -v pandas_cpu="${best_cpu[1]}" -v ts_cpu="${best_cpu[3]}" 'BEGIN {
  printf "tradeshock indicators: %.1fx faster than pandas in wall time (%.1fx in CPU time; goal: >= 10x), %.1fx the wall time of wc -l (aim: <= 5x)\n",
    pandas / ts, pandas_cpu / ts_cpu, ts / floor }'

echo
echo "== memory per row (issue 2: at most 24 bytes per BACI-like row)"
grep -i -E 'memory|bytes' "$log_dir/2.1.out" | sed 's/^/inspect: /' || true
awk -v kib="${peak_kib[2]}" -v rows="$rows" 'BEGIN {
  printf "inspect peak RSS / rows: %.1f bytes per row (whole process: reference data, read buffers, table)\n",
    kib * 1024 / rows }'
echo
echo "== outputs of the last run"
for index in 2 3; do
  echo "-- ${labels[$index]}"
  cat "$log_dir/$index.$runs.out"
done
