"""Undoable evidence edits: adding evidence to a claim, and withdrawing it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.undo_commands import ChangesCallback, ErrorCallback, ServiceCommand

EVIDENCE_FIELDS = frozenset({"stance", "citation", "url", "note", "statement_id"})
"""The keyword arguments of `EvidenceService.add_evidence` a request may carry."""


class AddEvidenceCommand(ServiceCommand):
    """Add evidence to a claim; undo withdraws it, redo restores the same row."""

    def __init__(
        self,
        services: Services,
        claim_id: int,
        evidence: Mapping[str, Any],
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__("Add evidence", services, analyst, on_changes, on_error)
        unknown = set(evidence) - EVIDENCE_FIELDS
        if unknown:
            raise TypeError(f"not evidence fields: {', '.join(sorted(unknown))}")
        self._claim_id, self._evidence = claim_id, dict(evidence)
        self.evidence_id: int | None = None
        """The id of the evidence added (set by the first redo)."""

    def _do(self) -> Changes:
        record, changes = self._services.evidence.add_evidence(self._claim_id, analyst=self._analyst, **self._evidence)
        self.evidence_id = record.id
        return changes

    def _undo(self) -> Changes:
        return self._services.evidence.delete_evidence(self._id(), self._analyst)[1]

    def _redo_again(self) -> Changes:
        return self._services.evidence.restore_evidence(self._id(), self._analyst)[1]

    def _id(self) -> int:
        assert self.evidence_id is not None
        return self.evidence_id


class WithdrawEvidenceCommand(ServiceCommand):
    """Withdraw evidence (softly: the history keeps it); undo restores it."""

    def __init__(
        self,
        services: Services,
        evidence_id: int,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__("Withdraw evidence", services, analyst, on_changes, on_error)
        self._evidence_id = evidence_id

    def _do(self) -> Changes:
        return self._services.evidence.delete_evidence(self._evidence_id, self._analyst)[1]

    def _undo(self) -> Changes:
        return self._services.evidence.restore_evidence(self._evidence_id, self._analyst)[1]
