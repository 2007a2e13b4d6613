"""Find a quoted span again in a text that may have changed (W3C TextQuoteSelector style).

A statement stores its quote with about 32 characters of context on either
side. When the article text it points into differs (the article was cleaned
again, a line was added), `Anchorer.place` looks for the span in this order:

1. the old offsets, if the quote is still there;
2. the exact quote: of several occurrences, the one whose surrounding text
   agrees most with the stored prefix and suffix, then the one closest to the
   old offset;
3. the quote after Arabic search normalisation, ignoring how much whitespace
   separates its words (a hard-wrapped line re-joined, a haraka dropped);
4. the context alone: the stored prefix followed, about a quote's length
   later, by the stored suffix (a word inside the quote was corrected); the
   new span is what now lies between them.

Nothing is placed when none of these finds it: the caller lists it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cached_property

from karabakh_annotator.core.text.normalize import NormalizedText, normalize_for_search

# Context shorter than this is too common to locate a span by.
MIN_CONTEXT_CHARS = 4


class Found(enum.StrEnum):
    """How a span was placed."""

    UNCHANGED = "unchanged"
    EXACT = "exact"
    NORMALISED = "normalised"
    CONTEXT = "context"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a quote now lies: text[start:end], and how it was found."""

    start: int
    end: int
    found: Found


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _words_pattern(normalised: str) -> re.Pattern[str] | None:
    """A pattern for these normalised words separated by any run of spaces."""
    words = normalised.split()
    if not words:
        return None
    return re.compile(" +".join(re.escape(word) for word in words))


class Anchorer:
    """Places quotes in one text; the normalised text is computed once, when first needed."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _normalised(self) -> NormalizedText:
        return normalize_for_search(self.text)

    def place(self, quote: str, prefix: str, suffix: str, old_start: int) -> Placement | None:
        """Where `quote` (with its stored context) lies in the text now, or None."""
        text = self.text
        if not quote:
            return None
        if 0 <= old_start and text[old_start : old_start + len(quote)] == quote:
            return Placement(old_start, old_start + len(quote), Found.UNCHANGED)
        spans = self._exact(quote)
        if spans:
            return self._best(spans, prefix, suffix, old_start, Found.EXACT)
        spans = self._normalised_spans(quote)
        if spans:
            return self._best(spans, prefix, suffix, old_start, Found.NORMALISED)
        return self._by_context(quote, prefix, suffix, old_start)

    # -- stages ----------------------------------------------------------

    def _exact(self, quote: str) -> list[tuple[int, int]]:
        spans = []
        at = self.text.find(quote)
        while at >= 0:
            spans.append((at, at + len(quote)))
            at = self.text.find(quote, at + 1)
        return spans

    def _normalised_spans(self, quote: str) -> list[tuple[int, int]]:
        pattern = _words_pattern(normalize_for_search(quote).text)
        if pattern is None:
            return []
        normalised = self._normalised
        return [normalised.span_to_original(*m.span()) for m in pattern.finditer(normalised.text)]

    def _by_context(self, quote: str, prefix: str, suffix: str, old_start: int) -> Placement | None:
        if len(prefix.strip()) < MIN_CONTEXT_CHARS or len(suffix.strip()) < MIN_CONTEXT_CHARS:
            return None
        normalised = self._normalised
        before = _words_pattern(normalize_for_search(prefix).text)
        after = _words_pattern(normalize_for_search(suffix).text)
        if before is None or after is None:
            return None
        # The corrected quote may be somewhat shorter or longer than the old one.
        shortest, longest = len(quote) // 2, len(quote) * 2 + 16
        candidates = []
        for head in before.finditer(normalised.text):
            window_start = head.end() + max(shortest, 0)
            tail = after.search(normalised.text, window_start, head.end() + longest + len(suffix) * 2)
            if tail is None or tail.start() - head.end() > longest:
                continue
            start = normalised.to_original(head.end())
            end = normalised.to_original(tail.start())
            # The space between context and quote belongs to neither, unless
            # the old quote itself began or ended with one.
            text = self.text
            while start < end and text[start].isspace() and not quote[0].isspace():
                start += 1
            while end > start and text[end - 1].isspace() and not quote[-1].isspace():
                end -= 1
            if end > start:
                candidates.append((start, end))
        if not candidates:
            return None
        return self._best(candidates, prefix, suffix, old_start, Found.CONTEXT)

    def _best(
        self, spans: list[tuple[int, int]], prefix: str, suffix: str, old_start: int, found: Found
    ) -> Placement:
        text = self.text

        def score(span: tuple[int, int]) -> tuple[int, int]:
            start, end = span
            context = _common_suffix(text[max(0, start - len(prefix)) : start], prefix) + _common_prefix(
                text[end : end + len(suffix)], suffix
            )
            return -context, abs(start - old_start)

        start, end = min(spans, key=score)
        return Placement(start, end, found)
