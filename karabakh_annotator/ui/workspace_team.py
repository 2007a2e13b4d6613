"""Working alongside other analysts: their changes appear without a restart, and clashes are asked about.

A ChangeWatcher polls the event log; what others changed refreshes the same
rows an own edit would, and the status bar says who changed what. An edit
that met another analyst's change (EditConflict) shows both values and lets
the analyst keep theirs or the stored one (conflict_resolution.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.change_feed import OutsideChanges
from karabakh_annotator.core.services.versions import EditConflict
from karabakh_annotator.ui.change_watch import POLL_INTERVAL_MS, ChangeWatcher
from karabakh_annotator.ui.conflict_resolution import resolve_conflict

if TYPE_CHECKING:
    from karabakh_annotator.ui.main_window import MainWindow


def describe_outside(outside: OutsideChanges) -> str:
    """One status-bar line: who changed how many of what."""
    changes = outside.changes
    parts = [
        f"{count} {noun}{'' if count == 1 else 's'}"
        for count, noun in ((len(changes.statements), "statement"), (len(changes.claims), "claim"))
        if count
    ]
    if outside.new_articles:
        parts.append("new articles")
    if changes.labels:
        parts.append("labels")
    who = ", ".join(outside.analysts) or "another window"
    return f"Updated: {', '.join(parts) or 'changes'} by {who}."


class WorkspaceTeam:
    """Other analysts' changes and edit conflicts, for one window."""

    def __init__(self, window: MainWindow, services: Services, interval_ms: int = POLL_INTERVAL_MS) -> None:
        self._window = window
        self._services = services
        self.watcher = ChangeWatcher(services.history, interval_ms, window, own_analyst=lambda: window.analyst)
        self.watcher.sig_outside_changes.connect(self._on_outside_changes)
        self.watcher.start()

    def handle_error(self, error: Exception) -> bool:
        """Take an edit conflict (True); anything else is left to the caller (False)."""
        if not isinstance(error, EditConflict):
            return False
        window = self._window
        resolve_conflict(error, self._services, window.push, window.sig_changes.emit, window)
        return True

    def _on_outside_changes(self, outside: OutsideChanges) -> None:
        window = self._window
        if outside.new_articles:
            window.reload()
        if outside.changes:
            window.sig_changes.emit(outside.changes)
        window.statusBar().showMessage(describe_outside(outside), 6000)
