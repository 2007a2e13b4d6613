"""Convert between core offsets (Python code points) and Qt positions (UTF-16 units).

The two agree until the first character outside the Basic Multilingual Plane
(an emoji, say), which is one code point but two UTF-16 units. Pure Python,
no Qt, so it is tested without a display.
"""

from __future__ import annotations

from bisect import bisect_left

_BMP_LIMIT = 0xFFFF


class OffsetMap:
    """Both directions of the conversion for one text, O(log n) per lookup."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Code-point indices of the astral characters, and their UTF-16 starts.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > _BMP_LIMIT]
        self._astral_utf16 = [index + rank for rank, index in enumerate(self._astral)]

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 units (what Qt counts)."""
        return self._length + len(self._astral)

    def to_qt(self, index: int) -> int:
        """The Qt position of code-point `index` (0 <= index <= len(text))."""
        if not 0 <= index <= self._length:
            raise ValueError(f"offset {index} outside text of length {self._length}")
        return index + bisect_left(self._astral, index)

    def from_qt(self, position: int) -> int:
        """The code-point index of Qt `position`; inside a surrogate pair it rounds down."""
        if not 0 <= position <= self.utf16_length:
            raise ValueError(f"position {position} outside text of UTF-16 length {self.utf16_length}")
        return position - bisect_left(self._astral_utf16, position)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        """A code-point span [start, end) as a Qt span."""
        return self.to_qt(start), self.to_qt(end)

    def span_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """A Qt span as a code-point span."""
        return self.from_qt(start), self.from_qt(end)


def to_qt(text: str, index: int) -> int:
    """The Qt (UTF-16) position of code-point `index` in `text`."""
    return OffsetMap(text).to_qt(index)


def from_qt(text: str, position: int) -> int:
    """The code-point index of Qt (UTF-16) `position` in `text`."""
    return OffsetMap(text).from_qt(position)
