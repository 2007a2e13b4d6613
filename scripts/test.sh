#!/usr/bin/env bash
# Set up (first run only) and run every check: architecture contracts, types,
# the desktop bundle build with its offscreen smoke run, then all tests. The
# core tests that use a database run on SQLite and again on PostgreSQL: a
# throwaway local server, installed from Debian's packages when missing and
# running as root (scripts/postgres.sh), or the one named by
# KARABAKH_TEST_POSTGRES_URL; without either they run on SQLite only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
setup_environment "test,package"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
echo "== import contracts (the core never imports Qt)"
"$VENV/bin/lint-imports" --no-cache
echo "== mypy --strict on the core"
"$VENV/bin/mypy"
echo "== bundle build and smoke run"
bash packaging/build.sh
if start_test_postgres; then
  echo "== pytest (core tests on SQLite and on $PG_TEST_WHY)"
else
  echo "== pytest (core tests on SQLite only, not on PostgreSQL: $PG_TEST_WHY)"
fi
# Not exec: the PostgreSQL server is stopped when this script exits.
status=0
"$VENV/bin/python" -m pytest "$@" || status=$?
exit "$status"
