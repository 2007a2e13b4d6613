#!/usr/bin/env bash
# Set up (first run only) and run every check: architecture contracts, types, all tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_environment "test"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
echo "== import contracts (the core never imports Qt)"
"$VENV/bin/lint-imports" --no-cache
echo "== mypy --strict on the core"
"$VENV/bin/mypy"
echo "== pytest"
exec "$VENV/bin/python" -m pytest "$@"
