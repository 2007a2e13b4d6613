"""Turning a rough text selection into a clean statement span."""

from __future__ import annotations

import unicodedata


def _is_word_char(ch: str) -> bool:
    # Letters, digits and combining marks (harakat) belong to a word; so do
    # tatweel and the joiners that sit inside Arabic words.
    return ch.isalnum() or unicodedata.category(ch).startswith("M") or ch in "\u0640\u200c\u200d"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) to whole words and trim surrounding spaces; empty stays empty."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    return start, end
