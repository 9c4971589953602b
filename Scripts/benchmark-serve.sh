#!/usr/bin/env bash
# Drives `opmodel serve` on loopback with wrk (from Debian's packages):
#   1. scorecard JSON requests/s and p99 latency with the scorecard cache (the service's normal
#      state) and without it (--cache-entries 0: every request scores the wave afresh);
#   2. the same cached reads while an upload of RESPONSES/2 more rows is being imported, and
#      how long that import took through the API.
# Usage: Scripts/benchmark-serve.sh [RESPONSES] [SECONDS]   (defaults: 1,000,000 responses, 15 s)
# Set PORT to choose the port (default 18080), CONNECTIONS for wrk (default 16).
set -euo pipefail
cd "$(dirname "$0")/.."
responses=${1:-1000000}
seconds=${2:-15}
port=${PORT:-18080}
connections=${CONNECTIONS:-16}
work=$(mktemp -d "${TMPDIR:-/tmp}/opmodel-serve-bench.XXXXXX")
server=""
stop_server() { if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap 'stop_server; rm -rf "$work"' EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null 2>&1 || { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq wrk >/dev/null 2>&1; }
fi
command -v curl >/dev/null || { echo "needs curl (apt-get install curl)"; exit 1; }

swift build -c release --product opmodel >/dev/null
bin=$(swift build -c release --show-bin-path)/opmodel

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "== store: $responses responses, 3 organisations, waves 2025-Q4 and 2026-Q1"
"$bin" generate --responses "$responses" --orgs 3 --waves 2025-Q4,2026-Q1 --seed 1 --out "$work/export.csv" 2>/dev/null
start=$(date +%s.%N)
"$bin" import "$work/export.csv" --db "$work/store.sqlite" >/dev/null
printf "imported with the CLI in %.1f s; store %d MB\n" "$(echo "$(date +%s.%N) - $start" | bc -l)" "$(du -m "$work/store.sqlite" | cut -f1)"
"$bin" generate --responses $((responses / 2)) --orgs 3 --waves 2026-Q2 --seed 2 --out "$work/more.csv" 2>/dev/null

export OPMODEL_TOKENS="$work/tokens.json"
admin=$("$bin" tokens add --role admin 2>/dev/null)
viewer=$("$bin" tokens add --role viewer --org "Northwind Bank" 2>/dev/null)
base="http://127.0.0.1:$port"
scorecard="$base/v1/organisations/Northwind%20Bank/waves/2026-Q1/scorecard"

start_server() {
  "$bin" serve --port "$port" --db "$work/store.sqlite" "$@" 2>"$work/server.log" &
  server=$!
  for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "the server did not start:"; cat "$work/server.log"; exit 1
}
# Prints "REQ/S P99" from a wrk run.
run_wrk() {
  wrk -t2 -c"$1" -d"$2"s --timeout 120s --latency -H "Authorization: Bearer $viewer" "$scorecard" >"$work/wrk.txt"
  awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {printf "%s %s %s\n", rps, p99, (bad == "" ? 0 : bad)}' "$work/wrk.txt"
}
first_request() { curl -s -o /dev/null -w "%{time_total}" -H "Authorization: Bearer $viewer" "$scorecard"; }

echo
echo "== scorecard JSON without the cache (every request scores the organisation's wave)"
start_server --cache-entries 0
printf "one request: %.2f s\n" "$(first_request)"
read -r rps p99 bad < <(run_wrk 2 "$((seconds * 2))")
echo "wrk 2 connections, $((seconds * 2)) s: $rps req/s, p99 $p99, non-2xx $bad"
stop_server

echo
echo "== scorecard JSON with the cache"
start_server
printf "first request (fills the cache): %.2f s\n" "$(first_request)"
read -r rps p99 bad < <(run_wrk "$connections" "$seconds")
echo "wrk $connections connections, ${seconds} s: $rps req/s, p99 $p99, non-2xx $bad"

echo
echo "== cached scorecard reads during an import of $((responses / 2)) responses through the API"
( start=$(date +%s.%N)
  curl -s -o "$work/upload.json" -w "%{http_code}" -H "Authorization: Bearer $admin" -H "Content-Type: text/csv" \
    --data-binary @"$work/more.csv" "$base/v1/imports?filename=more.csv" >"$work/upload.status"
  echo "$(date +%s.%N) - $start" | bc -l >"$work/upload.seconds" ) &
uploader=$!
# One-second wrk runs for as long as the import lasts: requests/s over them, the worst p99.
: >"$work/during.txt"
while kill -0 "$uploader" 2>/dev/null; do run_wrk "$connections" 1 >>"$work/during.txt"; done
wait "$uploader"
printf "import: HTTP %s in %.1f s (%s)\n" "$(cat "$work/upload.status")" "$(cat "$work/upload.seconds")" "$(head -c 160 "$work/upload.json")"
awk '{ v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); ms = (u=="us" ? v/1000 : (u=="s" ? v*1000 : v));
       if (ms > worst) worst = ms; total += $1; bad += $3; n++ }
     END { if (n) printf "wrk %d one-second runs while importing: %.0f req/s on average, worst p99 %.1f ms, non-2xx %d\n", n, total/n, worst, bad }' \
  "$work/during.txt"
printf "after the import (cache refilled): one request %.2f s\n" "$(first_request)"
stop_server
