#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer and UBSan on) in
# build-fuzz and runs each for FUZZ_SECONDS (default 10), seeded from tests/fuzz/seeds and, for
# thread input, ../shared/seeds. A crash, a leak, a hang past 10 s or a report fails the run;
# libFuzzer leaves the input in build-fuzz/findings/. Long run: FUZZ_SECONDS=3600 bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${FUZZ_SECONDS:-10}
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DKBSEARCH_FUZZ=ON \
  -DKBSEARCH_SANITIZE=address,undefined,fuzzer-no-link >/dev/null
targets=(thread_input pii_scrubber search_request http_request damaged_index)
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
mkdir -p build-fuzz/findings
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for target in "${targets[@]}"; do
  work="build-fuzz/corpus/$target"  # libFuzzer adds what it finds here; the seeds stay as they are
  mkdir -p "$work"
  seeds=("tests/fuzz/seeds/$target")
  if [[ "$target" == thread_input && -d ../shared/seeds ]]; then seeds+=(../shared/seeds); fi
  echo "fuzz: $target for ${seconds} s"
  "build-fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="build-fuzz/findings/$target-" -print_final_stats=1 "$work" "${seeds[@]}" \
    >"build-fuzz/$target.log" 2>&1 || { tail -n 60 "build-fuzz/$target.log"; exit 1; }
  grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "build-fuzz/$target.log" | tail -n 2 | sed "s/^/  /"
done
