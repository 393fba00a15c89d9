#!/usr/bin/env bash
# The main job: install what is missing, build, index corpus/ and serve the self-help page.
set -euo pipefail
cd "$(dirname "$0")"
KBSEARCH_BUILD_TARGET=kbsearch bash scripts/setup.sh
build/kbsearch index --db data/index corpus/
echo "Serving the self-help page; press Ctrl-C to stop."
exec build/kbsearch serve --db data/index --web web --host 127.0.0.1 --port "${PORT:-8080}"
