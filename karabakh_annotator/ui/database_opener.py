"""Opening the database in a worker thread while the main window is already on screen.

Importing SQLAlchemy, the models and the services, the rolling backup and
the migration check take about twice as long as a bare window takes to
appear. The window is shown first, with empty panes, and this runs
meanwhile; the open database and its services then go to the GUI thread,
which alone uses them from that moment (a session is never shared between
threads: the worker has finished with them before they are handed over).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

if TYPE_CHECKING:
    from karabakh_annotator.core.services import Services
    from karabakh_annotator.core.storage.database import Database


@dataclass(frozen=True)
class OpenedDatabase:
    """An open, migrated database and the services over it."""

    database: Database
    services: Services


def open_with_services(db: str | None, backup: bool) -> OpenedDatabase:
    """Back up (optionally) and open the database named by `db`, and build its services.

    Raises DatabaseError when the database cannot be opened as it is.
    """
    # The reason this module exists: SQLAlchemy loads here, in the worker thread.
    from karabakh_annotator.core.services import build_services  # noqa: PLC0415
    from karabakh_annotator.core.storage.backups import backup_on_open  # noqa: PLC0415
    from karabakh_annotator.core.storage.database import open_database  # noqa: PLC0415

    if backup:
        backup_on_open(db)  # a rolling backup of a local file; DatabaseError when SQLite's check fails
    database = open_database(db)
    try:
        return OpenedDatabase(database, build_services(database))
    except BaseException:
        database.dispose()
        raise


class _OpenWorker(QObject):
    """Lives in the worker thread; touches no widget."""

    sig_finished = Signal(object)  # OpenedDatabase, or the exception that stopped the opening

    def __init__(self, db: str | None, backup: bool, outcomes: list[object]) -> None:
        super().__init__()
        self._db = db
        self._backup = backup
        self._outcomes = outcomes

    @Slot()
    def run(self) -> None:
        """Open the database; always ends with sig_finished."""
        outcome: OpenedDatabase | Exception
        try:
            outcome = open_with_services(self._db, self._backup)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            outcome = exc
        # Kept before it is sent: a window closed meanwhile never receives
        # the signal, and the opener must still find the database to dispose.
        self._outcomes.append(outcome)
        self.sig_finished.emit(outcome)


class DatabaseOpener(QObject):
    """Opens one database at a time in a QThread; the outcome is delivered in the GUI thread.

    sig_opened(OpenedDatabase) when it is open; sig_failed(db, DatabaseError)
    when it cannot be opened as it is (the recovery dialog's case);
    sig_crashed(Exception) for anything else.
    """

    sig_opened = Signal(object)
    sig_failed = Signal(object, object)
    sig_crashed = Signal(object)

    def __init__(self, *, backup: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backup = backup
        self._db: str | None = None
        self._thread: QThread | None = None
        self._worker: _OpenWorker | None = None  # held: a QObject without a parent dies with its wrapper
        self._closed = False
        self._outcomes: list[object] = []

    def open(self, db: str | None) -> None:
        """Start opening `db` (None: the default database); refused while an opening runs."""
        if self.is_running():
            raise RuntimeError("a database is already being opened")
        if self._closed or self.opened is not None:
            raise RuntimeError("the opener was closed or has opened its database")
        self._db = db
        thread = QThread(self)
        thread.setObjectName("database-opener")
        worker = _OpenWorker(db, self._backup, self._outcomes)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.sig_finished.connect(self._on_worker_finished)
        # Direct: the GUI thread waits for the thread in _on_worker_finished.
        worker.sig_finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        self._thread, self._worker = thread, worker
        thread.start()

    def is_running(self) -> bool:
        """Whether an opening has started and its thread has not ended."""
        return self._thread is not None and not self._thread.isFinished()

    @property
    def opened(self) -> OpenedDatabase | None:
        """The database opened, if one was (whoever holds the opener disposes it)."""
        return next((o for o in self._outcomes if isinstance(o, OpenedDatabase)), None)

    def close(self) -> OpenedDatabase | None:
        """Wait for a running opening and deliver nothing more; the database opened, if any."""
        self._closed = True
        if self._thread is not None:
            self._thread.wait()
        return self.opened

    @Slot(object)
    def _on_worker_finished(self, outcome: object) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        if self._closed:
            return
        from karabakh_annotator.core.storage.database import DatabaseError  # noqa: PLC0415 (loaded by now)

        if isinstance(outcome, OpenedDatabase):
            self.sig_opened.emit(outcome)
        elif isinstance(outcome, DatabaseError):
            self.sig_failed.emit(self._db, outcome)
        else:
            self.sig_crashed.emit(outcome)
