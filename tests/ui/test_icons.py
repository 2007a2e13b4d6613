"""Icons are drawn by qtawesome once, then read from the cache without importing it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from karabakh_annotator.ui.icons import ICON_PIXELS, load_icons

NAMES = ["fa5s.file-import", "fa5s.undo"]


def test_first_load_draws_the_icons_and_caches_them(qapp, tmp_path: Path) -> None:
    icons = load_icons(NAMES, cache_root=tmp_path)
    assert sorted(icons) == NAMES
    assert all(not icon.isNull() for icon in icons.values())
    cached = sorted(tmp_path.glob("icons/*/*.png"))
    assert [path.stem for path in cached] == ["fa5s_file-import", "fa5s_undo"]
    assert not list(tmp_path.glob("icons/*/*.part"))


def test_later_loads_read_the_cache_without_qtawesome(qapp, tmp_path: Path) -> None:
    load_icons(NAMES, cache_root=tmp_path)
    script = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from karabakh_annotator.ui.icons import load_icons\n"
        f"icons = load_icons({NAMES!r}, cache_root=Path({str(tmp_path)!r}))\n"
        f"size = icons[{NAMES[0]!r}].pixmap({ICON_PIXELS}, {ICON_PIXELS}).width()\n"
        "print('qtawesome' in sys.modules, size)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", str(ICON_PIXELS)]


def test_a_missing_icon_file_redraws_the_set(qapp, tmp_path: Path) -> None:
    load_icons(NAMES, cache_root=tmp_path)
    victim = next(tmp_path.glob("icons/*/fa5s_undo.png"))
    victim.unlink()
    icons = load_icons(NAMES, cache_root=tmp_path)
    assert victim.is_file() and not icons["fa5s.undo"].isNull()
