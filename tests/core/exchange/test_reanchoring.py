"""Statements find their place again when the article text changed, or are listed; never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.storage.database import Database
from karabakh_annotator.core.storage.models import Event
from karabakh_annotator.core.text.anchors import quote_context
from karabakh_annotator.core.text.reanchor import Anchorer, Found
from tests.core.conftest import span_of
from tests.core.exchange.conftest import mark

OLD = (
    "قال المتحدث باسم الوزارة إن القوات صدت هجوما قرب شوشا.\n"
    "وأضاف أن الوضع هادئ الآن على طول خط التماس.\n"
    "ونفى الجانب الآخر وقوع أي هجوم في المنطقة."
)


def _place(new_text: str, quote: str, old_text: str = OLD) -> tuple[str, Found] | None:
    start, end = span_of(old_text, quote)
    prefix, suffix = quote_context(old_text, start, end)
    placed = Anchorer(new_text).place(quote, prefix, suffix, start)
    return (new_text[placed.start : placed.end], placed.found) if placed else None


@pytest.mark.parametrize(
    ("new_text", "quote", "expected"),
    [
        # Same text: the old offsets still hold.
        (OLD, "صدت هجوما قرب شوشا", ("صدت هجوما قرب شوشا", Found.UNCHANGED)),
        # A line added above: the exact quote, further on.
        ("عاجل 🚨\n" + OLD, "صدت هجوما قرب شوشا", ("صدت هجوما قرب شوشا", Found.EXACT)),
        # Hard-wrapped line re-joined and a haraka added: normalised match.
        (
            OLD.replace("الوضع هادئ", "الوضعُ\nهادئ"),
            "الوضع هادئ الآن",
            ("الوضعُ\nهادئ الآن", Found.NORMALISED),
        ),
        # A word inside the quote corrected: found between its prefix and suffix.
        (
            OLD.replace("صدت هجوما", "صدت هجوما عنيفا"),
            "إن القوات صدت هجوما قرب شوشا",
            ("إن القوات صدت هجوما عنيفا قرب شوشا", Found.CONTEXT),
        ),
        # The sentence is gone: not placed.
        (OLD.replace("ونفى الجانب الآخر وقوع أي هجوم في المنطقة.", "انتهى."), "وقوع أي هجوم", None),
    ],
)
def test_quote_is_found_again(new_text: str, quote: str, expected: tuple[str, Found] | None) -> None:
    assert _place(new_text, quote) == expected


def test_of_two_occurrences_the_one_with_matching_context_wins() -> None:
    text = "قالت الوزارة: الهجوم فشل. ثم قالت الوزارة مرة أخرى: الهجوم فشل تماما."
    second = text.rindex("الهجوم فشل")
    prefix, suffix = quote_context(text, second, second + len("الهجوم فشل"))
    # The text before both changed; the context still picks the second.
    new_text = "تحديث: " + text
    placed = Anchorer(new_text).place("الهجوم فشل", prefix, suffix, 0)
    assert placed is not None and placed.start == new_text.rindex("الهجوم فشل")


def test_of_equal_candidates_the_closest_to_the_old_offset_wins() -> None:
    text = "نعم. " * 10
    placed = Anchorer("x" + text).place("نعم.", "", "", 20)
    assert placed is not None and placed.start == 21


# -- through an import ------------------------------------------------------

ARTICLE = (
    "قال المتحدث باسم وزارة الدفاع إن القوات صدت هجوما قرب شوشا فجر الأحد.\n"
    "وأضاف المتحدث أن الوحدات الهندسية أزالت الألغام من الطريق الرئيسي.\n"
    "ونفت الوزارة الأخرى أن تكون قواتها قد شنت أي هجوم في تلك المنطقة."
)
# The same article cleaned again: a dateline added, a line re-joined, the
# last sentence lost to a changed footer rule.
CHANGED = (
    "شوشا (وكالات) - "
    + ARTICLE.replace("وأضاف المتحدث أن الوحدات", "وأضاف المتحدث أن\nالوحدات").rsplit("\n", 1)[0]
    + "\nالمزيد من الأخبار لاحقا."
)


def _store(services: Services, text: str) -> int:
    outcome = services.articles.store_article(
        ParsedArticle(text=text, raw=text.encode(), source_file="شوشا.txt", title="هجوم قرب شوشا", outlet="وكالة")
    )
    assert outcome.article_id is not None
    return outcome.article_id


@pytest.fixture
def export_file(services: Services, exchange: ExchangeService, tmp_path: Path) -> Path:
    article = _store(services, ARTICLE)
    mark(services, article, ARTICLE, "إن القوات صدت هجوما قرب شوشا", "ليلى", cue="قال")
    mark(services, article, ARTICLE, "أن الوحدات الهندسية أزالت الألغام", "ليلى")
    mark(services, article, ARTICLE, "أن تكون قواتها قد شنت أي هجوم", "عمر", cue="نفت")
    path = tmp_path / "export.jsonl"
    exchange.export_jsonl(path)
    return path


@pytest.mark.parametrize("file_format", ["jsonl", "csv"])
def test_changed_article_text_moves_statements_and_lists_the_unplaceable(
    services: Services, exchange: ExchangeService, fresh: Database, export_file: Path, tmp_path: Path, file_format: str
) -> None:
    other = build_services(fresh)
    target = _store(other, CHANGED)
    source = export_file
    if file_format == "csv":
        source = tmp_path / "export.csv"
        exchange.export_csv(source)
    report = ExchangeService(fresh.sessions).import_annotations(source)

    assert report.mode == "merge"
    placed = other.statements.statements_for_article(target)
    assert [s.quote for s in placed] == [
        "إن القوات صدت هجوما قرب شوشا",
        "أن\nالوحدات الهندسية أزالت الألغام",
    ]
    assert all(CHANGED[s.start : s.end] == s.quote for s in placed)
    assert all((s.prefix, s.suffix) == quote_context(CHANGED, s.start, s.end) for s in placed)
    assert [(m.found, m.statement_id) for m in report.moved] == [("exact", placed[0].id), ("normalised", placed[1].id)]
    # The denial's sentence is gone from this text: listed with its quote, not dropped silently.
    assert [(u.quote, u.article) for u in report.unplaced] == [("أن تكون قواتها قد شنت أي هجوم", "هجوم قرب شوشا")]
    assert report.unplaced[0].line > 1 and not report.complete
    assert report.created["statement"] == 2


def test_reanchored_statements_are_logged_and_a_second_import_adds_nothing(
    services: Services, fresh: Database, export_file: Path
) -> None:
    other = build_services(fresh)
    _store(other, CHANGED)
    exchange = ExchangeService(fresh.sessions)
    exchange.import_annotations(export_file, analyst="سارة")
    again = exchange.import_annotations(export_file, analyst="سارة")
    assert "statement" not in again.created and again.present["statement"] == 2
    assert len(again.unplaced) == 1
    with fresh.sessions() as session:
        actions = [e.action for e in session.scalars(select(Event).where(Event.entity_type == "statement"))]
    assert actions.count("reanchor") == 2 and actions.count("import") == 2
