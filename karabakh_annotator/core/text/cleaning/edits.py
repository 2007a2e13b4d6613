"""Edits proposed by the steps, and their application to text and segment table."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from .offsets import COPY, JOIN, REPLACE, Segment
from .results import RemovedSpan

__all__ = ["Edit", "apply_edits"]


class Edit(NamedTuple):
    """Delete or replace ``[start, end)`` of the current text, for ``reason``."""

    # A NamedTuple, not a frozen dataclass: steps create one per removed line
    # or joined wrap, and tuple construction is several times cheaper.
    start: int
    end: int
    replacement: str
    reason: str
    joined: bool = False


def apply_edits(
    text: str, segments: list[Segment], raw: str, edits: Sequence[Edit]
) -> tuple[str, list[Segment], list[RemovedSpan]]:
    """Apply sorted, non-overlapping edits: new text, new segments, removed raw spans."""
    # Hot path (several calls per article): the raw-offset lookups are inlined.
    starts = [s[0] for s in segments]
    pieces: list[str] = []
    out: list[Segment] = []
    removed: list[RemovedSpan] = []
    pos = 0
    new_len = 0

    def push(seg: Segment) -> None:
        # Merge a COPY segment into the previous one when both are contiguous.
        if out:
            last = out[-1]
            if last[4] == COPY == seg[4] and last[1] == seg[0] and last[3] == seg[2]:
                out[-1] = (last[0], seg[1], last[2], seg[3], COPY)
                return
        out.append(seg)

    def keep(a: int, b: int) -> None:
        nonlocal new_len
        if a >= b:
            return
        pieces.append(text[a:b])
        k = bisect_right(starts, a) - 1
        shift = new_len - a
        while a < b:
            c0, c1, r0, r1, kind = segments[k]
            hi = c1 if c1 < b else b
            if kind == COPY:
                push((a + shift, hi + shift, r0 + a - c0, r0 + hi - c0, COPY))
            else:
                push((a + shift, hi + shift, r0, r1, kind))
            a = hi
            k += 1
        new_len = b + shift

    for edit in edits:
        start, end = edit.start, edit.end
        keep(pos, start)
        c0, _, r0, _, kind = segments[bisect_right(starts, start) - 1]
        raw0 = r0 + start - c0 if kind == COPY else r0
        c0, _, r0, r1, kind = segments[bisect_right(starts, end - 1) - 1]
        raw1 = r0 + end - c0 if kind == COPY else r1
        removed.append(RemovedSpan(raw0, raw1, raw[raw0:raw1], edit.reason))
        replacement = edit.replacement
        if replacement:
            pieces.append(replacement)
            push((new_len, new_len + len(replacement), raw0, raw1, JOIN if edit.joined else REPLACE))
            new_len += len(replacement)
        pos = end
    keep(pos, len(text))
    return "".join(pieces), out, removed
