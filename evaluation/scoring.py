"""Pure scoring: span matching, precision/recall, accuracies and pair agreement.

A suggested span matches a gold span when they overlap by at least half of
the shorter one. Matching is one-to-one and greedy: the pairs with the largest
overlap are taken first, so one long suggestion cannot be credited for two
gold statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


class HasSpan(Protocol):
    """Anything with start/end offsets (gold statements, suggestions, tuples wrapped in Span)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Span:
    """A bare span, for tests and callers that hold plain offsets."""

    start: int
    end: int


def overlap(a: HasSpan, b: HasSpan) -> int:
    """Number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def spans_match(a: HasSpan, b: HasSpan) -> bool:
    """True when the spans overlap by at least half of the shorter one."""
    shared = overlap(a, b)
    shorter = min(a.end - a.start, b.end - b.start)
    return shared > 0 and 2 * shared >= shorter


def match_spans(gold: Sequence[HasSpan], found: Sequence[HasSpan]) -> list[tuple[int, int]]:
    """One-to-one greedy matching by overlap: (gold index, found index) pairs, by gold index."""
    candidates = sorted(
        (-overlap(g, f), gi, fi)
        for gi, g in enumerate(gold)
        for fi, f in enumerate(found)
        if spans_match(g, f)
    )
    used_gold: set[int] = set()
    used_found: set[int] = set()
    matches: list[tuple[int, int]] = []
    for _negative, gi, fi in candidates:
        if gi not in used_gold and fi not in used_found:
            used_gold.add(gi)
            used_found.add(fi)
            matches.append((gi, fi))
    return sorted(matches)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Counts:
    """Matched items out of those found and those in the gold."""

    matched: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        """matched / found, None when nothing was found."""
        return _ratio(self.matched, self.found)

    @property
    def recall(self) -> float | None:
        """matched / gold, None when the gold is empty."""
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall, None when either is undefined."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.matched + other.matched, self.found + other.found, self.gold + other.gold)


def span_counts(gold: Sequence[HasSpan], found: Sequence[HasSpan]) -> Counts:
    """Counts of a one-to-one span matching."""
    return Counts(len(match_spans(gold, found)), len(found), len(gold))


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Correct judgements out of all judged."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """correct / total, None when nothing was judged."""
        return _ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)


def accuracy(judgements: Iterable[bool]) -> Accuracy:
    """Accuracy of a sequence of right/wrong judgements."""
    values = list(judgements)
    return Accuracy(sum(values), len(values))


def unordered(a: int, b: int) -> tuple[int, int]:
    """A pair of keys in canonical (smaller first) order."""
    return (a, b) if a <= b else (b, a)


def pair_counts(found: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> Counts:
    """Agreement of found pairs with gold pairs, ignoring order within a pair."""
    found_set = {unordered(a, b) for a, b in found}
    gold_set = {unordered(a, b) for a, b in gold}
    return Counts(len(found_set & gold_set), len(found_set), len(gold_set))


def percent(value: float | None) -> str:
    """A ratio as a percentage for printing, 'n/a' when undefined."""
    return "n/a" if value is None else f"{100 * value:.1f}%"
