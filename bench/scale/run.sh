#!/usr/bin/env bash
# GET /api/v1/products/{id} throughput and p99 on PostgreSQL with (a) L1 only, (b) L1 + Redis, (b') L1 of 1 ms +
# Redis L2 (L1 entries live 1 ms, so every millisecond the first read comes from Redis), (c) no cache — each as a ratio to /health/live on the same server in the same run.
# Starts a throw-away PostgreSQL 15 cluster and redis-server on free loopback ports (Debian packages postgresql,
# redis-server, wrk). Usage: bench/scale/run.sh [seconds=10] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}; CONNECTIONS=${2:-32}
for tool in wrk redis-server; do command -v $tool >/dev/null || { echo "$tool is missing: apt-get install -y wrk redis-server"; exit 1; }; done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

work=$(mktemp -d); chmod 755 "$work"
PGPORT=$(free_port); REDISPORT=$(free_port); PORT=$(free_port); BASE=http://127.0.0.1:$PORT
cleanup() {
  [ -n "${api_pid:-}" ] && kill "$api_pid" 2>/dev/null || true
  as_postgres "$PGBIN/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  [ -n "${redis_pid:-}" ] && kill "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
as_postgres "$PGBIN/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" -w start >/dev/null
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & redis_pid=$!

dotnet publish src/Marketplace.Api -c Release -o bench/.out/api -nologo -v quiet >/dev/null
API=bench/.out/api/Marketplace.Api.dll
CONN="Host=127.0.0.1;Port=$PGPORT;Database=marketplace_bench;Username=postgres;Maximum Pool Size=64"
common=(--urls "$BASE" --DataDirectory "$work/data" --Database:Provider Postgres --ConnectionStrings:Marketplace "$CONN"
        --Serilog:MinimumLevel:Default Warning)
# One start on its own loads the demo data; the measured runs then start on the same database without seeding.
dotnet "$API" seed "${common[@]}" >"$work/seed.log" 2>&1

wait_ready() { for _ in $(seq 1 600); do curl -sf "$BASE/health/ready" >/dev/null && return 0; sleep 0.5; done; echo "server did not start"; cat "$work/api.log"; exit 1; }
rps() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$1" | awk '/Requests\/sec/ {print $2} /99%/ {p99=$2} END {print p99}' | paste -sd' '; }

measure() { # $1 label, then extra settings
  local label=$1; shift
  dotnet "$API" "${common[@]}" --Seed:Demo false "$@" >"$work/api.log" 2>&1 & api_pid=$!
  wait_ready
  local product
  product=$(curl -s "$BASE/api/v1/shops/by-slug/pempek-cek-sri/products?pageSize=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')
  wrk -t2 -c"$CONNECTIONS" -d3s "$BASE/api/v1/products/$product" >/dev/null   # warm-up (JIT, pools, caches)
  read -r live live_p99 <<<"$(rps "$BASE/health/live")"
  read -r page page_p99 <<<"$(rps "$BASE/api/v1/products/$product")"
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=
  printf '| %s | %s (p99 %s) | %s (p99 %s) | %.2f |\n' "$label" "$live" "$live_p99" "$page" "$page_p99" "$(echo "$page / $live" | bc -l)"
}

echo "| cache on PostgreSQL | /health/live req/s | GET /products/{id} req/s | ratio |"
echo "|---|---|---|---|"
measure "(a) L1 only (in-process HybridCache)" --Cache:Enabled true --Redis:Configuration ""
measure "(b) L1 + Redis L2" --Cache:Enabled true --Redis:Configuration "127.0.0.1:$REDISPORT"
measure "(b') L1 entries live 1 ms + Redis L2 (each millisecond's first read comes from Redis)" --Cache:Enabled true --Cache:LocalExpiration 00:00:00.001 --Redis:Configuration "127.0.0.1:$REDISPORT"
measure "(c) no cache (every read from PostgreSQL)" --Cache:Enabled false --Redis:Configuration ""
