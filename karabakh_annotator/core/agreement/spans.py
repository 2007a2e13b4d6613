"""Lining up analysts' statements on one article: exact and partial matches, units.

Two statements match exactly when start and end are equal, partially when
they overlap by at least one character. Matching is one-to-one and greedy by
largest overlap (ties: the pair with the smaller union first, so an exact
pair always wins, then text order), which keeps it deterministic and makes
every exact pair part of the matching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from karabakh_annotator.core.agreement.report import SpanAgreement


@dataclass(frozen=True, slots=True)
class Span:
    """Code-point offsets [start, end) of one statement in an article's text."""

    start: int
    end: int

    def overlap(self, other: Span) -> int:
        """How many characters the two spans share."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def union(self, other: Span) -> int:
        """How many characters the two spans cover together (counting any gap)."""
        return max(self.end, other.end) - min(self.start, other.start)


# A candidate pair: (coder p, statement i, coder q, statement j), p < q.
_Pair = tuple[int, int, int, int]


def _candidates(coders: Sequence[Sequence[Span]]) -> list[_Pair]:
    """Overlapping cross-coder pairs, best first."""
    scored: list[tuple[int, int, _Pair]] = []
    for p, spans_p in enumerate(coders):
        for q in range(p + 1, len(coders)):
            for i, a in enumerate(spans_p):
                for j, b in enumerate(coders[q]):
                    shared = a.overlap(b)
                    if shared:
                        scored.append((-shared, a.union(b), (p, i, q, j)))
    scored.sort()
    return [pair for _, _, pair in scored]


def match_spans(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs (index in a, index in b) of overlapping spans, largest overlap first."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, _, j in _candidates([a, b]):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _f1(matches: int, total: int) -> float | None:
    return 2 * matches / total if total else None


def span_agreement(
    analyst_a: str, analyst_b: str, articles: Iterable[tuple[Sequence[Span], Sequence[Span]]]
) -> SpanAgreement:
    """Exact and partial statement F1 of two analysts, summed over articles (a's spans, b's spans)."""
    count_a = count_b = exact = partial = 0
    for spans_a, spans_b in articles:
        count_a += len(spans_a)
        count_b += len(spans_b)
        for i, j in match_spans(spans_a, spans_b):
            partial += 1
            exact += spans_a[i] == spans_b[j]
    total = count_a + count_b
    return SpanAgreement(
        analyst_a, analyst_b, count_a, count_b, exact, partial, _f1(exact, total), _f1(partial, total)
    )


def span_units(coders: Sequence[Sequence[Span]]) -> list[dict[int, int]]:
    """Cluster the statements of any number of coders on one article into units.

    Each unit maps coder index -> statement index, holding at most one
    statement per coder. Pairs are merged best first (as in match_spans)
    unless that would put two statements of one coder in a unit; with two
    coders the units with both are exactly match_spans' pairs. Every
    statement is in exactly one unit (alone if unmatched); units come in text
    order of their first statement.
    """
    unit_of: dict[tuple[int, int], int] = {}
    units: list[dict[int, int]] = []
    for coder, spans in enumerate(coders):
        for index in range(len(spans)):
            unit_of[(coder, index)] = len(units)
            units.append({coder: index})
    for p, i, q, j in _candidates(coders):
        keep, merge = unit_of[(p, i)], unit_of[(q, j)]
        if keep == merge or units[keep].keys() & units[merge].keys():
            continue
        for coder, index in units[merge].items():
            unit_of[(coder, index)] = keep
        units[keep].update(units[merge])
        units[merge] = {}

    def first(unit: dict[int, int]) -> tuple[int, int, int]:
        return min((coders[c][i].start, coders[c][i].end, c) for c, i in unit.items())

    return sorted((u for u in units if u), key=first)
