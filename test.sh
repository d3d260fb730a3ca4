#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "tests: N passed, N failed[, N skipped]".
# Tests that need PostgreSQL or Redis start their own servers on free loopback ports (see README).
set -uo pipefail
cd "$(dirname "$0")"

results="TestResults"
rm -rf "$results"

if ! dotnet build Marketplace.sln -c Release -nologo -v quiet; then
  echo "tests: 0 passed, 1 failed (the build failed)"
  exit 1
fi

# Test assemblies run one after another (-m:1 keeps two test hosts from fighting over 2 cores).
dotnet test Marketplace.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done

if [ "$files" -eq 0 ]; then
  echo "tests: 0 passed, 1 failed (no test results were written)"
  exit 1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed test (a crashed test host): count it as a failure.
  failed=1
fi

line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
