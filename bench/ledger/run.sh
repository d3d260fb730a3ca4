#!/usr/bin/env bash
# Ledger benchmark on the embedded store (SQLite): postings/s from a backlog of paid-order events, then statement
# latency for the shop that got them. Usage: bash bench/ledger/run.sh [events=100000] [maxSeconds=60] [linesPerOrder=1]
# API_DIR=<folder with Marketplace.Api.dll> runs an existing build instead of publishing one.
set -euo pipefail
cd "$(dirname "$0")/../.."
events="${1:-100000}"
seconds="${2:-60}"
lines="${3:-1}"
work="$(mktemp -d /tmp/ledger-bench.XXXXXX)"
trap 'kill "${api_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

if [ -n "${API_DIR:-}" ]; then api="$(cd "$API_DIR" && pwd)"; else api="$work/api"; dotnet publish src/Marketplace.Api -c Release -o "$api" -nologo -v q >/dev/null; fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DataDirectory="$work/data" Seed__Demo=false Identity__Admin__Email=admin@bench.marketplace.id \
  Identity__Admin__Password=Bench-Admin-Pasar-2026! Serilog__MinimumLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$port"
(cd "$api" && dotnet Marketplace.Api.dll migrate >/dev/null)
(cd "$api" && exec dotnet Marketplace.Api.dll) >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/health/live" >/dev/null || { echo "API did not start; see $work/api.log" >&2; cat "$work/api.log" >&2; exit 1; }
python3 bench/ledger/bench.py "http://127.0.0.1:$port" "$work/data/marketplace.db" "$events" "$seconds" admin@bench.marketplace.id 'Bench-Admin-Pasar-2026!' "$lines"
