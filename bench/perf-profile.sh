#!/usr/bin/env bash
# On-CPU profile of a running API process with Linux perf: which threads use the CPU (request threads, tiered JIT,
# GC) and which methods (inclusive) on the request threads.
#
#   bash bench/perf-profile.sh <pid> [seconds=15]        (PERF_ALL=1: also the top inclusive methods of all code;
#                                                         PERF_WITHIN=<frame text>: only samples under that frame)
#
# Start the API with DOTNET_PerfMapEnabled=1 (and DOTNET_EnableWriteXorExecute=0) so that perf can name JIT-compiled
# methods; without them the thread split still works. Needs Debian's linux-perf.
set -euo pipefail
pid=$1; seconds=${2:-15}
command -v perf >/dev/null || { echo "perf not found: apt-get install -y linux-perf" >&2; exit 2; }
out=$(mktemp -d)
perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep "$seconds" >/dev/null 2>&1
perf script -i "$out/perf.data" 2>/dev/null > "$out/perf.script"
python3 "$(dirname "$0")/perf-summary.py" "$out/perf.script" ${PERF_ALL:+--all} ${PERF_WITHIN:+--within "$PERF_WITHIN"}
rm -rf "$out"
