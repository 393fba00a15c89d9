#!/usr/bin/env bash
# Installs what is missing (Debian bookworm packages; run as root) and builds build/kbsearch.
# Sourced by run.sh and test.sh; safe to run again: it installs and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(build-essential cmake pkg-config
  libxapian-dev xapian-tools libcpp-httplib-dev nlohmann-json3-dev libicu-dev libre2-dev
  catch2 libcli11-dev libpugixml-dev libsqlite3-dev
  libxgboost-dev  # the learned answer model (XGBoost 1.7, pairwise ranking)
  scowl)  # SCOWL's English word and proper-name lists, embedded at build time for the name finder
# The test command also checks the format, fails on any compiler warning, and builds the
# libFuzzer targets with clang (its fuzzer runtime is in libclang-rt-14-dev).
if [[ "${KBSEARCH_FOR_TESTS:-0}" == 1 ]]; then
  packages+=(clang-format clang libclang-rt-14-dev)
fi
if [[ "${KBSEARCH_WITH_BROWSER:-0}" == 1 ]]; then
  packages+=(chromium)
  # Node may come from elsewhere than Debian (its npm bundled); only a missing one is installed.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake_options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
[[ "${KBSEARCH_FOR_TESTS:-0}" == 1 ]] && cmake_options+=(-DKBSEARCH_WARNINGS_AS_ERRORS=ON)
cmake -S . -B build "${cmake_options[@]}" >/dev/null
# run.sh needs only the binary (KBSEARCH_BUILD_TARGET=kbsearch); the tests build everything.
cmake --build build -j"$(nproc)" --target "${KBSEARCH_BUILD_TARGET:-all}"
