"""Rules the database schema alone cannot state, checked before every flush."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.storage.models import Article, Event, Statement


class IntegrityViolation(ValueError):
    """A write that would leave the database dishonest; nothing was written."""


def _check_statement(statement: Statement) -> None:
    article = statement.article
    if article is None:
        raise IntegrityViolation("a statement needs an article")
    text = article.text
    if not 0 <= statement.start < statement.end <= len(text):
        raise IntegrityViolation(
            f"statement offsets {statement.start}..{statement.end} lie outside "
            f"article {article.id} ({len(text)} characters)"
        )
    if statement.quote != text[statement.start : statement.end]:
        raise IntegrityViolation(
            f"statement quote does not equal article {article.id} text at {statement.start}..{statement.end}"
        )


def _check_article_unchanged(article: Article) -> None:
    history = inspect(article).attrs.text.history
    if history.deleted:
        raise IntegrityViolation(f"article {article.id} text is immutable")


def _check_no_nul(obj: object) -> None:
    """PostgreSQL cannot store U+0000 in text; refuse it on every database alike."""
    state = inspect(obj)
    for attribute in state.mapper.column_attrs:
        value = state.dict.get(attribute.key)
        if isinstance(value, str) and "\x00" in value:
            where = f"{state.mapper.local_table.name}.{attribute.key}"
            raise IntegrityViolation(f"{where} contains a NUL character (U+0000), which cannot be stored; remove it")


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.new:
        _check_no_nul(obj)
        if isinstance(obj, Statement):
            _check_statement(obj)
    for obj in session.dirty:
        if session.is_modified(obj):
            _check_no_nul(obj)
        if isinstance(obj, Statement) and session.is_modified(obj):
            _check_statement(obj)
        elif isinstance(obj, Article):
            _check_article_unchanged(obj)
        elif isinstance(obj, Event) and session.is_modified(obj):
            raise IntegrityViolation("the event log is append-only")
    for obj in session.deleted:
        if isinstance(obj, Event):
            raise IntegrityViolation("the event log is append-only")
        if isinstance(obj, Article | Statement):
            raise IntegrityViolation(f"{type(obj).__name__.lower()}s are never hard-deleted")


def install_integrity_checks(factory: sessionmaker[Session]) -> None:
    """Make every session of `factory` refuse dishonest writes."""
    event.listen(factory, "before_flush", _before_flush)
