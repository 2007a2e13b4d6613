"""The schema and the flush checks refuse data that would be dishonest."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DataError, IntegrityError

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.storage.database import Database, open_database
from karabakh_annotator.core.storage.integrity import IntegrityViolation
from karabakh_annotator.core.storage.models import Analyst, Article, Event, Label, Statement
from tests.core.conftest import ARTICLE_TEXT


def _article(session, text: str = ARTICLE_TEXT, digest: str = "h1") -> Article:
    article = Article(text=text, raw=text.encode(), content_hash=digest)
    session.add(article)
    session.flush()
    return article


def _analyst(session) -> Analyst:
    analyst = Analyst(name="rania")
    session.add(analyst)
    session.flush()
    return analyst


def test_default_label_sets_are_seeded_in_both_languages(database: Database) -> None:
    with database.sessions() as session:
        verdicts = {label.key: label for label in session.scalars(select(Label).where(Label.label_set == "verdict"))}
    assert verdicts["false"].name_ar == "زائف"
    assert verdicts["true"].rating_value == 5
    assert set(verdicts) >= {"true", "mostly_true", "mixed", "misleading", "false", "unverifiable", "satire", "opinion", "outdated"}
    assert [label.position for label in sorted(verdicts.values(), key=lambda l: l.position)] == list(range(len(verdicts)))


def test_sqlite_runs_with_foreign_keys_and_wal(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "pragmas.sqlite3"))
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    database.dispose()


def test_statement_quote_must_equal_the_article_slice(database: Database) -> None:
    with pytest.raises(IntegrityViolation, match="quote does not equal"):
        with database.sessions.begin() as session:
            article, analyst = _article(session), _analyst(session)
            session.add(Statement(article=article, start=0, end=6, quote="وزارة!", analyst=analyst))


def test_statement_offsets_must_lie_inside_the_text(database: Database) -> None:
    with pytest.raises(IntegrityViolation, match="outside"):
        with database.sessions.begin() as session:
            article, analyst = _article(session), _analyst(session)
            end = len(ARTICLE_TEXT) + 3
            session.add(Statement(article=article, start=len(ARTICLE_TEXT) - 2, end=end, quote="x" * 5, analyst=analyst))


def test_database_checks_span_even_without_the_orm_checks(database: Database) -> None:
    with database.sessions.begin() as session:
        article, analyst = _article(session), _analyst(session)
        ids = (article.id, analyst.id)
    # PostgreSQL checks constraints in name order: the quote length one fires first.
    with pytest.raises(IntegrityError, match="span_not_empty|quote_matches_span"):
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    'INSERT INTO statements (article_id, start, "end", quote, prefix, suffix, analyst_id, note, created_at, updated_at) '
                    "VALUES (:a, 5, 3, 'abc', '', '', :u, '', '2026-01-01', '2026-01-01')"
                ),
                {"a": ids[0], "u": ids[1]},
            )


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    'INSERT INTO statements (article_id, start, "end", quote, prefix, suffix, analyst_id, note, created_at, updated_at) '
                    "VALUES (999, 0, 1, 'x', '', '', 999, '', '2026-01-01', '2026-01-01')"
                )
            )


def test_content_hash_is_unique(database: Database) -> None:
    with pytest.raises(IntegrityError, match="(?i)unique"):
        with database.sessions.begin() as session:
            _article(session, digest="same")
            _article(session, text="نص آخر", digest="same")


def test_article_text_is_immutable(database: Database) -> None:
    with database.sessions.begin() as session:
        article_id = _article(session).id
    with pytest.raises(IntegrityViolation, match="immutable"):
        with database.sessions.begin() as session:
            session.get(Article, article_id).text = "نص مختلف"
    with database.sessions() as session:
        assert session.get(Article, article_id).text == ARTICLE_TEXT


def test_event_log_is_append_only(database: Database) -> None:
    with database.sessions.begin() as session:
        session.add(Event(action="create", entity_type="claim", entity_id=1))
    with pytest.raises(IntegrityViolation, match="append-only"):
        with database.sessions.begin() as session:
            session.scalars(select(Event)).one().new_value = "rewritten"
    with pytest.raises(IntegrityViolation, match="append-only"):
        with database.sessions.begin() as session:
            session.delete(session.scalars(select(Event)).one())


@pytest.mark.parametrize(("length", "accepted"), [(75, True), (76, False)])
def test_claim_summary_is_limited_to_75_characters(database: Database, length: int, accepted: bool) -> None:
    with database.sessions.begin() as session:
        analyst_id = _analyst(session).id
    insert = text(
        "INSERT INTO claims (summary, status_id, created_by_id, explanation, created_at, updated_at) "
        "VALUES (:s, 1, :a, '', '2026-01-01', '2026-01-01')"
    )
    if accepted:
        with database.engine.begin() as connection:
            connection.execute(insert, {"s": "ب" * length, "a": analyst_id})
        return
    # SQLite does not enforce VARCHAR lengths, so the check constraint does;
    # PostgreSQL's VARCHAR(75) refuses the value first.
    with pytest.raises((IntegrityError, DataError), match="summary_length|too long for type character varying"):
        with database.engine.begin() as connection:
            connection.execute(insert, {"s": "ب" * length, "a": analyst_id})


def test_a_nul_character_is_refused_by_name_on_every_database(services: Services, article_id: int) -> None:
    """PostgreSQL cannot store U+0000: refused before the flush, alike on SQLite, and nothing changes."""
    record, _ = services.statements.mark_statement(article_id, 0, 5, "amira")
    with pytest.raises(ValueError, match=r"statements\.note contains a NUL character"):
        services.statements.edit_statement(record.id, StatementPatch(note="قبل\x00بعد"), "amira")
    with pytest.raises(ValueError, match=r"claims\.summary contains a NUL character"):
        services.claims.create_claim("ادعاء\x00", "amira", [record.id])
    assert services.statements.get_statement(record.id).note == ""
    assert services.statements.get_statement(record.id).claim_id is None
