#!/usr/bin/env bash
# GET /api/v1/products/{id} throughput and p99 on PostgreSQL with (a) L1 only, (b) L1 + Redis, (b') L1 of 1 ms +
# Redis L2 (L1 entries live 1 ms, so every millisecond the first read comes from Redis), (c) no cache — each as a ratio to /health/live on the same server in the same run.
# Starts a throw-away PostgreSQL 15 cluster and redis-server on free loopback ports (Debian packages postgresql,
# redis-server, wrk). Usage: bench/scale/run.sh [seconds=10] [connections=32] [cases="a b b' c"]
# e.g. bench/scale/run.sh 10 32 c measures the no-cache case only. Beside each figure: the API's CPU time per request
# (utime+stime of its process from /proc/<pid>/stat over the measured run) and, for the product page, the SQL statements
# per request (pg_stat_statements). TRACE=1 also records a sampled dotnet-trace of each product run (bench/.out/scale-*.nettrace).
# SKIP_PUBLISH=1 reuses bench/.out/api as it is (to compare an older build back to back). WARMUP=<seconds> of product
# reads before measuring (default 3; tiered compilation keeps a core busy for a minute, so use 60 for CPU per request).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}; CONNECTIONS=${2:-32}; DEFAULT_CASES="a b b' c"; CASES=" ${3:-$DEFAULT_CASES} "
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
as_postgres "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" -w start >/dev/null
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & redis_pid=$!

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then dotnet publish src/Marketplace.Api -c Release -o bench/.out/api -nologo -v quiet >/dev/null; fi
API=${API:-bench/.out/api/Marketplace.Api.dll}  # API=<other build>/Marketplace.Api.dll (with SKIP_PUBLISH=1) for an A/B
CONN="Host=127.0.0.1;Port=$PGPORT;Database=marketplace_bench;Username=postgres;Maximum Pool Size=64"
common=(--urls "$BASE" --DataDirectory "$work/data" --Database:Provider Postgres --ConnectionStrings:Marketplace "$CONN"
        --Serilog:MinimumLevel:Default Warning)
sql() { "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d marketplace_bench -Atqc "$1"; }
# The API migrates an existing database (it does not create one).
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qc "CREATE DATABASE marketplace_bench" >/dev/null
# One start on its own loads the demo data; the measured runs then start on the same database without seeding.
dotnet "$API" seed "${common[@]}" >"$work/seed.log" 2>&1 || { tail -n 40 "$work/seed.log"; exit 1; }
sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null

wait_ready() { for _ in $(seq 1 600); do curl -sf "$BASE/health/ready" >/dev/null && return 0; sleep 0.5; done; echo "server did not start"; cat "$work/api.log"; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$api_pid/stat"; }
# Prints "requests/s p99 requests cpu-ms-per-request" for one wrk run against $1.
rps() {
  local before after out
  before=$(cpu_ticks)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$1")
  after=$(cpu_ticks)
  local requests; requests=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$(awk '/Requests\/sec/ {print $2} /99%/ {p99=$2} END {print p99}' <<<"$out" | paste -sd' ') $requests" \
    "$(echo "scale=3; ($after - $before) * 1000 / $(getconf CLK_TCK) / $requests" | bc -l)"
}

measure() { # $1 case, $2 label, then extra settings
  local case=$1 label=$2; shift 2
  [[ "$CASES" == *" $case "* ]] || return 0
  dotnet "$API" "${common[@]}" --Seed:Demo false "$@" >"$work/api.log" 2>&1 & api_pid=$!
  wait_ready
  # The demo's pictures render in the background of the first server started: measure after they are done.
  for _ in $(seq 1 600); do [ "$(sql "SELECT count(*) FROM media.media_blobs WHERE \"Status\" = 'Processing'")" = 0 ] && break; sleep 0.5; done
  local product
  product=$(curl -s "$BASE/api/v1/shops/by-slug/pempek-cek-sri/products?pageSize=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-3}s" "$BASE/api/v1/products/$product" >/dev/null   # warm-up (JIT, pools, caches); WARMUP=60 for CPU figures
  read -r live live_p99 _ live_cpu <<<"$(rps "$BASE/health/live")"
  sql "SELECT pg_stat_statements_reset()" >/dev/null
  local trace_pid=
  if [ "${TRACE:-0}" = 1 ]; then PATH=$PATH:$HOME/.dotnet/tools  # where `dotnet tool install -g dotnet-trace` puts it
    mkdir -p bench/.out
    dotnet-trace collect -p "$api_pid" --profile cpu-sampling --duration "00:00:00:$(printf %02d "$SECONDS_PER_RUN")" \
      -o "bench/.out/scale-$case.nettrace" >/dev/null 2>&1 & trace_pid=$!
  fi
  read -r page page_p99 page_requests page_cpu <<<"$(rps "$BASE/api/v1/products/$product")"
  [ -n "$trace_pid" ] && wait "$trace_pid" || true
  local statements
  statements=$(sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'")
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=
  printf '| %s | %s (p99 %s, %s ms CPU) | %s (p99 %s, %s ms CPU, %.2f SQL) | %.2f |\n' "$label" "$live" "$live_p99" "$live_cpu" \
    "$page" "$page_p99" "$page_cpu" "$(echo "$statements / $page_requests" | bc -l)" "$(echo "$page / $live" | bc -l)"
}

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| cache on PostgreSQL | /health/live req/s (p99, API CPU per request) | GET /products/{id} req/s (p99, API CPU and SQL statements per request) | ratio |"
echo "|---|---|---|---|"
measure a "(a) L1 only (in-process HybridCache)" --Cache:Enabled true --Redis:Configuration ""
measure b "(b) L1 + Redis L2" --Cache:Enabled true --Redis:Configuration "127.0.0.1:$REDISPORT"
measure "b'" "(b') L1 entries live 1 ms + Redis L2 (each millisecond's first read comes from Redis)" --Cache:Enabled true --Cache:LocalExpiration 00:00:00.001 --Redis:Configuration "127.0.0.1:$REDISPORT"
measure c "(c) no cache (every read from PostgreSQL)" --Cache:Enabled false --Redis:Configuration ""
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
