#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu (or any) machine: Qt's system libraries when
# running as root and missing, then a virtual environment in .venv with the
# project and its test tools. Sourced by start.sh and test.sh; safe to re-run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# Libraries the PySide6 wheels load: offscreen needs the first line, a real
# desktop window (xcb) the rest.
QT_DEBIAN_PACKAGES=(
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
)

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  echo "error: Python 3.11 or newer is required (python3 --version says $(python3 --version 2>&1))" >&2
  return 1
}

install_debian_packages() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "note: Qt may need these Debian packages (run as root to install): ${missing[*]}" >&2
    return 0
  fi
  echo "installing Debian packages: ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_environment() {
  local python extras="${1:-}"
  python="$(find_python)"
  install_debian_packages "${QT_DEBIAN_PACKAGES[@]}"
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      install_debian_packages python3-venv
      "$python" -m venv "$VENV"
    fi
  fi
  # Reinstall only when the dependency list changed since the last setup.
  local stamp="$VENV/.installed-$extras-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT${extras:+[$extras]}"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  # Byte-compile the package (quick when nothing changed): an editable install
  # leaves that to the first import, and with PYTHONDONTWRITEBYTECODE set it
  # would recompile every module on every start.
  "$VENV/bin/python" -m compileall -q "$ROOT/karabakh_annotator" >/dev/null || true
}
