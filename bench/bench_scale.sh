#!/usr/bin/env bash
# The scale benchmark, in one run: generates N synthetic threads (cached in build/bench-data/ by N
# and seed), then times `kbsearch index` (/usr/bin/time -v: wall, peak RSS; du: size), bare Xapian's
# and SQLite FTS5's builds of the same threads, kbsearch serve's /api/search (one keep-alive client,
# every query kind, with the server's own took_ms) and /api/similar latency, wrk at 1, 16 and 64
# connections, and the peers' in-process query latencies. Prints one markdown table, kbsearch beside
# each peer as a ratio, and appends it to bench/RESULTS.md with a line describing the machine.
#
#   bash bench/bench_scale.sh [N]            N threads, default 100000 (about 100 threads/s to index)
# Environment: SEED (42), QUERIES (1000), DRAFTS (200), WRK_SECONDS (10), THREADS (server workers, 8),
#   BUILD (build folder, default build/), JOBS (2), KBSEARCH (default $BUILD/kbsearch: another build
#   for a before/after), SHARED (../shared), NO_BUILD=1 (use the binaries as they are), RESULTS (file
#   appended to, default bench/RESULTS.md; empty: none), UPDATES (threads per live update, 1000),
#   SHARDS=0 (skip the 2- and 4-shard builds and the two xapian-tcpsrv shards).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-100000}
seed=${SEED:-42}
query_count=${QUERIES:-1000}
draft_count=${DRAFTS:-200}
wrk_seconds=${WRK_SECONDS:-10}
server_threads=${THREADS:-8}
update_count=${UPDATES:-1000}
shard_runs=${SHARDS:-1}
build=${BUILD:-$root/build}
jobs=${JOBS:-2}
shared=${SHARED:-$root/../shared}
results=${RESULTS-$root/bench/RESULTS.md}
tools=$build/bench
kbsearch=${KBSEARCH:-$build/kbsearch}

die() {
  echo "bench_scale: $*" >&2
  exit 1
}
say() { echo "bench_scale: $*" >&2; }
# Prints the last lines of a failed step's output.
die_with() {
  local file=$1
  shift
  echo "bench_scale: $*; its output:" >&2
  tail -n 20 "$file" >&2 || true
  exit 1
}

[[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number, not '$n'"
[[ "$seed" =~ ^[0-9]+$ ]] || die "SEED must be a whole number, not '$seed'"
[[ -d "$shared/data" && -d "$shared/seeds" ]] || die "no shared data at $shared (set SHARED=...)"

# --- what it needs: GNU time, wrk, the binaries --------------------------------------------
missing=()
for p in time wrk curl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null || die "could not install ${missing[*]}"
fi
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is missing"
command -v wrk >/dev/null || die "wrk is missing"

if [[ "${NO_BUILD:-0}" != 1 ]]; then
  say "building kbsearch and the bench tools in $build (-j$jobs)"
  if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || die "cmake configure of $build failed"
  fi
  targets=(kbsearch_generate kbsearch_peers kbsearch_http_latency)
  [[ -z "${KBSEARCH:-}" ]] && targets+=(kbsearch)
  cmake --build "$build" -j"$jobs" --target "${targets[@]}" >"$build/bench-build.log" 2>&1 ||
    die_with "$build/bench-build.log" "the build failed"
fi
for tool in "$tools/kbsearch_generate" "$tools/kbsearch_peers" "$tools/kbsearch_http_latency" "$kbsearch"; do
  [[ -x "$tool" ]] || die "$tool not found or not executable (build it, or set BUILD=/KBSEARCH=)"
done

# --- data: generated once per N and seed, regenerated when the generator changes --------------
data=$root/build/bench-data/n$n-seed$seed
generator_sum=$(sha1sum "$tools/kbsearch_generate" | cut -c1-16)
if [[ ! -f "$data/complete" || "$(cat "$data/complete")" != "$generator_sum" ]]; then
  say "generating $n threads (seed $seed), $query_count queries, $draft_count drafts into $data"
  rm -rf "$data" "$data.partial"
  mkdir -p "$data.partial"
  "$tools/kbsearch_generate" --shared "$shared" --count "$n" --seed "$seed" --out "$data.partial/threads" \
    --part-threads 20000 --queries "$data.partial/queries.tsv" --query-count "$query_count" \
    --drafts "$data.partial/drafts.jsonl" --draft-count "$draft_count" >"$data.partial/generate.log" 2>&1 ||
    die_with "$data.partial/generate.log" "kbsearch_generate failed"
  echo "$generator_sum" >"$data.partial/complete"
  mv "$data.partial" "$data"
else
  say "using the cached threads in $data"
fi
# The PII check of what is about to be indexed: no '@', no word of any source display name.
"$tools/kbsearch_generate" --shared "$shared" --check "$data/threads" "$data/queries.tsv" "$data/drafts.jsonl" \
  >"$data/pii-check.txt" 2>"$data/pii-check.log" || {
  cat "$data/pii-check.txt" >&2
  die_with "$data/pii-check.log" "the PII check of the generated data failed"
}
pii_line=$(grep '^PII check: PASS' "$data/pii-check.txt") || die "the PII check did not pass"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")
server=""
tcpsrv_pids=()
cleanup() {
  for pid in "${tcpsrv_pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  if [[ -n "$server" ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers ------------------------------------------------------------------------------------
# The value of key=value on the first line of FILE starting with PREFIX.
kv() {
  awk -v p="$2" -v k="$3" 'index($0, p) == 1 {
    for (i = 1; i <= NF; i++) { eq = index($i, "="); if (substr($i, 1, eq - 1) == k) { print substr($i, eq + 1); exit } } }' "$1"
}
# From /usr/bin/time -v output: wall seconds and peak RSS in kB.
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"
}
peak_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
# Runs a build step under /usr/bin/time -v; fails the run with its output if it fails.
timed() {
  local name=$1
  shift
  /usr/bin/time -v -o "$scratch/$name.time" "$@" >"$scratch/$name.out" 2>"$scratch/$name.err" ||
    { cat "$scratch/$name.out" >>"$scratch/$name.err"; die_with "$scratch/$name.err" "$name failed"; }
}
fmt_int() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }
fmt_ms() { awk -v x="$1" 'BEGIN { if (x >= 100) printf "%.0f", x; else if (x >= 10) printf "%.1f", x; else if (x >= 1) printf "%.2f", x; else printf "%.3f", x }'; }
fmt_mb() { awk -v b="$1" 'BEGIN { m = b / 1048576; if (m >= 100) printf "%.0f MB", m; else printf "%.1f MB", m }'; }
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) { print "–"; exit } r = a / b
    if (r >= 10) printf "%.0f×", r; else if (r >= 1) printf "%.1f×", r; else if (r >= 0.1) printf "%.2f×", r; else printf "%.3f×", r }'
}

# --- builds -------------------------------------------------------------------------------------
say "kbsearch index: $n threads"
timed kbsearch-index "$kbsearch" index --quiet --db "$scratch/kbsearch-db" "$data/threads"
indexed=$(grep -o 'indexed [0-9]* threads' "$scratch/kbsearch-index.out" | grep -o '[0-9]*' || true)
[[ "$indexed" == "$n" ]] || die_with "$scratch/kbsearch-index.out" "kbsearch indexed '${indexed:-?}' of $n threads"
say "bare Xapian build"
timed xapian-build "$tools/kbsearch_peers" build-xapian --in "$data/threads" --db "$scratch/xapian-db"
say "FTS5 build"
timed fts5-build "$tools/kbsearch_peers" build-fts5 --in "$data/threads" --db "$scratch/fts5.sqlite"
for peer in xapian fts5; do
  got=$(kv "$scratch/$peer-build.out" "build peer=$peer" threads)
  [[ "$got" == "$n" ]] || die "$peer indexed '${got:-?}' of $n threads"
done

declare -A wall rss size
wall[k]=$(wall_seconds "$scratch/kbsearch-index.time")
wall[x]=$(wall_seconds "$scratch/xapian-build.time")
wall[f]=$(wall_seconds "$scratch/fts5-build.time")
rss[k]=$(peak_kb "$scratch/kbsearch-index.time")
rss[x]=$(peak_kb "$scratch/xapian-build.time")
rss[f]=$(peak_kb "$scratch/fts5-build.time")
size[k]=$(du -sb "$scratch/kbsearch-db" | cut -f1)
size[x]=$(du -sb "$scratch/xapian-db" | cut -f1)
size[f]=$(du -sb "$scratch/fts5.sqlite" | cut -f1)
declare -A rate
for e in k x f; do rate[$e]=$(awk -v n="$n" -v s="${wall[$e]}" 'BEGIN { print (s > 0 ? n / s : 0) }'); done

# --- the server ---------------------------------------------------------------------------------
# Starts `kbsearch serve` on index DB, its output in LOG; sets server (pid) and url.
start_server() { # db log
  # Every load client here is one address (wrk on loopback): no per-client cap.
  "$kbsearch" serve --quiet --max-connections-per-client 0 --db "$1" --web "" --port 0 --threads "$server_threads" >"$2" 2>&1 &
  server=$!
  url=""
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://[0-9.]*:[0-9]*' "$2" || true)
    [[ -n "$url" ]] && return 0
    kill -0 "$server" 2>/dev/null || die_with "$2" "kbsearch serve exited"
    sleep 0.1
  done
  die_with "$2" "kbsearch serve did not start listening in 30 s"
}
say "kbsearch serve ($server_threads worker threads)"
start_server "$scratch/kbsearch-db" "$scratch/serve.out"

say "/api/search and /api/similar latency over one keep-alive client"
"$tools/kbsearch_http_latency" --url "$url" --queries "$data/queries.tsv" --drafts "$data/drafts.jsonl" \
  >"$scratch/http.out" 2>"$scratch/http.err" || die_with "$scratch/http.err" "the HTTP latency run failed"

declare -A wrk_rps wrk_note
for c in 1 16 64; do
  t=$((c < 2 ? 1 : 2))
  say "wrk: $c connection(s), ${wrk_seconds} s"
  wrk -t"$t" -c"$c" -d"${wrk_seconds}s" --latency -s "$root/bench/scale_queries.lua" "$url" -- "$data/queries.tsv" \
    >"$scratch/wrk-$c.out" 2>&1 || die_with "$scratch/wrk-$c.out" "wrk at $c connections failed"
  non_2xx=$(awk '$1 == "wrk_non_2xx" { print $2 }' "$scratch/wrk-$c.out")
  [[ "$non_2xx" == 0 ]] || die_with "$scratch/wrk-$c.out" "wrk at $c connections got ${non_2xx:-?} answers that were not 2xx"
  kill -0 "$server" 2>/dev/null || die_with "$scratch/serve.out" "kbsearch serve died under wrk"
  wrk_rps[$c]=$(awk '/^Requests\/sec/ { print $2 }' "$scratch/wrk-$c.out")
  [[ -n "${wrk_rps[$c]}" ]] || die_with "$scratch/wrk-$c.out" "no Requests/sec in wrk's output"
  wrk_note[$c]=$(grep -o 'Socket errors:.*' "$scratch/wrk-$c.out" || true)
done
# --- live updates into the index the server is serving -------------------------------------------
say "live updates: $update_count threads replaced, $update_count added, then deleted"
first_part=$(find "$data/threads" -name '*.jsonl' | sort | head -n 1)
head -n "$update_count" "$first_part" >"$scratch/replace.jsonl"
sed 's/"id":"gen-/"id":"upd-/' "$scratch/replace.jsonl" >"$scratch/add.jsonl"
timed update-replace "$kbsearch" index --quiet --update --db "$scratch/kbsearch-db" "$scratch/replace.jsonl"
timed update-add "$kbsearch" index --quiet --update --db "$scratch/kbsearch-db" "$scratch/add.jsonl"
first_new=$(head -n 1 "$scratch/add.jsonl" | grep -o '"id":"upd-[^"]*"' | cut -d'"' -f4)
visible=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/threads/$first_new")
grep -o '"id":"upd-[^"]*"' "$scratch/add.jsonl" | cut -d'"' -f4 >"$scratch/added-ids.txt"
timed update-delete xargs -a "$scratch/added-ids.txt" "$kbsearch" delete --db "$scratch/kbsearch-db"
gone=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/threads/$first_new")
declare -A update_rate
for step in replace add delete; do
  update_rate[$step]=$(awk -v n="$update_count" -v s="$(wall_seconds "$scratch/update-$step.time")" 'BEGIN { print (s > 0 ? n / s : 0) }')
done

# The server's memory after the whole run (latency passes, wrk and updates).
vmrss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
vmhwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
server=""

# --- shards: the same threads in 2 and 4 local shards, and 2 shards on xapian-tcpsrv ------------
# One server per layout, the same queries (one timed pass); 1 shard is the index measured above.
declare -A shard_p50 shard_p99 shard_rate
shard_latency() { # label db
  start_server "$2" "$scratch/serve-$1.out"
  "$tools/kbsearch_http_latency" --url "$url" --queries "$data/queries.tsv" >"$scratch/http-$1.out" \
    2>"$scratch/http-$1.err" || die_with "$scratch/http-$1.err" "the HTTP latency run over $1 failed"
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
  shard_p50[$1]=$(kv "$scratch/http-$1.out" "took route=search kind=all " p50_ms)
  shard_p99[$1]=$(kv "$scratch/http-$1.out" "took route=search kind=all " p99_ms)
}
tcpsrv_pids=()
if [[ "$shard_runs" == 1 ]]; then
  command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv is missing (Debian xapian-tools)"
  for k in 2 4; do
    say "kbsearch index --shards $k"
    timed "shards-$k" "$kbsearch" index --quiet --shards "$k" --db "$scratch/shards-$k" "$data/threads"
    shard_rate[$k]=$(awk -v n="$n" -v s="$(wall_seconds "$scratch/shards-$k.time")" 'BEGIN { print (s > 0 ? n / s : 0) }')
    shard_latency "local-$k" "$scratch/shards-$k"
  done
  # Two xapian-tcpsrv processes serve the 2-shard build's shards; the front keeps the spelling database.
  generation=$(awk '{ print $2 }' "$scratch/shards-2/XAPIANDB")
  stub="$scratch/shards-2/$generation/XAPIANDB"
  cp "$stub" "$scratch/local-stub"
  echo "auto spelling" >"$stub"
  for i in 0 1; do
    port=$((20000 + RANDOM % 30000))
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 30000)); done
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$scratch/shards-2/$generation/shard-$i" \
      >"$scratch/tcpsrv-$i.out" 2>&1 &
    tcpsrv_pids+=($!)
    echo "remote 127.0.0.1:$port" >>"$stub"
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  done
  say "2 shards on xapian-tcpsrv"
  shard_latency "remote-2" "$scratch/shards-2"
  for pid in "${tcpsrv_pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  tcpsrv_pids=()
fi

# --- the peers' queries -------------------------------------------------------------------------
say "bare Xapian and FTS5 query latency"
"$tools/kbsearch_peers" query-xapian --db "$scratch/xapian-db" --queries "$data/queries.tsv" >"$scratch/xapian-q.out" \
  2>"$scratch/xapian-q.err" || die_with "$scratch/xapian-q.err" "bare Xapian queries failed"
"$tools/kbsearch_peers" query-fts5 --db "$scratch/fts5.sqlite" --queries "$data/queries.tsv" >"$scratch/fts5-q.out" \
  2>"$scratch/fts5-q.err" || die_with "$scratch/fts5-q.err" "FTS5 queries failed"

# --- the table ----------------------------------------------------------------------------------
cores=$(nproc)
today=$(date -u +%Y-%m-%dT%H:%MZ)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
memory=$(free -g | awk '/^Mem:/ { printf "%s GB total, %s GB available", $2, $7 }')
revision=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git -C "$root" status --porcelain 2>/dev/null | head -1)" ]]; then revision="$revision + uncommitted changes"; fi
connections=$(kv "$scratch/http.out" "connections" opened)
requests=$(kv "$scratch/http.out" "connections" requests)

# "p50 / p95 / p99" of one summary line.
three() {
  echo "$(fmt_ms "$(kv "$1" "$2" p50_ms)") / $(fmt_ms "$(kv "$1" "$2" p95_ms)") / $(fmt_ms "$(kv "$1" "$2" p99_ms)")"
}
three_ratios() { # kbsearch took line vs a peer line
  echo "$(ratio "$(kv "$1" "$2" p50_ms)" "$(kv "$3" "$4" p50_ms)") / $(ratio "$(kv "$1" "$2" p95_ms)" "$(kv "$3" "$4" p95_ms)") / $(ratio "$(kv "$1" "$2" p99_ms)" "$(kv "$3" "$4" p99_ms)")"
}
latency_row() { # label kind
  local kind=$2 n_kind
  n_kind=$(kv "$scratch/http.out" "http route=search kind=$kind " n)
  local k_took k_http x f
  k_took=$(three "$scratch/http.out" "took route=search kind=$kind ")
  k_http=$(three "$scratch/http.out" "http route=search kind=$kind ")
  x=$(three "$scratch/xapian-q.out" "latency peer=xapian kind=$kind ")
  f=$(three "$scratch/fts5-q.out" "latency peer=fts5 kind=$kind ")
  echo "| $1 ($n_kind) | $k_took ($k_http) | $x | $f | $(three_ratios "$scratch/http.out" "took route=search kind=$kind " "$scratch/xapian-q.out" "latency peer=xapian kind=$kind ") | $(three_ratios "$scratch/http.out" "took route=search kind=$kind " "$scratch/fts5-q.out" "latency peer=fts5 kind=$kind ") |"
}
empties() { # kind -> "k / x / f"
  echo "$(kv "$scratch/http.out" "http route=search kind=$1 " empty) / $(kv "$scratch/xapian-q.out" "latency peer=xapian kind=$1 " empty) / $(kv "$scratch/fts5-q.out" "latency peer=fts5 kind=$1 " empty)"
}

heading="### $(fmt_int "$n") threads (seed $seed), $cores cores, $today"
table=$scratch/table.md
{
  echo "| measure | kbsearch | bare Xapian | FTS5 | kbsearch ÷ Xapian | kbsearch ÷ FTS5 |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| build, threads/s (wall) | $(fmt_int "${rate[k]}")/s | $(fmt_int "${rate[x]}")/s | $(fmt_int "${rate[f]}")/s | $(ratio "${rate[k]}" "${rate[x]}") | $(ratio "${rate[k]}" "${rate[f]}") |"
  echo "| build, wall s | ${wall[k]} | ${wall[x]} | ${wall[f]} | $(ratio "${wall[k]}" "${wall[x]}") | $(ratio "${wall[k]}" "${wall[f]}") |"
  echo "| build, peak RSS | $(fmt_mb $((rss[k] * 1024))) | $(fmt_mb $((rss[x] * 1024))) | $(fmt_mb $((rss[f] * 1024))) | $(ratio "${rss[k]}" "${rss[x]}") | $(ratio "${rss[k]}" "${rss[f]}") |"
  echo "| index size on disk (du) | $(fmt_mb "${size[k]}") | $(fmt_mb "${size[x]}") | $(fmt_mb "${size[f]}") | $(ratio "${size[k]}" "${size[x]}") | $(ratio "${size[k]}" "${size[f]}") |"
  echo "| **search ms p50 / p95 / p99**: kbsearch took_ms (HTTP client in brackets); peers in process | | | | | |"
  latency_row "all queries" all
  for kind in one_word three_words pasted_question phrase error_code product_filter typo partial; do
    latency_row "$kind" "$kind"
  done
  echo "| queries with no hit (kbsearch / Xapian / FTS5) | $(empties all) | | | | |"
  echo "| /api/similar ms p50 / p99, $(kv "$scratch/http.out" "http route=similar kind=all " n) drafts of 300 words | $(fmt_ms "$(kv "$scratch/http.out" "took route=similar kind=all " p50_ms)") / $(fmt_ms "$(kv "$scratch/http.out" "took route=similar kind=all " p99_ms)") ($(fmt_ms "$(kv "$scratch/http.out" "http route=similar kind=all " p50_ms)") / $(fmt_ms "$(kv "$scratch/http.out" "http route=similar kind=all " p99_ms)")) | – | – | | |"
  echo "| wrk /api/search req/s at 1 / 16 / 64 connections, ${wrk_seconds} s each | $(fmt_int "${wrk_rps[1]}") / $(fmt_int "${wrk_rps[16]}") / $(fmt_int "${wrk_rps[64]}") | – | – | | |"
  echo "| live update, $(fmt_int "$update_count") threads replaced / added / deleted, threads/s (wall, whole command) | $(fmt_int "${update_rate[replace]}") / $(fmt_int "${update_rate[add]}") / $(fmt_int "${update_rate[delete]}") | – | – | | |"
  echo "| an added thread on the running server right after the update / after the delete (HTTP status) | $visible / $gone | | | | |"
  if [[ "$shard_runs" == 1 ]]; then
    echo "| **shards**: /api/search took_ms p50 / p99, all queries; build threads/s | | | | | |"
    echo "| 1 shard (the index above) | $(fmt_ms "$(kv "$scratch/http.out" "took route=search kind=all " p50_ms)") / $(fmt_ms "$(kv "$scratch/http.out" "took route=search kind=all " p99_ms)"); $(fmt_int "${rate[k]}")/s | | | | |"
    for k in 2 4; do
      echo "| $k local shards | $(fmt_ms "${shard_p50[local-$k]}") / $(fmt_ms "${shard_p99[local-$k]}"); $(fmt_int "${shard_rate[$k]}")/s | | | | |"
    done
    echo "| 2 shards on two xapian-tcpsrv (loopback) | $(fmt_ms "${shard_p50[remote-2]}") / $(fmt_ms "${shard_p99[remote-2]}") | | | | |"
  fi
  echo "| server RSS after the run (VmRSS; peak VmHWM), $server_threads workers | $(fmt_mb $((vmrss * 1024))) (peak $(fmt_mb $((vmhwm * 1024)))) | – | – | | |"
  echo "| TCP connections the keep-alive client opened | $connections for $requests requests | | | | |"
  for c in 1 16 64; do
    if [[ -n "${wrk_note[$c]}" ]]; then echo "| wrk at $c connections | ${wrk_note[$c]} | | | | |"; fi
  done
  echo
  echo "Ratios are kbsearch ÷ peer: below 1× is slower for build throughput; above 1× is slower (or bigger) for latency, RSS and size."
} >"$table"

printf '%s\n\n' "$heading"
cat "$table"
if [[ -n "$results" ]]; then
  {
    echo
    echo "$heading"
    echo
    echo "Machine: nproc $cores; memory (free -g) $memory; CPU $cpu. kbsearch $revision ($kbsearch). $pii_line."
    echo
    cat "$table"
  } >>"$results"
  say "appended to $results"
fi
