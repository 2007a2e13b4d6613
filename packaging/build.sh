#!/usr/bin/env bash
# Build the one-folder desktop bundle into dist/karabakh-annotator/, then run
# the built executable in smoke mode: it opens a temporary database, shows the
# main window offscreen, renders it to PNG and must exit 0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
setup_environment "test,package"
cd "$ROOT"
started=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build packaging/karabakh_annotator.spec
built=$(date +%s)
bundle="dist/karabakh-annotator"
smoke_png="${SMOKE_PNG:-$bundle/smoke.png}"
QT_QPA_PLATFORM=offscreen "$bundle/karabakh-annotator" --smoke-test "$smoke_png"
test -s "$smoke_png"
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1)), built in $((built - started)) s; smoke PNG: $smoke_png"
