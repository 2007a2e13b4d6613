"""Menu and toolbar icons: drawn by qtawesome once, then read back from a cache.

Importing qtawesome (and the qtpy layer it pulls in) and loading its icon
fonts took about 0.3 s of every start, a fifth of the time to a shown window,
to draw the same dozen glyphs. They are drawn on the first start, saved as
PNG files in the user cache folder under a key naming the qtawesome install,
and later starts load the files without importing qtawesome at all.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import platformdirs
from PySide6.QtGui import QIcon

from karabakh_annotator.core.storage.locations import APP_NAME

ICON_PIXELS = 64
"""Side of each cached image: crisp at toolbar size on a 2x screen."""


def load_icons(names: Iterable[str], cache_root: Path | None = None) -> dict[str, QIcon]:
    """One icon per qtawesome name ("fa5s.file-import"), from the cache when it holds them all."""
    wanted = sorted(set(names))
    folder = _cache_folder(cache_root)
    files = {name: folder / f"{_file_stem(name)}.png" for name in wanted}
    if folder is not None and all(path.is_file() for path in files.values()):
        return {name: QIcon(str(path)) for name, path in files.items()}
    return _draw_and_cache(wanted, files)


def _draw_and_cache(names: list[str], files: dict[str, Path]) -> dict[str, QIcon]:
    import qtawesome as qta  # noqa: PLC0415 (the point of this module: only on a cache miss)

    icons = {name: qta.icon(name) for name in names}
    try:
        for name, icon in icons.items():
            path = files[name]
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            # Written under another name first: a start killed mid-write must
            # not leave a half image that later starts would trust.
            if icon.pixmap(ICON_PIXELS, ICON_PIXELS).save(str(partial), "PNG"):
                os.replace(partial, path)
    except OSError:
        pass  # a read-only home folder: icons are drawn on every start instead
    return icons


def _cache_folder(cache_root: Path | None) -> Path | None:
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or spec.origin is None:
        return None
    # A different qtawesome (upgrade, another venv, a bundle) gets its own folder.
    # In a PyInstaller bundle the module lives in an archive: the executable stands for it.
    origin = Path(spec.origin)
    try:
        stat = origin.stat()
    except OSError:
        origin = Path(sys.executable)
        stat = origin.stat()
    key = hashlib.sha1(f"{origin}|{stat.st_size}|{stat.st_mtime_ns}|{ICON_PIXELS}".encode()).hexdigest()[:16]
    root = cache_root if cache_root is not None else platformdirs.user_cache_path(APP_NAME, appauthor=False)
    return root / "icons" / key


def _file_stem(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)
