#!/usr/bin/env bash
# /api/search throughput and latency with wrk over loopback against the corpus index, at 1 and
# 16 connections. Prints requests/s and p50/p99. Usage: bench/bench_http.sh [SECONDS]
# SCRIPT=bench/typing_queries.lua measures the as-you-type and product-filtered requests instead;
# KBSEARCH=path/to/kbsearch measures another build (a before/after comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { echo "bench_http: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
scratch=$(mktemp -d)
kbsearch=${KBSEARCH:-build/kbsearch}
script=${SCRIPT:-bench/search_queries.lua}
"$kbsearch" index --quiet --db "$scratch/db" corpus >/dev/null
# Every load client here is one address (wrk on loopback): no per-client cap.
"$kbsearch" serve --quiet --max-connections-per-client 0 --db "$scratch/db" --web "" --port 0 --threads "${THREADS:-8}" >"$scratch/out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 1 100); do grep -q listening "$scratch/out" && break; sleep 0.05; done
url=$(grep -o 'http://[0-9.:]*' "$scratch/out")
for connections in 1 16; do
  threads=$(( connections < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script" "$url" >"$scratch/wrk"
  rps=$(awk '/Requests\/sec/ {print $2}' "$scratch/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$scratch/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$scratch/wrk")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$scratch/wrk")
  printf '%s, %2d connection(s): %8s req/s  p50 %8s  p99 %8s %s\n' "$(basename "$script" .lua)" "$connections" "$rps" "$p50" "$p99" "$errors"
done
