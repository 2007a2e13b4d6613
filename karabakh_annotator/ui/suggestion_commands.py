"""Undoable answers to a suggested statement: accept (it becomes a statement) or reject."""

from __future__ import annotations

from typing import TYPE_CHECKING

from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.undo_commands import ChangesCallback, ErrorCallback, ServiceCommand

if TYPE_CHECKING:  # the rules load 0.2 s of patterns: not at start-up
    from karabakh_annotator.core.analysis.attribution import Suggestion


class AcceptSuggestionCommand(ServiceCommand):
    """Store a suggestion as a statement with its speaker, cue and stance; undo deletes it, redo restores it."""

    def __init__(
        self,
        services: Services,
        article_id: int,
        suggestion: Suggestion,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__("Accept suggestion", services, analyst, on_changes, on_error)
        self._article_id, self._suggestion = article_id, suggestion
        self.statement_id: int | None = None
        """The statement the suggestion became (set by the first redo)."""

    def _do(self) -> Changes:
        statement, changes = self._services.suggestions.accept(self._article_id, self._suggestion, self._analyst)
        self.statement_id = statement.id
        return changes

    def _undo(self) -> Changes:
        assert self.statement_id is not None
        return self._services.statements.delete_statement(self.statement_id, self._analyst)[1]

    def _redo_again(self) -> Changes:
        assert self.statement_id is not None
        return self._services.statements.restore_statement(self.statement_id, self._analyst)[1]


class RejectSuggestionCommand(ServiceCommand):
    """Stop offering a suggested span on its article; undo offers it again."""

    def __init__(
        self,
        services: Services,
        article_id: int,
        suggestion: Suggestion,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__("Reject suggestion", services, analyst, on_changes, on_error)
        self._article_id, self._span = article_id, (suggestion.start, suggestion.end)

    def _do(self) -> Changes:
        return self._services.suggestions.reject(self._article_id, *self._span, self._analyst)

    def _undo(self) -> Changes:
        return self._services.suggestions.unreject(self._article_id, *self._span, self._analyst)
