"""Where the top-level `resources/` folder is, from a source tree or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import karabakh_annotator


def resources_dir() -> Path:
    """The `resources/` folder: next to the package in a checkout, at the root of a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(karabakh_annotator.__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside `resources/` (it may not exist)."""
    return resources_dir().joinpath(*parts)
