"""Guessing the headline of a cleaned article."""

from __future__ import annotations

import re

from .lines import BULLET, is_date_like

__all__ = ["guess_title"]

_PHOTO_MARKER = re.compile(r"\s*(?:[(\[]\s*(?:صورة|الصورة|تصوير|صور)|(?:الصورة|صورة|تصوير)\s*[:：])")


def guess_title(cleaned_text: str) -> str | None:
    """The first line if it reads like a headline (short, no final full stop)."""
    for line in cleaned_text.split("\n")[:4]:
        line = line.strip()
        if not line or is_date_like(line):
            continue
        marker = _PHOTO_MARKER.search(line)
        if marker is not None and marker.start() > 0:
            line = line[: marker.start()].rstrip(" -–—|")
        line = BULLET.sub("", line, count=1) if BULLET.match(line) else line
        if 2 <= len(line.split()) <= 25 and len(line) <= 200 and line[-1] not in ".،,؛;:":
            return line
        return None
    return None
