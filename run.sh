#!/usr/bin/env bash
# The main job: install what is missing, build, index corpus/ and serve the self-help page.
set -euo pipefail
cd "$(dirname "$0")"
port=${PORT:-8080}
# Checked first: a taken port found only after minutes of building and indexing wastes them.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "run.sh: port $port on 127.0.0.1 is already in use; stop what listens there or set PORT=..." >&2
  exit 1
fi
[[ -x build/kbsearch ]] || echo "run.sh: first run: installing and compiling takes several minutes on 2 cores"
started=$SECONDS
KBSEARCH_BUILD_TARGET=kbsearch bash scripts/setup.sh
echo "run.sh: installed and built in $((SECONDS - started)) s"
build/kbsearch index --db data/index corpus/
echo "Serving the self-help page on http://127.0.0.1:$port ($((SECONDS - started)) s after start); press Ctrl-C to stop."
exec build/kbsearch serve --db data/index --web web --host 127.0.0.1 --port "$port"
