#!/usr/bin/env bash
# Scenario and brief benchmark: `tradeshock scenario` and `tradeshock brief` on a BACI-sized case (10 million
# rows), and the seed case's brief for comparison.
# Usage: bench/run_scenario_bench.sh BUILD_DIR   (BUILD_DIR holds a Release build of the tradeshock CLI)
#
# 1. Reuses BUILD_DIR/baci_ROWS/ (the file bench/run_read_bench.sh generates), generating it once if absent.
# 2. Makes the case folder BUILD_DIR/scenario_baci_ROWS/: links to the data file and its
#    country_codes_V202401.csv, and a scenario.toml in which the United States bans all imports from China
#    from 2023-01-01 (the file's year is 2022; the generator makes CHN the biggest exporter).
# 3. Reads the data once to warm the page cache, then times each command RUNS times (default 3) with
#    /usr/bin/time -v: best wall and CPU (user + sys) seconds, highest peak RSS. Each command runs with
#    --timings, which reports its stages (read, mirror imports, analysis, output) on stderr; the stages of
#    the run with the best wall time are shown.
# Environment: RUNS, ROWS (default 10000000), PYTHON (default /usr/bin/python3), DATA_DIR (default
# BUILD_DIR/baci_ROWS: another build folder's generated file can be reused).
set -euo pipefail
build_dir=$(cd "${1:?usage: bench/run_scenario_bench.sh BUILD_DIR}" && pwd)
bench_dir=$(cd "$(dirname "$0")" && pwd)
repo_dir=$(cd "$bench_dir/.." && pwd)
runs=${RUNS:-3}
rows=${ROWS:-10000000}
python=${PYTHON:-/usr/bin/python3}
cli="$build_dir/tradeshock"
[[ -x $cli ]] || { echo "missing $cli: run 'make bench-build' (or build the tradeshock_cli target)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "missing /usr/bin/time (Debian package time)" >&2; exit 2; }

# The same file, name and check as bench/run_read_bench.sh, so the two benchmarks share one generated file.
data_dir=${DATA_DIR:-$build_dir/baci_$rows}
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
data_file="$data_dir/BACI_HS17_Y2022_V202401.csv"
codes_file="$data_dir/country_codes_V202401.csv"
if [[ ! -f $data_file || ! -f $codes_file || $(wc -l <"$data_file") -ne $((rows + 1)) ]]; then
  echo "== generating $rows rows into $data_file" >&2
  "$python" "$bench_dir/gen_baci.py" "$data_file" --rows "$rows"
fi

case_dir="$build_dir/scenario_baci_$rows"
mkdir -p "$case_dir"
ln -sf "$data_file" "$case_dir/BACI_HS17_Y2022_V202401.csv"
ln -sf "$codes_file" "$case_dir/country_codes_V202401.csv"
cat >"$case_dir/scenario.toml" <<'EOF'
# Benchmark scenario (bench/run_scenario_bench.sh): the United States bans all imports from China.
title = "US ban on all imports from China (benchmark, generated BACI-shaped data)"
[[policy]]
name = "US ban on Chinese products"
kind = "ban"
imposed_by = "USA"
on = "CHN"
products = "all"
from = 2023-01-01
EOF

out_dir="$build_dir/scenario_bench_out"
mkdir -p "$out_dir"
labels=("scenario (table)"
        "scenario --format json"
        "scenario --mirror-imports off"
        "brief (md, html, json)"
        "brief, seed case (xinjiang-2021)")
commands=("$cli scenario $case_dir --timings"
          "$cli scenario $case_dir --format json --timings"
          "$cli scenario $case_dir --mirror-imports off --timings"
          "$cli brief $case_dir --out $out_dir/brief --timings"
          "$cli brief $repo_dir/data/cases/xinjiang-2021 --out $out_dir/seed --timings")

cat "$data_file" >/dev/null  # warm the page cache so that every run starts from the same state
log_dir="$build_dir/scenario_bench_logs"
mkdir -p "$log_dir"
declare -a best_wall best_cpu peak_kib best_run
for index in "${!commands[@]}"; do
  best="" cpu_best="" peak=0 best_index=1
  for run in $(seq 1 "$runs"); do
    log="$log_dir/$index.$run.time"
    /usr/bin/time -v -o "$log" bash -c "${commands[$index]}" \
      >"$log_dir/$index.$run.out" 2>"$log_dir/$index.$run.err" || {
      echo "failed: ${commands[$index]} (see $log_dir/$index.$run.err)" >&2
      cat "$log_dir/$index.$run.err" >&2
      exit 1
    }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, part, ":"); s = 0; for (p = 1; p <= n; ++p) s = s * 60 + part[p]; print s }' "$log")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    if [[ -z $cpu_best ]] || awk -v a="$cpu" -v b="$cpu_best" 'BEGIN {exit !(a < b)}'; then cpu_best=$cpu; fi
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$wall; best_index=$run; fi
    (( rss > peak )) && peak=$rss
  done
  best_wall[index]=$best
  best_cpu[index]=$cpu_best
  peak_kib[index]=$peak
  best_run[index]=$best_index
done

# "timings: read 1.812 s, mirror imports 0.201 s, analysis 0.310 s, format 0.008 s, write 0.000 s, total ..."
stage() {  # stage LOG "NAME|NAME..." -> seconds of the named stages added up ("-" when none is there)
  awk -v names="$2" 'BEGIN { n = split(names, want, "|") }
    /^timings:/ {
      sub(/^timings: /, ""); count = split($0, part, ", ")
      for (i = 1; i <= count; ++i) {
        m = split(part[i], word, " "); name = word[1]; for (w = 2; w < m - 1; ++w) name = name " " word[w]
        for (k = 1; k <= n; ++k) if (name == want[k]) { s += word[m - 1]; found = 1 }
      }
    }
    END { if (found) printf "%.2f", s; else printf "-" }' "$1"
}

bytes=$(stat -L -c %s "$data_file")
echo
echo "== $rows rows, $((bytes / 1000000)) MB, best of $runs runs (wall; CPU = user + sys; peak RSS: highest);"
echo "   stages from tradeshock's --timings in the run with the best wall time"
echo
echo "| command | wall s | CPU s | peak MiB | read s | mirror imports s | analysis s | output s |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for index in "${!commands[@]}"; do
  err="$log_dir/$index.${best_run[index]}.err"
  awk -v label="${labels[$index]}" -v wall="${best_wall[index]}" -v cpu="${best_cpu[index]}" \
      -v kib="${peak_kib[index]}" -v read="$(stage "$err" "read")" -v mirror="$(stage "$err" "mirror imports")" \
      -v analysis="$(stage "$err" "analysis")" -v output="$(stage "$err" "format|write|write brief")" 'BEGIN {
    printf "| %s | %.2f | %.2f | %.0f | %s | %s | %s | %s |\n", label, wall, cpu, kib / 1024, read, mirror, analysis,
      output }'
done
echo
echo "== brief files (10M-row case)"
ls -l "$out_dir/brief" | awk 'NR > 1 { printf "  %-12s %12d bytes\n", $9, $5 }'
echo
echo "== outputs of the last run"
for index in 0 3; do
  echo "-- ${labels[$index]} (first lines)"
  head -n 16 "$log_dir/$index.$runs.out"
done
echo "-- notes of the scenario"
sed -n '/^notes:/,$p' "$log_dir/0.$runs.out" | cut -c 1-200
