"""Undoable edits: each command calls a service on redo and applies the service's inverse on undo.

Every step reports what it changed through `on_changes`. A step the service
refuses (a ServiceError, or any other failure) changes nothing in the database;
the command then marks itself obsolete, so QUndoStack drops it (after a failed
first redo it is never pushed; after a failed undo or redo it is removed), and
the error goes to `on_error`. The stack never holds a command whose state it
does not match.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from karabakh_annotator.core.records import Changes, ClaimRecord, StatementRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch, given_fields

log = logging.getLogger(__name__)

ChangesCallback = Callable[[Changes], None]
ErrorCallback = Callable[[Exception], None]

_STATEMENT_FIELD_TEXT = {
    "speaker_id": "Set speaker",
    "cue": "Set cue word",
    "cue_class": "Set cue class",
    "stance": "Set stance",
    "party": "Set party alignment",
    "claim_id": "Link claim",
    "note": "Edit note",
}
_CLAIM_FIELD_TEXT = {
    "summary": "Edit claim summary",
    "status": "Set status",
    "verdict": "Set verdict",
    "rating_value": "Set rating",
    "explanation": "Edit explanation",
    "assignee": "Assign claim",
}


def _patch_text(patch: StatementPatch | ClaimPatch, names: dict[str, str], several: str) -> str:
    fields = list(given_fields(patch))
    if len(fields) == 1:
        if fields == ["claim_id"] and isinstance(patch, StatementPatch) and patch.claim_id is None:
            return "Unlink claim"
        return names[fields[0]]
    return several


def _log_error(error: Exception) -> None:
    log.error("undoable edit failed: %s", error)


class ServiceCommand(QUndoCommand):
    """Base: runs one service step at a time; a failing step leaves the database and the stack as they were."""

    def __init__(
        self,
        text: str,
        services: Services,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__(text)
        self._services = services
        self._analyst = analyst
        self._on_changes = on_changes
        self._on_error = on_error or _log_error
        self._done_once = False
        self.error: Exception | None = None
        """The failure that made this command obsolete, if one did."""

    def redo(self) -> None:
        if self._done_once:
            self._run(self._redo_again)
        elif self._run(self._do):
            self._done_once = True

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Callable[[], Changes]) -> bool:
        try:
            changes = step()
        except Exception as error:  # noqa: BLE001 (from Qt's C++ caller an exception would be lost)
            if not isinstance(error, ValueError):
                log.exception("undoable edit %r failed", self.text())
            self.error = error
            self.setObsolete(True)
            self._on_error(error)
            return False
        self._on_changes(changes)
        return True

    def _do(self) -> Changes:
        """The first redo."""
        raise NotImplementedError

    def _undo(self) -> Changes:
        raise NotImplementedError

    def _redo_again(self) -> Changes:
        """Redo after an undo; by default the same as the first time."""
        return self._do()


class MarkStatementCommand(ServiceCommand):
    """Mark text[start:end] of an article as a statement; undo deletes it, redo restores the same one."""

    def __init__(
        self,
        services: Services,
        article_id: int,
        start: int,
        end: int,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
        patch: StatementPatch | None = None,
    ) -> None:
        super().__init__("Mark statement", services, analyst, on_changes, on_error)
        self._article_id, self._start, self._end, self._patch = article_id, start, end, patch
        self.statement_id: int | None = None
        """The id of the statement marked (set by the first redo)."""

    def _do(self) -> Changes:
        statement, changes = self._services.statements.mark_statement(
            self._article_id, self._start, self._end, self._analyst, self._patch
        )
        self.statement_id = statement.id
        return changes

    def _undo(self) -> Changes:
        return self._services.statements.delete_statement(self._id(), self._analyst)[1]

    def _redo_again(self) -> Changes:
        return self._services.statements.restore_statement(self._id(), self._analyst)[1]

    def _id(self) -> int:
        assert self.statement_id is not None
        return self.statement_id


class _PatchCommand(ServiceCommand):
    """Apply a patch through a service edit; undo applies the inverse patch it returned.

    Each step is based on the record the previous one left (the first on the
    record the analyst saw, when given), so a step that would overwrite
    another analyst's change in between is refused as an EditConflict.
    """

    def __init__(
        self,
        text: str,
        services: Services,
        target_id: int,
        patch: Any,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None,
        based_on: Any = None,
    ) -> None:
        super().__init__(text, services, analyst, on_changes, on_error)
        self._target_id, self._patch = target_id, patch
        self._inverse: Any = None
        self._based_on = based_on

    def _edit(self, patch: Any, based_on: Any) -> Any:
        """Call the service: returns its edit result (with .changes, .inverse and the record)."""
        raise NotImplementedError

    def _do(self) -> Changes:
        edit = self._edit(self._patch, self._based_on)
        self._inverse, self._based_on = edit.inverse, self._record(edit)
        return edit.changes  # type: ignore[no-any-return]

    def _undo(self) -> Changes:
        assert self._inverse is not None
        edit = self._revert(self._inverse, self._based_on)
        self._based_on = self._record(edit)
        return edit.changes  # type: ignore[no-any-return]

    def _redo_again(self) -> Changes:
        edit = self._edit(self._patch, self._based_on)
        self._based_on = self._record(edit)
        return edit.changes  # type: ignore[no-any-return]

    def _revert(self, inverse: Any, based_on: Any) -> Any:
        """Apply the undo patch (by default the same service edit)."""
        return self._edit(inverse, based_on)

    @staticmethod
    def _record(edit: Any) -> Any:
        raise NotImplementedError


class EditStatementCommand(_PatchCommand):
    """Change some fields of a statement; undo applies the inverse patch the service returned."""

    def __init__(
        self,
        services: Services,
        statement_id: int,
        patch: StatementPatch,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
        text: str | None = None,
        based_on: StatementRecord | None = None,
    ) -> None:
        text = text or _patch_text(patch, _STATEMENT_FIELD_TEXT, "Edit statement")
        super().__init__(text, services, statement_id, patch, analyst, on_changes, on_error, based_on)

    def _edit(self, patch: Any, based_on: Any) -> Any:
        return self._services.statements.edit_statement(self._target_id, patch, self._analyst, based_on)

    @staticmethod
    def _record(edit: Any) -> Any:
        return edit.statement


class ResizeStatementCommand(ServiceCommand):
    """Move a statement's span; undo moves it back to the span the service reported."""

    def __init__(
        self,
        services: Services,
        statement_id: int,
        start: int,
        end: int,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
        based_on: StatementRecord | None = None,
    ) -> None:
        super().__init__("Resize statement", services, analyst, on_changes, on_error)
        self._statement_id, self._span = statement_id, (start, end)
        self._previous: tuple[int, int] | None = None
        self._based_on = based_on

    def _do(self) -> Changes:
        edit = self._services.statements.resize_statement(self._statement_id, *self._span, self._analyst, self._based_on)
        self._previous, self._based_on = edit.previous_span, edit.statement
        return edit.changes

    def _undo(self) -> Changes:
        assert self._previous is not None
        edit = self._services.statements.resize_statement(
            self._statement_id, *self._previous, self._analyst, self._based_on
        )
        self._based_on = edit.statement
        return edit.changes


class DeleteStatementCommand(ServiceCommand):
    """Delete a statement (softly); undo restores it."""

    _TEXT = "Delete statement"

    def __init__(
        self,
        services: Services,
        statement_id: int,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__(self._TEXT, services, analyst, on_changes, on_error)
        self._statement_id = statement_id

    def _do(self) -> Changes:
        return self._services.statements.delete_statement(self._statement_id, self._analyst)[1]

    def _undo(self) -> Changes:
        return self._services.statements.restore_statement(self._statement_id, self._analyst)[1]


class RestoreStatementCommand(DeleteStatementCommand):
    """Bring back a deleted statement (found in the article's history); undo deletes it again."""

    _TEXT = "Restore statement"

    def _do(self) -> Changes:
        return super()._undo()

    def _undo(self) -> Changes:
        return super()._do()


class CreateClaimCommand(ServiceCommand):
    """A new claim carried by some statements; undo deletes it (statements go back to their old claims)."""

    def __init__(
        self,
        services: Services,
        summary: str,
        statement_ids: Iterable[int] = (),
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__("Create claim", services, analyst, on_changes, on_error)
        self._summary, self._statement_ids = summary, tuple(statement_ids)
        self._previous_claims: dict[int, int] = {}
        self._linked: tuple[int, ...] = ()
        self.claim_id: int | None = None
        """The id of the claim created (set by the first redo)."""

    def _do(self) -> Changes:
        statements = self._services.statements
        self._previous_claims = {
            i: old for i in self._statement_ids if (old := statements.get_statement(i).claim_id) is not None
        }
        claim, changes = self._services.claims.create_claim(self._summary, self._analyst, self._statement_ids)
        self.claim_id, self._linked = claim.id, self._statement_ids
        return changes

    def _undo(self) -> Changes:
        assert self.claim_id is not None
        _, changes, self._linked = self._services.claims.delete_claim(self.claim_id, self._analyst)
        for statement_id, claim_id in self._previous_claims.items():
            edit = self._services.statements.edit_statement(
                statement_id, StatementPatch(claim_id=claim_id), self._analyst
            )
            changes = changes | edit.changes
        return changes

    def _redo_again(self) -> Changes:
        assert self.claim_id is not None
        return self._services.claims.restore_claim(self.claim_id, self._analyst, self._linked)[1]


class EditClaimCommand(_PatchCommand):
    """Change a claim's summary, status, verdict, rating or explanation; undo applies the inverse."""

    def __init__(
        self,
        services: Services,
        claim_id: int,
        patch: ClaimPatch,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
        text: str | None = None,
        based_on: ClaimRecord | None = None,
    ) -> None:
        text = text or _patch_text(patch, _CLAIM_FIELD_TEXT, "Edit claim")
        super().__init__(text, services, claim_id, patch, analyst, on_changes, on_error, based_on)

    def _edit(self, patch: Any, based_on: Any) -> Any:
        return self._services.claims.edit_claim(self._target_id, patch, self._analyst, based_on=based_on)

    def _revert(self, inverse: Any, based_on: Any) -> Any:
        # Undo returns the claim to where it was: not a workflow move to check.
        return self._services.claims.edit_claim(
            self._target_id, inverse, self._analyst, undoing=True, based_on=based_on
        )

    @staticmethod
    def _record(edit: Any) -> Any:
        return edit.claim

