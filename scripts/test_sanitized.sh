#!/usr/bin/env bash
# The Catch2 suites again, built with AddressSanitizer and UndefinedBehaviorSanitizer in their own
# folder (build-asan); the first report stops the process and fails the run. Called by test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# No -Werror here: GCC 12 reports false maybe-uninitialized warnings in libstdc++'s <regex> under
# the sanitizers; the warnings are checked by the main build.
# -O1 with line tables: a third of the compile time of -O2 -g, and reports still name file and line.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DKBSEARCH_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j"$(nproc)" --target kbsearch kbsearch_tests kbsearch_pii_recall kbsearch_pii_precision
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
(cd build-asan && ctest --output-on-failure -j"$(nproc)")
