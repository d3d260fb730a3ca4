#!/usr/bin/env bash
# API CPU per booth visit and visits ÷ /health/live at c16, after a 30 s warm-up, on a copy of a loaded data set: the
# figure to compare between two builds run back to back (throughput moves with the machine's load, CPU per visit less).
#   BENCH_DATA=<folder kept by run.sh> bash bench/exhibitions/visits-cpu.sh <Marketplace.Api.dll> [redis host:port]
set -euo pipefail
cd "$(dirname "$0")/../.."
API=$1; REDIS=${2:-}
[ -f "${BENCH_DATA:-}/booths.txt" ] || { echo "BENCH_DATA must name a data set kept by bench/exhibitions/run.sh"; exit 2; }
work=$(mktemp -d); cp -r "$BENCH_DATA/data" "$work/data"; cp "$BENCH_DATA/booths.txt" "$work/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); base=http://127.0.0.1:$port
dotnet "$API" --urls "$base" --DataDirectory "$work/data" --Seed:Demo false --Serilog:MinimumLevel:Default Warning \
  --Redis:Configuration "$REDIS" --RateLimits:Posting:PermitLimit 100000 >"$work/api.log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do curl -sf "$base/health/live" >/dev/null && break; sleep 0.5; done
wrk -t2 -c16 -d30s -s bench/exhibitions/visits.lua "$base" -- "$work/booths.txt" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
run() { local c0 c1 out n; c0=$(cpu); out=$(wrk -t2 -c16 -d10s --latency "$@"); c1=$(cpu)
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s, p99 $(awk '/^ +99%/ {print $2}' <<<"$out"), API CPU $(echo "scale=3; ($c1 - $c0) * 1000 / $(getconf CLK_TCK) / $n" | bc) ms per request"; }
echo "live:   $(run "$base/health/live")"
echo "visits: $(run -s bench/exhibitions/visits.lua "$base" -- "$work/booths.txt")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
