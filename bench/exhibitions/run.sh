#!/usr/bin/env bash
# Exhibitions benchmarks, each in-process and with Redis counters, on SQLite:
#   1. visits recorded per second at concurrency 16 (POST /booths/{id}/visits, every request a new visitor, so every
#      request is a counted visit: one insert + HyperLogLog + trending), and /health/live in the same run for the ratio;
#   2. GET /exhibitions/{id}/analytics latency on an exhibition with 1,000 booths and 1,000,000 visits (loaded by the
#      `exhibitions-synthetic` verb): the first call (sketches built from the store) and steady state (wrk -c1).
# Needs wrk and redis-server (apt-get install -y wrk redis-server). Usage: bench/exhibitions/run.sh [seconds=10] [visits=1000000] [booths=1000]
# BENCH_DATA=<folder>: keep the loaded data set there (first run) and start every later run from a copy of it instead
# of loading again (~10 minutes for a million visits on 2 cores), so before/after runs measure the same data.
# SKIP_PUBLISH=1 API=<build>/Marketplace.Api.dll: measure that build as it is (before/after back to back).
# PACE_MS (default 20): each of the 4 connections that keep visits arriving during the "while visits arrive" analytics
# run waits this long between its visits (~4 × 1000 / (PACE_MS + latency) visits/s).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}; VISITS=${2:-1000000}; BOOTHS=${3:-1000}
for tool in wrk redis-server curl; do command -v $tool >/dev/null || { echo "$tool is missing: apt-get install -y wrk redis-server curl"; exit 1; }; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
REDISPORT=$(free_port); PORT=$(free_port); BASE=http://127.0.0.1:$PORT
cleanup() {
  [ -n "${api_pid:-}" ] && kill "$api_pid" 2>/dev/null || true
  [ -n "${redis_pid:-}" ] && kill "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & redis_pid=$!

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then dotnet publish src/Marketplace.Api -c Release -o bench/.out/api -nologo -v quiet >/dev/null; fi
API=${API:-bench/.out/api/Marketplace.Api.dll}
PACE_MS=${PACE_MS:-20}
common=(--urls "$BASE" --DataDirectory "$work/data" --Seed:Demo false --Serilog:MinimumLevel:Default Warning
        --Identity:LoginRateLimit:PermitLimit 100000 --RateLimits:Registration:PermitLimit 100000
        --RateLimits:Posting:PermitLimit 100000 --RateLimits:TokenRefresh:PermitLimit 100000)

wait_ready() { for _ in $(seq 1 600); do curl -sf "$BASE/health/live" >/dev/null && return 0; sleep 0.5; done; echo "server did not start"; cat "$work/api.log"; exit 1; }
start() { dotnet "$API" "${common[@]}" "$@" >"$work/api.log" 2>&1 & api_pid=$!; wait_ready; }
stop() { kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=; }
json() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

if [ -n "${BENCH_DATA:-}" ] && [ -f "$BENCH_DATA/booths.txt" ]; then
  echo "reusing the data set in $BENCH_DATA" >&2
  cp -r "$BENCH_DATA/data" "$work/data"; cp "$BENCH_DATA/booths.txt" "$work/booths.txt"
  email=$(cat "$BENCH_DATA/email.txt")
else
  # An organiser account, then the data set (the verb runs with the server stopped; SQLite has one writer at a time).
  start
  email="bench-organiser-$RANDOM@bench.marketplace.id"
  organiser=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"Bench-Pasar-2026!\",\"displayName\":\"Bench\",\"role\":\"organiser\"}" "$BASE/api/v1/auth/register" | json id)
  stop
  echo "loading $BOOTHS booths and $VISITS visits ..." >&2
  load_started=$(date +%s)
  dotnet "$API" exhibitions-synthetic "${common[@]}" --organiser "$organiser" --booths "$BOOTHS" --visits "$VISITS" --out "$work/booths.txt" >"$work/verb.log" 2>&1 || { cat "$work/verb.log"; exit 1; }
  echo "loaded in $(( $(date +%s) - load_started )) s" >&2
  if [ -n "${BENCH_DATA:-}" ]; then
    mkdir -p "$BENCH_DATA"; rm -rf "$BENCH_DATA/data"; cp -r "$work/data" "$BENCH_DATA/data"
    cp "$work/booths.txt" "$BENCH_DATA/booths.txt"; echo "$email" >"$BENCH_DATA/email.txt"
  fi
fi
exhibition=$(head -n 1 "$work/booths.txt")

rps() { awk '/Requests\/sec/ {print $2} /99%/ {p99=$2} END {print p99}' | paste -sd' '; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$api_pid/stat"; }   # utime + stime of the API, in clock ticks
tick_ms=$(echo "1000 / $(getconf CLK_TCK)" | bc -l)

measure() { # $1 label, then extra settings
  local label=$1; shift
  start "$@"
  local token
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"Bench-Pasar-2026!\"}" "$BASE/api/v1/auth/login" | json accessToken)
  local url="$BASE/api/v1/exhibitions/$exhibition/analytics"
  local first restarted
  first=$(curl -s -o "$work/analytics.json" -w '%{time_total}' -H "Authorization: Bearer $token" "$url")
  # A clean restart (the in-process counters save their snapshot when stopping), then the first call again.
  stop
  start "$@"
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"Bench-Pasar-2026!\"}" "$BASE/api/v1/auth/login" | json accessToken)
  restarted=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$url")
  local counted visits unique
  visits=$(sed -n 's/^{"exhibitionId":"[^"]*","boothId":null,"visits":\([0-9]*\),"uniqueVisitors":\([0-9]*\).*/\1/p' "$work/analytics.json")
  unique=$(sed -n 's/^{"exhibitionId":"[^"]*","boothId":null,"visits":\([0-9]*\),"uniqueVisitors":\([0-9]*\).*/\2/p' "$work/analytics.json")
  wrk -t1 -c1 -d3s -H "Authorization: Bearer $token" "$url" >/dev/null   # warm-up
  local ticks
  ticks=$(cpu_ticks)
  read -r a_rps a_p99 <<<"$(wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $token" "$url" | rps)"
  local a_avg a_cpu
  a_avg=$(echo "1000 / $a_rps" | bc -l)
  a_cpu=$(echo "($(cpu_ticks) - $ticks) * $tick_ms / ($a_rps * $SECONDS_PER_RUN)" | bc -l)
  # The same while visits keep arriving (4 paced connections): every committed batch of visits changes the answer, so
  # most calls compute it afresh instead of serving the kept one.
  wrk -t1 -c4 -d"$((SECONDS_PER_RUN + 2))s" -s bench/exhibitions/visits.lua "$BASE" -- "$work/booths.txt" "$PACE_MS" >"$work/paced.txt" &
  local paced_pid=$!
  sleep 1
  read -r w_rps w_p99 <<<"$(wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $token" "$url" | rps)"
  wait "$paced_pid"
  local w_avg paced
  w_avg=$(echo "1000 / $w_rps" | bc -l)
  paced=$(awk '/Requests\/sec/ {print $2}' "$work/paced.txt")
  wrk -t2 -c16 -d3s -s bench/exhibitions/visits.lua "$BASE" -- "$work/booths.txt" >/dev/null   # warm-up
  read -r live live_p99 <<<"$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency "$BASE/health/live" | rps)"
  read -r v_rps v_p99 <<<"$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency -s bench/exhibitions/visits.lua "$BASE" -- "$work/booths.txt" | rps)"
  counted=$(curl -s -H "Authorization: Bearer $token" "$url" | sed -n 's/^{"exhibitionId":"[^"]*","boothId":null,"visits":\([0-9]*\).*/\1/p')
  stop
  printf '| %s | %s (p99 %s) | %s (p99 %s) | %.3f | %s | %.0f ms | %.0f ms | %.1f ms (p99 %s), %.1f ms CPU | %.1f ms (p99 %s) at %.0f visits/s | %s / %s |\n' \
    "$label" "$v_rps" "$v_p99" "$live" "$live_p99" "$(echo "$v_rps / $live" | bc -l)" "$((counted - visits))" \
    "$(echo "$first * 1000" | bc -l)" "$(echo "$restarted * 1000" | bc -l)" "$a_avg" "$a_p99" "$a_cpu" "$w_avg" "$w_p99" "$paced" "$visits" "$unique"
}

echo
echo "## machine: $(nproc) cores, $(uptime | sed "s/.*load/load/")"
echo "| counters | POST /booths/{id}/visits req/s, c16 | /health/live req/s, c16 | ratio | visits counted in the run | analytics, first call | first call after a restart | analytics, steady (c1), API CPU per call | analytics (c1) while visits arrive | visits / unique at start |"
echo "|---|---|---|---|---|---|---|---|---|---|"
measure "in-process" --Redis:Configuration ""
measure "Redis" --Redis:Configuration "127.0.0.1:$REDISPORT"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
