"""Marking, editing, resizing, deleting and restoring statements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes, StatementRecord
from karabakh_annotator.core.services.patches import StatementPatch, given_fields
from karabakh_annotator.core.services.to_records import STATEMENT_RELATIONS, statement_record
from karabakh_annotator.core.services.unit_of_work import (
    ServiceError,
    analyst_named,
    label_by_key,
    record_event,
)
from karabakh_annotator.core.services.versions import check_not_stale
from karabakh_annotator.core.storage.models import Article, Claim, Entity, Statement
from karabakh_annotator.core.text.anchors import quote_context

_LABEL_FIELDS = {
    "cue_class": LabelSet.CUE_CLASS,
    "stance": LabelSet.REPORTING_STANCE,
    "party": LabelSet.PARTY_ALIGNMENT,
}


@dataclass(frozen=True, slots=True)
class StatementEdit:
    """The statement after an edit, what changed, and the patch that undoes it."""

    statement: StatementRecord
    changes: Changes
    inverse: StatementPatch


@dataclass(frozen=True, slots=True)
class SpanEdit:
    """The statement after a resize, and its previous span for undo."""

    statement: StatementRecord
    changes: Changes
    previous_span: tuple[int, int]


def _with_relations(query: Select[Statement]) -> Select[Statement]:
    return query.options(*STATEMENT_RELATIONS)


_RELATION_FIELDS = {"speaker_id": "speaker", "claim_id": "claim"}


def _current_value(statement: Statement, name: str) -> Any:
    """A field's value as a patch states it (keys and ids), valid before a flush."""
    if name in _LABEL_FIELDS:
        label = getattr(statement, name)
        return label.key if label is not None else None
    if name in _RELATION_FIELDS:
        related = getattr(statement, _RELATION_FIELDS[name])
        return related.id if related is not None else None
    return getattr(statement, name)


class StatementService:
    """Every change to statements, each in its own transaction with event-log rows."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def mark_statement(
        self, article_id: int, start: int, end: int, analyst: str, patch: StatementPatch | None = None
    ) -> tuple[StatementRecord, Changes]:
        """Create a statement over article text[start:end], optionally with its labels."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            article = session.get(Article, article_id)
            if article is None:
                raise ServiceError(f"no article with id {article_id}")
            _check_span(article, start, end)
            prefix, suffix = quote_context(article.text, start, end)
            statement = Statement(
                article=article,
                start=start,
                end=end,
                quote=article.text[start:end],
                prefix=prefix,
                suffix=suffix,
                analyst=who,
            )
            session.add(statement)
            if patch is not None:
                self._apply(session, statement, patch)
            session.flush()
            record_event(session, who, "create", "statement", statement.id, new=[start, end, statement.quote])
            return self._finish(session, statement)

    def edit_statement(
        self, statement_id: int, patch: StatementPatch, analyst: str, based_on: StatementRecord | None = None
    ) -> StatementEdit:
        """Change the given fields; the returned inverse patch undoes exactly this edit.

        `based_on` is the statement as the analyst saw it: if someone changed
        a field this patch sets since then, EditConflict is raised and nothing
        is written (services/versions.py).
        """
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            statement = self._live(session, statement_id)
            mine = given_fields(patch)
            check_not_stale(
                session, "statement", statement.id, based_on, statement.version, _as_given(mine),
                lambda name: _current_value(statement, name), lambda: statement_record(statement),
            )
            before = {name: _current_value(statement, name) for name in mine}
            self._apply(session, statement, patch)
            changed = {
                name: old for name, old in before.items() if _current_value(statement, name) != old
            }
            for name, old in changed.items():
                record_event(
                    session, who, "edit", "statement", statement.id, name, old, _current_value(statement, name)
                )
            if changed:
                statement.updated_at = utc_now()
            record, changes = self._finish(session, statement)
            claims = {v for v in (before.get("claim_id"), record.claim_id) if v is not None and "claim_id" in changed}
            changes = changes | Changes(claims=frozenset(claims))
            return StatementEdit(record, changes, StatementPatch(**changed))

    def resize_statement(
        self, statement_id: int, start: int, end: int, analyst: str, based_on: StatementRecord | None = None
    ) -> SpanEdit:
        """Move a statement's span; quote, prefix and suffix follow the text.

        With `based_on`, a span someone else moved since is a conflict.
        """
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            statement = self._live(session, statement_id)
            check_not_stale(
                session, "statement", statement.id, based_on, statement.version, {"span": (start, end)},
                lambda _name: (statement.start, statement.end), lambda: statement_record(statement),
                seen=lambda record, _name: (record.start, record.end),
            )
            _check_span(statement.article, start, end)
            previous = (statement.start, statement.end)
            text = statement.article.text
            statement.start, statement.end, statement.quote = start, end, text[start:end]
            statement.prefix, statement.suffix = quote_context(text, start, end)
            statement.updated_at = utc_now()
            record_event(session, who, "resize", "statement", statement.id, "span", list(previous), [start, end])
            record, changes = self._finish(session, statement)
            return SpanEdit(record, changes, previous)

    def delete_statement(self, statement_id: int, analyst: str) -> tuple[StatementRecord, Changes]:
        """Soft-delete: the statement is hidden but kept, and can be restored."""
        return self._set_deleted(statement_id, analyst, deleted=True)

    def restore_statement(self, statement_id: int, analyst: str) -> tuple[StatementRecord, Changes]:
        """Bring back a soft-deleted statement."""
        return self._set_deleted(statement_id, analyst, deleted=False)

    def statements_for_article(self, article_id: int, include_deleted: bool = False) -> list[StatementRecord]:
        """The statements of one article in text order."""
        query = select(Statement).where(Statement.article_id == article_id)
        if not include_deleted:
            query = query.where(Statement.deleted_at.is_(None))
        with self._sessions() as session:
            rows = session.scalars(_with_relations(query.order_by(Statement.start, Statement.id)))
            return [statement_record(s) for s in rows]

    def statements_for_claim(self, claim_id: int) -> list[StatementRecord]:
        """The live statements carrying a claim, by article then text order."""
        query = select(Statement).where(Statement.claim_id == claim_id, Statement.deleted_at.is_(None))
        with self._sessions() as session:
            rows = session.scalars(_with_relations(query.order_by(Statement.article_id, Statement.start)))
            return [statement_record(s) for s in rows]

    def get_statement(self, statement_id: int) -> StatementRecord:
        """One statement, deleted or not."""
        with self._sessions() as session:
            statement = session.scalar(_with_relations(select(Statement).where(Statement.id == statement_id)))
            if statement is None:
                raise ServiceError(f"no statement with id {statement_id}")
            return statement_record(statement)

    # -- internals -------------------------------------------------------

    def _set_deleted(self, statement_id: int, analyst: str, deleted: bool) -> tuple[StatementRecord, Changes]:
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            statement = session.get(Statement, statement_id)
            if statement is None:
                raise ServiceError(f"no statement with id {statement_id}")
            if (statement.deleted_at is not None) != deleted:
                statement.deleted_at = utc_now() if deleted else None
                statement.updated_at = utc_now()
                record_event(session, who, "delete" if deleted else "restore", "statement", statement.id)
            return self._finish(session, statement)

    @staticmethod
    def _live(session: Session, statement_id: int) -> Statement:
        # Locked (on PostgreSQL) so a concurrent edit waits and then sees this one.
        statement = session.get(Statement, statement_id, with_for_update=True)
        if statement is None:
            raise ServiceError(f"no statement with id {statement_id}")
        if statement.deleted_at is not None:
            raise ServiceError(f"statement {statement_id} is deleted; restore it first")
        return statement

    @staticmethod
    def _apply(session: Session, statement: Statement, patch: StatementPatch) -> None:
        setters: dict[str, Callable[[Any], None]] = {
            "speaker_id": lambda v: setattr(statement, "speaker", _entity(session, v)),
            "claim_id": lambda v: setattr(statement, "claim", _claim(session, v)),
            "cue": lambda v: setattr(statement, "cue", (v or "").strip() or None),
            "note": lambda v: setattr(statement, "note", v),
        }
        for name, value in given_fields(patch).items():
            if name in _LABEL_FIELDS:
                setattr(statement, name, label_by_key(session, _LABEL_FIELDS[name], value))
            else:
                setters[name](value)

    @staticmethod
    def _finish(session: Session, statement: Statement) -> tuple[StatementRecord, Changes]:
        session.flush()
        session.refresh(statement)
        changes = Changes(articles=frozenset({statement.article_id}), statements=frozenset({statement.id}))
        return statement_record(statement), changes


def _as_given(fields: dict[str, Any]) -> dict[str, Any]:
    """A patch's values as the record states them (a cleared cue is None)."""
    if "cue" in fields:
        fields = fields | {"cue": (fields["cue"] or "").strip() or None}
    return fields


def _check_span(article: Article, start: int, end: int) -> None:
    if not 0 <= start < end <= len(article.text):
        raise ServiceError(
            f"span {start}..{end} is not inside article {article.id} (0..{len(article.text)})"
        )


def _entity(session: Session, entity_id: int | None) -> Entity | None:
    if entity_id is None:
        return None
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise ServiceError(f"no speaker entity with id {entity_id}")
    return entity


def _claim(session: Session, claim_id: int | None) -> Claim | None:
    if claim_id is None:
        return None
    claim = session.get(Claim, claim_id)
    if claim is None or claim.deleted_at is not None:
        raise ServiceError(f"no claim with id {claim_id}")
    return claim
