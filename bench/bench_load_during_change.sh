#!/usr/bin/env bash
# Load during change: wrk sends the scale benchmark's queries to /api/search at 16, then 64
# connections while the index under the server is rebuilt and swapped, updated in place (UPDATES
# threads replaced), its synonyms replaced, and rebuilt and swapped again; each level lasts as
# long as those changes take. Prints requests, socket errors, non-2xx, 5xx and p50/p99 per level,
# and the server's RSS before and after. With SOAK_SECONDS set, then a run at 64 connections that
# long with the changes repeating, RSS sampled every 10 s (flat RSS is the target).
#
#   bash bench/bench_load_during_change.sh [N]   N threads (default 100000), generated and cached
#                                                by bench/bench_scale.sh N, which must have run
# Environment: THREADS (searchers, 8), BUILD (build/), UPDATES (1000), SOAK_SECONDS (0), SEED (42),
# LEVELS (connection counts, "16 64"; empty for the soak alone), SERVE_FLAGS (more `kbsearch serve`
# flags, e.g. "--cache-mb 0" to measure without the result cache).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-100000}
build=${BUILD:-$root/build}
kbsearch=$build/kbsearch
threads=${THREADS:-8}
updates=${UPDATES:-1000}
soak=${SOAK_SECONDS:-0}
data=$root/build/bench-data/n$n-seed${SEED:-42}

die() {
  echo "bench_load: $*" >&2
  exit 1
}
say() { echo "bench_load: $*" >&2; }
[[ -f "$data/complete" ]] || die "no generated threads in $data: run bash bench/bench_scale.sh $n first"
command -v wrk >/dev/null || die "wrk is missing (Debian wrk; bench_scale.sh installs it)"
[[ -x "$kbsearch" ]] || die "no $kbsearch: build first"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kbsearch-load.XXXXXX")
server=""
wrk_pid=""
cleanup() {
  [[ -n "$wrk_pid" ]] && kill "$wrk_pid" 2>/dev/null
  [[ -n "$server" ]] && kill "$server" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

db=$scratch/db
say "indexing $n threads"
"$kbsearch" index --quiet --db "$db" "$data/threads" >"$scratch/index.out" 2>&1 || die "the first build failed"
first_part=$(find "$data/threads" -name '*.jsonl' | sort | head -n 1)
head -n "$updates" "$first_part" | sed 's/"question":"/"question":"Replaced during load. /' >"$scratch/update.jsonl"
printf 'laptop, notebook\nsign in, log in, login\n' >"$scratch/synonyms.txt"

# Every load client here is one address (wrk on loopback): no per-client cap.
"$kbsearch" serve --quiet --max-connections-per-client 0 --db "$db" --web "" --port 0 --threads "$threads" ${SERVE_FLAGS:-} >"$scratch/serve.out" 2>&1 &
server=$!
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://[0-9.]*:[0-9]*' "$scratch/serve.out" || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || die "kbsearch serve did not start"
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$server/status"; }

# The changes, in order; each must succeed while the server answers.
changes() {
  "$kbsearch" index --quiet --db "$db" "$data/threads" >>"$scratch/changes.out" 2>&1 || die "rebuild 1 failed"
  "$kbsearch" index --quiet --update --db "$db" "$scratch/update.jsonl" >>"$scratch/changes.out" 2>&1 ||
    die "the live update failed"
  "$kbsearch" synonyms --db "$db" "$scratch/synonyms.txt" >>"$scratch/changes.out" 2>&1 || die "synonyms failed"
  "$kbsearch" index --quiet --db "$db" "$data/threads" >>"$scratch/changes.out" 2>&1 || die "rebuild 2 failed"
}

soak_changes() {
  "$kbsearch" index --quiet --update --db "$db" "$scratch/update.jsonl" >>"$scratch/changes.out" 2>&1 ||
    die "the live update failed"
  "$kbsearch" synonyms --db "$db" "$scratch/synonyms.txt" >>"$scratch/changes.out" 2>&1 || die "synonyms failed"
  "$kbsearch" index --quiet --db "$db" "$data/threads" >>"$scratch/changes.out" 2>&1 || die "a rebuild failed"
}

# wrk at $1 connections until the changes are done (SIGINT makes wrk print its summary).
level() {
  local c=$1 t=$(($1 < 2 ? 1 : 2))
  wrk -t"$t" -c"$c" -d3600s --latency -s "$root/bench/load_queries.lua" "$url" -- "$data/queries.tsv" \
    >"$scratch/wrk-$c.out" 2>&1 &
  wrk_pid=$!
  local started=$SECONDS
  changes
  kill -INT "$wrk_pid" 2>/dev/null || true  # wrk may have reached its hour already
  wait "$wrk_pid" || true
  wrk_pid=""
  kill -0 "$server" 2>/dev/null || die "kbsearch serve died under load"
  local line
  line=$(grep '^load ' "$scratch/wrk-$c.out") || die "no summary from wrk at $c connections: $(tail -3 "$scratch/wrk-$c.out")"
  echo "| $c | $((SECONDS - started)) s | ${line#load } |"
}

echo "Load during change: $n threads, $threads searchers, $(nproc) cores, $(git -C "$root" rev-parse --short HEAD)"
echo "server RSS before: $(rss) kB"
echo "| connections | duration | wrk: requests, socket errors, non-2xx, 5xx, latency |"
echo "|---:|---:|---|"
for c in ${LEVELS-16 64}; do level "$c"; done
echo "server RSS after: $(rss) kB"
if ((soak > 0)); then
  wrk -t2 -c64 -d"${soak}s" --latency -s "$root/bench/load_queries.lua" "$url" -- "$data/queries.tsv" \
    >"$scratch/wrk-soak.out" 2>&1 &
  wrk_pid=$!
  # The quick changes first, so a soak shorter than a rebuild still has them under load.
  (while kill -0 "$wrk_pid" 2>/dev/null; do soak_changes; done) &
  changer=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    echo "soak: ${SECONDS} s RSS $(rss) kB"
    sleep 10
  done
  wait "$wrk_pid" || true
  wrk_pid=""
  # A change still running when the soak ends is killed: that too must leave the index serving.
  kill -KILL "$changer" 2>/dev/null || true
  pkill -KILL -P "$changer" 2>/dev/null || true
  wait "$changer" 2>/dev/null || true
  "$kbsearch" search --db "$db" outlook >/dev/null || die "the index does not answer after the soak's killed change"
  grep '^load ' "$scratch/wrk-soak.out" | sed 's/^/soak /'
fi
