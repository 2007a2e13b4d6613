"""Contradictions: a denial against an assertion, opposite outcomes for one place, disputed losses.

Every statement here was written for these tests (none is taken from an outlet).
"""

from __future__ import annotations

import datetime as dt

import pytest

from karabakh_annotator.core.analysis.contradictions import (
    DEFAULT_CONTRADICTION_THRESHOLD,
    find_contradictions,
    find_related,
)
from karabakh_annotator.core.analysis.matching import ClaimText, find_same_claims


def contradiction_score(first: ClaimText, second: ClaimText) -> float:
    pairs = find_contradictions([first, second], threshold=0.0)
    return pairs[0].score if pairs else 0.0


def claim(
    key: int,
    text: str,
    *,
    cue_class: str | None = None,
    stance: str | None = None,
    speaker: str | None = None,
    published: dt.date | None = None,
) -> ClaimText:
    """A statement in its own article (article = key)."""
    return ClaimText(key, key, text, cue_class=cue_class, stance=stance, speaker=speaker, published=published)


BAKU = "وزارة الدفاع الأذربيجانية"


CONTRADICTIONS = [
    pytest.param(
        claim(1, "نفت وزارة الدفاع الأرمينية سيطرة القوات الأذربيجانية على قرية تاليش"),
        claim(2, "حررت القوات الأذربيجانية قرية تاليش بعد معارك عنيفة"),
        id="denial word against the claim",
    ),
    pytest.param(
        claim(1, "أن القوات الأذربيجانية سيطرت على قرية تاليش", cue_class="denying"),
        claim(2, "سيطرت القوات الأذربيجانية على قرية تاليش شمال الإقليم"),
        id="denial known from the cue class",
    ),
    pytest.param(
        claim(1, "أن الدفاعات الجوية أسقطت طائرة حربية فوق كنجة", stance="refutes"),
        claim(2, "أسقطت الدفاعات الجوية طائرة حربية فوق مدينة كنجة"),
        id="denial known from the stance",
    ),
    pytest.param(
        claim(1, "أعلنت باكو السيطرة على مدينة هادروت"),
        claim(2, "قالت يريفان إن قواتها صدت الهجوم على هادروت وأحبطت محاولة التقدم"),
        id="taken vs attack repelled, same place",
    ),
    pytest.param(
        claim(1, "لم تتمكن القوات الأذربيجانية من السيطرة على بلدة مارتوني"),
        claim(2, "سيطرت القوات الأذربيجانية على بلدة مارتوني"),
        id="could not take vs took",
    ),
    pytest.param(
        claim(1, "أكدت أذربيجان تدمير 10 دبابات أرمينية قرب فضولي يوم 3 أكتوبر"),
        claim(2, "قالت أرمينيا إنها خسرت 3 دبابات فقط قرب فضولي في 3 أكتوبر"),
        id="different losses, same place and day",
    ),
    pytest.param(
        claim(1, "هذه الأنباء عارية عن الصحة ولم تسقط أي طائرة فوق كنجة"),
        claim(2, "أسقطت الدفاعات الجوية طائرة حربية فوق كنجة"),
        id="عار عن الصحة",
    ),
    pytest.param(
        claim(1, "لا صحة لما تردد عن انسحاب القوات من مرتفعات شوشا"),
        claim(2, "انسحبت القوات من مرتفعات شوشا تحت القصف"),
        id="لا صحة",
    ),
    pytest.param(
        claim(1, "لم تنسحب القوات الأذربيجانية من مواقعها في المرتفعات الشمالية"),
        claim(2, "انسحبت القوات الأذربيجانية من مواقعها في المرتفعات الشمالية"),
        id="negated verb against the same verb, same forces",
    ),
    pytest.param(
        claim(1, "جيش بلادها لم ينسحب من مواقعه في المرتفعات الشمالية", speaker=BAKU),
        claim(2, "دفعت القوات الجيش الأذربيجاني للانسحاب من مواقعه في المرتفعات الشمالية"),
        id="لم ينسحب / للانسحاب, her country's army = the speaker's",
    ),
    pytest.param(
        claim(1, "تحقيق إنجازات عسكرية جديدة على الجبهات", speaker=BAKU),
        claim(2, "تراجع نشاط القوات الأذربيجانية على الجبهات"),
        id="a side's progress against its decline",
    ),
]


@pytest.mark.parametrize(("first", "second"), CONTRADICTIONS)
def test_contradictions_are_flagged(first: ClaimText, second: ClaimText) -> None:
    assert contradiction_score(first, second) >= DEFAULT_CONTRADICTION_THRESHOLD


NOT_CONTRADICTIONS = [
    pytest.param(
        claim(1, "صدت القوات الأرمينية الهجوم على قرية تاليش"),
        claim(2, "نفت وزارة الدفاع الأرمينية سيطرة القوات الأذربيجانية على قرية تاليش"),
        id="the same side twice: repelled, and denied the capture",
    ),
    pytest.param(
        claim(1, "أعلنت باكو السيطرة على مدينة هادروت"),
        claim(2, "قالت يريفان إن قواتها صدت الهجوم على مدينة شوشا"),
        id="different places",
    ),
    pytest.param(
        claim(1, "أكدت أذربيجان تدمير 10 دبابات أرمينية قرب فضولي يوم 3 أكتوبر"),
        claim(2, "قالت أرمينيا إنها خسرت 3 دبابات قرب فضولي يوم 5 أكتوبر"),
        id="different days",
    ),
    pytest.param(
        claim(1, "قال المتحدث الأمريكي إن موقف واشنطن لم يتغير بشأن المفاوضات"),
        claim(2, "أعلن المتحدث الأمريكي أن واشنطن ترحب باستئناف المفاوضات في جنيف"),
        id="a negation of something else",
    ),
    pytest.param(
        claim(1, "حررت القوات الأذربيجانية مدينة جبرائيل"),
        claim(2, "وحررت القوات الأذربيجانية مدينة جبرائيل بالكامل"),
        id="agreement",
    ),
    pytest.param(
        claim(1, "نفت الوزارة أن تكون قواتها انسحبت من مرتفعات شوشا"),
        claim(2, "لم تنسحب القوات من مرتفعات شوشا"),
        id="two denials agree",
    ),
    pytest.param(
        claim(1, "لم تنسحب القوات الأذربيجانية من مواقعها في المرتفعات الشمالية"),
        claim(2, "انسحبت القوات الأرمينية من مواقعها في المرتفعات الشمالية"),
        id="one side did not withdraw, the other did",
    ),
    pytest.param(
        claim(1, "جيش بلادها لم ينسحب من مواقعه في المرتفعات الشمالية", speaker="وزارة الدفاع الأرمينية"),
        claim(2, "انسحب الجيش الأذربيجاني من مواقعه في المرتفعات الشمالية"),
        id="her country's army is another army",
    ),
    pytest.param(
        claim(1, "تحقيق إنجازات عسكرية جديدة على الجبهات", speaker=BAKU),
        claim(2, "تراجع نشاط القوات الأرمينية على الجبهات"),
        id="progress of one side, decline of the other",
    ),
    pytest.param(
        claim(1, "تحقيق إنجازات عسكرية جديدة على الجبهات"),
        claim(2, "تراجع نشاط القوات الأذربيجانية على الجبهات"),
        id="progress of an unknown side",
    ),
    pytest.param(
        claim(1, "وأكدت أرمينيا أن الهجوم على قرية تاليش فشل وأن القرية ما زالت تحت سيطرتها"),
        claim(2, "نفت وزارة الدفاع الأرمينية سيطرة القوات الأذربيجانية على قرية تاليش"),
        id="under its control is held, not taken",
    ),
]


@pytest.mark.parametrize(("first", "second"), NOT_CONTRADICTIONS)
def test_agreeing_or_unrelated_statements_are_not_flagged(first: ClaimText, second: ClaimText) -> None:
    assert contradiction_score(first, second) < DEFAULT_CONTRADICTION_THRESHOLD


def test_publication_dates_far_apart_are_different_events() -> None:
    taken = "أعلنت باكو السيطرة على مدينة هادروت"
    repelled = "قالت يريفان إن قواتها صدت الهجوم على هادروت"
    day = dt.date(2020, 10, 9)
    close = [claim(1, taken, published=day), claim(2, repelled, published=day + dt.timedelta(days=1))]
    apart = [claim(1, taken, published=day), claim(2, repelled, published=day + dt.timedelta(days=20))]
    assert find_contradictions(close)
    assert find_contradictions(apart) == []


def test_only_across_articles_sorted_and_keys_in_order() -> None:
    items = [
        ClaimText(8, 1, "حررت القوات الأذربيجانية قرية تاليش بعد معارك عنيفة"),
        ClaimText(4, 2, "نفت وزارة الدفاع الأرمينية سيطرة القوات الأذربيجانية على قرية تاليش"),
        ClaimText(6, 2, "قالت يريفان إن قواتها صدت الهجوم على تاليش"),
        # Article 1 again: it contradicts key 8, but an article is not checked against itself.
        ClaimText(2, 1, "وأكدت أرمينيا أن الهجوم على تاليش فشل وأن القرية ما زالت تحت سيطرتها"),
    ]
    pairs = find_contradictions(items)
    assert {(p.a, p.b) for p in pairs} == {(4, 8), (6, 8)}
    assert all(p.kind == "contradiction" and p.a < p.b for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)


def test_find_related_is_both_kinds_from_one_index() -> None:
    items = [
        ClaimText(1, 1, "حررت القوات الأذربيجانية قرية تاليش بعد معارك عنيفة"),
        ClaimText(2, 2, "وأعلنت باكو تحرير قرية تاليش من القوات الأرمينية"),
        ClaimText(3, 3, "نفت وزارة الدفاع الأرمينية سيطرة القوات الأذربيجانية على قرية تاليش"),
    ]
    related = find_related(items)
    expected = find_same_claims(items) + find_contradictions(items)
    assert sorted(related, key=lambda p: (p.kind, p.a, p.b)) == sorted(expected, key=lambda p: (p.kind, p.a, p.b))
    assert {p.kind for p in related} == {"same", "contradiction"}
