#!/usr/bin/env bash
# Insights and organiser-dashboard benchmarks on SQLite, with /health/live measured in the same run for the ratio:
#   1. GET /api/v1/insights/summary p50/p99 (wrk -c1) over aggregates of 1,000,000 paid orders in 2 years in all 514
#      regencies (the `insights-synthetic` verb: orders generated and aggregated in memory as the handlers count them,
#      written directly into insights_cells / insights_listings), for the whole country, one province, one city, one
#      sub-sector and the export (xlsx);
#   2. the organiser dashboard page (/organiser/exhibitions/{id}/dashboard, server-rendered with its SVG charts) at
#      1,000 booths and 1,000,000 visits (the `exhibitions-synthetic` verb), signed in through the web's own form.
# Needs wrk and curl. Usage: bench/insights/run.sh [seconds=5] [orders=1000000] [visits=1000000] [booths=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-5}; ORDERS=${2:-1000000}; VISITS=${3:-1000000}; BOOTHS=${4:-1000}
for tool in wrk curl python3; do command -v $tool >/dev/null || { echo "$tool is missing: apt-get install -y wrk curl python3"; exit 1; }; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
PORT=$(free_port); BASE=http://127.0.0.1:$PORT
cleanup() { [ -n "${api_pid:-}" ] && kill "$api_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

OUT=bench/.out/insights-api
dotnet publish src/Marketplace.Api -c Release -o "$OUT" -nologo -v quiet >/dev/null
API=$OUT/Marketplace.Api.dll
ADMIN=bench-admin@bench.marketplace.id; PASSWORD=Bench-Pasar-2026!
common=(--urls "$BASE" --DataDirectory "$work/data" --Seed:Demo false --Serilog:MinimumLevel:Default Warning
        --Identity:Admin:Email "$ADMIN" --Identity:Admin:Password "$PASSWORD" --Identity:PasswordHasher:IterationCount 1000
        --Identity:LoginRateLimit:PermitLimit 100000 --RateLimits:Registration:PermitLimit 100000)

wait_ready() { for _ in $(seq 1 600); do curl -sf "$BASE/health/live" >/dev/null && return 0; sleep 0.5; done; echo "server did not start"; cat "$work/api.log"; exit 1; }
start() { dotnet "$API" "${common[@]}" "$@" >"$work/api.log" 2>&1 & api_pid=$!; wait_ready; }
stop() { kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=; }
json() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
lat() { awk '/ 50%/ {p50=$2} / 99%/ {p99=$2} /Requests\/sec/ {rps=$2} END {print p50, p99, rps}'; }

# An organiser (for the dashboard), then both data sets with the server stopped (SQLite has one writer at a time).
start
email="bench-organiser-$RANDOM@bench.marketplace.id"
organiser=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$PASSWORD\",\"displayName\":\"Bench\",\"role\":\"organiser\"}" "$BASE/api/v1/auth/register" | json id)
stop
t0=$(date +%s)
dotnet "$API" insights-synthetic "${common[@]}" --orders "$ORDERS" --months 24 >"$work/verb.log" 2>&1 || { cat "$work/verb.log"; exit 1; }
cat "$work/verb.log" >&2; echo "insights data in $(( $(date +%s) - t0 )) s" >&2
t0=$(date +%s)
dotnet "$API" exhibitions-synthetic "${common[@]}" --organiser "$organiser" --booths "$BOOTHS" --visits "$VISITS" --out "$work/booths.txt" >"$work/verb2.log" 2>&1 || { cat "$work/verb2.log"; exit 1; }
echo "exhibition data in $(( $(date +%s) - t0 )) s" >&2
exhibition=$(head -n 1 "$work/booths.txt")

start
token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$ADMIN\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login" | json accessToken)
month=$(TZ=Asia/Jakarta date +%Y-%m); from=$(TZ=Asia/Jakarta date -d "$(date +%Y-%m-15) -23 months" +%Y-%m)

measure() { # $1 label, $2 url, then curl/wrk header args
  local label=$1 url=$2; shift 2
  curl -sf -o /dev/null "$@" "$url" || { echo "$label: $url failed"; curl -s "$@" "$url" | head -c 500; exit 1; }
  wrk -t1 -c1 -d2s "$@" "$url" >/dev/null
  read -r p50 p99 rps <<<"$(wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" | lat)"
  printf '| %s | %s | %s | %s |\n' "$label" "$p50" "$p99" "$rps"
}

echo
echo "| request (c1, ${SECONDS_PER_RUN} s) | p50 | p99 | req/s |"
echo "|---|---|---|---|"
measure "/health/live" "$BASE/health/live"
auth=(-H "Authorization: Bearer $token")
measure "insights: whole country, 12 months" "$BASE/api/v1/insights/summary" "${auth[@]}"
measure "insights: whole country, 24 months" "$BASE/api/v1/insights/summary?from=$from&to=$month" "${auth[@]}"
measure "insights: one province (Jawa Timur), 24 months" "$BASE/api/v1/insights/summary?province=35&from=$from&to=$month" "${auth[@]}"
measure "insights: one city (Kota Malang), kuliner, 24 months" "$BASE/api/v1/insights/summary?city=35.73&subsector=kuliner&from=$from&to=$month" "${auth[@]}"
measure "insights: export xlsx, one province, 12 months" "$BASE/api/v1/insights/export?format=xlsx&province=35" "${auth[@]}"

# The dashboard page as a signed-in organiser's browser asks for it: sign in through the web form, keep the session cookie.
jar="$work/cookies"
page=$(curl -sf -c "$jar" -b "$jar" "$BASE/sign-in")
csrf=$(printf '%s' "$page" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p; s/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_handler=sign-in" --data-urlencode "__RequestVerificationToken=$csrf" \
  --data-urlencode "Form.Email=$email" --data-urlencode "Form.Password=$PASSWORD" "$BASE/sign-in" || true
sid=$(awk '$6 == "mp_sid" {print $7}' "$jar")
[ -n "$sid" ] || { echo "could not sign in through the web form"; exit 1; }
measure "organiser dashboard page, $BOOTHS booths / $VISITS visits" "$BASE/organiser/exhibitions/$exhibition/dashboard" -H "Cookie: mp_sid=$sid"
measure "analytics API behind it" "$BASE/api/v1/exhibitions/$exhibition/analytics" -H "Authorization: Bearer $(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login" | json accessToken)"
stop
