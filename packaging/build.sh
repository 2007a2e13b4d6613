#!/usr/bin/env bash
# Build the desktop bundle into dist/karabakh-annotator/ and smoke-test it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
setup_environment "package"
cd "$ROOT"
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build packaging/karabakh_annotator.spec
# The bundle must open (create and migrate) a database and list it.
tmp="$(mktemp -d)"
dist/karabakh-annotator/karabakh-annotator articles --json --db "$tmp/smoke.sqlite3"
rm -rf "$tmp"
echo "bundle: dist/karabakh-annotator/"
