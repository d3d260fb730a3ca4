#!/usr/bin/env bash
# Checkouts per second (3-line carts from 3 shops), add-to-cart p50/p99, and the ratio to /health/live measured in the
# same run, on SQLite at concurrency 1 and 16 and on PostgreSQL at 1 and 16.
# Usage: bench/orders/run.sh [seconds=15]        (needs PostgreSQL 15 binaries for the PostgreSQL part)
#        STORES=postgres bench/orders/run.sh 10  runs one store only (sqlite, postgres or both, the default);
#        CONCURRENCY=16 runs one concurrency only; WARMUP_SECONDS (default 60) before each measured run.
# On PostgreSQL it also prints a profile: statements (pg_stat_statements), DISCARD ALLs, outbox claim queries and
# transactions (pg_stat_database.xact_commit, read-only ones included) per loop of "3 adds + 1 checkout".
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-15}
STORES=${STORES:-sqlite postgres}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
BASE=http://127.0.0.1:$PORT
PGBIN=/usr/lib/postgresql/15/bin

# SKIP_PUBLISH=1 reuses bench/.out/api as it is (e.g. to profile an older build side by side).
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then dotnet publish src/Marketplace.Api -c Release -o bench/.out/api -nologo -v quiet >/dev/null; fi
dotnet build bench/orders/Bench.cs -c Release -nologo -v quiet >/dev/null
API=${API:-bench/.out/api/Marketplace.Api.dll}  # API=<other build>/Marketplace.Api.dll (with SKIP_PUBLISH=1) for an A/B
COMMON=(--urls "$BASE" --Seed:Demo false --Serilog:MinimumLevel:Default Warning --Identity:LoginRateLimit:PermitLimit 1000000
  --RateLimits:Registration:PermitLimit 1000000 --RateLimits:Posting:PermitLimit 1000000 --RateLimits:TokenRefresh:PermitLimit 1000000
  --Metrics:AllowAnonymous true)

wait_ready() { for _ in $(seq 1 600); do curl -sf "$BASE/health/live" >/dev/null && return 0; sleep 0.5; done; echo "server did not start"; exit 1; }
drive() { dotnet run -c Release --no-build bench/orders/Bench.cs -- "$BASE" "$1" "$SECONDS_PER_RUN" "${2:-0}"; }

run_store() { # $1 label, rest: extra API arguments
  local label=$1; shift
  for c in ${CONCURRENCY:-1 16}; do
    local data; data=$(mktemp -d)
    dotnet "$API" "${COMMON[@]}" --DataDirectory "$data" "$@" >"$data.log" 2>&1 &
    local pid=$!
    wait_ready
    echo "{\"store\":\"$label\",\"result\":$(drive "$c" "$pid")}"
    kill $pid; wait $pid 2>/dev/null || true
    rm -rf "$data" "$data.log"
  done
}

if [[ " $STORES " == *" sqlite "* ]]; then run_store sqlite; fi

if [[ " $STORES " == *" postgres "* ]] && [ -x "$PGBIN/initdb" ]; then
  pg=$(mktemp -d); chmod 755 "$pg"
  pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg() { if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$pg"; runuser -u postgres -- "$@"; else "$@"; fi; }
  as_pg "$PGBIN/initdb" -D "$pg/data" -U postgres -A trust -E UTF8 >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -o "-p $pgport -k $pg -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" start >/dev/null
  trap 'as_pg "$PGBIN/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null; rm -rf "$pg"' EXIT
  for c in ${CONCURRENCY:-1 16}; do
    db="bench_${c}_$RANDOM"
    "$PGBIN/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE $db" >/dev/null
    data=$(mktemp -d)
    dotnet "$API" "${COMMON[@]}" --DataDirectory "$data" --Database:Provider Postgres \
      --ConnectionStrings:Marketplace "Host=127.0.0.1;Port=$pgport;Database=$db;Username=postgres;Maximum Pool Size=50" >"$data.log" 2>&1 &
    pid=$!
    wait_ready
    sql() { "$PGBIN/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d "$db" -Atqc "$1"; }
    # Profile: every statement and transaction (read-only ones too: each lone SELECT is one) the database saw from here (setup, warm-up, measured loops, idle /health phase).
    sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();" >/dev/null
    commits0=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
    result=$(drive "$c" "$pid")
    echo "{\"store\":\"postgres\",\"result\":$result}"
    commits1=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
    stmts=$(sql "SELECT coalesce(sum(calls),0) || ' ' || coalesce(sum(calls) FILTER (WHERE query ILIKE 'DISCARD ALL%'),0) || ' ' || coalesce(sum(calls) FILTER (WHERE query ILIKE '%FOR UPDATE SKIP LOCKED%'),0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")
    python3 - "$result" "$commits0" "$commits1" $stmts <<'PY'
import json, sys
r = json.loads(sys.argv[1]); loops = max(1, r["loopsIncludingWarmUp"])
c0, c1, total, discard, polls = (int(x) for x in sys.argv[2:7])
print(json.dumps({"store": "postgres", "concurrency": r["concurrency"], "profile": {
    "loops": loops, "statementsPerLoop": round(total / loops, 1), "discardAllPerLoop": round(discard / loops, 1),
    "outboxClaimQueriesPerLoop": round(polls / loops, 1), "transactionsPerLoop": round((c1 - c0) / loops, 1)}}))
PY
    # Which statements those are, per loop, most frequent first (to see what a loop costs the database).
    mkdir -p bench/.out
    sql "SELECT round(calls::numeric / greatest(1, $(python3 -c "import json,sys; print(json.loads(sys.argv[1])['loopsIncludingWarmUp'])" "$result")), 2) || E'\t' || round(total_exec_time::numeric / greatest(calls, 1), 3) || E' ms\t' || left(regexp_replace(query, '\s+', ' ', 'g'), 160) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC LIMIT 40" > "bench/.out/orders-pg-statements-c$c.tsv"
    kill $pid; wait $pid 2>/dev/null || true
    rm -rf "$data" "$data.log"
  done
fi
