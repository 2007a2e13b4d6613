"""The segment table that maps cleaned-text offsets back to raw-text offsets."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["COPY", "JOIN", "REPLACE", "OffsetMap", "Segment"]

COPY, REPLACE, JOIN = 0, 1, 2
# (clean_start, clean_end, raw_start, raw_end, kind); COPY segments map one to
# one, REPLACE/JOIN segments map as a whole onto their raw span.
Segment = tuple[int, int, int, int, int]


class OffsetMap:
    """Maps offsets in the cleaned text back to offsets in the raw text."""

    __slots__ = ("_segments", "_starts", "_raw_len")

    def __init__(self, segments: Sequence[Segment], raw_len: int) -> None:
        self._segments: tuple[Segment, ...] = tuple(segments)
        self._starts: tuple[int, ...] = tuple(s[0] for s in self._segments)
        self._raw_len = raw_len

    def _segment(self, index: int) -> Segment:
        end = self._segments[-1][1] if self._segments else 0
        if not 0 <= index < end:
            raise IndexError(f"cleaned offset {index} out of range 0..{end - 1}")
        return self._segments[bisect_right(self._starts, index) - 1]

    def to_raw(self, index: int) -> int:
        """Raw offset of the character at cleaned offset ``index``."""
        c0, _, r0, _, kind = self._segment(index)
        return r0 + index - c0 if kind == COPY else r0

    def raw_extent(self, index: int) -> tuple[int, int]:
        """Raw span the cleaned character at ``index`` was produced from."""
        c0, _, r0, r1, kind = self._segment(index)
        if kind == COPY:
            return r0 + index - c0, r0 + index - c0 + 1
        return r0, r1

    def is_joined(self, index: int) -> bool:
        """True when the character is a space inserted to re-join a wrapped line."""
        return self._segment(index)[4] == JOIN

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the cleaned span ``[start, end)``."""
        if start >= end:
            raw = self.to_raw(start) if self._segments and start < self._segments[-1][1] else self._raw_len
            return raw, raw
        return self.raw_extent(start)[0], self.raw_extent(end - 1)[1]
