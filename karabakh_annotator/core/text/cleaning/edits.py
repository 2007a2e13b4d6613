"""Edits proposed by the steps, and their application to text and segment table."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .offsets import COPY, JOIN, REPLACE, Segment
from .results import RemovedSpan

__all__ = ["Edit", "apply_edits"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Delete or replace ``[start, end)`` of the current text, for ``reason``."""

    start: int
    end: int
    replacement: str
    reason: str
    joined: bool = False


def apply_edits(
    text: str, segments: list[Segment], raw: str, edits: Sequence[Edit]
) -> tuple[str, list[Segment], list[RemovedSpan]]:
    """Apply sorted, non-overlapping edits: new text, new segments, removed raw spans."""
    starts = [s[0] for s in segments]
    pieces: list[str] = []
    out: list[Segment] = []
    removed: list[RemovedSpan] = []
    pos = 0
    new_len = 0

    def raw_start(i: int) -> int:
        c0, _, r0, _, kind = segments[bisect_right(starts, i) - 1]
        return r0 + i - c0 if kind == COPY else r0

    def raw_end(i: int) -> int:
        c0, _, r0, r1, kind = segments[bisect_right(starts, i - 1) - 1]
        return r0 + i - c0 if kind == COPY else r1

    def push(seg: Segment) -> None:
        if out:
            c0, c1, r0, r1, kind = out[-1]
            if kind == COPY == seg[4] and c1 == seg[0] and r1 == seg[2]:
                out[-1] = (c0, seg[1], r0, seg[3], COPY)
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
            hi = min(c1, b)
            if kind == COPY:
                push((a + shift, hi + shift, r0 + a - c0, r0 + hi - c0, COPY))
            else:
                push((a + shift, hi + shift, r0, r1, kind))
            a = hi
            k += 1
        new_len = b + shift

    for edit in edits:
        keep(pos, edit.start)
        r0, r1 = raw_start(edit.start), raw_end(edit.end)
        removed.append(RemovedSpan(r0, r1, raw[r0:r1], edit.reason))
        if edit.replacement:
            pieces.append(edit.replacement)
            kind = JOIN if edit.joined else REPLACE
            push((new_len, new_len + len(edit.replacement), r0, r1, kind))
            new_len += len(edit.replacement)
        pos = edit.end
    keep(pos, len(text))
    return "".join(pieces), out, removed
