#!/usr/bin/env bash
# Search benchmark on the embedded Lucene engine: index build rate, in-process and HTTP query latency (2-word query,
# all facets) at concurrency 1 and 16, peak memory, and HTTP search req/s as a ratio to /health/live in the same run.
# Usage: bench/search/run.sh [N=100000] [seconds per run=10] [data dir to reuse]
# WARMUP=<seconds> (default 30) of HTTP queries before the HTTP runs.
# SKIP_REINDEX=1 reuses the index already in the data dir; SKIP_BUILD=1 with OUT=<folder> uses binaries published there
# before (how a before → after comparison runs two builds back to back on the same data). SERVER_ARGS="--Search:Lucene:MaxConcurrentQueries 1000"
# passes settings to the HTTP server (MAX_CONCURRENT_QUERIES=1000 does the same for the in-process level).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}; SECS=${2:-10}; DATA=${3:-}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

OUT=${OUT:-bench/.out/search}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet publish src/Marketplace.Api -c Release -o "$OUT/api" -nologo -v quiet >/dev/null
  dotnet publish bench/search/SearchBench -c Release -o "$OUT/bench" -nologo -v quiet >/dev/null
fi
API="$OUT/api/Marketplace.Api.dll"
# A free port (other benchmarks may be running on this machine).
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE=http://127.0.0.1:$PORT
QUIET=(--Serilog:MinimumLevel:Default Warning)

if [ -z "$DATA" ]; then
  DATA=$(mktemp -d /tmp/search-bench.XXXXXX)
  echo "## seeding $N synthetic products into $DATA"
  dotnet "$API" seed --synthetic "$N" --DataDirectory "$DATA" "${QUIET[@]}" | tail -n 2
fi

echo "## machine: $(nproc) cores, $(uptime | sed "s/.*load/load/")"
if [ "${SKIP_REINDEX:-0}" != 1 ]; then
  echo "## reindex (build aside, swap)"
  /usr/bin/time -f "reindex peak memory (max RSS): %M KiB, wall %e s" \
    dotnet "$API" reindex --DataDirectory "$DATA" "${QUIET[@]}" 2>&1 | tail -n 2
fi
du -sh "$DATA/search" | awk '{print "index size on disk: " $1}'

echo "## in-process (engine called directly, no HTTP)"
dotnet "$OUT/bench/SearchBench.dll" "$DATA" "$SECS" "$DATA/queries.txt"

echo "## through HTTP (wrk; same queries)"
dotnet "$API" --urls "$BASE" --DataDirectory "$DATA" --Seed:Demo false --Metrics:AllowAnonymous true "${QUIET[@]}" ${SERVER_ARGS:-} >"$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.5; done
kill -0 $PID 2>/dev/null || { echo "server did not start; see $DATA/server.log"; exit 1; }
# Warm-up: 8 s after start the tiered JIT still took 19 % of the API's CPU under this load (perf), which inflated the
# first measured run's p99; WARMUP=<seconds> (default 30) runs the queries until the hot methods are at tier 1.
wrk -t2 -c16 -d"${WARMUP:-30}s" -s bench/search/queries.lua "$BASE" -- "$DATA/queries.txt" >/dev/null
# Searches answered by the engine and by the one-second result cache so far (the module's meter on /metrics).
answered() { curl -sf "$BASE/metrics" | awk -v by="$1" 'index($0, "marketplace_search_queries") == 1 && index($0, "answered_by=\"" by "\"") {n += $NF} END {print n + 0}'; }

run() { # $1 threads, $2 connections, $3 url, [$4 script]
  local script=(); [ -n "${4:-}" ] && script=(-s "$4")
  wrk -t"$1" -c"$2" -d"${SECS}s" --latency "${script[@]}" "$3" ${4:+-- "$DATA/queries.txt"} \
    | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}'
}
# The server's CPU time (user + system, every thread) per search: on a shared machine the latencies mostly measure the
# wait for a core; this does not.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
echo "| concurrency | search req/s | search p50 | search p99 | /health/live req/s | ratio search / live | result-cache hit rate | server CPU ms per search |"
echo "|---|---|---|---|---|---|---|---|"
for c in 1 16; do
  t=$([ "$c" = 1 ] && echo 1 || echo 2)
  read -r live _ _ <<<"$(run "$t" "$c" "$BASE/health/live")"
  engine0=$(answered engine); cache0=$(answered cache); ticks0=$(cpu_ticks)
  read -r rps p50 p99 <<<"$(run "$t" "$c" "$BASE" bench/search/queries.lua)"
  ticks1=$(cpu_ticks); engine1=$(answered engine); cache1=$(answered cache)
  hits=$((cache1 - cache0)); all=$((hits + engine1 - engine0))
  printf '| %s | %s | %s | %s | %s | %.3f | %s of %s (%.1f%%) | %.2f |\n' "$c" "$rps" "$p50" "$p99" "$live" "$(echo "$rps / $live" | bc -l)" \
    "$hits" "$all" "$(echo "100 * $hits / ($all + 0.000001)" | bc -l)" "$(echo "($ticks1 - $ticks0) * 1000 / $(getconf CLK_TCK) / ($all + 0.000001)" | bc -l)"
done
awk '/VmHWM/ {printf "server peak memory (VmHWM): %.0f MiB\n", $2/1024}' /proc/$PID/status
kill $PID; wait $PID 2>/dev/null || true
