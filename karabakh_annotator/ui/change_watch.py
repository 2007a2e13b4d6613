"""Polls the database for changes made elsewhere (other analysts, other windows) and reports them.

A team database is edited by several people at once; each edit writes
event-log rows, so asking every few seconds "what happened since the last
look" (services.history.changes_since) is cheap and works the same on SQLite
and PostgreSQL. The window refreshes the rows reported, as after its own edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from karabakh_annotator.core.services.change_feed import ChangeMark, OutsideChanges
from karabakh_annotator.core.services.history import HistoryService

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 3000


class ChangeWatcher(QObject):
    """Emits `sig_outside_changes` with what changed since the previous poll.

    Changes made under `own_analyst()` are the window's own, shown already
    (the same analyst working in two windows at once sees the other's
    changes after reopening the article).
    """

    sig_outside_changes = Signal(object)  # OutsideChanges

    def __init__(
        self,
        history: HistoryService,
        interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
        own_analyst: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._own_analyst = own_analyst
        self._mark: ChangeMark = history.change_mark()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._failing = False

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> OutsideChanges | None:
        """Look once now; returns (and emits, when not empty) what changed."""
        try:
            outside = self._history.changes_since(self._mark, self._own_analyst())
        except Exception:  # noqa: BLE001 (a dropped server connection must not end the session)
            if not self._failing:
                log.exception("could not read changes from the database; will keep trying")
            self._failing = True
            return None
        self._failing = False
        self._mark = outside.mark
        if outside:
            self.sig_outside_changes.emit(outside)
        return outside
