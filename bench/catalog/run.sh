#!/usr/bin/env bash
# Product page throughput as a ratio to /health/live on the same server, and peak memory (VmHWM), with the demo
# data and with N synthetic products. Usage: bench/catalog/run.sh [N=100000] [seconds=10] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}; SECONDS_PER_RUN=${2:-10}; CONNECTIONS=${3:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

dotnet publish src/Marketplace.Api -c Release -o bench/.out/api -nologo -v quiet >/dev/null
API=bench/.out/api/Marketplace.Api.dll
PORT=5099
BASE=http://127.0.0.1:$PORT

wait_ready() { for _ in $(seq 1 600); do curl -sf "$BASE/health/ready" >/dev/null && return 0; sleep 0.5; done; echo "server did not start"; exit 1; }
rps() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$1" | awk '/Requests\/sec/ {print $2} /99%/ {p99=$2} END {print p99}' | paste -sd' '; }

measure() { # $1 label, $2 data dir
  local label=$1 data=$2
  dotnet "$API" --urls "$BASE" --DataDirectory "$data" --Seed:Demo true --Serilog:MinimumLevel:Default Warning >"$data.log" 2>&1 &
  local pid=$!
  wait_ready
  local product
  product=$(curl -s "$BASE/api/v1/shops/by-slug/pempek-cek-sri/products?pageSize=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')
  wrk -t2 -c"$CONNECTIONS" -d3s "$BASE/api/v1/products/$product" >/dev/null   # warm-up (JIT, caches)
  read -r live live_p99 <<<"$(rps "$BASE/health/live")"
  read -r page page_p99 <<<"$(rps "$BASE/api/v1/products/$product")"
  read -r list list_p99 <<<"$(rps "$BASE/api/v1/shops?city=35.73&pageSize=20")"
  local hwm; hwm=$(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  printf '| %s | %s (p99 %s) | %s (p99 %s) | %.2f | %s (p99 %s) | %s |\n' \
    "$label" "$live" "$live_p99" "$page" "$page_p99" "$(echo "$page / $live" | bc -l)" "$list" "$list_p99" "$hwm"
}

echo "| data | /health/live req/s | GET /products/{id} req/s | ratio | GET /shops?city= req/s | peak RSS (VmHWM) |"
echo "|---|---|---|---|---|---|"
demo=$(mktemp -d)
measure "demo (36 shops, 360 products)" "$demo"
big=$(mktemp -d)
dotnet "$API" seed --synthetic "$N" --DataDirectory "$big" --Serilog:MinimumLevel:Default Warning | tail -n 1 >&2
measure "demo + $N synthetic products" "$big"
rm -rf "$demo" "$big"
