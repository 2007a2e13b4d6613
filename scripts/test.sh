#!/usr/bin/env bash
# Set up (first run only) and run every check: architecture contracts, types,
# all tests, then the desktop bundle build with its offscreen smoke run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_environment "test,package"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
echo "== import contracts (the core never imports Qt)"
"$VENV/bin/lint-imports" --no-cache
echo "== mypy --strict on the core"
"$VENV/bin/mypy"
echo "== bundle build and smoke run"
bash packaging/build.sh
echo "== pytest"
exec "$VENV/bin/python" -m pytest "$@"
