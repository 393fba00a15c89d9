#!/usr/bin/env bash
# Every test: installs what is missing, builds with warnings as errors, checks the format, runs
# the Catch2 suites (and the layering check) through ctest, then the browser tests of web/
# (Debian chromium driven by playwright-core; screenshots in build/screenshots), then the Catch2
# suites again under ASan and UBSan (build-asan), then each libFuzzer target for FUZZ_SECONDS
# (default 10; build-fuzz).
set -euo pipefail
cd "$(dirname "$0")"
KBSEARCH_FOR_TESTS=1 KBSEARCH_WITH_BROWSER=1 bash scripts/setup.sh
bash scripts/check_format.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
KBSEARCH_BIN="$PWD/build/kbsearch" KBSEARCH_OUT="$PWD/build/screenshots" node --test tests/browser/run.mjs
bash scripts/test_sanitized.sh
FUZZ_SECONDS="${FUZZ_SECONDS:-10}" bash scripts/fuzz.sh
