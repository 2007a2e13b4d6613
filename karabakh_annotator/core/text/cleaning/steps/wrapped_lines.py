"""Wrapped-lines step: re-joining lines cut by a hard wrap."""

from __future__ import annotations

from ..edits import Edit
from ..lines import DANGLING_WORDS, LIST_ITEM, ends_sentence, is_date_like, is_headline_like, line_spans

__all__ = ["join_edits"]

_MIN_WRAPPED_LINE = 30  # shorter lines are titles, captions or menu items


def join_edits(text: str) -> list[Edit]:
    """Join lines cut by a hard wrap with a space (marked as joined)."""
    spans = line_spans(text)
    edits: list[Edit] = []
    first = next((i for i, (a, b) in enumerate(spans) if b > a), None)
    # Each line is tested as ``line`` and again as ``nxt``: remember the answer.
    date_like: dict[int, bool] = {}

    def is_date_line(i: int) -> bool:
        known = date_like.get(i)
        if known is None:
            a, b = spans[i]
            known = date_like[i] = is_date_like(text[a:b])
        return known

    for i in range(len(spans) - 1):
        a, b = spans[i]
        c, d = spans[i + 1]
        if b == a or d == c:
            continue
        line, nxt = text[a:b], text[c:d]
        if ends_sentence(line):
            continue
        # A comma or a preposition at the end means a cut, whatever the length.
        cut = line[-1] in "،," or line.rsplit(" ", 1)[-1] in DANGLING_WORDS
        if len(line) < _MIN_WRAPPED_LINE and not cut:
            continue
        if i == first and not cut and is_headline_like(line, max_words=15):
            continue  # the title line directly followed by the body
        if is_date_line(i) or is_date_line(i + 1) or LIST_ITEM.match(nxt):
            continue
        next_is_last = i + 2 >= len(spans) or spans[i + 2][0] == spans[i + 2][1]
        if next_is_last and len(nxt.split()) <= 3 and not ends_sentence(nxt):
            continue  # a caption or label standing on its own
        edits.append(Edit(b, c, " ", "hard-wrapped line joined", joined=True))
    return edits
