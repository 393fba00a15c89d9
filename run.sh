#!/usr/bin/env bash
# The main job: install what is missing, build, index corpus/ and serve the self-help page.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
build/kbsearch index --db data/index corpus/
echo
build/kbsearch search --db data/index --limit 3 error 500121 authenticator
