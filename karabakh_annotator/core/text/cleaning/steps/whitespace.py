"""Whitespace steps: line ends, spaces within lines, blank lines."""

from __future__ import annotations

import re

from ..edits import Edit

__all__ = ["blank_line_edits", "line_end_edits", "space_edits"]

_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")


def line_end_edits(text: str) -> list[Edit]:
    """Turn CRLF, CR and Unicode line/paragraph separators into ``\\n``."""
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return []
    edits: list[Edit] = []
    for m in _LINE_BREAKS.finditer(text):
        if m.group() == "\r\n":
            edits.append(Edit(m.start(), m.start() + 1, "", "CRLF line end"))
        else:
            edits.append(Edit(m.start(), m.end(), "\n", "non-LF line break"))
    return edits


_HSPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f]"
_EXOTIC = "[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f]"
# Only runs that need work: two or more spaces, an exotic space, or a single
# space at a line edge. Python then decides per run; no backtracking.
# Written as one character class first so the regex engine can skip ahead to
# the next space at C speed (a leading alternation is tried at every offset);
# the tails are, in order: rest of a run, an exotic space, a space at the
# start of a line, a space at the end of a line.
_SPACE_RUNS = re.compile(f"{_HSPACE}(?:{_HSPACE}+|(?<={_EXOTIC})|(?<![^\n] )|(?=\n|\\Z))")


# The characters of _EXOTIC: one "in" test each beats a regex class scan.
_EXOTIC_CHARS = "\t\u00a0\u1680\u202f\u205f\u3000\v\f" + "".join(map(chr, range(0x2000, 0x200B)))


def space_edits(text: str) -> list[Edit]:
    """Collapse runs of spaces, normalise exotic spaces, trim line edges."""
    # Substring tests run at C speed; most clean articles skip the regex.
    if not (
        "  " in text
        or " \n" in text
        or "\n " in text
        or text.startswith(" ")
        or text.endswith(" ")
        or any(ch in text for ch in _EXOTIC_CHARS)
    ):
        return []
    edits: list[Edit] = []
    n = len(text)
    for m in _SPACE_RUNS.finditer(text):
        a, b = m.span()
        if a == 0 or text[a - 1] == "\n" or b == n or text[b] == "\n":
            edits.append(Edit(a, b, "", "space at line edge"))
        elif text[a] == " ":
            edits.append(Edit(a + 1, b, "", "run of spaces"))
        else:
            edits.append(Edit(a, b, " ", "non-standard or repeated space"))
    return edits


# Spelled with a literal prefix, which the regex engine finds at C speed
# (r"\n{3,}" is the same pattern but is tried at every offset).
_EXTRA_BLANKS = re.compile(r"\n\n\n+")


def blank_line_edits(text: str) -> list[Edit]:
    """Drop blank lines at the edges and keep at most one blank line in between."""
    head = len(text) - len(text.lstrip("\n"))
    tail = len(text.rstrip("\n"))
    if head == len(text):
        return [Edit(0, len(text), "", "blank lines at the edge")]
    edits = [Edit(0, head, "", "blank lines at the edge")] if head else []
    # The regex tries every position; the substring test skips it when no run exists.
    if "\n\n\n" in text:
        edits.extend(
            Edit(m.start() + 2, m.end(), "", "extra blank lines")
            for m in _EXTRA_BLANKS.finditer(text, head, tail)
        )
    if tail < len(text):
        edits.append(Edit(tail, len(text), "", "blank lines at the edge"))
    return edits
