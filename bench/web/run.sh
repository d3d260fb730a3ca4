#!/usr/bin/env bash
# Server-rendered pages per second at concurrency 16 (home, search, product, booth), each as a ratio to /health/live on
# the same server in the same run, with N synthetic products added to the demo data; and each page's weight (HTML +
# CSS + JS as sent, compressed where the browser asks, product photos excluded).
# Usage: bench/web/run.sh [N=100000] [seconds=10] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}; SECONDS_PER_RUN=${2:-10}; CONNECTIONS=${3:-16}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

OUT=$PWD/bench/.out/web
dotnet publish src/Marketplace.Api -c Release -o "$OUT" -nologo -v quiet >/dev/null
API=$OUT/Marketplace.Api.dll
# A free port (other benchmarks may be running on this machine).
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE=http://127.0.0.1:$PORT
DATA=$(mktemp -d /tmp/web-bench.XXXXXX)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$DATA"' EXIT

dotnet "$API" seed --synthetic "$N" --DataDirectory "$DATA" --Serilog:MinimumLevel:Default Warning | tail -n 1 >&2
# The synthetic products reach the search index only through a reindex (the seed verb says so).
dotnet "$API" reindex --DataDirectory "$DATA" --Serilog:MinimumLevel:Default Warning | tail -n 1 >&2
# Started from the publish folder: that is the content root, where the pages' CSS and scripts are (from elsewhere the
# static asset endpoints would answer with empty bodies).
(cd "$OUT" && exec dotnet "$API" --urls "$BASE" --DataDirectory "$DATA" --Serilog:MinimumLevel:Default Warning >"$DATA/server.log" 2>&1) &
PID=$!
for _ in $(seq 1 600); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.5; done

product=$(curl -s "$BASE/api/v1/search/products?q=pempek&pageSize=1" | sed -n 's/.*"productId":"\([^"]*\)".*/\1/p' | head -n 1)
expo=$(curl -s "$BASE/api/v1/exhibitions/by-slug/palembang-kota-kreatif-expo" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
booth=$(curl -s "$BASE/api/v1/exhibitions/$expo/booths?pageSize=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')
declare -A PAGES=(
  [home]="/"
  [search]="/search?q=keripik+pedas&city=35.73"
  [product]="/products/$product"
  [booth]="/exhibitions/palembang-kota-kreatif-expo/booths/$booth"
)

# As a browser asks (the pages are compressed per request: the rate includes that work).
rps() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H 'Accept-Encoding: br, gzip' "$1" | awk '/Requests\/sec/ {print $2} /99%/ {p99=$2} END {print p99}' | paste -sd' '; }
# Bytes on the wire for the page and the CSS/JS it links (brotli/gzip as a browser asks for it).
weight() {
  local url=$1 html total
  html=$(curl -s "$BASE$url")
  total=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' --compressed "$BASE$url")
  local parts="html $total"
  # What the page links (src/href), plus what its scripts load on it: site.js loads chat.js where the page has a chat
  # panel (and chat.js the SignalR client), seller.js where it has a story editor.
  local assets
  assets=$(grep -oE '(src|href)="/?(_content|_framework)/[^"]+\.(css|js)"' <<<"$html" | sed -E 's/^(src|href)="\/?//; s/"$//')
  if grep -q 'class="box chat"' <<<"$html"; then
    assets="$assets $(grep -oE 'data-chat="/?_content/[^"]+\.js"' <<<"$html" | sed -E 's/^data-chat="\/?//; s/"$//') _content/Marketplace.Web/lib/signalr/signalr.min.js"
  fi
  if grep -q 'class="rte-bar' <<<"$html"; then
    assets="$assets $(grep -oE 'data-seller="/?_content/[^"]+\.js"' <<<"$html" | sed -E 's/^data-seller="\/?//; s/"$//')"
  fi
  for asset in $(tr ' ' '\n' <<<"$assets" | sort -u); do
    local size
    size=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$BASE/$asset")
    total=$((total + size)); parts="$parts, ${asset##*/} $size"
  done
  echo "$total ($parts)"
}

echo "## machine: $(nproc) cores, $(uptime | sed "s/.*load/load/")" >&2
for page in "${!PAGES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE${PAGES[$page]}")
  [ "$code" = 200 ] || { echo "$page (${PAGES[$page]}) answered $code" >&2; exit 1; }
done
for page in "${!PAGES[@]}"; do wrk -t2 -c"$CONNECTIONS" -d3s "$BASE${PAGES[$page]}" >/dev/null; done # warm-up
read -r live live_p99 <<<"$(rps "$BASE/health/live")"
echo "| page | req/s at c$CONNECTIONS (p99) | ÷ /health/live ($live req/s) | weight (HTML+CSS+JS, bytes sent) |"
echo "|---|---|---|---|"
for page in home search product booth; do
  read -r r p99 <<<"$(rps "$BASE${PAGES[$page]}")"
  printf '| %s | %s (%s) | %.4f | %s |\n' "$page" "$r" "$p99" "$(echo "$r / $live" | bc -l)" "$(weight "${PAGES[$page]}")"
  total=$(curl -s "$BASE${PAGES[$page]/search?/api/v1/search/products?}" | sed -n 's/.*"total":\([0-9]*\).*/\1/p' | head -n 1)
  if [ "$page" = search ]; then echo "(search: $total hits for ${PAGES[$page]} with $N synthetic products indexed)" >&2; fi
done
