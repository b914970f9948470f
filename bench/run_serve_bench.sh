#!/usr/bin/env bash
# Load benchmark of `tradeshock serve`: the seed case (data/cases/xinjiang-2021) served on a free loopback port,
# POST /api/v1/scenario (the case's own scenario) and POST /api/v1/indicators, with wrk (Debian package wrk) at
# 1 and at CONNECTIONS concurrent connections; wrk's latency percentiles (p50, p99) and requests per second.
# Usage: bench/run_serve_bench.sh BUILD_DIR   (BUILD_DIR holds a Release build of the tradeshock CLI)
# Environment: SECONDS_EACH (default 10), CONNECTIONS (default 50), THREADS (server worker threads, default 4),
# INPUT (default the seed case folder: another case folder or trade file to serve).
set -euo pipefail
build_dir=$(cd "${1:?usage: bench/run_serve_bench.sh BUILD_DIR}" && pwd)
bench_dir=$(cd "$(dirname "$0")" && pwd)
repo_dir=$(cd "$bench_dir/.." && pwd)
cli="$build_dir/tradeshock"
seconds=${SECONDS_EACH:-10}
connections=${CONNECTIONS:-50}
threads=${THREADS:-4}
input=${INPUT:-$repo_dir/data/cases/xinjiang-2021}
[[ -x $cli ]] || { echo "missing $cli: build the tradeshock_cli target" >&2; exit 2; }
command -v wrk >/dev/null || { echo "missing wrk: scripts/bootstrap bench" >&2; exit 2; }

log=$(mktemp)
trap 'kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
"$cli" serve "$input" --port 0 --threads "$threads" 2>"$log" &
server=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$log")
  [[ -n $port ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $port ]] || { echo "the server did not report its port" >&2; cat "$log" >&2; exit 1; }
name=$(basename "${input%/}")
name=${name%.gz}
name=${name%.csv}

echo "tradeshock serve $name on port $port, $threads worker threads; $(nproc) cores, $(date -u +%Y-%m-%d)"
run() {
  local route=$1 body=$2 clients=$3
  echo "== POST $route, $clients connection(s), ${seconds}s: $body"
  BODY=$body wrk -t "$(( clients < 2 ? 1 : 2 ))" -c "$clients" -d "${seconds}s" --latency -s "$bench_dir/serve_post.lua" \
    "http://127.0.0.1:$port$route" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx|Socket errors|not 200"
}
scenario="{\"data\": \"$name\"}"
indicators="{\"data\": \"$name\", \"reporter\": \"CN-XJ\", \"period\": \"2020\", \"currency\": \"USD\"}"
run /api/v1/scenario "$scenario" 1
run /api/v1/scenario "$scenario" "$connections"
run /api/v1/indicators "$indicators" 1
run /api/v1/indicators "$indicators" "$connections"
