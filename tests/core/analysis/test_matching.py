"""Same claim across articles: rewordings, outlets' spellings and digit forms, numbers, scale.

Every statement here was written for these tests (none is taken from an outlet).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from karabakh_annotator.core.analysis import matching_index
from karabakh_annotator.core.analysis.matching import (
    DEFAULT_SAME_THRESHOLD,
    ClaimIndex,
    ClaimText,
    Pair,
    find_same_claims,
)
from karabakh_annotator.core.analysis.matching_features import Context, build_features
from karabakh_annotator.core.analysis.matching_words import (
    lemma_candidates,
    number_value,
    similar_spelling,
    tokenize,
)
from karabakh_annotator.core.text.normalize import normalized_only


def same_score(
    first: str,
    second: str,
    *,
    speaker: str | None = None,
    published: dt.date | None = None,
) -> float:
    """The same-claim score of two statements in two articles (0 when not even a candidate).

    `speaker` and `published` are the first statement's.
    """
    items = [ClaimText(1, 10, first, speaker=speaker, published=published), ClaimText(2, 20, second)]
    pairs = find_same_claims(items, threshold=0.0)
    return pairs[0].score if pairs else 0.0


# Each pair: one fact as two outlets might write it.
REWORDINGS = [
    pytest.param(
        "وأعلن المتحدث باسم وزارة الدفاع الأذربيجانية أن قواته دمرت ١٠ دبابات في قره باغ يوم ٢٧ أيلول",
        "قالت الوزارة إن القوات دمرت 10 دبابات في إقليم كاراباخ في 27 سبتمبر",
        id="Arabic-Indic digits, أيلول/سبتمبر, قره باغ/كاراباخ",
    ),
    pytest.param(
        "بحث وزير الخارجية جيهون بايراموف مع نظيره الروسي سيرغي لافروف الوضع في قراباغ",
        "وبحث الوزير بيراموف ونظيره لافروف آخر التطورات في قره باغ",
        id="بايراموف/بيراموف, قراباغ/قره باغ",
    ),
    pytest.param(
        "حررت القوات الأذربيجانية قرية سوغانلي صباح الأحد",
        "وأعلنت باكو تحرير قرية سوقانلي من القوات الأرمينية",
        id="verb/verbal noun, غ/ق in a village name",
    ),
    pytest.param(
        "أسقطت الدفاعات الجوية ثلاث طائرات مسيرة فوق مدينة كنجة",
        "وأكدت الوزارة إسقاط ٣ طائرات مسيرة في سماء كنجة",
        id="number word / digit",
    ),
    pytest.param(
        "قتل 12 مدنيا في قصف صاروخي استهدف مدينة ترتر ليلة السبت",
        "أسفر القصف الصاروخي على ترتر عن مقتل ١٢ مدنيا",
        id="clitics and word order",
    ),
    pytest.param(
        "التقى وزير الخارجية الأرمني نظيره الروسي في موسكو لبحث الهدنة الإنسانية",
        "اجتمع وزير خارجية أرمينيا مع نظيره الروسي في موسكو وبحثا الهدنة الإنسانية",
        id="التقى/اجتمع, الأرمني/أرمينيا",
    ),
    pytest.param(
        "قالت الوزارة إن الجيش الأذري لم ينسحب من أي قرية حررها منذ بدء الهجوم المضاد",
        "أكد المتحدث أن جيش أذربيجان لم ينسحب من أي قرية حررها",
        id="الأذري/أذربيجان",
    ),
    pytest.param(
        "أكد المتحدث أن العملية العسكرية في الشمال مستمرة بكل حزم",
        "وشدد المتحدث على مواصلة العملية العسكرية في الشمال بكل حزم",
        id="مستمرة/مواصلة (one family, participle and verbal noun)",
    ),
    pytest.param(
        "القوات تسيطر على مرتفعات زنغلان الاستراتيجية",
        "سيطرت القوات على مرتفعات زنغلان الاستراتيجية",
        id="تسيطر/سيطرت (imperfect and perfect)",
    ),
    pytest.param(
        "حررت القوات عدة قرى محتلة على خط التماس في الشمال",
        "تحرير مناطق عديدة من الاحتلال على خط الجبهة في الشمال",
        id="قرى/مناطق, محتلة/الاحتلال, خط التماس/خط الجبهة",
    ),
    pytest.param(
        "وتتولى واشنطن وباريس وموسكو رئاسة مجموعة مينسك",
        "وتضم رئاسة مجموعة مينسك الولايات المتحدة وفرنسا وروسيا",
        id="capitals for their countries",
    ),
    pytest.param(
        "الجيش لم ينسحب من أي منطقة حررها في الشمال منذ بدء الهجوم",
        "إن القوات لم تتراجع عن المناطق التي سيطرت عليها في الشمال",
        id="لم ينسحب/لم تتراجع, حررها/سيطرت عليها",
    ),
    pytest.param(
        "الانفصاليون يستهدفون المناطق المأهولة",
        "قال الوزير إن القوات الانفصالية تواصل قصف المناطق السكنية والمنشآت المدنية رغم الهدنة",
        id="a short accusation in a longer one: يستهدفون/قصف, المأهولة/السكنية",
    ),
]


@pytest.mark.parametrize(("first", "second"), REWORDINGS)
def test_rewordings_with_spelling_and_digit_variants_are_matched(first: str, second: str) -> None:
    assert same_score(first, second) >= DEFAULT_SAME_THRESHOLD


UNRELATED = [
    pytest.param(
        "قال المتحدث باسم وزارة الدفاع إن القوات صدت هجوما قرب مدينة هادروت",
        "قال المتحدث باسم وزارة الخارجية إن الوزير سيزور موسكو الأسبوع المقبل",
        id="same reporting frame",
    ),
    pytest.param(
        "أعلنت وزارة الدفاع الأذربيجانية أن القوات الأرمينية قصفت مدينة ترتر",
        "أعلنت وزارة الدفاع الأرمينية أن القوات الأذربيجانية أسقطت طائرة مسيرة فوق يريفان",
        id="same parties and institutions",
    ),
    pytest.param(
        "دمرت القوات 10 دبابات قرب مدينة فضولي",
        "دمرت القوات 10 دبابات قرب مدينة لاتشين",
        id="same template, other place",
    ),
]


@pytest.mark.parametrize(("first", "second"), UNRELATED)
def test_statements_sharing_only_common_words_are_not_matched(first: str, second: str) -> None:
    assert same_score(first, second) < DEFAULT_SAME_THRESHOLD


def test_a_negated_claim_is_not_the_context_it_shares() -> None:
    # "Did not withdraw from the areas it took" is about not withdrawing;
    # "took many areas" shares the context only.
    negated = "الجيش لم ينسحب من أي منطقة حررها في الشمال منذ بدء الهجوم"
    assert same_score(negated, "حرر الجيش مناطق عديدة في الشمال منذ بدء الهجوم") < DEFAULT_SAME_THRESHOLD
    assert same_score(negated, "وأكد الجيش أنه لم ينسحب من أي منطقة في الشمال") >= DEFAULT_SAME_THRESHOLD


def test_one_clause_of_a_longer_statement_matches_a_statement_alone() -> None:
    several = "دمر الجيش قافلة عسكرية للمتمردين، ودمر 10 دبابات و30 عربة مدرعة"
    assert same_score(several, "دمر الجيش قافلة عسكرية للمتمردين خلال انتقالها ليلا") >= DEFAULT_SAME_THRESHOLD
    # A clause that is only a detail of the other statement is not enough.
    agreement = "اتفق الطرفان على وقف إطلاق النار، وتبادل الأسرى والجثث، ونشر قوات حفظ السلام"
    call = "دعا الرئيس إلى وقف فوري للقتال من أجل رفع الجثث وتبادل الأسرى بين الطرفين"
    assert same_score(agreement, call) < DEFAULT_SAME_THRESHOLD


def test_his_country_is_the_speakers_country() -> None:
    own = "جيش بلاده دمر مستودع ذخيرة قرب الحدود"
    named = "الجيش الأذربيجاني دمر مستودع ذخيرة قرب الحدود"
    assert same_score(own, named, speaker="وزارة الدفاع الأذربيجانية") > same_score(own, named)
    assert same_score(own, named, speaker="وزارة الدفاع الأذربيجانية") == 1.0


def test_today_is_the_publication_day() -> None:
    today = "عقد اليوم الجمعة في موسكو اجتماع لوزيري الخارجية"
    dated = "اجتمع وزيرا الخارجية في موسكو في 9 أكتوبر"
    friday = dt.date(2020, 10, 9)
    on_the_day = same_score(today, dated, published=friday)
    assert on_the_day >= DEFAULT_SAME_THRESHOLD
    assert on_the_day > same_score(today, dated)
    assert on_the_day > same_score(today, dated, published=friday + dt.timedelta(days=5))


def test_a_word_of_a_place_noun_phrase_does_not_name_a_country_place() -> None:
    # "مدن أذربيجان" names no place: the country must not weigh as a shared place.
    short = "شنت أذربيجان عملية عسكرية ضد قوات انفصالية"
    long = "تعرضت مدن أذربيجان ومنها كنجة وترتر للقصف الصاروخي من قبل القوات الانفصالية بعيدا عن خط المواجهة"
    assert same_score(short, long) < DEFAULT_SAME_THRESHOLD


def test_a_claim_inside_a_longer_statement_is_matched() -> None:
    longer = (
        "وأعلن المتحدث باسم الوزارة أن الدفاعات الجوية أسقطت طائرة مسيرة أرمينية فوق مدينة كنجة، "
        "وأن المدفعية دمرت مستودعا للوقود قرب مارتاكيرت وأوقعت خسائر كبيرة في صفوف المهاجمين"
    )
    assert same_score("أسقطت الدفاعات الجوية طائرة مسيرة أرمينية فوق مدينة كنجة", longer) >= 0.8
    assert same_score("دمرت المدفعية مستودعا للوقود قرب مارتاكيرت", longer) >= DEFAULT_SAME_THRESHOLD
    assert same_score("وأكد المتحدث باسم الوزارة ذلك", longer) < DEFAULT_SAME_THRESHOLD


def test_a_different_number_lowers_the_score() -> None:
    claim = "دمرت القوات الأذربيجانية 10 دبابات قرب مدينة فضولي"
    agreeing = same_score(claim, "أعلن الجيش تدمير عشر دبابات قرب فضولي")
    differing = same_score(claim, "أعلن الجيش تدمير 25 دبابة قرب فضولي")
    assert agreeing >= DEFAULT_SAME_THRESHOLD
    assert differing < DEFAULT_SAME_THRESHOLD
    assert differing < agreeing * 0.6


def test_a_shared_rare_number_raises_the_score() -> None:
    claim = "أعلنت الوزارة أن القوات استهدفت مستودعا للذخيرة في مارتوني"
    with_number = same_score(claim + " وقتلت 47 جنديا", "استهداف مستودع ذخيرة في مارتوني ومقتل ٤٧ جنديا")
    without_number = same_score(claim + " وقتلت جنودا", "استهداف مستودع ذخيرة في مارتوني ومقتل جنود")
    assert with_number > without_number


def test_a_different_day_of_the_same_month_lowers_the_score() -> None:
    claim = "حررت القوات الأذربيجانية مدينة جبرائيل يوم 4 أكتوبر"
    assert same_score(claim, "وتم تحرير مدينة جبرائيل في ٤ تشرين الأول") > same_score(
        claim, "وتم تحرير مدينة جبرائيل في ٩ تشرين الأول"
    )


def test_statements_of_one_article_are_never_paired() -> None:
    text = "حررت القوات الأذربيجانية قرية سوغانلي صباح الأحد"
    assert find_same_claims([ClaimText(1, 5, text), ClaimText(2, 5, text)]) == []
    assert find_same_claims([ClaimText(1, 5, text), ClaimText(2, 6, text)]) == [Pair("same", 1, 2, 1.0)]


def test_pairs_are_ordered_deterministic_and_independent_of_input_order() -> None:
    items = [
        ClaimText(7, 1, "أسقطت الدفاعات الجوية ثلاث طائرات مسيرة فوق مدينة كنجة"),
        ClaimText(3, 2, "وأكدت الوزارة إسقاط ٣ طائرات مسيرة في سماء كنجة"),
        ClaimText(5, 3, "أسقطت الدفاعات الجوية 3 طائرات مسيرة فوق كنجة صباح اليوم"),
        ClaimText(9, 4, "بحث وزير الخارجية بايراموف مع نظيره لافروف الوضع في قراباغ"),
        ClaimText(1, 5, "وبحث الوزير بيراموف ونظيره لافروف آخر التطورات في قره باغ"),
    ]
    pairs = find_same_claims(items)
    assert {(p.a, p.b) for p in pairs} == {(3, 7), (5, 7), (3, 5), (1, 9)}
    assert all(p.a < p.b and p.kind == "same" for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    shuffled = items[:]
    random.Random(1).shuffle(shuffled)
    assert find_same_claims(shuffled) == pairs


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        find_same_claims([ClaimText(1, 1, "نص"), ClaimText(1, 2, "نص آخر")])


def test_empty_and_contentless_statements_give_no_pairs() -> None:
    assert find_same_claims([]) == []
    assert find_same_claims([ClaimText(1, 1, ""), ClaimText(2, 2, "وقال إن ذلك")]) == []


def _common_word_corpus(count: int) -> list[ClaimText]:
    """Statements that all share "القوات" and "الهجوم" and otherwise a made-up name and a number."""
    rng = random.Random(count)
    letters = "بتجدرزسشطعفقكلمنه"
    items = []
    for key in range(count):
        name = "".join(rng.choice(letters) + rng.choice("اوي") for _ in range(4))
        items.append(ClaimText(key, key, f"صدت القوات الهجوم على مواقع {name} وأسرت {rng.randint(1, 999)} جنديا"))
    return items


def test_candidates_stay_bounded_when_every_statement_shares_a_common_word() -> None:
    items = _common_word_corpus(3_000)
    # One real repeat hidden among them, reworded and with an Arabic-Indic number.
    items.append(ClaimText(10_000, 10_000, "صدت القوات الهجوم على مواقع باريزوتي وأسرت 12 جنديا"))
    items.append(ClaimText(10_001, 10_001, "وقالت الوزارة إن قواتها صدت هجوما على باريزوتي وأسرت ١٢ جنديا"))
    candidates = list(ClaimIndex(items).candidates())
    # All pairs would be 4.5 million; the common words are not indexed at all.
    assert len(candidates) <= len(items) // 10
    assert [(p.a, p.b) for p in find_same_claims(items)] == [(10_000, 10_001)]


def test_candidates_per_statement_are_capped() -> None:
    # 300 articles all reporting one fact in the same words: every key is
    # shared by all of them, more than the index keeps.
    items = [ClaimText(k, k, "أسقطت الدفاعات الجوية طائرة مسيرة فوق مدينة كنجة") for k in range(300)]
    assert len(list(ClaimIndex(items).candidates())) == 0
    few = items[: matching_index.CANDIDATES + 5]
    assert len(list(ClaimIndex(few).candidates())) <= len(few) * matching_index.CANDIDATES


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("بايراموف", "بيراموف", True),
        ("قراباغ", "كاراباخ", True),
        ("شوشا", "شوشة", True),
        ("ستيباناكيرت", "ستيبانكرت", True),
        ("ناغورني", "ناغورنو", True),
        ("ليميكو", "ليماقا", False),  # same consonants, other vowels: another name
        ("راتا", "روتا", False),  # a replaced vowel in a short name
        ("تاليش", "تالين", False),  # another consonant
    ],
)
def test_spelling_variants_are_told_from_other_names(first: str, second: str, expected: bool) -> None:
    assert similar_spelling(normalized_only(first), normalized_only(second)) is expected


@pytest.mark.parametrize(
    ("token", "value"),
    [("10", "10"), ("07", "7"), ("1,200", "1200"), ("1.200", "1200"), ("3.50", "3.5"), ("3٫5", "3.5")],
)
def test_numbers_have_one_spelling(token: str, value: str) -> None:
    assert number_value(token) == value


def test_tokens_fold_digits_and_keep_decimals_together() -> None:
    assert tokenize("قتل ١٢ شخصا و3.5 ألف") == ["قتل", "12", "شخصا", "و", "3.5", "الف"]


@pytest.mark.parametrize(
    ("stem", "lemma"),
    [
        ("يسيطر", "سيطر"), ("تتواصل", "تواصل"), ("ينسحب", "انسحب"), ("يستمر", "استمر"),
        ("متراجع", "تراجع"), ("مواصل", "واصل"), ("مستمر", "استمر"), ("انسحاب", "انسحب"),
        ("احتلال", "احتل"), ("تحتل", "احتل"),
    ],
)
def test_verb_forms_lead_to_their_lemma(stem: str, lemma: str) -> None:
    assert lemma in lemma_candidates(normalized_only(stem))


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("وحررت", "take"), ("تحرير", "take"), ("يسيطرون", "take"), ("السيطرة", "take"),
        ("للانسحاب", "retreat"), ("ينسحب", "retreat"), ("المتراجع", "retreat"), ("تخسر", "retreat"),
        ("مستمرة", "continue"), ("مواصلة", "continue"), ("تتواصل", "continue"),
        ("باستهداف", "strike"), ("القصف", "strike"), ("الاعتداءات", "attack"), ("تلتقي", "talks"),
        ("وبحث", "talks"), ("محتلة", "occupy"), ("الاحتلال", "occupy"), ("قرى", "territory"),
        ("الأراضي", "territory"), ("المأهولة", "civilian"), ("إنجازات", "advance"),
    ],
)
def test_words_of_one_family_share_a_term(text: str, family: str) -> None:
    (features,) = build_features([text])
    assert features.terms == {"=" + family}


@pytest.mark.parametrize(
    ("text", "term_of"),
    [("واشنطن", "أمريكا"), ("وباريس", "فرنسا"), ("الكرملين", "روسيا"), ("الولايات المتحدة", "أمريكا")],
)
def test_capitals_stand_for_their_countries(text: str, term_of: str) -> None:
    (capital,), (country,) = build_features([text]), build_features([term_of])
    assert capital.terms == country.terms


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("قصف مدينة شوشة", True),
        ("وما برحت الحرب دائرة", False),  # دائرة has the consonants of هادروت
        ("في إقليم قره باغ", False),  # باغ has those of باكو
        ("حررت القوات قرى محتلة", False),  # an adjective after a place noun
    ],
)
def test_places_are_listed_names_or_names_after_a_place_noun(text: str, place: bool) -> None:
    (features,) = build_features([text])
    assert bool(features.places) is place


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("عقد اليوم الجمعة اجتماع", dt.date(2020, 10, 9), ("@10", "9")),
        ("وأمس الخميس أكد المتحدث", dt.date(2020, 10, 9), ("@10", "8")),
        ("قال الخميس إن", dt.date(2020, 10, 9), ("@10", "8")),
        ("يجتمع الوزيران الاثنين المقبل", dt.date(2020, 10, 9), ("@10", "12")),
        ("منذ اليوم الأول للهجوم", dt.date(2020, 10, 9), None),
        ("عقد اليوم اجتماع", None, None),
    ],
)
def test_relative_days_are_dated_from_the_publication_date(
    text: str, published: dt.date | None, day: tuple[str, str] | None
) -> None:
    (features,) = build_features([text], [Context(published=published)])
    assert features.quantities == ({day} if day else set())


def test_features_read_the_forces_and_how_a_side_is_doing() -> None:
    named, own, negated = build_features(
        [
            "تراجع نشاط القوات المسلحة الأذربيجانية على الجبهات",
            "جيش بلاده يواصل التقدم",
            "لم تتراجع القوات الأرمينية",
        ],
        [Context(), Context(speaker="وزارة الدفاع الأرمينية"), Context()],
    )
    azerbaijan, armenia = build_features(["أذربيجان", "أرمينيا"])
    assert named.forces == azerbaijan.terms and named.trends == {(next(iter(azerbaijan.terms)), "down")}
    assert own.forces == armenia.terms and own.trends == {(next(iter(armenia.terms)), "up")}
    assert negated.trends == set()  # "did not decline" is no decline


def test_a_negation_flips_the_first_outcome_after_it_only() -> None:
    (features,) = build_features(["لم ينسحب الجيش من أي منطقة حررها"])
    # Did not pull back (held ground) and took the areas: both gains, no repelled attack.
    assert features.outcomes == {"gain"}
    assert features.negated == {"=retreat"}


def test_features_read_quantities_months_places_and_outcomes() -> None:
    first, second = build_features(
        [
            "وأكدت الوزارة تدمير عشر دبابات قرب مدينة فضولي في 27 أيلول",
            "لم تتمكن القوات من السيطرة على قرية تاليش في 3 تشرين الأول وسقط 1.5 ألف قتيل",
        ]
    )
    assert {("دباب", "10"), ("@9", "27")} <= first.quantities
    assert first.outcomes == {"loss"}
    assert len(first.places) == 1
    assert ("@10", "3") in second.quantities
    assert "1500" in second.numbers
    assert second.denial == 1
    assert "repel" in second.outcomes  # "could not take" is a repelled attack
