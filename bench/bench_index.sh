#!/usr/bin/env bash
# Index build throughput: builds 20 copies of corpus/ ROUNDS times over
# into a scratch index and prints threads per second. Usage: bench/bench_index.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
bin=${KBSEARCH:-build/kbsearch}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Many copies of the corpus make a build long enough to time.
# Copies get their own file names: a thread id is the file name, and repeats are skipped.
mkdir -p "$scratch/in"
for i in $(seq 1 20); do for f in corpus/*.txt; do cp "$f" "$scratch/in/$i-$(basename "$f")"; done; done
threads=$(find "$scratch/in" -type f | wc -l)
if [[ ! -x "$bin" ]]; then
  echo "bench_index: $bin not found or not executable (build it first, or set KBSEARCH=...)" >&2
  exit 1
fi
best=999999
for r in $(seq 1 "$rounds"); do
  start=$(date +%s.%N)
  # A failed build is no timing: stop with its exit status and what it said.
  status=0
  "$bin" index --quiet --db "$scratch/db" "$scratch/in" >"$scratch/index.log" 2>&1 || status=$?
  end=$(date +%s.%N)
  if (( status != 0 )); then
    echo "bench_index: round $r: '$bin index' failed with exit status $status; no figures printed. Its output:" >&2
    tail -n 20 "$scratch/index.log" >&2
    exit 1
  fi
  t=$(echo "$end - $start" | bc -l)
  (( $(echo "$t < $best" | bc -l) )) && best=$t
done
printf 'index: %d threads, best of %d: %.3f s, %.0f threads/s\n' "$threads" "$rounds" "$best" "$(echo "$threads / $best" | bc -l)"
