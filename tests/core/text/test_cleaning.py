"""The cleaning pipeline: debris off, wrapped lines joined, offsets exact."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_annotator.core.text.cleaning import (
    CleanResult,
    Signature,
    clean_article_text,
    extract_signature,
    find_credits,
    guess_title,
)

# Short fixture sentences written for these tests (not from any article).
S1 = "قال المتحدث باسم الوزارة إن الهدنة صامدة حتى الآن."
S2 = "وأضاف أن المحادثات ستستأنف في جنيف يوم الاثنين المقبل."
S3 = "ونفى الجيش تقارير عن قصف مناطق سكنية قرب الحدود."


def clean(raw: str) -> str:
    return clean_article_text(raw).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # characters: NFC, invisible controls, spaces, line ends
        ("قا\u0627\u0654ل", "قاأل"),
        ("قال\u200b المتحدث\u200f.", "قال المتحدث."),
        ("\ufeff\u202bخبر عاجل\u202c.", "خبر عاجل."),
        ("مي\u200cخواهم", "مي\u200cخواهم"),  # ZWNJ inside a Persian word stays
        ("كلمة\u200c تليها", "كلمة تليها"),  # ZWNJ before a space goes
        ("قال   الوزير\t\tإن\u00a0الوضع هادئ.", "قال الوزير إن الوضع هادئ."),
        ("  سطر أول.  \r\nسطر ثان.\r", "سطر أول.\nسطر ثان."),
        (f"{S1}\n\n\n\n{S2}\n\n", f"{S1}\n\n{S2}"),
        # hard-wrapped lines are joined, paragraphs and list items kept
        (
            f"{S1}\nقال المتحدث باسم الوزارة إن القوات\nتقدمت في ثلاثة محاور، ثم\nتوقفت.",
            f"{S1}\nقال المتحدث باسم الوزارة إن القوات تقدمت في ثلاثة محاور، ثم توقفت.",
        ),
        (f"{S1}\n{S2}", f"{S1}\n{S2}"),
        (f"{S1}\n\n{S2}", f"{S1}\n\n{S2}"),
        (
            "وأوضح البيان أن الخسائر شملت ما يلي من معدات\n- دبابتان\n- ثلاث عربات",
            "وأوضح البيان أن الخسائر شملت ما يلي من معدات\n- دبابتان\n- ثلاث عربات",
        ),
        ("الوزير يزور جنيف لبحث الهدنة الجديدة\n" + S1, "الوزير يزور جنيف لبحث الهدنة الجديدة\n" + S1),
        (f"{S1}\nمحادثات جنيف\n{S2}", f"{S1}\nمحادثات جنيف\n{S2}"),
        # line ending with a quote or colon ends a sentence
        (f'وقال الوزير: "الوضع هادئ"\n{S2}', f'وقال الوزير: "الوضع هادئ"\n{S2}'),
    ],
)
def test_clean_article_text(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("debris", "reason"),
    [
        ("اقرأ أيضا: هدنة جديدة في الإقليم", "related link"),
        ("إقرأ ايضا: الوزير في جنيف", "related link"),
        ("اقرأ أيضاً - تقرير عن المعارك", "related link"),
        ("أضف تعليق", "comment prompt"),
        ("اضف تعليقك", "comment prompt"),
        ("12 تعليق", "comment prompt"),
        ("شارك | فيسبوك | تويتر | واتساب", "share buttons"),
        ("مشاركة الخبر", "share buttons"),
        ("اشترك في النشرة البريدية", "newsletter prompt"),
        ("اشترك في قائمتنا البريدية ليصلك كل جديد!", "newsletter prompt"),
        ("النشرة الإخبارية", "newsletter prompt"),
        ("الوضع الليلي", "dark/light mode toggle"),
        ("الوضع النهاري", "dark/light mode toggle"),
        ("شعار صحيفة الخبر", "logo alt text"),
        ("Logo", "navigation menu"),
        ("© 2024 جميع الحقوق محفوظة لموقع الخبر", "copyright footer"),
        ("نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا.", "cookie notice"),
        ("الرئيسية", "navigation menu"),
        ("الرئيسية | سياسة | اقتصاد | رياضة", "navigation menu"),
        ("الكلمات المفتاحية: هدنة، جنيف", "tag list"),
        ("مواضيع:", "tag list"),
        ("هدنة جديدة في الإقليم هدنة جديدة في الإقليم", "repeated link text"),
    ],
)
def test_debris_line_is_removed_with_reason(debris: str, reason: str) -> None:
    raw = f"{S1}\n{debris}\n{S2}"
    result = clean_article_text(raw)
    assert result.text == f"{S1}\n{S2}"
    removed = [span for span in result.removed if span.text.strip() == debris]
    assert [span.reason for span in removed] == [reason]


def test_navigation_menu_of_short_lines_is_removed() -> None:
    raw = f"سياسة\nاقتصاد\nرياضة\n\n{S1}\n{S2}"
    assert clean(raw) == f"{S1}\n{S2}"


def test_related_links_block_is_removed_up_to_the_blank_line() -> None:
    raw = f"{S1}\n\nاقرأ أيضا:\nهدنة جديدة في الإقليم\nالوزير يزور جنيف\n\n{S2}"
    assert clean(raw) == f"{S1}\n\n{S2}"


def test_hot_topics_block_at_the_end_is_removed() -> None:
    raw = f"{S1}\n{S2}\nمواضيع ساخنة\nخبر أول عن الطقس\nخبر ثان عن الأسعار"
    assert clean(raw) == f"{S1}\n{S2}"


@pytest.mark.parametrize(
    "sentence",
    [
        "وقال الوزير إنه لا يملك أي تعليق على التقارير الأخيرة.",
        "رفض المتحدث التعليق على الخبر.",
        "شعار الحملة الانتخابية كان واضحا للجميع هذا العام.",
        "وأكد أن مشاركة القوات في العملية كانت محدودة.",
        "وقال إن المستخدمين اشتركوا في النقاش حول السياسة الجديدة.",
        "سياسة الحكومة الجديدة تجاه النازحين أثارت جدلا واسعا.",
        "مواضيع النقاش شملت تبادل الأسرى وفتح الطرق.",
    ],
)
def test_article_sentences_that_mention_debris_words_survive(sentence: str) -> None:
    assert clean(f"{S1}\n{sentence}\n{S2}") == f"{S1}\n{sentence}\n{S2}"


def test_header_debris_around_the_title_is_removed() -> None:
    title = "الجيش يعلن السيطرة على ثلاث قرى جديدة"
    raw = (
        f"الوضع الليلي\nالسبت 3 / أكتوبر / 2020\n• {title}\nالجيش يعلن\nعاجل\n"
        f"{title} قائد الجيش في صورة أرشيفية\n\n{S1}\n{S2}"
    )
    result = clean_article_text(raw)
    assert result.text == f"السبت 3 / أكتوبر / 2020\n{title}\n\n{S1}\n{S2}"
    assert guess_title(result.text) == title


def test_trailing_link_titles_after_the_article_are_removed_but_credit_kept() -> None:
    raw = f"{S1}\n{S2}\n(الأناضول)\nالرئيس يلتقي الوفد الزائر\nمحادثات جديدة حول الحدود"
    assert clean(raw) == f"{S1}\n{S2}\n(الأناضول)"


def test_last_wrapped_paragraph_without_full_stop_is_not_taken_for_links() -> None:
    raw = f"{S1}\nوقال المسؤول إن الوفد سيعود إلى العاصمة بعد\nانتهاء جولة المحادثات الحالية"
    assert clean(raw) == f"{S1}\nوقال المسؤول إن الوفد سيعود إلى العاصمة بعد انتهاء جولة المحادثات الحالية"


def test_text_without_recognisable_body_is_left_alone() -> None:
    raw = "سطر قصير\nسطر آخر قصير"
    assert clean(raw) == raw


def test_removed_spans_point_into_the_raw_text() -> None:
    raw = f"الوضع الليلي\r\n{S1}\u200f\nأضف تعليق\n{S2}"
    result = clean_article_text(raw)
    assert [step.name for step in result.steps] == [
        "line_ends", "invisible_controls", "nfc", "spaces", "boilerplate",
        "header_footer", "wrapped_lines", "blank_lines",
    ]
    for span in result.removed:
        assert raw[span.start : span.end] == span.text
    reasons = {span.reason for span in result.removed}
    assert {"dark/light mode toggle", "comment prompt", "CRLF line end"} <= reasons


def test_offsets_map_back_to_raw_and_mark_joins() -> None:
    raw = f"{S1}\n  سطر طويل من الخبر ينتهي دون نقطة في آخره\nويكمل هنا."
    result = clean_article_text(raw)
    joined = [i for i in range(len(result.text)) if result.is_joined(i)]
    assert len(joined) == 1 and result.text[joined[0]] == " "
    assert raw[result.to_raw(joined[0])] == "\n"
    start = result.text.index("ويكمل")
    assert result.to_raw_span(start, start + 5) == (raw.index("ويكمل"), raw.index("ويكمل") + 5)
    with pytest.raises(IndexError):
        result.to_raw(len(result.text))


def test_empty_input() -> None:
    result = clean_article_text("")
    assert result.text == "" and result.removed == ()


_ALPHABET = st.sampled_from(
    list("قالوزيرإنهدنةأ ")
    + [" ", " ", "\n", "\n", "\r", "\t", "\u00a0", ".", "،", ":", '"', "\u200b", "\u200c",
       "\u200d", "\u200f", "\ufeff", "\u0654", "\u064b", "\u0301", "e", "\u2028"]
)
_PIECES = st.sampled_from(
    ["أضف تعليق", "الوضع الليلي", "اقرأ أيضا: ", "الرئيسية", "سياسة", S1, S2, "(الأناضول)",
     "كلمة كلمة", "• ", "- "]
)
_RAW = st.lists(st.one_of(_ALPHABET, _PIECES), max_size=60).map("".join)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200f\ufeff"))


def _norm(text: str) -> str:
    """What the character-level steps make of a raw span (for comparison)."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return "".join("\n" if ch in "\r\u2028" else " " if ch.isspace() and ch != "\n" else ch for ch in text)


@settings(max_examples=400, deadline=None)
@given(_RAW)
def test_every_kept_character_maps_to_its_raw_origin(raw: str) -> None:
    result: CleanResult = clean_article_text(raw)
    text = result.text
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text
    previous = -1
    for i, ch in enumerate(text):
        start, end = result.offsets.raw_extent(i)
        assert previous <= start, "offsets must not go backwards"
        previous = start
        if result.is_joined(i):
            assert ch == " " and raw[start:end].strip(" \t") in {"\n", "\r", "\u2028", "\r\n", ""}
            continue
        if end - start == 1:
            origin = raw[result.to_raw(i)]
            assert origin == ch or _norm(origin) == ch
        else:  # an NFC composition or a collapsed space run
            assert ch in _norm(raw[start:end])
    for span in result.removed:
        assert raw[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "outlet", "agencies", "kind"),
    [
        (f"{S1}\n\nالمصدر : الجزيرة + وكالات", "الجزيرة", ("وكالات",), "source_line"),
        (f"{S1}\nالمصدر: وكالة الأنباء الأذربيجانية", "وكالة الأنباء الأذربيجانية", (), "source_line"),
        (f"{S1}\n(الأناضول)", "الأناضول", ("الأناضول",), "closing_line"),
        (f"{S1}\n- وكالات", "وكالات", ("وكالات",), "closing_line"),
        (f"{S1}\nأ ف ب", "أ ف ب", ("أ ف ب",), "closing_line"),
        (f"{S1}\nرويترز", "رويترز", ("رويترز",), "closing_line"),
        (f"{S1}\nسبوتنيك", "سبوتنيك", ("سبوتنيك",), "closing_line"),
        (f"{S1}\nصحيفة الشرق نيوز_ وكالات", "صحيفة الشرق نيوز", ("وكالات",), "closing_line"),
        (f"الشرق نيوز :- {S1}\n{S2}", "الشرق نيوز", (), "dateline"),
    ],
)
def test_extract_signature(text: str, outlet: str, agencies: tuple[str, ...], kind: str) -> None:
    signature = extract_signature(text)
    assert signature is not None
    assert (signature.outlet, signature.agencies, signature.kind) == (outlet, agencies, kind)
    assert outlet in text[signature.start : signature.end]


def test_no_signature_in_plain_body() -> None:
    assert extract_signature(f"{S1}\n{S2}\n{S3}") is None


def test_source_line_wins_over_dateline() -> None:
    credits = find_credits(f"الشرق نيوز :- {S1}\n{S2}\nالمصدر: رويترز")
    assert [c.kind for c in credits] == ["source_line", "dateline"]
    assert isinstance(credits[0], Signature) and credits[0].outlet == "رويترز"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"الوزير يزور جنيف لبحث الهدنة\n\n{S1}", "الوزير يزور جنيف لبحث الهدنة"),
        (f"هل تصمد الهدنة في الإقليم؟\n{S1}", "هل تصمد الهدنة في الإقليم؟"),
        (f"الوزير يزور جنيف (صورة: أرشيف)\n{S1}", "الوزير يزور جنيف"),
        (f"الوزير يزور جنيف الصورة: الوزير في المطار\n{S1}", "الوزير يزور جنيف"),
        (f"الخميس 8 أكتوبر 2020\nالوزير يزور جنيف\n{S1}", "الوزير يزور جنيف"),
        (f"{S1}\n{S2}", None),
        ("", None),
        ("عاجل", None),
    ],
)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title
