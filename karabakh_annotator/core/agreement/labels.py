"""Agreement on one label set over span units: kappa, alpha and confusion tables."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import combinations

from karabakh_annotator.core.agreement.alpha import krippendorff_alpha_nominal
from karabakh_annotator.core.agreement.confusion import confusion_table
from karabakh_annotator.core.agreement.kappa import cohen_kappa
from karabakh_annotator.core.agreement.report import LabelAgreement

Unit = Mapping[int, Hashable | None]
"""Analyst index -> the value that analyst's statement in the unit carries (None: left empty).

An analyst with no statement in the unit has no key.
"""


def label_agreement(
    label_set: str,
    analysts: Sequence[str],
    units: Sequence[Unit],
    display: Callable[[Hashable], str] = str,
    order: Sequence[str] = (),
) -> LabelAgreement:
    """Kappa (two analysts only), alpha, and one confusion table per pair of analysts.

    Empty fields are missing data for kappa and alpha (a statement without a
    speaker is not yet coded, not coded "no speaker"); the confusion tables
    still show them, so the reader sees who left what empty.
    """
    coded = [[v for v in unit.values() if v is not None] for unit in units]
    pairable = sum(len(values) >= 2 for values in coded)
    kappa = None
    if len(analysts) == 2:
        kappa = cohen_kappa(
            (unit[0], unit[1]) for unit in units if unit.get(0) is not None and unit.get(1) is not None
        )
    tables = []
    for p, q in combinations(range(len(analysts)), 2):
        pairs = [
            (None if unit[p] is None else display(unit[p]), None if unit[q] is None else display(unit[q]))
            for unit in units
            if p in unit and q in unit
        ]
        tables.append(confusion_table(analysts[p], analysts[q], pairs, order))
    return LabelAgreement(label_set, pairable, kappa, krippendorff_alpha_nominal(coded), tuple(tables))
