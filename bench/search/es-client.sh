#!/usr/bin/env bash
# The Elasticsearch engine against the local double (no cluster needed): start-up and allocations per call.
# Usage: bench/search/es-client.sh [runs = 5] [calls per measure = 2000]
# Each run is a fresh process (cold start); the double runs in a child process, so only the engine's side is counted.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}; CALLS=${2:-2000}
OUT=bench/.out/es-client
dotnet publish bench/search/EsClientBench -c Release -o "$OUT" -nologo -v quiet >/dev/null
echo "## machine: $(nproc) cores, $(uptime | sed "s/.*load/load/")"
echo "| first search ms (DI + index check + search) | process start → first search ms | bytes per search | ms per search | bytes per 1-doc upsert | ms per upsert |"
echo "|---|---|---|---|---|---|"
for _ in $(seq "$RUNS"); do dotnet "$OUT/EsClientBench.dll" "$CALLS"; done
