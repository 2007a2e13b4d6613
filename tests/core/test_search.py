"""Normalised search: offsets into the stored text, phrases, prefixes, statements, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.text.normalize import normalize_for_search, tokens
from karabakh_annotator.core.text.search_query import Term, find_spans_in, find_term_spans, parse_query
from karabakh_annotator.main import main

VOCALISED = "قَالَ المُتَحَدِّثُ إِنَّ القُوّاتِ صَدَّتْ هُجُوماً."
STRETCHED = "وقـــال مصدر عسكري إن الهجـــوم فشل قرب مدينة أغـدام."
PLAIN = "قال الوزير إن المحادثات ستبدأ في ٢٧ سبتمبر بمشاركة AzVision والمراقبين."


@pytest.fixture
def stored(services: Services) -> dict[str, int]:
    ids = {}
    for name, text in {"vocalised": VOCALISED, "stretched": STRETCHED, "plain": PLAIN}.items():
        outcome = services.articles.store_article(ParsedArticle(text, text.encode(), f"{name}.txt"))
        assert outcome.article_id is not None
        ids[name] = outcome.article_id
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("قال", {("vocalised", "قَالَ"), ("plain", "قال")}),
        ("القوات", {("vocalised", "القُوّاتِ")}),
        ("الهجوم", {("stretched", "الهجـــوم")}),
        ("اغدام", {("stretched", "أغـدام")}),
        ("27", {("plain", "٢٧")}),
        ("azvision", {("plain", "AzVision")}),
        ('"المتحدث ان"', {("vocalised", "المُتَحَدِّثُ إِنَّ")}),
        ("هجوم*", {("vocalised", "هُجُوماً")}),
    ],
)
def test_hits_highlight_the_original_characters(
    services: Services, stored: dict[str, int], query: str, expected: set[tuple[str, str]]
) -> None:
    texts = {stored[name]: text for name, text in {"vocalised": VOCALISED, "stretched": STRETCHED, "plain": PLAIN}.items()}
    names = {v: k for k, v in stored.items()}
    hits = services.search.search(query)
    assert {(names[h.article_id], texts[h.article_id][h.start : h.end]) for h in hits} == expected
    for hit in hits:
        assert f"[{texts[hit.article_id][hit.start:hit.end]}]" in hit.snippet


def test_all_words_must_match_and_unknown_words_find_nothing(services: Services, stored: dict[str, int]) -> None:
    assert {h.article_id for h in services.search.search("قال الوزير")} == {stored["plain"]}
    assert services.search.search("بيراموف") == []
    assert services.search.search("   ") == []


def test_a_hit_inside_a_statement_names_it(services: Services, stored: dict[str, int]) -> None:
    start = PLAIN.index("المحادثات")
    statement, _ = services.statements.mark_statement(stored["plain"], start, start + 30, "rania")
    hit = services.search.search("المحادثات")[0]
    assert hit.statement_id == statement.id
    assert services.search.search("الوزير")[0].statement_id is None


def test_parse_query_handles_phrases_prefixes_and_normalisation() -> None:
    assert parse_query('أَحمد "وزير   الدفاع" قره*').terms == (
        Term(("احمد",)),
        Term(("وزير", "الدفاع")),
        Term(("قره",), prefix=True),
    )


def test_cli_search_json(tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "خبر عاجل.txt"
    article.write_text(STRETCHED, encoding="utf-8")
    db = database_url
    assert main(["import", str(article), "--db", db]) == 0
    capsys.readouterr()
    assert main(["search", "الهجوم", "--json", "--db", db]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits == [
        {
            "article": 1,
            "start": STRETCHED.index("الهجـــوم"),
            "end": STRETCHED.index("الهجـــوم") + len("الهجـــوم"),
            "snippet": "وقـــال مصدر عسكري إن [الهجـــوم] فشل قرب مدينة أغـدام.",
            "statement": None,
        }
    ]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["قال", "قَالَ", "قـال", "الوزير", "وزير", "D-20", "20", "وعالم23", "،", " ", "\n", "AzVision", "ى", "ي"]),
        max_size=30,
    ).map(" ".join),
    query=st.sampled_from(["قال", "وزير*", '"قال الوزير"', "20", "d 20", "وعالم", "ي", "azvision", '"الوزير قال"*']),
)
def test_fast_span_finder_agrees_with_the_token_reference(text: str, query: str) -> None:
    parsed = parse_query(query)
    assert find_spans_in(normalize_for_search(text), parsed) == find_term_spans(tokens(text), parsed)
