"""Composition root of the desktop app: fonts, the main window, then the database and services behind it.

The window is shown before the database is opened: importing SQLAlchemy and
the services, the rolling backup and the migration check run in a worker
thread after the window's first paint (ui/database_opener.py), and the
window is filled when they are done. Nothing here imports SQLAlchemy at
module level, so neither does anything before the window is on screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from karabakh_annotator.core.demo import demo_article
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.storage.locations import display_url, resolve_database_url
from karabakh_annotator.ui.database_opener import DatabaseOpener, OpenedDatabase
from karabakh_annotator.ui.paint_watch import after_next_paint
from karabakh_annotator.ui.fonts import load_fonts
from karabakh_annotator.ui.main_window import WINDOW_TITLE, MainWindow

if TYPE_CHECKING:
    from karabakh_annotator.core.storage.recovery import OpenFailure

ORGANIZATION_NAME = "Karabakh Annotator"
APPLICATION_NAME = "karabakh-annotator"
SMOKE_TEST_TIMEOUT_MS = 120_000


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), named so QSettings has a home."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(WINDOW_TITLE)
    # The chrome is English and stays left-to-right; only the article view reads right-to-left.
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return app


def build_main_window(
    services: Services,
    settings: QSettings | None = None,
    arabic_family: str | None = None,
    database_label: str = "",
) -> MainWindow:
    """The main window over `services`; fonts are loaded here if no family is given."""
    family = arabic_family if arabic_family is not None else load_fonts()
    return MainWindow(services, settings if settings is not None else QSettings(), family, database_label)


class WindowStart(QObject):
    """The main window shown at once, its database opened behind it after the first paint.

    `window` is the window the analyst works in from the first frame: empty
    panes and disabled commands until the database is open, then filled
    (window.sig_database_attached), then painted filled (sig_database_shown).
    `close` waits for an opening still running and disposes the database;
    call it once the window is closed.
    """

    sig_database_shown = Signal()  # the filled article list has been painted

    def __init__(self, db: str | None, settings: QSettings, arabic_family: str, *, backup: bool = True) -> None:
        super().__init__()
        self._db = db
        self.window = MainWindow(None, settings, arabic_family, _label(db))
        self.opener = DatabaseOpener(backup=backup, parent=self.window)
        self.opener.sig_opened.connect(self._on_opener_opened)
        self.painted_at: float | None = None  # time.monotonic() once the window was first painted
        self.shown_at: float | None = None  # ... and once its article list was painted filled
        after_next_paint(self.window, self._on_window_painted)

    @property
    def opened(self) -> OpenedDatabase | None:
        """The open database and its services (None until then)."""
        return self.opener.opened

    def reopen(self, db: str) -> None:
        """Open another database in the same window (the first could not be opened)."""
        self._db = db
        self.window.show_opening(_label(db))
        self.opener.open(db)

    def close(self) -> None:
        """Wait for an opening still running; dispose the database opened."""
        opened = self.opener.close()
        if opened is not None:
            opened.database.dispose()

    def _on_window_painted(self) -> None:
        self.painted_at = time.monotonic()
        self.opener.open(self._db)

    def _on_opener_opened(self, opened: OpenedDatabase) -> None:
        after_next_paint(self.window.article_list.viewport(), self._on_list_painted)
        self.window.attach_services(opened.services)

    def _on_list_painted(self) -> None:
        self.shown_at = time.monotonic()
        self.sig_database_shown.emit()


def _label(db: str | None) -> str:
    """The database as the title bar names it (a server password hidden)."""
    return display_url(resolve_database_url(db))


def recover_database(failure: OpenFailure) -> str | None:
    """Ask what to do about a database that cannot be opened; the database to open next, or None to quit."""
    from karabakh_annotator.ui.dialogs.recovery_dialog import recover_database as ask  # noqa: PLC0415

    return ask(failure)


def run_gui(db: str | None) -> int:
    """Open the database named by `db` (None: the default) in the main window; the exit code.

    The window appears first and the database opens behind it. One that
    cannot be opened goes to the recovery dialog (its latest backup, another
    database, or quit: exit code 1). File ▸ Open Database closes the window
    and reopens the application on the chosen file, which goes first in the
    recent databases.
    """
    app = create_application()
    family = load_fonts()
    while True:
        start = WindowStart(db, QSettings(), family)
        window = start.window
        requested: list[str] = []
        stopped: list[BaseException | None] = []  # None: the analyst quit at the recovery dialog

        def stop(error: BaseException | None) -> None:
            # The window closes after the loop: closed inside it, it would
            # queue a quit event that outlives this loop.
            stopped.append(error)
            QApplication.exit(1)

        def on_failed(failed_db: str | None, error: Exception, start: WindowStart = start) -> None:
            from karabakh_annotator.core.storage.recovery import explain_open_failure  # noqa: PLC0415

            # A damaged file is never written to: the analyst opens a copy of the latest backup instead.
            chosen = recover_database(explain_open_failure(failed_db, error))
            if chosen is None:
                stop(None)
            else:
                start.reopen(chosen)

        def on_attached(window: MainWindow = window, start: WindowStart = start) -> None:
            opened = start.opened
            if opened is not None:
                window.remember_database(opened.database.url)
            window.offer_first_run()

        window.sig_open_database_requested.connect(requested.append)
        window.sig_database_attached.connect(on_attached)
        start.opener.sig_failed.connect(on_failed)
        start.opener.sig_crashed.connect(stop)
        window.show()
        try:
            exit_code = app.exec()
        finally:
            if window.isVisible():
                window.close()
            start.close()
        if stopped:
            if stopped[0] is not None:
                raise stopped[0]
            return 1
        if not requested:
            return exit_code
        db = requested[-1]


def run_smoke_test(db: str | None, png: Path) -> int:
    """Bundle check: open a database offscreen, show the window, render it to `png`, exit 0.

    The window starts as run_gui starts it (shown first, the database opened
    behind it) and is rendered once it shows the database. Without `db` a
    temporary database is created and the demo article stored, so the check
    exercises migrations, fonts, icons and the article view. The monotonic
    clock readings of the first paint and of the filled window are printed
    (benchmarks/startup.py reads them).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="karabakh-smoke-") as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        start = WindowStart(db or str(Path(scratch) / "smoke.sqlite3"), settings, load_fonts(), backup=False)
        window = start.window
        problems: list[Exception] = []  # the database cannot be opened
        crashes: list[Exception] = []  # anything else, raised as it would be without the thread
        loop = QEventLoop()
        start.sig_database_shown.connect(loop.quit)
        start.opener.sig_failed.connect(lambda _db, error: (problems.append(error), loop.quit()))
        start.opener.sig_crashed.connect(lambda error: (crashes.append(error), loop.quit()))
        QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, loop.quit)
        window.resize(1280, 800)
        window.show()
        try:
            loop.exec()
            if crashes:
                window.close()
                raise crashes[0]
            opened = start.opened
            if problems or opened is None or not window.database_ready:
                window.close()
                problem = problems[0] if problems else f"no database after {SMOKE_TEST_TIMEOUT_MS // 1000} s"
                print(f"smoke test: {problem}", file=sys.stderr)
                return 1
            if window.article_list.first_visible_article_id() is None:
                opened.services.articles.store_article(demo_article())
                window.reload()
            first = window.article_list.first_visible_article_id()
            if first is not None:
                window.select_article(first)
            app.processEvents()
            image = window.grab()
            window.close()
            if image.isNull() or not image.save(str(png)):
                print(f"smoke test: could not render the window to {png}", file=sys.stderr)
                return 1
        finally:
            start.close()
    print(f"smoke test: window rendered to {png}")
    print(f"smoke test: monotonic clock at first paint {start.painted_at:.6f}, database shown {start.shown_at:.6f}")
    return 0
