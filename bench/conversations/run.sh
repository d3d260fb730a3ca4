#!/usr/bin/env bash
# Chat through the SignalR hub: messages/s and delivery latency (p50/p99) with N connected clients (default 1,000: half
# guests sending, half exhibitor-side receivers), (a) on one instance (SQLite, in-process hub), (b) on two instances on
# one PostgreSQL and one Redis (senders on A, receivers on B: every message crosses the Redis backplane). Each run also
# measures /health/live req/s on the same server just before, for the ratio. Keep runs short on a shared machine.
# Needs Debian's postgresql and redis-server. Usage: bench/conversations/run.sh [seconds=10] [clients=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}; CLIENTS=${2:-1000}
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server"; exit 1; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

work=$(mktemp -d); chmod 755 "$work"
PGPORT=$(free_port); REDISPORT=$(free_port); PORT_A=$(free_port); PORT_B=$(free_port)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  as_postgres "$PGBIN/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# API=path/to/Marketplace.Api.dll reuses an existing Release build instead of publishing one.
if [ -z "${API:-}" ]; then
  dotnet publish src/Marketplace.Api -c Release -o bench/.out/api -nologo -v quiet >/dev/null
  API=bench/.out/api/Marketplace.Api.dll
fi
dotnet build bench/conversations/Bench.cs -c Release -nologo -v quiet >/dev/null
# Bench-only settings: cheap password hashing for the sign-ups, and no limits in the way of the load.
common=(--Serilog:MinimumLevel:Default Warning --Seed:Demo false --Identity:PasswordHasher:IterationCount 1000
        --RateLimits:Registration:PermitLimit 100000 --RateLimits:ChatMessages:PermitLimit 10000000)

wait_ready() { for _ in $(seq 1 600); do curl -sf "$1/health/ready" >/dev/null && return 0; sleep 0.5; done; echo "server $1 did not start"; tail -5 "$work"/*.log; exit 1; }
# drive <visitors url> <exhibitors url> <server pids, comma-separated: their CPU per message>
drive() { dotnet run -c Release --no-build bench/conversations/Bench.cs -- "$1" "$2" "$CLIENTS" "$SECONDS_PER_RUN" "$3"; }

echo "(a) one instance, SQLite, in-process hub:"
dotnet "$API" --urls "http://127.0.0.1:$PORT_A" --DataDirectory "$work/a" "${common[@]}" >"$work/a.log" 2>&1 & pids+=($!)
wait_ready "http://127.0.0.1:$PORT_A"
drive "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_A" "${pids[0]}"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()

echo "(b) two instances, PostgreSQL + Redis backplane (senders on A, receivers on B):"
mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
as_postgres "$PGBIN/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300" -w start >/dev/null
# The migrate verb takes its lock in the database, so the database must exist first.
as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres marketplace_bench
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & pids+=($!)
CONN="Host=127.0.0.1;Port=$PGPORT;Database=marketplace_bench;Username=postgres;Maximum Pool Size=100"
KEY="bench-conversations-signing-key-0123456789-abcdef"
two=(--Database:Provider Postgres --ConnectionStrings:Marketplace "$CONN" --Redis:Configuration "127.0.0.1:$REDISPORT" --Identity:Jwt:SigningKey "$KEY")
dotnet "$API" migrate --DataDirectory "$work/m" "${two[@]}" "${common[@]}" >"$work/migrate.log" 2>&1 || { tail -40 "$work/migrate.log"; exit 1; }
# One after the other: two instances seeding the reference data of a fresh database at the same moment race.
dotnet "$API" --urls "http://127.0.0.1:$PORT_A" --DataDirectory "$work/b1" "${two[@]}" "${common[@]}" >"$work/b1.log" 2>&1 & pids+=($!)
wait_ready "http://127.0.0.1:$PORT_A"
dotnet "$API" --urls "http://127.0.0.1:$PORT_B" --DataDirectory "$work/b2" "${two[@]}" "${common[@]}" >"$work/b2.log" 2>&1 & pids+=($!)
wait_ready "http://127.0.0.1:$PORT_B"
drive "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" "${pids[1]},${pids[2]}"
