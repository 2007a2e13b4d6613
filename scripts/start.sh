#!/usr/bin/env bash
# Set up (first run only) and open Karabakh Annotator on its default SQLite database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_environment ""
exec "$VENV/bin/karabakh-annotator" "$@"
