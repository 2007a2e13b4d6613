"""Sentences, clauses and quotations of cleaned Arabic text, with offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karabakh_annotator.core.text.segment import Span, clauses, quotations, sentences

# Fixture sentences written for these tests.


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "قصفت المدفعية القرية. ونفى الجيش ذلك؟ نعم! انتهى؛ ثم بدأ",
            ["قصفت المدفعية القرية.", "ونفى الجيش ذلك؟", "نعم!", "انتهى؛", "ثم بدأ"],
            id="terminators",
        ),
        pytest.param("بلغ النمو 3.5 بالمئة و1.200 وظيفة. ثم تراجع", ["بلغ النمو 3.5 بالمئة و1.200 وظيفة.", "ثم تراجع"], id="numbers"),
        pytest.param("بلغ النمو ٣.٥ بالمئة. ثم تراجع", ["بلغ النمو ٣.٥ بالمئة.", "ثم تراجع"], id="arabic-indic-digits"),
        pytest.param("قال د. سمير إن الوضع هادئ. وغادر", ["قال د. سمير إن الوضع هادئ.", "وغادر"], id="arabic-abbreviation"),
        pytest.param("زار وفد من U.S. المدينة. ثم غادر", ["زار وفد من U.S. المدينة.", "ثم غادر"], id="latin-initials"),
        pytest.param("دمرت مدافع من طراز D-20 صباحا. وبعدها", ["دمرت مدافع من طراز D-20 صباحا.", "وبعدها"], id="model-name"),
        pytest.param("نشر موقع azvision.az الخبر. ثم حذفه", ["نشر موقع azvision.az الخبر.", "ثم حذفه"], id="domain"),
        pytest.param("اندلع النزاع عام 1988 م. وما زال", ["اندلع النزاع عام 1988 م.", "وما زال"], id="era-mark-ends"),
        pytest.param("انتهى الهجوم.وقال الجيش", ["انتهى الهجوم.", "وقال الجيش"], id="glued-by-scraper"),
        pytest.param("السطر الأول\nالسطر الثاني", ["السطر الأول", "السطر الثاني"], id="paragraph-break"),
        pytest.param("انتظروا... ثم تحركوا", ["انتظروا...", "ثم تحركوا"], id="ellipsis-once"),
        pytest.param(
            'وقال الوزير: "لن ننسحب. لن نتراجع." وأضاف أن القوات صامدة.',
            ['وقال الوزير: "لن ننسحب. لن نتراجع."', "وأضاف أن القوات صامدة."],
            id="straight-quotes-keep-their-full-stops",
        ),
        pytest.param(
            "وقال: «نحن هنا. باقون». ثم صمت.",
            ["وقال: «نحن هنا. باقون».", "ثم صمت."],
            id="guillemets",
        ),
        pytest.param(
            "قالت: “القصف توقف. الهدنة صامدة”، مضيفة أن الوضع هادئ.",
            ["قالت: “القصف توقف. الهدنة صامدة”، مضيفة أن الوضع هادئ."],
            id="curly-quotes-then-comma",
        ),
        pytest.param(
            'قال "بدأ الهجوم. انتهى\nالسطر التالي. والأخير',
            ['قال "بدأ الهجوم.', "انتهى", "السطر التالي.", "والأخير"],
            id="unclosed-quote-does-not-swallow",
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_sentence_offsets_point_into_the_text() -> None:
    text = "  أولا جملة.\n\n  ثانيا جملة أخرى؟  "
    second = text.index("ثانيا")
    assert sentences(text) == [Span(2, 12), Span(second, second + len("ثانيا جملة أخرى؟"))]


@given(st.text(alphabet=st.sampled_from(list("قال ا.؟!؛،\n\t\"«»“”3D-م ")), max_size=80))
def test_sentences_cover_every_non_space_character_in_order(text: str) -> None:
    spans = sentences(text)
    covered: set[int] = set()
    last = 0
    for span in spans:
        assert last <= span.start < span.end
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        covered.update(range(span.start, span.end))
        last = span.end
    assert {i for i, ch in enumerate(text) if not ch.isspace()} <= covered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('قال "نعم" ثم «لا»', ["نعم", "لا"], id="straight-and-guillemets"),
        pytest.param("قال “أولا” و„ثانيا“ و‹ثالثا›", ["أولا", "ثانيا", "ثالثا"], id="curly-low-and-single"),
        pytest.param('«قال "بسرعة" ثم مضى»', ['قال "بسرعة" ثم مضى', "بسرعة"], id="nested"),
        pytest.param("»معكوس« في النص", ["معكوس"], id="mirrored-by-rtl-editing"),
        pytest.param('علامة " وحيدة', [], id="unmatched"),
        pytest.param('يبدأ "هنا\nوينتهي" هناك', [], id="never-across-a-newline"),
    ],
)
def test_quotations(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in quotations(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "قال الوزير إن القوات تقدمت، مشيرا إلى أن المعارك مستمرة.",
            ["قال الوزير إن القوات تقدمت،", "مشيرا إلى أن المعارك مستمرة."],
            id="reporting-continuation",
        ),
        pytest.param("أولا، ثانيا, رابعا", ["أولا،", "ثانيا,", "رابعا"], id="arabic-and-latin-commas"),
        pytest.param("بلغ العدد 1,200 جندي", ["بلغ العدد 1,200 جندي"], id="thousands"),
        pytest.param(
            'وقال: "نعم، سنفعل"، ثم غادر',
            ['وقال: "نعم، سنفعل"،', "ثم غادر"],
            id="not-inside-quotations",
        ),
    ],
)
def test_clauses(text: str, expected: list[str]) -> None:
    (sentence,) = sentences(text)
    assert [text[c.start : c.end] for c in clauses(text, sentence)] == expected


def test_clauses_of_a_later_sentence_keep_article_offsets() -> None:
    text = "جملة أولى. ثم، بعد ذلك، انتهى"
    second = sentences(text)[1]
    parts = clauses(text, second)
    assert [text[c.start : c.end] for c in parts] == ["ثم،", "بعد ذلك،", "انتهى"]
    assert parts[0].start == second.start and parts[-1].end == second.end
