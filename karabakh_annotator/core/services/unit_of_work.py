"""Shared plumbing of services: analysts, label look-ups and the event log."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services.errors import ServiceError
from karabakh_annotator.core.storage.models import Analyst, Event, Label

__all__ = ["ServiceError", "analyst_named", "encode_value", "label_by_key", "record_event"]


def analyst_named(session: Session, name: str) -> Analyst:
    """The analyst row for `name`, created on first use."""
    name = name.strip()
    if not name:
        raise ServiceError("an analyst name is required")
    analyst = session.scalar(select(Analyst).where(Analyst.name == name))
    if analyst is None:
        analyst = Analyst(name=name)
        session.add(analyst)
        session.flush()
    return analyst


def label_by_key(session: Session, label_set: LabelSet, key: str | None) -> Label | None:
    """The label `key` of `label_set`, None for None; unknown keys are refused."""
    if key is None:
        return None
    label = session.scalar(select(Label).where(Label.label_set == label_set.value, Label.key == key))
    if label is None:
        raise ServiceError(f"unknown {label_set.value.replace('_', ' ')} label: {key!r}")
    return label


def encode_value(value: Any) -> str | None:
    """How the event log stores an old or new value: JSON text, None for None."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


def record_event(
    session: Session,
    analyst: Analyst | None,
    action: str,
    entity_type: str,
    entity_id: int,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    """Append one row to the event log in the caller's transaction."""
    session.add(
        Event(
            analyst_id=analyst.id if analyst is not None else None,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            field=field,
            old_value=encode_value(old),
            new_value=encode_value(new),
        )
    )
