"""Selections snap to whole words, with diacritics, tatweel and emoji handled."""

from __future__ import annotations

import pytest

from karabakh_annotator.core.text.selection import snap_to_words

TEXT = "قال المُتحدّث إن القـوات صدت هجوم D-20 🙂 قرب شوشا."


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ("تحدّث إن الق", "المُتحدّث إن القـوات"),  # both ends inside words
        (" إن ", "إن"),  # spaces trimmed
        ("ـوات", "القـوات"),  # tatweel is part of the word
        ("هجوم D-2", "هجوم D-20"),
        ("🙂 قر", "🙂 قرب"),
        ("شوشا.", "شوشا."),  # punctuation at the edge stays as selected
    ],
)
def test_snap_to_words(selected: str, expected: str) -> None:
    start, end = snap_to_words(TEXT, *_span(selected))
    assert TEXT[start:end] == expected


def test_empty_or_blank_selection_stays_empty() -> None:
    start = TEXT.index(" ")
    assert snap_to_words(TEXT, start, start + 1) == (start + 1, start + 1)
    assert snap_to_words(TEXT, 5, 5) == (5, 5)
    assert snap_to_words(TEXT, 9, 3) == snap_to_words(TEXT, 3, 9)
