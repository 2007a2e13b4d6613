"""What the window does with an EditConflict: ask, then re-apply the analyst's edit or drop it.

"Keep mine" pushes the refused edit again as a new undoable command, based
on the record as it is stored now; "Keep theirs" only refreshes the views.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes, ClaimRecord, StatementRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.versions import EditConflict
from karabakh_annotator.ui.dialogs.conflict_dialog import ConflictChoice, ask_conflict_choice
from karabakh_annotator.ui.undo_commands import EditClaimCommand, EditStatementCommand, ResizeStatementCommand

_LABEL_SETS = {
    "cue_class": LabelSet.CUE_CLASS,
    "stance": LabelSet.REPORTING_STANCE,
    "party": LabelSet.PARTY_ALIGNMENT,
    "status": LabelSet.WORKFLOW_STATUS,
    "verdict": LabelSet.VERDICT,
}

Push = Callable[..., object]
Ask = Callable[[EditConflict, Callable[[str, object], str], QWidget | None], ConflictChoice]


class ValueDescriber:
    """Field values as an analyst reads them: label names, speaker names, claim summaries."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def __call__(self, field: str, value: object) -> str:
        if value is None or value == "":
            return "(none)"
        if field in _LABEL_SETS:
            labels = self._services.labels.labels(_LABEL_SETS[field], include_retired=True)
            return next((f"{label.name_ar} — {label.name_en}" for label in labels if label.key == value), str(value))
        if field == "speaker_id":
            entities = self._services.entities.list_entities()
            return next((entity.name for entity in entities if entity.id == value), f"#{value}")
        if field == "claim_id" and isinstance(value, int):
            try:
                return f"#{value} {self._services.claims.get_claim(value).summary}"
            except ValueError:
                return f"#{value}"
        if field == "span" and isinstance(value, tuple):
            return f"{value[0]}–{value[1]}"
        return str(value)


def conflict_changes(conflict: EditConflict) -> Changes:
    """The rows to show again after a conflict, whatever the analyst chose."""
    current: Any = conflict.current
    if isinstance(current, StatementRecord):
        claims = frozenset({current.claim_id}) if current.claim_id is not None else frozenset()
        return Changes(articles=frozenset({current.article_id}), statements=frozenset({current.id}), claims=claims)
    if isinstance(current, ClaimRecord):
        return Changes(claims=frozenset({current.id}))
    return Changes()


def resolve_conflict(
    conflict: EditConflict,
    services: Services,
    push: Push,
    refresh: Callable[[Changes], None],
    parent: QWidget | None,
    ask: Ask | None = None,
) -> ConflictChoice:
    """Show the stored version, ask the analyst, and make their edit again if they keep it."""
    refresh(conflict_changes(conflict))
    choice = (ask or ask_conflict_choice)(conflict, ValueDescriber(services), parent)
    if choice is ConflictChoice.KEEP_MINE:
        mine, current = conflict.mine, conflict.current
        if conflict.kind == "statement" and "span" in mine:
            push(ResizeStatementCommand, conflict.record_id, *mine["span"], based_on=current)
        elif conflict.kind == "statement":
            push(EditStatementCommand, conflict.record_id, StatementPatch(**mine), based_on=current)
        else:
            push(EditClaimCommand, conflict.record_id, ClaimPatch(**mine), based_on=current)
    return choice
