"""Composition root of the desktop app: database, services, fonts, then the main window."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from karabakh_annotator.core.demo import demo_article
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.storage.backups import backup_on_open
from karabakh_annotator.core.storage.database import DatabaseError, open_database
from karabakh_annotator.core.storage.recovery import explain_open_failure
from karabakh_annotator.ui.dialogs.recovery_dialog import recover_database
from karabakh_annotator.ui.fonts import load_fonts
from karabakh_annotator.ui.main_window import WINDOW_TITLE, MainWindow

ORGANIZATION_NAME = "Karabakh Annotator"
APPLICATION_NAME = "karabakh-annotator"


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


def run_gui(db: str | None) -> int:
    """Open the database named by `db` (None: the default) in the main window; the exit code.

    File ▸ Open Database closes the window and reopens the application on
    the chosen file, which goes first in the recent databases.
    """
    app = create_application()
    family = load_fonts()
    exit_code = 0
    while True:
        try:
            backup_on_open(db)  # a rolling backup of a local file; DatabaseError when SQLite's check fails
            database = open_database(db)
        except DatabaseError as exc:
            # A damaged file is never written to: the analyst opens a copy of the latest backup instead.
            db = recover_database(explain_open_failure(db, exc))
            if db is None:
                return 1
            continue
        requested: list[str] = []
        try:
            window = build_main_window(build_services(database), arabic_family=family, database_label=database.url)
            window.remember_database(database.url)
            window.sig_open_database_requested.connect(requested.append)
            window.show()
            window.offer_first_run()
            exit_code = app.exec()
        finally:
            database.dispose()
        if not requested:
            return exit_code
        db = requested[-1]


def run_smoke_test(db: str | None, png: Path) -> int:
    """Bundle check: open a database offscreen, show the window, render it to `png`, exit 0.

    Without `db` a temporary database is created and the demo article stored,
    so the check exercises migrations, fonts, icons and the article view.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="karabakh-smoke-") as scratch:
        try:
            database = open_database(db or str(Path(scratch) / "smoke.sqlite3"))
        except DatabaseError as exc:
            print(f"smoke test: {exc}", file=sys.stderr)
            return 1
        try:
            services = build_services(database)
            settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
            window = build_main_window(services, settings, database_label=database.url)
            if window.article_list.first_visible_article_id() is None:
                services.articles.store_article(demo_article())
                window.reload()
            window.resize(1280, 800)
            window.show()
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
            database.dispose()
    print(f"smoke test: window rendered to {png}")
    return 0
