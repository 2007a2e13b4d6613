"""Confusion tables: which value one analyst gave against which the other gave."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from karabakh_annotator.core.agreement.report import NONE_CATEGORY, ConfusionTable


def confusion_table(
    analyst_a: str,
    analyst_b: str,
    pairs: Iterable[tuple[str | None, str | None]],
    order: Sequence[str] = (),
) -> ConfusionTable:
    """Count (a's value, b's value) pairs; None is an empty field, shown as NONE_CATEGORY.

    Categories are the values that occur: those named in `order` first, in
    that order, then any others alphabetically, then NONE_CATEGORY.
    """
    counts = Counter((a or NONE_CATEGORY, b or NONE_CATEGORY) for a, b in pairs)
    seen = {value for pair in counts for value in pair}
    ranked = {value: rank for rank, value in enumerate(order)}
    categories = tuple(
        sorted(
            seen,
            key=lambda v: (v == NONE_CATEGORY, ranked.get(v, len(ranked)), v),
        )
    )
    rows = tuple(tuple(counts[(row, column)] for column in categories) for row in categories)
    return ConfusionTable(analyst_a, analyst_b, categories, rows)
