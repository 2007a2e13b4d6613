"""Contradictions: pairs of statements in different articles where one denies or contradicts the other.

Four general patterns of conflict reporting, each for the analyst to review:

* a denial against an assertion of the same event: one statement is a
  denial (cue class "denying", stance "refutes", or نفى / كذب / لا صحة /
  غير صحيح / عار عن الصحة) or, weaker evidence, a plain negation (لم، لن،
  ليس), the other is neither;
* opposite outcomes for the same place: one side took it (حررت، سيطرت،
  استعادت), the other stopped the attack on it (صدت، أحبطت، فشل، تراجع،
  انسحب).  A negation flips an outcome: "لم تنسحب" holds ground, "لم تتمكن
  من السيطرة" is a repelled attack;
* different numbers for the same losses ("دمرت 10 دبابات" / "دمرت 3
  دبابات");
* one side doing well, and badly: "تحقيق إنجازات" (said by Baku) against
  "تراجع نشاط القوات الأذرية", the side being the country of the forces
  named, or the speaker's.

A negation or denial of the same verb concerns the same forces: "جيش
بلادها لم ينسحب" (her country's: the speaker's) is not denied by
"انسحاب القوات الأرمنية".

"The same event" (for all but the last) is measured as for same-claim matching, but without the
outcome words (they are what the statements disagree about) and without
the number penalty (a different number is the disagreement).  Two
statements dated to different days, by a day and month in their text or
by publication dates more than a few days apart, are different events.
"""

from __future__ import annotations

from collections.abc import Iterable

from karabakh_annotator.core.analysis.matching import (
    DEFAULT_SAME_THRESHOLD,
    ClaimIndex,
    ClaimText,
    Pair,
    place_agreement,
    quantity_conflict,
    scan,
    shared_places,
    verb_core,
)
from karabakh_annotator.core.analysis.matching_features import Features

DEFAULT_CONTRADICTION_THRESHOLD = 0.5
_EVENT_MIN = 0.3  # event similarity below this: not the same event
_EVENT_MIN_SAME_PLACE = 0.2  # lower when both name the same place
_DAYS_APART = 3  # publication dates further apart than this: different events
_MIN_SHARED = 2
# How strongly each pattern says "contradiction" when the event is the same.
_DENIAL = 1.0
_NEGATION = 0.7
_OUTCOME = 0.9
_LOSSES = 0.8
_LOSSES_UNCORROBORATED = 0.55  # flagged only when the rest of the statements agree closely
_TREND = 0.6  # a side doing well / badly: flagged, below the patterns that share an event
_OPPOSITE_TREND = {"up": "down", "down": "up"}
_FLIPPED = {"gain": "repel", "repel": "gain"}


def _denied_by_cue(item: ClaimText, features: Features) -> bool:
    """The statement is reported as denied (cue or stance) but its text has no denial word.

    The text is then the denied claim itself: "أن القوات سيطرت على القرية"
    after "نفت الوزارة" says the village was not taken.
    """
    return (item.cue_class == "denying" or item.stance == "refutes") and features.denial < 2


def _denial_level(item: ClaimText, features: Features) -> int:
    """2 for a denial, 1 for a plain negation, 0 for an assertion."""
    return 2 if _denied_by_cue(item, features) else features.denial


def _outcomes(item: ClaimText, features: Features) -> frozenset[str]:
    """Taken / stopped as the statement means it, a denial by cue reversing its text."""
    if not _denied_by_cue(item, features):
        return features.outcomes
    return frozenset(_FLIPPED.get(outcome, outcome) for outcome in features.outcomes)


def _denial_strength(
    a_item: ClaimText, a: Features, b_item: ClaimText, b: Features, outcomes: tuple[frozenset[str], frozenset[str]]
) -> float:
    """Evidence that one denies what the other asserts (both denying is agreement)."""
    level_a, level_b = _denial_level(a_item, a), _denial_level(b_item, b)
    if min(level_a, level_b) != 0 or max(level_a, level_b) == 0 or _same_outcome(*outcomes):
        return 0.0
    if a.forces and b.forces and a.forces.isdisjoint(b.forces):
        # "جيش بلادها لم ينسحب" and "انسحاب القوات الأرمنية": other forces, no denial.
        return 0.0
    if max(level_a, level_b) == 2:
        return _DENIAL
    # "لم" is everywhere ("لم يتغير الموقف"): it counts only when the other
    # statement asserts the very verb it negates.
    negating, asserting = (a, b) if level_a else (b, a)
    asserted = {verb_core(term) for term in asserting.terms}
    return _NEGATION if any(verb_core(term) in asserted for term in negating.negated) else 0.0


def _same_outcome(a_outcomes: frozenset[str], b_outcomes: frozenset[str]) -> bool:
    """Both report the same outcome once negations are read ("صدت الهجوم" and "نفت السيطرة")."""
    a_sides, b_sides = a_outcomes - {"loss"}, b_outcomes - {"loss"}
    return bool(a_sides) and a_sides == b_sides


def _outcome_strength(a: Features, b: Features, outcomes: tuple[frozenset[str], frozenset[str]]) -> float:
    """Evidence that one reports a place taken and the other the attack on it stopped."""
    a_outcomes, b_outcomes = outcomes
    opposite = ("gain" in a_outcomes and "repel" in b_outcomes) or ("repel" in a_outcomes and "gain" in b_outcomes)
    return _OUTCOME if opposite and shared_places(a, b) else 0.0


def _losses_strength(a: Features, b: Features) -> float:
    """Evidence that both count the same losses with different numbers.

    Different numbers alone also describe two battles at one town; an
    agreeing count or date ("10 tanks and 30 vehicles" / "12 tanks and 30
    vehicles", both "on 27 September") says it is one battle told twice.
    """
    if "loss" not in a.outcomes or "loss" not in b.outcomes or not quantity_conflict(a, b, dates=False):
        return 0.0
    return _LOSSES if not a.quantities.isdisjoint(b.quantities) else _LOSSES_UNCORROBORATED


def _same_time(a_item: ClaimText, a: Features, b_item: ClaimText, b: Features) -> bool:
    """False when the statements are about different days."""
    if quantity_conflict(a, b, counts=False):
        return False
    if a_item.published is None or b_item.published is None:
        return True
    return abs((a_item.published - b_item.published).days) <= _DAYS_APART


def _trend_strength(a: Features, b: Features) -> float:
    """Evidence that one says a side is doing well and the other that it is doing badly.

    "تحقيق إنجازات عسكرية" (said by Baku) against "تراجع نشاط القوات
    الأذرية": the side is the same, the course of the war opposite.  No
    event is shared: the two speak of the same days of the war (_same_time).
    """
    if not a.trends or not b.trends:
        return 0.0
    for side, trend in a.trends:
        if side and (side, _OPPOSITE_TREND[trend]) in b.trends:
            return _TREND
    return 0.0


def contradiction_score(index: ClaimIndex, i: int, j: int) -> float:
    """How strongly statements i and j of the index contradict each other, 0..1."""
    a_item, b_item = index.items[i], index.items[j]
    a, b = index.features[i], index.features[j]
    # The cheap tests first: most candidate pairs carry no sign of conflict.
    outcomes = (_outcomes(a_item, a), _outcomes(b_item, b))
    strength = max(
        _denial_strength(a_item, a, b_item, b, outcomes), _outcome_strength(a, b, outcomes), _losses_strength(a, b)
    )
    trend = _trend_strength(a, b)
    if not (strength or trend) or not _same_time(a_item, a, b_item, b):
        return 0.0
    return max(trend, strength * _same_event(index, i, j) if strength else 0.0)


def _same_event(index: ClaimIndex, i: int, j: int) -> float:
    """How surely statements i and j speak of one event, outcome words aside (0 when not)."""
    a, b = index.features[i], index.features[j]
    event = index.overlap(i, j, exclude=a.outcome_terms | b.outcome_terms)
    if event.telling < _MIN_SHARED:
        return 0.0
    similarity = event.score() * place_agreement(a, b, event.places)
    if similarity < (_EVENT_MIN_SAME_PLACE if event.places else _EVENT_MIN):
        return 0.0
    return min(1.0, 0.45 + similarity)


def find_contradictions(
    items: Iterable[ClaimText], threshold: float = DEFAULT_CONTRADICTION_THRESHOLD
) -> list[Pair]:
    """Pairs of statements in different articles where one contradicts the other, strongest first."""
    return scan(items, [("contradiction", contradiction_score, threshold)])


def find_related(
    items: Iterable[ClaimText],
    same_threshold: float = DEFAULT_SAME_THRESHOLD,
    contradiction_threshold: float = DEFAULT_CONTRADICTION_THRESHOLD,
) -> list[Pair]:
    """Same-claim pairs and contradictions from one index (what `match` lists), best first.

    Equal to find_same_claims + find_contradictions, at the cost of one.
    """
    return scan(
        items,
        [("same", ClaimIndex.similarity, same_threshold), ("contradiction", contradiction_score, contradiction_threshold)],
    )
