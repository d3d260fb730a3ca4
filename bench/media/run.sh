#!/usr/bin/env bash
# Media benchmarks on one API process (SQLite, local media store):
#   1. 16 distinct 12-megapixel JPEGs uploaded at once, until every one is `ready` (all six variants written):
#      uploads processed per second, and the request-path latency of an upload;
#   2. the API process's peak memory (VmHWM) while it processes those 16 at once (the budget is 600 MB);
#   3. GET of a variant (card, WebP by Accept) req/s with wrk at 16 connections, and /health/live in the same run.
# Needs wrk and curl (apt-get install -y wrk curl). Usage: bench/media/run.sh [seconds=10] [uploads=16]
# MEDIA_BENCH_TRACE=<file> also records RSS every 0.5 s and (with dotnet-counters) the GC heap, to see where memory goes.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}; UPLOADS=${2:-16}
for tool in wrk curl; do command -v $tool >/dev/null || { echo "$tool is missing: apt-get install -y wrk curl"; exit 1; }; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
PORT=$(free_port); BASE=http://127.0.0.1:$PORT
cleanup() { [ -n "${api_pid:-}" ] && kill "$api_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet publish src/Marketplace.Api -c Release -o bench/.out/api -nologo -v quiet >/dev/null
dotnet build bench/media/Bench.cs -c Release -nologo -v quiet >/dev/null
dotnet bench/.out/api/Marketplace.Api.dll --urls "$BASE" --DataDirectory "$work/data" --Seed:Demo false \
  --Serilog:MinimumLevel:Default Warning --Identity:LoginRateLimit:PermitLimit 100000 >"$work/api.log" 2>&1 & api_pid=$!
for _ in $(seq 1 600); do curl -sf "$BASE/health/live" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/health/live" >/dev/null || { echo "server did not start"; cat "$work/api.log"; exit 1; }

kb() { awk "/^$1:/ {print \$2}" "/proc/$api_pid/status"; }
rss_before=$(kb VmRSS)
# Where the memory goes: with MEDIA_BENCH_TRACE=<file>, the process's RSS and the GC's view (heap size, committed
# bytes, both sampled by dotnet-counters when it is installed) every half second while the batch runs.
if [ -n "${MEDIA_BENCH_TRACE:-}" ]; then
  ( while kill -0 "$api_pid" 2>/dev/null; do echo "$(date +%s.%N | cut -c1-14) rss_kb=$(kb VmRSS)"; sleep 0.5; done ) >"$MEDIA_BENCH_TRACE" & trace_pid=$!
  counters=$(command -v dotnet-counters || ls "$HOME/.dotnet/tools/dotnet-counters" 2>/dev/null || true)
  if [ -n "$counters" ]; then
    "$counters" collect -p "$api_pid" --refresh-interval 1 --format csv -o "$MEDIA_BENCH_TRACE.gc.csv" \
      --counters 'System.Runtime[dotnet.gc.last_collection.heap.size,dotnet.gc.last_collection.memory.committed_size,dotnet.process.memory.working_set]' >/dev/null 2>&1 & counters_pid=$!
  fi
fi
result=$(dotnet run -c Release --no-build bench/media/Bench.cs -- "$BASE" "$UPLOADS")
peak=$(kb VmHWM)
[ -n "${trace_pid:-}" ] && kill "$trace_pid" 2>/dev/null || true
[ -n "${counters_pid:-}" ] && kill -INT "$counters_pid" 2>/dev/null || true
card=$(sed -n 's/.*"card_url":"\([^"]*\)".*/\1/p' <<<"$result")

rps() { awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c16 -d3s -H 'Accept: image/webp,image/*' "$BASE$card" >/dev/null   # warm-up
variant_rps=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" -H 'Accept: image/webp,image/*' "$BASE$card" | rps)
live_rps=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" "$BASE/health/live" | rps)
bytes=$(curl -s -H 'Accept: image/webp' -o /dev/null -w '%{size_download}' "$BASE$card")

echo "$result"
if [ -f "${MEDIA_BENCH_TRACE:-}.gc.csv" ]; then
  # Peaks of the GC's view over the batch: heap size by generation (loh = large objects such as whole upload bodies, poh =
  # pinned: Kestrel's receive buffers) and committed bytes; what VmHWM has beyond them is native (ImageSharp's pixel buffers).
  python3 - "$MEDIA_BENCH_TRACE.gc.csv" <<'PY'
import collections, csv, json, sys
samples = collections.defaultdict(dict)
for row in list(csv.reader(open(sys.argv[1])))[1:]:
    samples[row[0]][row[2]] = float(row[4])
peak = collections.defaultdict(float)
for values in samples.values():
    values["heap_total"] = sum(v for k, v in values.items() if "heap.size" in k)
    for name, value in values.items():
        short = name.split("generation=")[-1].rstrip("]") if "heap.size" in name else name.split(" (")[0].split(".")[-1]
        peak[short] = max(peak[short], value)
print(json.dumps({"gc_peak_mb": {k: round(v / 1048576) for k, v in sorted(peak.items())}}))
PY
fi
echo "{\"rss_before_mb\":$((rss_before / 1024)),\"peak_rss_mb\":$((peak / 1024)),\"variant_get_rps\":$variant_rps,\"variant_bytes\":$bytes,\"health_live_rps\":$live_rps,\"ratio\":$(python3 -c "print(round($variant_rps/$live_rps, 2))")}"
