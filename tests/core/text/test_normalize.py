"""Arabic search normalisation and its map back to the original text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_annotator.core.text.normalize import (
    NormalizedText,
    normalize_for_search,
    normalize_query,
    tokens,
    word_tokens,
)


def hits(text: str, query: str) -> list[str]:
    """Original substrings that a normalised substring search highlights."""
    nt = normalize_for_search(text)
    needle = normalize_query(query)
    found: list[str] = []
    i = nt.text.find(needle)
    while i != -1:
        start, end = nt.span_to_original(i, i + len(needle))
        found.append(text[start:end])
        i = nt.text.find(needle, i + 1)
    return found


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        pytest.param("قَالَ", "قال", id="harakat"),
        pytest.param("أكّدَ", "اكد", id="shadda-and-hamza"),
        pytest.param("شكراً جزيلاً", "شكرا جزيلا", id="tanwin"),
        pytest.param("هٰذا", "هذا", id="superscript-alef"),
        pytest.param("الرَّحْمَٰنِ", "الرحمن", id="sukun-and-dagger-alef"),
        pytest.param("قُلْ ۚ هُوَ", "قل  هو", id="quranic-mark"),
        pytest.param("قـــال", "قال", id="tatweel"),
        pytest.param("أ إ آ ٱ ا", "ا ا ا ا ا", id="alef-forms"),
        pytest.param("مستشفى", "مستشفي", id="alef-maqsura"),
        pytest.param("مدينة", "مدينه", id="teh-marbuta"),
        pytest.param("مسؤول مسئول", "مسوول مسيول", id="hamza-carriers"),
        pytest.param("سماء", "سماء", id="lone-hamza-kept"),
        pytest.param("٠١٢٣٤٥٦٧٨٩", "0123456789", id="arabic-indic-digits"),
        pytest.param("۰۱۲۳۴۵۶۷۸۹", "0123456789", id="persian-digits"),
        pytest.param("کرد ایران", "كرد ايران", id="keheh-farsi-yeh"),
        pytest.param("AzVision NATO", "azvision nato", id="latin-casefold"),
        pytest.param("Straße", "strasse", id="casefold-expands"),
        pytest.param("ﻻ ﻷ ﻹ", "لا لا لا", id="lam-alef-ligatures"),
        pytest.param("ﺑﺎﻛﻮ", "باكو", id="presentation-forms"),
        pytest.param("ﷲ", "الله", id="allah-ligature"),
        pytest.param("ﷺ", "ﷺ", id="phrase-ligature-kept"),
        pytest.param("ﹰ", "", id="isolated-haraka-form"),
        pytest.param("باكو\u200f\u200bاليوم", "باكواليوم", id="zero-width-and-bidi"),
        pytest.param("\u202bنص\u202c \u2067نص\u2069 \ufeffنص \u061cنص", "نص نص نص نص", id="embeddings-isolates-bom-alm"),
        pytest.param("سطر\nسطر\tسطر\u00a0سطر", "سطر سطر سطر سطر", id="whitespace-to-space"),
        pytest.param("باكو  اليوم", "باكو  اليوم", id="whitespace-runs-kept"),
        pytest.param("", "", id="empty"),
        pytest.param("D-20 «قال»، 2020!", "d-20 «قال»، 2020!", id="punctuation-kept"),
    ],
)
def test_normalize_for_search(original: str, expected: str) -> None:
    assert normalize_for_search(original).text == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("  قَالَ\n\nالوزيرُ  ", "قال الوزير"),
        ("إلهام علييف", "الهام علييف"),
        ("ا\u0653", "ا"),  # decomposed madda: composed to آ, then folded
        ("E\u0301", "é"),  # decomposed Latin: composed like stored articles
        ("", ""),
    ],
)
def test_normalize_query(query: str, expected: str) -> None:
    assert normalize_query(query) == expected


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        pytest.param("ثم قَالَ الوزير", "قال", ["قَالَ"], id="diacritised"),
        pytest.param("ثم قـــال الوزير", "قال", ["قـــال"], id="tatweel-stretched"),
        pytest.param("قـَـالَ", "قال", ["قـَـالَ"], id="both"),
        pytest.param("أكّد وأكد واكد", "أكد", ["أكّد", "أكد", "اكد"], id="hamza-variants"),
        pytest.param("مؤكداً", "مؤكدا", ["مؤكداً"], id="trailing-tanwin-included"),
        pytest.param("في ٢٠٢٠ و2020", "2020", ["٢٠٢٠", "2020"], id="digits"),
        pytest.param("وكالة AzVision", "azvision", ["AzVision"], id="latin"),
        pytest.param("ﻷمن", "لامن", ["ﻷمن"], id="ligature"),
        pytest.param("ﻷمن", "ل", ["ﻷ"], id="hit-inside-ligature-takes-whole-character"),
        pytest.param("😀 قَالَ 😀 قال", "قال", ["قَالَ", "قال"], id="emoji"),
    ],
)
def test_query_highlights_original_characters(text: str, query: str, expected: list[str]) -> None:
    assert hits(text, query) == expected


def test_diacritised_and_stretched_forms_found_at_original_offsets() -> None:
    text = "وقال ثم قَالَ ثم قـــال"
    nt = normalize_for_search(text)
    starts = [i for i in range(len(nt.text)) if nt.text.startswith("قال", i)]
    assert [nt.span_to_original(i, i + 3) for i in starts] == [(1, 4), (8, 13), (17, 23)]
    assert text[8:13] == "قَالَ"
    assert text[17:23] == "قـــال"


def test_emoji_outside_bmp_does_not_shift_offsets() -> None:
    text = "🇦🇿 باكو 😀 قَالَ"
    assert [(tok, text[s:e]) for tok, s, e in tokens(text)] == [("باكو", "باكو"), ("قال", "قَالَ")]
    assert tokens(text)[1][1:] == (text.index("قَالَ"), len(text))


@pytest.mark.parametrize(
    ("text", "positions", "expected"),
    [
        # ق َ ا ل َ → قال: the diacritics belong to the letter before them.
        ("قَالَ", [0, 1, 2, 3], [0, 2, 3, 5]),
        # Removed characters at the start are skipped by position 0.
        ("\u200fقال", [0, 3], [1, 4]),
        # ß → ss: both normalised characters point at ß.
        ("aßb", [0, 1, 2, 3, 4], [0, 1, 1, 2, 3]),
        ("", [0], [0]),
    ],
)
def test_to_original(text: str, positions: list[int], expected: list[int]) -> None:
    nt = normalize_for_search(text)
    assert [nt.to_original(i) for i in positions] == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("قَالَ الوزيرُ", (0, 3), "قَالَ"),
        ("قَالَ الوزيرُ", (4, 10), "الوزيرُ"),
        ("قَالَ الوزيرُ", (1, 2), "ا"),
        ("aßb", (1, 2), "ß"),
        ("aßb", (2, 4), "ßb"),
        ("aßb", (2, 2), ""),
        ("باكو\u200f", (0, 4), "باكو\u200f"),
    ],
)
def test_span_to_original(text: str, span: tuple[int, int], expected: str) -> None:
    start, end = normalize_for_search(text).span_to_original(*span)
    assert text[start:end] == expected


@pytest.mark.parametrize("bad", [(-1, 0), (0, 99), (3, 2)])
def test_span_outside_text_is_an_error(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        normalize_for_search("قال").span_to_original(*bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("قَالَ الوزيرُ،", [("قال", "قَالَ"), ("الوزير", "الوزيرُ")], id="arabic"),
        pytest.param("أفاد AzVision", [("افاد", "أفاد"), ("azvision", "AzVision")], id="latin-word"),
        pytest.param("مدفع D-20 و S300", [("مدفع", "مدفع"), ("d", "D"), ("20", "20"), ("و", "و"), ("s", "S"), ("300", "300")], id="letters-and-digits-split"),
        pytest.param("وعالم23-9-2023", [("وعالم", "وعالم"), ("23", "23"), ("9", "9"), ("2023", "2023")], id="glued-by-scraper"),
        pytest.param("عام 1992م", [("عام", "عام"), ("1992", "1992"), ("م", "م")], id="year-suffix"),
        pytest.param("باكوBaku", [("باكو", "باكو"), ("baku", "Baku")], id="script-change-splits"),
        pytest.param("الـ78 ٢٠٢٤", [("ال", "الـ"), ("78", "78"), ("2024", "٢٠٢٤")], id="tatweel-before-digits"),
        pytest.param("Café", [("café", "Café")], id="accented-latin"),
        pytest.param("snake_case", [("snake", "snake"), ("case", "case")], id="underscore-splits"),
        pytest.param(" ،؛؟ ", [], id="no-words"),
    ],
)
def test_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(tok, text[s:e]) for tok, s, e in tokens(text)] == expected


def test_tokens_accepts_normalized_text() -> None:
    text = "قَالَ الوزيرُ"
    assert tokens(normalize_for_search(text)) == tokens(text)


# Arabic-heavy alphabet so that examples hit the interesting characters,
# plus arbitrary Unicode for everything else.
_ARABIC_ALPHABET = st.sampled_from(
    list("قالوزيرأإآٱىةؤئء٠١٩۰۹کیھ ـ\u064b\u064e\u0651\u0652\u0670\u06d6\u200f\u200b\ufeffﻻﻷﷲﷺﹰßİAzD-2😀\n")
)
_TEXT = st.lists(st.one_of(_ARABIC_ALPHABET, st.characters()), max_size=60).map("".join)


@settings(max_examples=400)
@given(_TEXT)
def test_offset_map_is_monotonic_and_complete(text: str) -> None:
    nt = normalize_for_search(text)
    mapped = [nt.to_original(i) for i in range(len(nt.text) + 1)]
    assert mapped == sorted(mapped)
    assert mapped[-1] == len(text)
    assert all(0 <= m <= len(text) for m in mapped)


@settings(max_examples=400)
@given(_TEXT)
def test_each_token_maps_back_to_text_that_normalises_to_it(text: str) -> None:
    nt = normalize_for_search(text)
    # Normalised text is a fixed point, so its tokens' offsets are positions
    # in nt.text; map each one back with span_to_original.
    expected = []
    for tok, start, end in tokens(nt.text):
        o_start, o_end = nt.span_to_original(start, end)
        assert normalize_for_search(text[o_start:o_end]).text == tok
        expected.append((tok, o_start, o_end))
    assert tokens(nt) == tokens(text) == expected


@settings(max_examples=200)
@given(_TEXT)
def test_normalisation_is_idempotent_and_matches_query_side(text: str) -> None:
    once = normalize_for_search(text).text
    assert normalize_for_search(once).text == once
    composed = unicodedata.normalize("NFC", text)
    assert normalize_query(text) == " ".join(normalize_for_search(composed).text.split())


def test_normalized_text_is_frozen() -> None:
    nt = normalize_for_search("قال")
    with pytest.raises(AttributeError):
        nt.text = "x"  # type: ignore[misc]
    assert isinstance(nt, NormalizedText)


@pytest.mark.parametrize(
    "text",
    ["قَالَ المتحدثُ إنّ القوات صدّت هجوم D-20", "وعالم23-9-2023 | 15:05", "إطلاق النار 🙂 في آذار", ""],
)
def test_word_tokens_equal_the_tokens_with_offsets(text: str) -> None:
    assert word_tokens(text) == [token for token, _, _ in tokens(text)]
