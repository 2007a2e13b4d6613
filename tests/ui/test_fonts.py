"""Choosing the Arabic face: the bundled one first, then sensible fallbacks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase

from karabakh_annotator.ui import resources
from karabakh_annotator.ui.fonts import choose_family, load_font_files


def test_bundled_font_is_loaded_and_chosen(arabic_family: str) -> None:
    assert arabic_family == "Noto Naskh Arabic"
    assert QFontDatabase.WritingSystem.Arabic in QFontDatabase.writingSystems(arabic_family)
    assert "Bold" in QFontDatabase.styles(arabic_family)


def test_font_folder_holds_fonts_and_licence() -> None:
    folder = resources.resource_path("fonts")
    assert (folder / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1
    assert sorted(p.name for p in folder.glob("*.ttf")) == [
        "NotoNaskhArabic-Bold.ttf",
        "NotoNaskhArabic-Regular.ttf",
    ]


def test_missing_font_folder_is_not_fatal(qapp, tmp_path: Path) -> None:
    assert load_font_files(tmp_path / "absent") == []


@pytest.mark.parametrize(
    ("available", "arabic", "expected"),
    [
        (["Arial", "Amiri", "Noto Naskh Arabic"], ["Arial", "Amiri", "Noto Naskh Arabic"], "Noto Naskh Arabic"),
        (["Arial", "Amiri"], ["Arial", "Amiri"], "Amiri"),
        (["Tahoma", "Arial"], ["Tahoma", "Arial"], "Tahoma"),
        (["geeza pro", "Helvetica"], ["geeza pro"], "geeza pro"),  # case differs on some platforms
        (["Arial", "Some Arabic Face"], ["Some Arabic Face"], "Some Arabic Face"),  # Arial without Arabic glyphs
        (["Helvetica"], [], None),
    ],
)
def test_choose_family(available: list[str], arabic: list[str], expected: str | None) -> None:
    assert choose_family(available, arabic) == expected


def test_resources_found_in_a_pyinstaller_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts") == tmp_path / "resources" / "fonts"


def test_resources_found_next_to_the_package() -> None:
    assert (resources.resources_dir() / "fonts" / "README.md").is_file()
