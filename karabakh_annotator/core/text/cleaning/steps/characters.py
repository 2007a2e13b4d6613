"""Character steps: Unicode NFC composition and invisible control characters."""

from __future__ import annotations

import re
import unicodedata

from ..edits import Edit

__all__ = ["invisible_edits", "nfc_edits"]


def nfc_edits(text: str) -> list[Edit]:
    """Compose characters to Unicode NFC, cluster by cluster."""
    if unicodedata.is_normalized("NFC", text):
        return []
    edits: list[Edit] = []
    line_start = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            edits.extend(_nfc_line_edits(line, line_start))
        line_start += len(line) + 1
    return edits


def _nfc_line_edits(line: str, offset: int) -> list[Edit]:
    # Compose per cluster (a starter and its combining marks) so that only the
    # few changed characters lose their one-to-one mapping to the raw text.
    bounds = [i for i, ch in enumerate(line) if i == 0 or unicodedata.combining(ch) == 0]
    bounds.append(len(line))
    edits: list[Edit] = []
    composed: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        cluster = line[a:b]
        nfc = unicodedata.normalize("NFC", cluster)
        composed.append(nfc)
        if nfc != cluster:
            edits.append(Edit(offset + a, offset + b, nfc, "Unicode NFC composition"))
    if "".join(composed) != unicodedata.normalize("NFC", line):
        # Compositions across starters (Hangul jamo): treat the line as one unit.
        return [Edit(offset, offset + len(line), unicodedata.normalize("NFC", line),
                      "Unicode NFC composition")]
    return edits


_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
# Bidi marks, embeddings/overrides/isolates, zero-width space, word joiner,
# BOM and soft hyphen are invisible and split words for search. ZWNJ between
# two Arabic-script letters shapes Persian/Urdu/Kurdish names, so it stays;
# elsewhere it is debris. ZWJ stays only inside emoji sequences.
# Every alternative starts with the literal character so the scan is fast.
_INVISIBLE = re.compile(
    "[\u200b\u200e\u200f\u061c\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]"
    f"|\u200c(?:(?<![{_ARABIC_LETTER}\u064b-\u065f\u0670]\u200c)|(?![{_ARABIC_LETTER}]))"
    f"|\u200d(?:(?<=[\\s{_ARABIC_LETTER}\x00-\x7f]\u200d)|(?=[\\s{_ARABIC_LETTER}\x00-\x7f])|\\Z)"
    "|(?<!.)\u200d"
)
# Every character _INVISIBLE can match. Testing them one by one with "in"
# (memchr-based) is several times faster than a regex class scan of the text.
_INVISIBLE_CHARS = "".join(
    chr(c)
    for a, b in ((0x200B, 0x200F), (0x061C, 0x061C), (0x202A, 0x202E), (0x2060, 0x2064),
                 (0x2066, 0x2069), (0xFEFF, 0xFEFF), (0x00AD, 0x00AD), (0x180E, 0x180E))
    for c in range(a, b + 1)
)


def invisible_edits(text: str) -> list[Edit]:
    """Remove invisible controls (bidi marks, zero-width characters, BOM, soft hyphen)."""
    if not any(ch in text for ch in _INVISIBLE_CHARS):
        return []
    return [
        Edit(m.start(), m.end(), "", f"invisible control U+{ord(m.group()):04X}")
        for m in _INVISIBLE.finditer(text)
    ]
