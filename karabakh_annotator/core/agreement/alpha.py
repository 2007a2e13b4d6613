"""Krippendorff's alpha for nominal data, any number of coders, missing values allowed.

Follows the coincidence-matrix definition (Krippendorff 2011, "Computing
Krippendorff's Alpha-Reliability"): each unit with m >= 2 values adds, for
every ordered pair of values from different coders, 1 / (m - 1) to the cell
o[c][k]. With n_c the row sums and n the total number of pairable values,

    alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_{c != k} o[c][k] / sum_{c != k} n_c * n_k
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from fractions import Fraction

Coincidences = dict[tuple[Hashable, Hashable], Fraction]


def coincidence_matrix(units: Iterable[Iterable[Hashable | None]]) -> Coincidences:
    """o[(c, k)] for every pair of values that coincide in some unit (None = not coded)."""
    matrix: Coincidences = {}
    for unit in units:
        counts = Counter(value for value in unit if value is not None)
        m = sum(counts.values())
        if m < 2:
            continue  # a lone value pairs with nothing
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                # Ordered pairs of values from different coders: n_c * n_k, less
                # the value paired with itself on the diagonal.
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[(c, k)] = matrix.get((c, k), Fraction(0)) + Fraction(pairs, m - 1)
    return matrix


def krippendorff_alpha_nominal(units: Iterable[Iterable[Hashable | None]]) -> float | None:
    """Alpha over units (each the values its coders gave; None for a coder who gave none).

    None when undefined: fewer than two pairable values, or only one value
    used throughout (no expected disagreement).
    """
    matrix = coincidence_matrix(units)
    totals: dict[Hashable, Fraction] = {}
    for (c, _), count in matrix.items():
        totals[c] = totals.get(c, Fraction(0)) + count
    n = sum(totals.values(), Fraction(0))
    observed = sum((count for (c, k), count in matrix.items() if c != k), Fraction(0))
    # sum over c != k of n_c * n_k
    expected = n * n - sum((n_c * n_c for n_c in totals.values()), Fraction(0))
    if n < 2 or expected == 0:
        return None
    return float(1 - (n - 1) * observed / expected)
