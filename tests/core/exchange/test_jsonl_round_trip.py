"""JSONL holds the whole database: export, restore into a new database, export again: the same bytes."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.exchange_schema import EXPORTED_TABLES, NOT_EXPORTED
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.storage.database import SCHEMA_HEAD, Database, open_database
from karabakh_annotator.core.storage.models import Article, Base
from tests.core.conftest import span_of
from tests.core.exchange.conftest import DENIAL_TEXT, FRONT_QUOTE, FRONT_TEXT, TALKS_TEXT, Desk


def test_export_restore_export_is_byte_identical(
    exchange: ExchangeService, desk: Desk, fresh: Database, tmp_path: Path
) -> None:
    first = tmp_path / "first.jsonl"
    exchange.export_jsonl(first)
    report = ExchangeService(fresh.sessions).import_annotations(first)
    second = tmp_path / "second.jsonl"
    ExchangeService(fresh.sessions).export_jsonl(second)
    assert report.mode == "restore" and not report.unplaced and not report.moved
    assert second.read_bytes() == first.read_bytes()


def test_restore_keeps_ids_and_the_database_works_as_before(
    exchange: ExchangeService, desk: Desk, fresh: Database, tmp_path: Path
) -> None:
    path = tmp_path / "desk.jsonl"
    exchange.export_jsonl(path)
    report = ExchangeService(fresh.sessions).import_annotations(path)
    restored = build_services(fresh)
    assert report.created == {
        "label": 52, "analyst": 2, "entity": 2, "article": 3, "claim": 2, "statement": 4,
        "evidence": 2, "suggestion_decision": 1, "match_decision": 1, "event": 29,
    }
    statement = restored.statements.get_statement(desk.front_statement)
    assert (statement.quote, statement.speaker, statement.claim_id) == (
        FRONT_QUOTE, "وزارة الدفاع الأذربيجانية", desk.claim
    )
    assert restored.statements.get_statement(desk.deleted_statement).deleted
    claim = restored.claims.get_claim(desk.claim)
    assert (claim.status, claim.verdict, claim.rating_value, claim.drafted_by) == ("published", "false", 1, "ليلى")
    assert restored.claims.get_claim(desk.open_claim).assignee == "ليلى"
    entity = restored.entities.find_entity("وزارة دفاع أذربيجان")
    assert entity is not None and entity.id == desk.ministry and entity.source_type == "government"
    # Derived data is rebuilt: search finds the restored text, raw bytes and provenance survive.
    assert {hit.article_id for hit in restored.search.search("فضولي")} == {desk.front, desk.denial}
    assert restored.articles.get_article(desk.denial).text == DENIAL_TEXT
    with fresh.sessions() as session:
        article = session.get(Article, desk.denial)
        assert article is not None and article.raw == DENIAL_TEXT.encode() and article.raw_encoding == "windows-1256"
    staged = [label for label in restored.labels.labels(LabelSet.VERDICT, include_retired=True) if label.key == "staged"]
    assert staged and staged[0].retired and staged[0].name_ar == "مفبرك"
    # New work continues with fresh ids after the restored ones.
    start, end = span_of(TALKS_TEXT, "المحادثات")
    new, _ = restored.statements.mark_statement(desk.talks, start, end, "سارة")
    assert new.id == 5


def test_every_table_is_exported_or_rebuilt() -> None:
    exported = {name for name, _type in EXPORTED_TABLES}
    assert exported | set(NOT_EXPORTED) == set(Base.metadata.tables), "a new table must be exported or listed as derived"


def test_header_and_end_lines_frame_the_records(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "desk.jsonl"
    counts = exchange.export_jsonl(path)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and b"\r" not in path.read_bytes()
    header, end = json.loads(lines[0]), json.loads(lines[-2])
    assert header == {"type": "header", "format": "karabakh-annotator", "version": 1, "schema": SCHEMA_HEAD}
    assert end == {"type": "end", "counts": counts}
    types = [json.loads(line)["type"] for line in lines[1:-2]]
    assert types == sorted(types, key=[t for _n, t in EXPORTED_TABLES].index)
    article = json.loads(lines[types.index("article") + 1])
    assert base64.b64decode(article["raw"]) == FRONT_TEXT.encode()
    assert "💥" in article["text"]  # written as is, not \\u-escaped


# Characters an article may hold: any code point but NUL (which no database
# stores in text) and the surrogates (which are not characters), with control
# characters, bidi marks and emoji (outside the BMP) drawn often.
_TRICKY = st.sampled_from(list("\x01\x07\t\x0b\x0c\r\x1b\x7f\x85\u2028\u2029\u200f\u202e\ufeff\"\\'=+-@") + ["🛰", "𝔸", "🇦🇿"])
_CHARS = st.one_of(_TRICKY, st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty database file to copy (opening a copy skips the migrations)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    open_database(str(path)).dispose()
    return path


def _two_empty_databases(
    backend: str, folder: Path, empty_database: Path, request: pytest.FixtureRequest
) -> tuple[str, str]:
    if backend == "postgresql":
        server = request.getfixturevalue("postgres_databases")
        return server.acquire(), server.acquire()
    shutil.copy(empty_database, folder / "a.sqlite3")
    shutil.copy(empty_database, folder / "b.sqlite3")
    return str(folder / "a.sqlite3"), str(folder / "b.sqlite3")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(_CHARS, min_size=2, max_size=60).map("".join), data=st.data())
def test_any_statement_text_survives_the_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    empty_database: Path,
    backend: str,
    request: pytest.FixtureRequest,
    text: str,
    data: st.DataObject,
) -> None:
    assume(text.strip())  # an article needs some text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    folder = tmp_path_factory.mktemp("prop")
    first_url, second_url = _two_empty_databases(backend, folder, empty_database, request)
    first_db, second_db = open_database(first_url), open_database(second_url)
    try:
        services = build_services(first_db)
        outcome = services.articles.store_article(ParsedArticle(text=text, raw=text.encode(), source_file=text[:5]))
        assert outcome.article_id is not None
        services.statements.mark_statement(outcome.article_id, start, end, "ليلى", StatementPatch(note=text, cue=text[:3]))
        services.claims.create_claim(text[:75].strip() or "x", "ليلى")
        first, second = folder / "a.jsonl", folder / "b.jsonl"
        ExchangeService(first_db.sessions).export_jsonl(first)
        report = ExchangeService(second_db.sessions).import_annotations(first)
        ExchangeService(second_db.sessions).export_jsonl(second)
        assert report.complete and second.read_bytes() == first.read_bytes()
        restored = build_services(second_db).statements.statements_for_article(outcome.article_id)
        assert [(s.start, s.end, s.quote, s.note) for s in restored] == [(start, end, text[start:end], text)]
    finally:
        first_db.dispose()
        second_db.dispose()
        if backend == "postgresql":
            for url in (first_url, second_url):
                request.getfixturevalue("postgres_databases").release(url)


def test_a_file_from_an_older_schema_imports_with_defaults(
    exchange: ExchangeService, desk: Desk, fresh: Database, tmp_path: Path
) -> None:
    """Columns a later migration added (here the claim's assignee and drafter) may be missing."""
    current = tmp_path / "desk.jsonl"
    exchange.export_jsonl(current)
    old = []
    for line in current.read_text(encoding="utf-8").split("\n")[:-1]:
        record = json.loads(line)
        if record["type"] == "header":
            record["schema"] = "0006"
        elif record["type"] == "claim":
            del record["assignee_id"], record["drafted_by_id"]
        old.append(json.dumps(record, ensure_ascii=False))
    path = tmp_path / "old.jsonl"
    path.write_text("\n".join(old) + "\n", encoding="utf-8")
    report = ExchangeService(fresh.sessions).import_annotations(path)
    claim = build_services(fresh).claims.get_claim(desk.open_claim)
    assert report.created["claim"] == 2 and (claim.assignee, claim.drafted_by) == (None, None)
