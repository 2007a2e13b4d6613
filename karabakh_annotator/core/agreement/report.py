"""The agreement report: plain frozen records the CLI, the GUI and the dashboard show."""

from __future__ import annotations

from dataclasses import dataclass

NONE_CATEGORY = "(none)"
"""How a confusion table names "this analyst left the field empty"."""


@dataclass(frozen=True, slots=True)
class SpanAgreement:
    """How well two analysts' statements on the same articles line up.

    `exact` counts statement pairs with the same start and end; `partial`
    counts pairs that overlap at all (exact ones included), both under one
    one-to-one matching by largest overlap. F1 is 2 * matches / (a + b),
    None when neither analyst marked anything.
    """

    analyst_a: str
    analyst_b: str
    statements_a: int
    statements_b: int
    exact: int
    partial: int
    f1_exact: float | None
    f1_partial: float | None


@dataclass(frozen=True, slots=True)
class ConfusionTable:
    """Counts of (value given by analyst_a, value given by analyst_b) over shared units.

    Rows are analyst_a's values, columns analyst_b's, both in `categories`
    order; NONE_CATEGORY (last, only when it occurs) is a field left empty.
    """

    analyst_a: str
    analyst_b: str
    categories: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def count(self, value_a: str, value_b: str) -> int:
        """How many units analyst_a gave `value_a` and analyst_b `value_b`."""
        if value_a not in self.categories or value_b not in self.categories:
            return 0
        return self.counts[self.categories.index(value_a)][self.categories.index(value_b)]


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """Agreement on one label set over the matched statements.

    `units` is how many matched statements at least two analysts labelled;
    `kappa` (Cohen) is given for exactly two analysts; kappa and alpha are
    None where undefined (no units, or a single value used throughout).
    """

    label_set: str
    units: int
    kappa: float | None
    alpha: float | None
    confusion: tuple[ConfusionTable, ...]


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Span agreement per pair of analysts, then label agreement per label set."""

    analysts: tuple[str, ...]
    article_ids: tuple[int, ...]
    units: int
    spans: tuple[SpanAgreement, ...]
    labels: tuple[LabelAgreement, ...]

    def label(self, label_set: str) -> LabelAgreement:
        """The agreement on one label set (KeyError if not in the report)."""
        for item in self.labels:
            if item.label_set == label_set:
                return item
        raise KeyError(label_set)
