"""Reading the label sets (editing them comes with the label editor)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import LabelRecord
from karabakh_annotator.core.services.to_records import label_record
from karabakh_annotator.core.storage.models import Label


class LabelService:
    """The members of each label set, in the user's order."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def labels(self, label_set: LabelSet, include_retired: bool = False) -> list[LabelRecord]:
        """The labels of one set, ordered by position."""
        query = select(Label).where(Label.label_set == label_set.value)
        if not include_retired:
            query = query.where(Label.retired.is_(False))
        with self._sessions() as session:
            return [label_record(label) for label in session.scalars(query.order_by(Label.position, Label.id))]
