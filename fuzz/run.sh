#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR for a share of SECONDS, from the seed corpus in fuzz/corpus.
# Usage: fuzz/run.sh BUILD_DIR SECONDS
# New corpus entries go to BUILD_DIR/corpus/<target> (the seed folder in the repo is read, never
# written). A crash leaves its input in BUILD_DIR/crashes/<target>/ and makes the script exit 1.
set -euo pipefail
build_dir=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS}
total_seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS}
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
targets=(read_trade read_baci period reference scenario_file claims_file expressions)
per_target=$(( total_seconds / ${#targets[@]} ))
(( per_target >= 1 )) || per_target=1

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
summary=()
for target in "${targets[@]}"; do
  binary="$build_dir/fuzz/fuzz_$target"  # CMake puts them in the fuzz/ subfolder of the build
  [[ -x $binary ]] || { echo "missing $binary: build with -DTRADESHOCK_FUZZ=ON first" >&2; exit 2; }
  corpus="$build_dir/corpus/$target"
  crashes="$build_dir/crashes/$target"
  log="$build_dir/fuzz_$target.log"
  mkdir -p "$corpus" "$crashes"
  echo "== fuzz_$target for ${per_target}s (log: $log)"
  status=0
  "$binary" -max_total_time="$per_target" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$corpus" "$fuzz_dir/corpus/$target" >"$log" 2>&1 || status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  if [[ -z $runs ]]; then  # a crash ends the run before the final stats: take the last status line
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  fi
  exec_per_second=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  features=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  corpus_size=$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  if (( status != 0 )); then
    failed=1
    echo "   CRASH in fuzz_$target after ${runs:-?} executions; input kept in $crashes/:"
    ls "$crashes" | sed 's/^/     /'
    grep -m1 -E 'ERROR|SUMMARY|runtime error|deadly signal|uncaught' "$log" | sed 's/^/     /' || true
  fi
  summary+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s |' "fuzz_$target" "$per_target" "${runs:-?}" \
                "${exec_per_second:-?}" "${coverage:-?}" "${features:-?}" "${corpus_size:-?}" \
                "$( (( status != 0 )) && echo 'CRASH' || echo 0)")")
done
echo "== executions per target (coverage: libFuzzer's cov = covered edges, ft = features)"
echo "| target | seconds | executions | exec/s | cov | ft | corpus | crashes |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${summary[@]}"
exit "$failed"
