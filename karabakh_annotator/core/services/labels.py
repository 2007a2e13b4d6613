"""Reading and editing the label sets (they are user data, with an event per change)."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes, LabelRecord
from karabakh_annotator.core.services.to_records import label_record
from karabakh_annotator.core.services.unit_of_work import ServiceError, analyst_named, record_event
from karabakh_annotator.core.storage.models import Label

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,59}")


def _checked_color(color: str) -> str:
    if not _COLOR.fullmatch(color):
        raise ServiceError(f"a label colour is #RRGGBB, not {color!r}")
    return color.lower()


class LabelService:
    """The members of each label set, in the user's order; edits keep old statements valid."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def labels(self, label_set: LabelSet, include_retired: bool = False) -> list[LabelRecord]:
        """The labels of one set, ordered by position."""
        query = select(Label).where(Label.label_set == label_set.value)
        if not include_retired:
            query = query.where(Label.retired.is_(False))
        with self._sessions() as session:
            return [label_record(label) for label in session.scalars(query.order_by(Label.position, Label.id))]

    def add_label(
        self, label_set: LabelSet, key: str, name_en: str, name_ar: str, color: str, analyst: str
    ) -> tuple[LabelRecord, Changes]:
        """A new label at the end of its set."""
        if not _KEY.fullmatch(key):
            raise ServiceError(f"a label key is lower-case letters, digits and _, not {key!r}")
        if not name_en.strip() or not name_ar.strip():
            raise ServiceError("a label needs an English and an Arabic name")
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            exists = session.scalar(select(Label.id).where(Label.label_set == label_set.value, Label.key == key))
            if exists is not None:
                raise ServiceError(f"the {label_set.value.replace('_', ' ')} set already has a label {key!r}")
            last = session.scalar(select(func.max(Label.position)).where(Label.label_set == label_set.value))
            label = Label(
                label_set=label_set.value,
                key=key,
                name_en=name_en.strip(),
                name_ar=name_ar.strip(),
                color=_checked_color(color),
                position=(last if last is not None else -1) + 1,
                description="",
                retired=False,
            )
            session.add(label)
            session.flush()
            record_event(session, who, "create", "label", label.id, new=[label_set.value, key])
            return label_record(label), Changes(labels=True)

    def edit_label(
        self,
        label_id: int,
        analyst: str,
        *,
        name_en: str | None = None,
        name_ar: str | None = None,
        color: str | None = None,
        retired: bool | None = None,
    ) -> tuple[LabelRecord, Changes]:
        """Rename, recolour, retire or bring back a label; each change is logged."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            label = session.get(Label, label_id)
            if label is None:
                raise ServiceError(f"no label with id {label_id}")
            wanted = {
                "name_en": name_en.strip() if name_en is not None else None,
                "name_ar": name_ar.strip() if name_ar is not None else None,
                "color": _checked_color(color) if color is not None else None,
                "retired": retired,
            }
            for field, value in wanted.items():
                if value is None or value == getattr(label, field):
                    continue
                if value == "":
                    raise ServiceError(f"a label's {field.replace('_', ' ')} cannot be empty")
                record_event(session, who, "edit", "label", label.id, field, getattr(label, field), value)
                setattr(label, field, value)
            session.flush()
            return label_record(label), Changes(labels=True)

    def move_label(self, label_id: int, new_position: int, analyst: str) -> tuple[list[LabelRecord], Changes]:
        """Move a label to `new_position` within its set (0 = first); the others close up."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            label = session.get(Label, label_id)
            if label is None:
                raise ServiceError(f"no label with id {label_id}")
            members = list(
                session.scalars(
                    select(Label).where(Label.label_set == label.label_set).order_by(Label.position, Label.id)
                )
            )
            old_position = members.index(label)
            members.insert(max(0, min(new_position, len(members) - 1)), members.pop(old_position))
            for position, member in enumerate(members):
                member.position = position
            record_event(session, who, "move", "label", label.id, "position", old_position, members.index(label))
            session.flush()
            return [label_record(m) for m in members], Changes(labels=True)
