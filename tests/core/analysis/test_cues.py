"""The reporting-cue lexicon: forms, prefixes, spelling variants, classes and stances."""

from __future__ import annotations

import pytest

from karabakh_annotator.core.analysis.cues import CueClass, find_cues, is_prefixed, lemma_info, stance_for
from karabakh_annotator.core.labels import CUE_CLASSES, REPORTING_STANCES

# Fixture sentences written for these tests.


@pytest.mark.parametrize(
    ("text", "surface", "lemma", "cue_class", "form"),
    [
        ("وقالت الوزيرة إن الطريق مفتوح", "وقالت", "قال", CueClass.SAYING, "verb"),
        ("ثم غادر قائلًا: لن أعود", "قائلًا", "قال", CueClass.SAYING, "participle"),
        ("الرئيس يقول إن الاتفاق قريب", "يقول", "قال", CueClass.SAYING, "verb"),
        ("فأكّد المتحدث أن القوات انسحبت", "فأكّد", "أكد", CueClass.ASSERTING, "verb"),
        ("اكد المتحدث ان القوات انسحبت", "اكد", "أكد", CueClass.ASSERTING, "verb"),
        ("قصفت المدينة، مؤكدةً أن الهدف عسكري", "مؤكدةً", "أكد", CueClass.ASSERTING, "participle"),
        ("وشـدد الوزير على الحوار", "وشـدد", "شدد", CueClass.ASSERTING, "verb"),
        ("ونفت الوزارة وقوع إصابات", "ونفت", "نفى", CueClass.DENYING, "verb"),
        ("ونفي الجيش الخبر", "ونفي", "نفى", CueClass.DENYING, "verb"),
        ("وزعمت الجماعة أنها أسقطت طائرة", "وزعمت", "زعم", CueClass.DISTANCING, "verb"),
        ("وأعلنت الحكومة عن خطة جديدة", "وأعلنت", "أعلن", CueClass.ANNOUNCING, "verb"),
        ("وكشف عن صفقة جديدة", "وكشف", "كشف", CueClass.ANNOUNCING, "verb"),
        ("بحسب مصادر محلية فإن القصف استمر", "بحسب", "بحسب", CueClass.PREPOSITIONAL, "preposition"),
        ("ووفقًا لما أعلنته الوزارة", "ووفقًا", "وفقا لـ", CueClass.PREPOSITIONAL, "preposition"),
        ("نقلا عن شهود عيان", "نقلا عن", "نقلا عن", CueClass.PREPOSITIONAL, "preposition"),
        ("جاء على لسان المتحدث", "على لسان", "على لسان", CueClass.PREPOSITIONAL, "preposition"),
        ("وفق ما نقلته الصحيفة", "وفق ما", "وفق ما", CueClass.PREPOSITIONAL, "preposition"),
        ("وقال مصدر أمني إن الطريق مغلق", "مصدر", "مصدر", CueClass.ANONYMOUS, "noun"),
    ],
)
def test_cue_forms(text: str, surface: str, lemma: str, cue_class: CueClass, form: str) -> None:
    found = {c.surface: c for c in find_cues(text)}
    cue = found[surface]
    assert (cue.lemma, cue.cue_class, cue.form) == (lemma, cue_class, form)
    assert text[cue.start : cue.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("تجري المحادثات بين البلدين في جنيف", id="bayna-between"),
        pytest.param("قالت الوزارة عبر بيان نشرته إنه لا إصابات", id="abra-via"),
        pytest.param("تحدث طالب في الجامعة مع أستاذه", id="talib-student"),
        pytest.param("يذكر أن المعارك اندلعت قبل عام", id="yudhkar-background"),
        pytest.param("وكان الرئيس قد أقال الوزير", id="aqala-dismissed"),
        pytest.param("جاء الوفد إلى المدينة", id="ja-came"),
    ],
)
def test_everyday_words_are_not_cues(text: str) -> None:
    assert [c.surface for c in find_cues(text) if c.lemma not in ("قال",)] == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("وبيّن الخبير أن الأسعار سترتفع", "وبيّن"),
        ("وعبرت الحكومة عن قلقها", "وعبرت"),
        ("وطالبت المنظمة بفتح تحقيق", "وطالبت"),
        ("وجاء في البيان أن الجيش تقدم", "وجاء"),
    ],
)
def test_ambiguous_words_are_cues_in_a_reporting_construction(text: str, surface: str) -> None:
    assert surface in [c.surface for c in find_cues(text)]


def test_offsets_are_into_the_whole_text_with_diacritics_and_tatweel() -> None:
    text = "مقدمة. وقــالَ المتحدث إن الوضع هادئ"
    start = text.index("وقــالَ")
    (cue,) = find_cues(text, start)
    assert (cue.start, cue.surface, cue.lemma) == (start, "وقــالَ", "قال")
    assert find_cues(text, 0, start) == []


def test_prefix_is_recognised() -> None:
    plain, prefixed = find_cues("قال ثم فقال")
    assert not is_prefixed(plain) and is_prefixed(prefixed)
    assert not is_prefixed(find_cues("ورد في البيان أن")[0])  # و is part of ورد


@pytest.mark.parametrize(
    ("cue_class", "stance"),
    [
        (CueClass.SAYING, "reports"),
        (CueClass.ASSERTING, "reports"),
        (CueClass.ANNOUNCING, "reports"),
        (CueClass.PREPOSITIONAL, "reports"),
        (CueClass.ANONYMOUS, "reports"),
        (CueClass.DENYING, "refutes"),
        (CueClass.DISTANCING, "distances"),
        (None, "asserts"),
    ],
)
def test_stance_for(cue_class: CueClass | None, stance: str) -> None:
    assert stance_for(cue_class) == stance


def test_classes_and_stances_are_label_keys() -> None:
    assert {c.value for c in CueClass} == {label.key for label in CUE_CLASSES}
    stance_keys = {label.key for label in REPORTING_STANCES}
    assert {stance_for(c) for c in [*CueClass, None]} <= stance_keys


def test_design_lemmas_have_their_documented_class() -> None:
    # DESIGN.md: the cue classes and their example lemmas.
    expected = {
        CueClass.SAYING: "قال أضاف أوضح أشار ذكر تابع",
        CueClass.ASSERTING: "أكد شدد",
        CueClass.ANNOUNCING: "أعلن صرّح كشف أفاد",
        CueClass.DENYING: "نفى كذّب",
        CueClass.DISTANCING: "زعم ادعى اعتبر رجّح",
    }
    for cue_class, lemmas in expected.items():
        for lemma in lemmas.split():
            assert lemma_info(lemma).cue_class is cue_class, lemma
