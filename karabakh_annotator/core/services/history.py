"""The event log read back: per claim, per statement, and the whole database's activity."""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.records import EventRecord
from karabakh_annotator.core.services.change_feed import ChangeMark, OutsideChanges, changes_since, current_mark
from karabakh_annotator.core.storage.models import Analyst, Event, Evidence


def _records(session: Session, query: Select[Event, str]) -> list[EventRecord]:
    return [
        EventRecord(e.id, e.at, name, e.action, e.entity_type, e.entity_id, e.field, e.old_value, e.new_value)
        for e, name in session.execute(query)
    ]


def _with_names() -> Select[Event, str]:
    return select(Event, Analyst.name).outerjoin(Analyst, Event.analyst_id == Analyst.id)


class HistoryService:
    """Read-only views of the append-only event log."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def for_claim(self, claim_id: int) -> list[EventRecord]:
        """Everything that happened to a claim and its evidence, oldest first."""
        evidence_ids = select(Evidence.id).where(Evidence.claim_id == claim_id).scalar_subquery()
        query = (
            _with_names()
            .where(
                or_(
                    (Event.entity_type == "claim") & (Event.entity_id == claim_id),
                    (Event.entity_type == "evidence") & Event.entity_id.in_(evidence_ids),
                )
            )
            .order_by(Event.id)
        )
        with self._sessions() as session:
            return _records(session, query)

    def for_statement(self, statement_id: int) -> list[EventRecord]:
        """Everything that happened to a statement, oldest first."""
        query = (
            _with_names()
            .where(Event.entity_type == "statement", Event.entity_id == statement_id)
            .order_by(Event.id)
        )
        with self._sessions() as session:
            return _records(session, query)

    def activity(self, limit: int = 200, before_id: int | None = None, analyst: str | None = None) -> list[EventRecord]:
        """The newest events across the database (page back with `before_id`), optionally one analyst's."""
        query = _with_names().order_by(Event.id.desc()).limit(limit)
        if before_id is not None:
            query = query.where(Event.id < before_id)
        if analyst is not None:
            query = query.where(Analyst.name == analyst)
        with self._sessions() as session:
            return _records(session, query)

    def analysts(self) -> list[str]:
        """Every analyst who ever made a change, alphabetically."""
        with self._sessions() as session:
            return sorted(session.scalars(select(Analyst.name)))

    def change_mark(self) -> ChangeMark:
        """Where the database is now, to ask later what changed since (see change_feed)."""
        with self._sessions() as session:
            return current_mark(session)

    def changes_since(self, mark: ChangeMark, ignore_analyst: str | None = None) -> OutsideChanges:
        """What was changed (in any process) after `mark`, but not by `ignore_analyst`, and the new mark."""
        with self._sessions() as session:
            return changes_since(session, mark, ignore_analyst)
