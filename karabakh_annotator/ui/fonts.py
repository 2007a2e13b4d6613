"""Load the bundled fonts and choose the Arabic face the article view reads in."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from karabakh_annotator.ui.resources import resource_path

log = logging.getLogger(__name__)

FONT_SUFFIXES = (".ttf", ".otf")

# Best first: the bundled face, then good Arabic text faces an analyst may
# have installed, then the platform faces that carry Arabic glyphs.
PREFERRED_ARABIC_FAMILIES: tuple[str, ...] = (
    "Noto Naskh Arabic",
    "Amiri",
    "Noto Sans Arabic",
    "Noto Naskh Arabic UI",
    "Noto Sans Arabic UI",
    "Scheherazade New",
    "Geeza Pro",
    "Segoe UI",
    "Tahoma",
    "Arial",
    "DejaVu Sans",
)

ARTICLE_POINT_SIZE = 16
LINE_HEIGHT_PERCENT = 115


def load_font_files(directory: Path | None = None) -> list[str]:
    """Register every .ttf/.otf in `directory` (default resources/fonts); return the new families."""
    folder = directory if directory is not None else resource_path("fonts")
    families: list[str] = []
    if not folder.is_dir():
        log.warning("font folder %s not found; using system fonts", folder)
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def choose_family(
    available: Iterable[str], arabic_capable: Iterable[str], preferred: Sequence[str] = PREFERRED_ARABIC_FAMILIES
) -> str | None:
    """The first preferred family that is installed and has Arabic glyphs, else any with Arabic."""
    capable = {name.casefold(): name for name in arabic_capable}
    installed = {name.casefold() for name in available}
    for name in preferred:
        key = name.casefold()
        if key in capable and key in installed:
            return capable[key]
    return min(capable.values(), key=str.casefold) if capable else None


def arabic_capable_families() -> list[str]:
    """Installed families that declare the Arabic writing system."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.Arabic))


def load_fonts(directory: Path | None = None) -> str:
    """Register the bundled fonts and return the family for Arabic text (never empty)."""
    load_font_files(directory)
    family = choose_family(QFontDatabase.families(), arabic_capable_families())
    if family is None:
        # No Arabic face at all: let Qt's own fallback find glyphs where it can.
        family = QFont().defaultFamily()
        log.warning("no font with Arabic glyphs found; falling back to %s", family)
    return family


def arabic_font(family: str, point_size: int = ARTICLE_POINT_SIZE, bold: bool = False) -> QFont:
    """A font in the chosen Arabic family; other families fill in Latin letters and digits."""
    font = QFont(family, point_size)
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font
