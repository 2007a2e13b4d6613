"""Cohen's kappa: chance-corrected agreement of two analysts on one nominal label."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from fractions import Fraction


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Kappa = (p_o - p_e) / (1 - p_e) over (value of a, value of b) pairs.

    p_o is the share of pairs that agree, p_e the agreement expected from each
    analyst's own label frequencies. None when there are no pairs, or when
    p_e is 1 (both analysts used one and the same value throughout), where
    kappa is undefined rather than perfect.
    """
    listed = list(pairs)
    n = len(listed)
    if n == 0:
        return None
    first = Counter(a for a, _ in listed)
    second = Counter(b for _, b in listed)
    # Exact fractions: p_e == 1 must be recognised exactly, not up to rounding.
    observed = Fraction(sum(a == b for a, b in listed), n)
    expected = Fraction(sum(count * second[value] for value, count in first.items()), n * n)
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))
