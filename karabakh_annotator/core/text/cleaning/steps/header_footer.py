"""Header and footer step.

Around the article body, short labels, repeats of the headline and trailing
link titles are debris.
"""

from __future__ import annotations

from ..credits import is_credit_line
from ..edits import Edit
from ..lines import BULLET, delete_line, ends_sentence, is_date_like, is_headline_like, line_spans

__all__ = ["header_footer_edits"]


def _groups(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """Line indexes grouped into would-be paragraphs (a sentence end closes one)."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, (a, b) in enumerate(spans):
        line = text[a:b]
        if not line:
            if current:
                groups.append(current)
                current = []
            continue
        current.append(i)
        if ends_sentence(line):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


_MIN_BODY_WORDS = 6


def _is_body(text: str, spans: list[tuple[int, int]], group: list[int]) -> bool:
    last = text[spans[group[-1]][0] : spans[group[-1]][1]]
    if not ends_sentence(last):
        return False
    # Only "at least 6 words?" matters: split(None, 6) yields min(words, 7)
    # per line and stops early, so long paragraphs are not split in full.
    words = 0
    for i in group:
        words += len(text[spans[i][0] : spans[i][1]].split(None, _MIN_BODY_WORDS))
        if words >= _MIN_BODY_WORDS:
            return True
    return False


def header_footer_edits(text: str) -> list[Edit]:
    """Delete labels and headline repeats before the body and link titles after it."""
    spans = line_spans(text)
    groups = _groups(text, spans)
    # Only the first and the last body paragraph matter: search from both ends.
    first = next((g for g in groups if _is_body(text, spans, g)), None)
    if first is None:
        return []  # no recognisable body: guessing the edges would be reckless
    last = next(g for g in reversed(groups) if _is_body(text, spans, g))
    edits = _header_edits(text, spans, first[0])
    edits.extend(_footer_edits(text, spans, [g for g in groups if g[0] > last[-1]]))
    return edits


def _header_edits(text: str, spans: list[tuple[int, int]], first_body: int) -> list[Edit]:
    edits: list[Edit] = []
    title: str | None = None
    for i in range(first_body):
        a, b = spans[i]
        line = text[a:b]
        if not line or is_date_like(line):
            continue
        bullet = BULLET.match(line)
        bare = line[bullet.end() :] if bullet else line
        if title is None and len(bare.split()) >= 3 and is_headline_like(bare):
            title = bare
            if bullet:
                edits.append(Edit(a, a + bullet.end(), "", "breadcrumb bullet"))
            continue
        if title is not None and bare != title and title.startswith(bare):
            edits.append(delete_line(text, (a, b), "truncated repeat of the headline"))
        elif title is not None and bare.startswith(title):
            edits.append(delete_line(text, (a, b), "headline repeated with photo caption"))
        elif len(bare.split()) <= 3 and not ends_sentence(bare):
            edits.append(delete_line(text, (a, b), "header label (section, tag or caption)"))
    return edits


def _footer_edits(
    text: str, spans: list[tuple[int, int]], groups: list[list[int]]
) -> list[Edit]:
    edits: list[Edit] = []
    for n, group in enumerate(groups):
        first = text[spans[group[0]][0] : spans[group[0]][1]]
        if is_credit_line(first) or (n == 0 and len(first.split()) <= 4):
            group = group[1:]  # the outlet or agency credit that closes the article
        lines = [text[spans[i][0] : spans[i][1]] for i in group]
        if lines and all(is_headline_like(line) for line in lines):
            edits.extend(
                delete_line(text, spans[i], "trailing link or caption after the article")
                for i in group
            )
    return edits
