"""Optimistic concurrency: an edit names what its analyst saw, and is refused if that changed.

Statements and claims carry a version, raised by every update (the ORM's
version_id_col also refuses an UPDATE whose row changed under it). An edit
may say which record it was based on. When the version moved on since, only
the fields it sets are compared: a field someone else changed to a different
value is a conflict, reported with both values, and nothing is written; a
field nobody touched, or one already holding the new value, goes through. So
two analysts never silently overwrite each other, and edits to different
fields of one statement both land.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.models import Analyst, Event


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field two analysts changed to different values."""

    field: str
    mine: Any
    theirs: Any


class EditConflict(ServiceError):
    """Someone changed the record since the version the edit was based on.

    `current` is the record as it is now (a StatementRecord or ClaimRecord)
    and `mine` every field the refused edit set: to keep one's own values,
    make that edit again based on `current`.
    """

    def __init__(
        self,
        kind: str,
        record_id: int,
        fields: tuple[FieldConflict, ...],
        current: Any,
        changed_by: str | None,
        mine: Mapping[str, Any],
    ) -> None:
        self.kind, self.record_id, self.fields = kind, record_id, fields
        self.current, self.changed_by, self.mine = current, changed_by, dict(mine)
        who = changed_by or "someone else"
        names = ", ".join(f.field for f in fields)
        super().__init__(f"{kind} {record_id} was changed by {who} since you opened it ({names}); nothing was saved")


def conflicting_fields(
    mine: Mapping[str, Any], seen: Mapping[str, Any], now: Mapping[str, Any]
) -> tuple[FieldConflict, ...]:
    """Fields the edit sets that changed since `seen` to something other than `mine`."""
    return tuple(
        FieldConflict(name, value, now[name])
        for name, value in mine.items()
        if now[name] != seen[name] and now[name] != value
    )


def last_editor(session: Session, kind: str, record_id: int) -> str | None:
    """The analyst of the newest event-log row about a record."""
    return session.scalar(
        select(Analyst.name)
        .join(Event, Event.analyst_id == Analyst.id)
        .where(Event.entity_type == kind, Event.entity_id == record_id)
        .order_by(Event.id.desc())
        .limit(1)
    )


def check_not_stale(
    session: Session,
    kind: str,
    record_id: int,
    based_on: Any,
    current_version: int,
    mine: Mapping[str, Any],
    now: Callable[[str], Any],
    current_record: Callable[[], Any],
    seen: Callable[[Any, str], Any] = getattr,
) -> None:
    """Raise EditConflict when `mine` would overwrite a change made after `based_on`.

    `based_on` is the record the analyst saw (None: no check); `now(field)`
    reads a field's current value, `seen(record, field)` the value in the
    record, both in the same form.
    """
    if based_on is None or based_on.version == current_version:
        return
    fields = conflicting_fields(
        mine, {name: seen(based_on, name) for name in mine}, {name: now(name) for name in mine}
    )
    if fields:
        raise EditConflict(kind, record_id, fields, current_record(), last_editor(session, kind, record_id), mine)
