#!/usr/bin/env bash
# Every test: installs what is missing, builds, runs the Catch2 suites through ctest.
set -euo pipefail
cd "$(dirname "$0")"
KBSEARCH_WITH_BROWSER=1 bash scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)"
