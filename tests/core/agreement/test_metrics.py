"""Agreement metrics against hand-computed tables, Krippendorff's own example, and the `krippendorff` package."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_annotator.core.agreement import (
    NONE_CATEGORY,
    Span,
    coincidence_matrix,
    cohen_kappa,
    confusion_table,
    krippendorff_alpha_nominal,
    label_agreement,
    match_spans,
    span_agreement,
    span_units,
)

# -- spans ---------------------------------------------------------------


def test_exact_and_partial_matches_give_f1() -> None:
    a = [Span(0, 10), Span(20, 30), Span(40, 50), Span(60, 70)]
    b = [Span(0, 10), Span(25, 35), Span(80, 90)]
    result = span_agreement("A", "B", [(a, b)])
    # 1 exact (0-10), 2 overlapping (0-10, 20-30/25-35) of 4 + 3 statements
    assert (result.statements_a, result.statements_b, result.exact, result.partial) == (4, 3, 1, 2)
    assert result.f1_exact == pytest.approx(2 * 1 / 7)
    assert result.f1_partial == pytest.approx(2 * 2 / 7)


def test_perfect_agreement_and_no_overlap_at_all() -> None:
    spans = [Span(0, 5), Span(9, 12)]
    perfect = span_agreement("A", "B", [(spans, list(spans))])
    assert (perfect.exact, perfect.partial, perfect.f1_exact, perfect.f1_partial) == (2, 2, 1.0, 1.0)
    apart = span_agreement("A", "B", [([Span(0, 5)], [Span(5, 9), Span(20, 30)])])  # touching is not overlapping
    assert (apart.exact, apart.partial, apart.f1_exact, apart.f1_partial) == (0, 0, 0.0, 0.0)
    nothing = span_agreement("A", "B", [([], [])])
    assert nothing.f1_exact is None and nothing.f1_partial is None


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    # b0 overlaps a0 by 8 and a1 by 3: it goes to a0, and a1 takes b1 (overlap 2).
    a = [Span(0, 10), Span(12, 20)]
    b = [Span(2, 15), Span(18, 25)]
    assert match_spans(a, b) == [(0, 0), (1, 1)]
    # One long statement against two short ones: only one of them can match it.
    assert match_spans([Span(0, 30)], [Span(0, 10), Span(12, 30)]) == [(0, 1)]
    # Equal overlap: the closer span (smaller union) wins, so an exact pair always matches.
    assert match_spans([Span(0, 10)], [Span(0, 20), Span(0, 10)]) == [(0, 1)]
    # A span marked twice by one analyst matches once.
    twice = span_agreement("A", "B", [([Span(3, 8), Span(3, 8)], [Span(3, 8)])])
    assert (twice.exact, twice.partial) == (1, 1)


def test_units_hold_at_most_one_statement_per_coder() -> None:
    coders = [
        [Span(0, 10), Span(11, 20)],  # A marks two sentences
        [Span(0, 20)],  # B marks both as one statement
        [Span(12, 20)],  # C marks the second only
    ]
    units = span_units(coders)
    # B-A0 overlap 10 is best; B then cannot join A1, which pairs with C.
    assert units == [{0: 0, 1: 0}, {0: 1, 2: 0}]
    assert span_units([[Span(0, 4)], [], [Span(8, 9)]]) == [{0: 0}, {2: 0}]


@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 10)), max_size=8),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 10)), max_size=8),
)
def test_two_coder_units_are_the_pairwise_matching(
    raw_a: list[tuple[int, int]], raw_b: list[tuple[int, int]]
) -> None:
    a = [Span(s, s + n) for s, n in raw_a]
    b = [Span(s, s + n) for s, n in raw_b]
    pairs = match_spans(a, b)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert all(a[i].overlap(b[j]) > 0 for i, j in pairs)
    both = sorted((u[0], u[1]) for u in span_units([a, b]) if len(u) == 2)
    assert both == pairs
    result = span_agreement("A", "B", [(a, b)])
    assert result.exact <= result.partial <= min(len(a), len(b))


# -- Cohen's kappa -------------------------------------------------------

# Ten statements, reporting stance, analyst A (rows) against B (columns):
#
#               reports  distances  refutes | A total
#   reports        4         1         0    |   5
#   distances      1         2         0    |   3
#   refutes        0         0         2    |   2
#   B total        5         3         2    |  10
#
# p_o = (4 + 2 + 2) / 10 = 0.8
# p_e = (5*5 + 3*3 + 2*2) / 100 = 0.38
# kappa = (0.8 - 0.38) / (1 - 0.38) = 0.42 / 0.62 = 21/31 = 0.6774...
TABLE = (
    [("reports", "reports")] * 4
    + [("reports", "distances")]
    + [("distances", "reports")]
    + [("distances", "distances")] * 2
    + [("refutes", "refutes")] * 2
)


def test_kappa_of_the_hand_computed_table() -> None:
    assert cohen_kappa(TABLE) == pytest.approx(21 / 31)
    assert cohen_kappa([(b, a) for a, b in TABLE]) == pytest.approx(21 / 31)


def test_kappa_perfect_chance_and_undefined() -> None:
    assert cohen_kappa([("x", "x"), ("y", "y")]) == 1.0
    # 2 of 3 agree, but A always says x: p_o = 2/3 = p_e, kappa 0.
    assert cohen_kappa([("x", "x"), ("x", "x"), ("x", "y")]) == pytest.approx(0.0)
    # Always opposite: p_o = 0, p_e = 1/2, kappa -1.
    assert cohen_kappa([("x", "y"), ("y", "x")]) == pytest.approx(-1.0)
    # One label only, used by both throughout: p_e = 1, kappa undefined (not a crash, not 1).
    assert cohen_kappa([("false", "false")] * 3) is None
    assert cohen_kappa([]) is None


# -- Krippendorff's alpha ------------------------------------------------


def test_alpha_of_the_hand_computed_table() -> None:
    # Same ten units, two coders, no missing values: n = 20 values,
    # n_reports = 10, n_distances = 6, n_refutes = 4; the two disagreeing units
    # put 2 in o[reports][distances] and 2 in o[distances][reports].
    # alpha = 1 - (n - 1) * 4 / (20^2 - 10^2 - 6^2 - 4^2) = 1 - 19 * 4 / 248 = 43/62 = 0.6935...
    assert krippendorff_alpha_nominal(TABLE) == pytest.approx(43 / 62)


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A:
# four observers, twelve units, missing values; alpha_nominal = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_alpha_of_krippendorffs_example_with_missing_values() -> None:
    units = list(zip(*KRIPPENDORFF_2011, strict=True))
    assert round(krippendorff_alpha_nominal(units) or 0, 3) == 0.743
    assert krippendorff_alpha_nominal(units) == pytest.approx(113 / 152)
    # The coincidence matrix printed in the paper, and its marginals n_c = 9, 13, 10, 5, 3.
    matrix = coincidence_matrix(units)
    third = Fraction(1, 3)
    assert [matrix.get((1, k), 0) for k in range(1, 6)] == [7, 4 * third, third, third, 0]
    assert [sum(matrix.get((c, k), 0) for k in range(1, 6)) for c in range(1, 6)] == [9, 13, 10, 5, 3]


def test_alpha_undefined_cases() -> None:
    assert krippendorff_alpha_nominal([["x", "x"], ["x", None, "x"]]) is None  # one value throughout
    assert krippendorff_alpha_nominal([["x", None], [None, "y"]]) is None  # nothing pairable
    assert krippendorff_alpha_nominal([]) is None
    assert krippendorff_alpha_nominal([["x", "x"], ["y", "y"]]) == 1.0


reliability_data = st.integers(2, 5).flatmap(
    lambda coders: st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=coders, max_size=coders),
        min_size=1,
        max_size=15,
    )
)


@settings(max_examples=300, deadline=None)
@given(reliability_data)
def test_alpha_agrees_with_the_krippendorff_package(units: list[list[int | None]]) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    ours = krippendorff_alpha_nominal(units)
    data = [[math.nan if v is None else float(v) for v in coder] for coder in zip(*units, strict=True)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 where alpha is undefined
            theirs = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # "more than one value in the domain" / "at least one unit ..."
        theirs = math.nan
    if math.isnan(theirs):
        assert ours is None
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=1, max_size=30))
def test_two_coder_alpha_and_kappa_are_both_undefined_or_both_defined(pairs: list[tuple[str, str]]) -> None:
    kappa, alpha = cohen_kappa(pairs), krippendorff_alpha_nominal(pairs)
    # Both are undefined exactly when one value is used throughout.
    assert (kappa is None) == (alpha is None) == (len({v for pair in pairs for v in pair}) == 1)
    swapped = [(b, a) for a, b in pairs]
    assert cohen_kappa(swapped) == kappa and krippendorff_alpha_nominal(swapped) == alpha


# -- confusion tables and one label set ----------------------------------


def test_confusion_table_orders_by_label_set_then_empty_last() -> None:
    pairs = [("reports", "distances"), ("asserts", "asserts"), (None, "reports"), ("reports", "reports")]
    table = confusion_table("A", "B", pairs, order=["asserts", "reports", "distances", "refutes"])
    assert table.categories == ("asserts", "reports", "distances", NONE_CATEGORY)  # refutes never used
    assert table.counts == ((1, 0, 0, 0), (0, 1, 1, 0), (0, 0, 0, 0), (0, 1, 0, 0))
    assert table.count(NONE_CATEGORY, "reports") == 1 and table.count("refutes", "refutes") == 0


def test_label_agreement_treats_empty_fields_as_missing_but_shows_them() -> None:
    units = [{0: "x", 1: "x"}, {0: "x", 1: "y"}, {0: "y", 1: "y"}, {0: None, 1: "y"}, {0: "x", 2: "x"}]
    two = label_agreement("stance", ["A", "B"], units[:4])
    # Three fully coded units: p_o = 2/3, p_e = (2*1 + 1*2)/9 = 4/9, kappa = (2/9)/(5/9) = 0.4.
    assert (two.units, two.kappa) == (3, pytest.approx(0.4))
    assert two.confusion[0].count(NONE_CATEGORY, "y") == 1
    three = label_agreement("stance", ["A", "B", "C"], units)
    assert three.kappa is None and three.units == 4
    assert [(t.analyst_a, t.analyst_b) for t in three.confusion] == [("A", "B"), ("A", "C"), ("B", "C")]
    assert three.confusion[1].counts == ((1,),) and three.confusion[2].counts == ()
