"""Suggested statements: each Arabic reporting construction on fixture sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_annotator.core.analysis.attribution import Suggestion, suggest_statements

OUTLET = "وكالة الاختبار"

# (speaker, cue, cue_class, stance, text, direct) for each expected suggestion.
Row = tuple[str | None, str | None, str | None, str, str, bool]


def _rows(text: str) -> list[Row]:
    return [(s.speaker, s.cue, s.cue_class, s.stance, s.text, s.direct) for s in suggest_statements(text, OUTLET)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "وقال وزير الداخلية المصري محمود حسن إن الشرطة اعتقلت 12 شخصا.",
            [("وزير الداخلية المصري محمود حسن", "وقال", "saying", "reports", "الشرطة اعتقلت 12 شخصا", False)],
            id="verb-speaker-inna",
        ),
        pytest.param(
            "الوزارة أكدت أن المعبر سيفتح غدا.",
            [("الوزارة", "أكدت", "asserting", "reports", "المعبر سيفتح غدا", False)],
            id="subject-before-verb",
        ),
        pytest.param(
            "وشنت الطائرات غارات على المدينة، لكن الحكومة قالت إنها لم تستهدف المدنيين.",
            [
                (OUTLET, None, None, "asserts", "وشنت الطائرات غارات على المدينة", False),
                ("الحكومة", "قالت", "saying", "reports", "إنها لم تستهدف المدنيين", False),
            ],
            id="subject-after-lakin-and-the-outlets-opening-clause",
        ),
        pytest.param(
            "من جهته، أكد السفير الروسي أن بلاده تدعم الحوار.",
            [("السفير الروسي", "أكد", "asserting", "reports", "بلاده تدعم الحوار", False)],
            id="after-min-jihatihi",
        ),
        pytest.param(
            "قال الرئيس السوداني، عمر حامد، إن بلاده ترفض التدخل.",
            [("الرئيس السوداني، عمر حامد", "قال", "saying", "reports", "بلاده ترفض التدخل", False)],
            id="name-between-commas",
        ),
        pytest.param(
            "وقال الناطق باسم الحكومة د. علي سعيد إن العجز بلغ 3.5 بالمئة.",
            [("الناطق باسم الحكومة د. علي سعيد", "وقال", "saying", "reports", "العجز بلغ 3.5 بالمئة", False)],
            id="abbreviated-title-and-the-name-ali",
        ),
        pytest.param(
            "وأكد المتحدث باسم الشرطة في تصريح لوكالة الأنباء أن 3 أشخاص اعتقلوا.",
            [("المتحدث باسم الشرطة", "وأكد", "asserting", "reports", "3 أشخاص اعتقلوا", False)],
            id="circumstance-before-anna",
        ),
        pytest.param(
            "وأشار الوزير إلى أن 20 جنديا أصيبوا في الهجوم.",
            [("الوزير", "وأشار", "saying", "reports", "20 جنديا أصيبوا في الهجوم", False)],
            id="ila-anna",
        ),
        pytest.param(
            "ودعا الأمين العام للجامعة العربية إلى وقف فوري للقتال.",
            [("الأمين العام للجامعة العربية", "ودعا", "saying", "reports", "وقف فوري للقتال", False)],
            id="marker-ila",
        ),
        pytest.param(
            "وعبر الرئيس الفرنسي عن قلقه من التصعيد.",
            [("الرئيس الفرنسي", "وعبر", "saying", "reports", "قلقه من التصعيد", False)],
            id="marker-an",
        ),
        pytest.param(
            "طالبت المنظمة بفتح تحقيق مستقل في الحادث.",
            [("المنظمة", "طالبت", "saying", "reports", "فتح تحقيق مستقل في الحادث", False)],
            id="marker-bi",
        ),
        pytest.param(
            "نفت وزارة الدفاع التركية سقوط طائرة مسيرة فوق الحدود.",
            [("وزارة الدفاع التركية", "نفت", "denying", "refutes", "سقوط طائرة مسيرة فوق الحدود", False)],
            id="denial-with-direct-object",
        ),
        pytest.param(
            "زعم المتمردون أنهم أسقطوا مروحية عسكرية.",
            [("المتمردون", "زعم", "distancing", "distances", "أنهم أسقطوا مروحية عسكرية", False)],
            id="distancing",
        ),
        pytest.param(
            "وقال مصدر أمني إن الهجوم أوقع 5 جرحى.",
            [("مصدر أمني", "وقال", "anonymous", "reports", "الهجوم أوقع 5 جرحى", False)],
            id="anonymous-source",
        ),
        pytest.param(
            "بحسب وزارة الصحة اللبنانية، ارتفع عدد الضحايا إلى 40 قتيلا.",
            [("وزارة الصحة اللبنانية", "بحسب", "prepositional", "reports", "ارتفع عدد الضحايا إلى 40 قتيلا", False)],
            id="leading-source",
        ),
        pytest.param(
            "ارتفع عدد الضحايا إلى 40 قتيلا، بحسب وزارة الصحة اللبنانية.",
            [("وزارة الصحة اللبنانية", "بحسب", "prepositional", "reports", "ارتفع عدد الضحايا إلى 40 قتيلا", False)],
            id="trailing-source",
        ),
        pytest.param(
            'ووفقا لما ذكرته صحيفة "الأيام"، فإن الحكومة ستعلن خطتها الأسبوع المقبل.',
            [('صحيفة "الأيام"', "ووفقا", "prepositional", "reports", "الحكومة ستعلن خطتها الأسبوع المقبل", False)],
            id="wifqan-lima-then-fa-inna",
        ),
        pytest.param(
            'وتقدمت القوات نحو المدينة، كما ذكرت قناة "الشرق".',
            [('قناة "الشرق"', "ذكرت", "saying", "reports", "وتقدمت القوات نحو المدينة", False)],
            id="kama-dhakarat",
        ),
        pytest.param(
            "نقلت وكالة الأنباء الرسمية عن مسؤول رفيع قوله إن المفاوضات توقفت.",
            [("مسؤول رفيع", "نقلت", "prepositional", "reports", "المفاوضات توقفت", False)],
            id="relayed-an-qawlahu",
        ),
        pytest.param(
            "وذكرت وكالة الأنباء نقلا عن مسؤول عسكري أن الهجوم فشل.",
            [("مسؤول عسكري", "وذكرت", "saying", "reports", "الهجوم فشل", False)],
            id="relayed-naqlan-an",
        ),
        pytest.param(
            "وجاء في البيان أن الجيش صد هجوما على القرية.",
            [("البيان", "وجاء", "saying", "reports", "الجيش صد هجوما على القرية", False)],
            id="impersonal-ja-fi",
        ),
        pytest.param(
            "وجاء ذلك في كلمة ألقاها وزير المالية سمير داود، الثلاثاء، موضحا أن العجز تراجع.",
            [("وزير المالية سمير داود", "موضحا", "saying", "reports", "العجز تراجع", False)],
            id="frame-names-the-speaker-of-the-participle",
        ),
        pytest.param(
            'وقالت الوزيرة ليلى حداد: "لن نتراجع عن القرار".',
            [("الوزيرة ليلى حداد", "وقالت", "saying", "reports", "لن نتراجع عن القرار", True)],
            id="direct-speech-after-colon",
        ),
        pytest.param(
            '"الحدود مغلقة حتى إشعار آخر"، قال المتحدث.',
            [("المتحدث", "قال", "saying", "reports", "الحدود مغلقة حتى إشعار آخر", True)],
            id="quotation-before-its-verb",
        ),
        pytest.param(
            'وأكد القائد أن الجيش "لم ينسحب من أي موقع" منذ بدء القتال.',
            [("القائد", "وأكد", "asserting", "reports", 'الجيش "لم ينسحب من أي موقع" منذ بدء القتال', False)],
            id="partial-quotation-is-indirect",
        ),
    ],
)
def test_reporting_constructions(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_participle_continues_the_speaker_of_its_sentence() -> None:
    text = "قال المتحدث باسم الجيش سامي خليل إن القوات تقدمت، مشيرا إلى أن المعارك مستمرة."
    first, second = suggest_statements(text)
    assert first.speaker == second.speaker == "المتحدث باسم الجيش سامي خليل"
    assert (second.cue, second.text) == ("مشيرا", "المعارك مستمرة")
    assert first.text == "القوات تقدمت"


def test_participle_without_a_reporting_verb_continues_the_sentence_subject() -> None:
    text = "ونفذت القوات عملية واسعة في الريف الشمالي، مؤكدة أنها سيطرت على 3 قرى."
    (found,) = suggest_statements(text)
    assert (found.speaker, found.cue, found.text) == ("القوات", "مؤكدة", "أنها سيطرت على 3 قرى")
    assert found.score < 0.7  # a guess


def test_verb_without_subject_continues_the_last_named_speaker() -> None:
    text = "أعلن رئيس الحكومة عادل نوري أن الانتخابات ستجري في مايو. ثم انتهى اللقاء. وأضاف أن اللجان جاهزة."
    first, second = suggest_statements(text)
    assert second.cue == "وأضاف" and second.text == "اللجان جاهزة"
    assert (second.speaker, second.speaker_start, second.speaker_end) == (
        first.speaker,
        first.speaker_start,
        first.speaker_end,
    )
    assert second.mention_start is None
    assert text[first.speaker_start : first.speaker_end] == "رئيس الحكومة عادل نوري"


def test_role_reference_goes_to_the_last_speaker_with_that_role_and_place() -> None:
    text = (
        "وقال رئيس البرلمان الإيراني جواد كريمي إن الجلسة أجلت. "
        "وقال رئيس الوزراء العراقي إن الاتفاق وقع. "
        "وأكد الرئيس الإيراني أن بلاده ستشارك."
    )
    *_, last = suggest_statements(text)
    assert last.speaker == "رئيس البرلمان الإيراني جواد كريمي"
    assert last.speaker_start == text.index("رئيس البرلمان")
    assert last.mention_start is not None and last.mention_end is not None
    assert text[last.mention_start : last.mention_end] == "الرئيس الإيراني"


def test_role_reference_to_an_institution() -> None:
    text = "وقالت وزارة الصحة إن المستشفيات ممتلئة. وأوضحت الوزارة أن الأدوية نفدت."
    _, second = suggest_statements(text)
    assert second.speaker == "وزارة الصحة"
    assert second.mention_start is not None
    assert text[second.mention_start : second.mention_end] == "الوزارة"


def test_role_without_antecedent_is_its_own_speaker() -> None:
    text = "وأكد الجيش الإسرائيلي أن صاروخا أطلق من غزة."
    (found,) = suggest_statements(text)
    assert found.speaker == "الجيش الإسرائيلي" and found.mention_start is None


def test_two_reports_in_one_sentence_with_kama() -> None:
    text = "وأضاف الرئيس أنه مستعد للحوار، كما أكد أنه لن يقدم تنازلات."
    first, second = suggest_statements(text)
    assert (first.text, second.text) == ("أنه مستعد للحوار", "أنه لن يقدم تنازلات")
    assert second.cue == "أكد" and second.speaker == first.speaker


def test_aside_between_dashes_is_skipped() -> None:
    text = "وقال وزير النقل إن الطرق سالكة. وأضاف -في مقابلة تلفزيونية- أن الحكومة لن تستقيل."
    _, second = suggest_statements(text)
    assert (second.speaker, second.text) == ("وزير النقل", "الحكومة لن تستقيل")


def test_direct_object_with_no_named_subject() -> None:
    text = "وقال المتحدث العسكري إن الهجوم صد. كما أكد تدمير 5 دبابات في المعركة."
    _, second = suggest_statements(text)
    assert (second.speaker, second.cue, second.text) == ("المتحدث العسكري", "أكد", "تدمير 5 دبابات في المعركة")
    assert second.score < 0.9  # no marker before the content


def test_unknown_speaker_is_none_not_a_guess() -> None:
    (found,) = suggest_statements('وتابع: "لا تراجع عن هذا المسار".')
    assert found.speaker is None and found.speaker_start is None and found.direct


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("يعيش في المدينة سكان كثيرون منذ زمن بعيد.", id="no-facts"),
        pytest.param("هل قتل 20 جنديا في الهجوم على القرية الحدودية؟", id="question"),
        pytest.param("نشر في 12 مارس 2021 الساعة 10:30", id="dateline"),
        pytest.param("المحادثات بين البلدين مستمرة رغم أن الخلافات كبيرة.", id="conjunction-an-is-no-report"),
    ],
)
def test_sentences_not_suggested(text: str) -> None:
    assert suggest_statements(text, OUTLET) == []


@pytest.mark.parametrize(
    "text",
    [
        "قصفت المدفعية مواقع في البلدة الحدودية صباح الأحد.",
        "وحررت القوات ثلاث قرى على طول خط الجبهة.",
        "وتستمر المعارك عبر خط الجبهة منذ 3 أيام.",
        "يذكر أن المعارك اندلعت في 12 مارس الماضي بين الطرفين.",
    ],
)
def test_check_worthy_sentences_in_the_outlets_voice(text: str) -> None:
    (found,) = suggest_statements(text, OUTLET)
    assert (found.kind, found.speaker, found.cue, found.cue_class, found.stance) == (
        "outlet",
        OUTLET,
        None,
        None,
        "asserts",
    )
    assert found.text == text.rstrip(".") and found.speaker_start is None
    (unnamed,) = suggest_statements(text)
    assert unnamed.speaker is None


def test_trailing_source_covers_the_opening_clause() -> None:
    text = "وشنت القوات هجوما على البلدة، لكن الحكومة قالت إنه ضروري، وفقا لوكالة رويترز."
    first, second = suggest_statements(text, OUTLET)
    assert (first.kind, first.speaker, first.cue, first.text) == (
        "attributed",
        "وكالة رويترز",
        "وفقا",
        "وشنت القوات هجوما على البلدة",
    )
    assert (second.speaker, second.text) == ("الحكومة", "إنه ضروري")


def test_offsets_survive_diacritics_tatweel_and_arabic_indic_digits() -> None:
    text = "وقــالَ المتحدّثُ إنّ القواتِ أسقطت ٣ طائراتٍ، مشيرًا إلى أنّ الدفاعات تعمل."
    first, second = suggest_statements(text)
    assert first.speaker == "المتحدّثُ" and first.cue == "وقــالَ"
    assert first.text == "القواتِ أسقطت ٣ طائراتٍ"
    assert (second.cue, second.text) == ("مشيرًا", "الدفاعات تعمل")


def test_offsets_in_a_multi_paragraph_article() -> None:
    text = "عنوان الخبر\n\nوقال الوزير إن الطريق مغلق.\nوأضاف أن الجسر تضرر.\n"
    found = suggest_statements(text)
    assert [s.text for s in found] == ["الطريق مغلق", "الجسر تضرر"]
    for s in found:
        assert text[s.start : s.end] == s.text


_PIECES = [
    "قال", "وقال", "وأضاف", "مشيرا", "إلى", "أن", "إن", "أنه", "الوزير", "المتحدث", "باسم", "الجيش",
    "بحسب", "وفقا", "لما", "أعلنته", "نقلا", "عن", "مصدر", "مصادر", "وجاء", "ذلك", "في", "عقده", "كما",
    "نقلت", "ونفى", "زعم", "قصف", "القوات", "حررت", "12", "3.5", "بايراموف", "الأذري", "لكن", "،", ".",
    "؟", ":", '"', "«", "»", "\n", "-", "فإن", "وبيّن", "قــال", "ـ", "د.", "علي",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([None, OUTLET]))
def test_suggestions_are_exact_sorted_and_disjoint(words: list[str], outlet: str | None) -> None:
    text = " ".join(words)
    found = suggest_statements(text, outlet)
    last = 0
    for s in found:
        assert isinstance(s, Suggestion)
        assert text[s.start : s.end] == s.text and s.start < s.end
        assert s.start >= last
        last = s.end
        if s.speaker_start is not None:
            assert text[s.speaker_start : s.speaker_end] == s.speaker
        assert 0.0 < s.score <= 1.0
    assert suggest_statements(text, outlet) == found  # deterministic
