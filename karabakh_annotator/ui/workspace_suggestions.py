"""The window's suggestion commands: step through suggested statements, accept or reject them,
and answer same-claim / contradiction proposals from the claims panel.

Accepting and rejecting a suggestion, and answering a proposal, are undoable
commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from karabakh_annotator.core.records import MatchRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.errors import ServiceError
from karabakh_annotator.ui.article_suggestions import ACCEPT_KEY, REJECT_KEY
from karabakh_annotator.ui.match_commands import AnswerPairCommand
from karabakh_annotator.ui.suggestion_commands import AcceptSuggestionCommand, RejectSuggestionCommand

if TYPE_CHECKING:
    from karabakh_annotator.core.analysis.attribution import Suggestion
    from karabakh_annotator.ui.main_window import MainWindow


class WorkspaceSuggestions:
    """Suggestions in the article view and related statements in the claims panel, for one window."""

    _services: Services

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._pending: int | None = None
        window.article_view.sig_suggestion_changed.connect(self._on_suggestion_changed)

    def attach(self, services: Services) -> None:
        """The database is open and the window's claims panel built: answer its proposals from now on."""
        self._services = services
        panel = self._window.claims_panel
        panel.sig_related_open_requested.connect(self.open_related)
        panel.sig_related_accept_requested.connect(self.accept_related)
        panel.sig_related_dismiss_requested.connect(self.dismiss_related)

    # -- suggested statements ------------------------------------------------------------

    def refresh(self, article_id: int) -> None:
        """Underline the open suggestions of the article shown, just after it is painted.

        The first time, the rules themselves load (about 0.2 s): the article
        text shows first and its underlines follow, instead of holding up the
        window. Any suggestion command runs a pending refresh at once.
        """
        self._pending = article_id
        QTimer.singleShot(0, self.flush)

    def flush(self) -> None:
        """Show the suggestions of a refresh still waiting for the event loop."""
        article_id, self._pending = self._pending, None
        if article_id is None or article_id != self._window.article_view.article_id():
            return
        try:
            suggestions = self._services.suggestions.for_article(article_id)
        except ServiceError:
            suggestions = []
        self._window.article_view.show_suggestions(suggestions)

    def next_suggestion(self) -> None:
        """Move to the next suggestion in the article."""
        self._step(1)

    def previous_suggestion(self) -> None:
        """Move to the previous suggestion in the article."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        self.flush()
        if not self._window.article_view.step_suggestion(delta):
            self._window.statusBar().showMessage("No open suggestions in this article.", 4000)

    def accept_suggestion(self) -> None:
        """Store the current suggestion as a statement (speaker, cue, stance filled in) and select it."""
        current = self._current()
        if current is None:
            return
        view, (article_id, suggestion) = self._window.article_view, current
        command = self._window.push(AcceptSuggestionCommand, article_id, suggestion)
        statement_id = getattr(command, "statement_id", None)
        if statement_id is not None:
            self._window.claims_panel.select_statement(statement_id)
            view.step_suggestion(0)

    def reject_suggestion(self) -> None:
        """Do not offer the current suggestion again (undo offers it again)."""
        current = self._current()
        if current is None:
            return
        self._window.push(RejectSuggestionCommand, *current)
        self._window.article_view.step_suggestion(0)

    def _current(self) -> tuple[int, Suggestion] | None:
        """The shown article and its current suggestion, or None (and a hint in the status bar)."""
        self.flush()
        view = self._window.article_view
        suggestion, article_id = view.current_suggestion(), view.article_id()
        if suggestion is None or article_id is None:
            self._window.statusBar().showMessage("No suggestion selected: step to one first.", 4000)
            return None
        return article_id, suggestion

    def _on_suggestion_changed(self, suggestion: object) -> None:
        if suggestion is not None:
            self._window.statusBar().showMessage(
                f"Suggested statement: {ACCEPT_KEY} accepts, {REJECT_KEY} rejects, Ctrl+Down / Ctrl+Up step.", 6000
            )

    # -- related statements in other articles --------------------------------------------

    def open_related(self, match: MatchRecord) -> None:
        """Show the other passage of a proposal: its statement, or the suggestion it still is."""
        other = match.b
        if other.statement_id is not None:
            self._window.claims_panel.select_statement(other.statement_id)
            return
        if self._window.select_article(other.article_id) or self._window.article_view.article_id() == other.article_id:
            self.flush()
            self._window.article_view.select_suggestion_at(other.start, other.end)

    def accept_related(self, match: MatchRecord) -> None:
        """Same claim: both statements on one claim. Contradiction: recorded as confirmed."""
        self._answer(match, accept=True)

    def dismiss_related(self, match: MatchRecord) -> None:
        """Not related: the pair is not proposed again."""
        self._answer(match, accept=False)

    def _answer(self, match: MatchRecord, accept: bool) -> None:
        panel = self._window.claims_panel
        self._window.push(AnswerPairCommand, match, accept, on_answered=panel.refresh_related)
