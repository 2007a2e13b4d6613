"""The window's file and settings commands: import, export, databases, labels, analyst, first run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.dialogs.export_dialog import export_csv
from karabakh_annotator.ui.dialogs.first_run import FirstRunChoice, FirstRunDialog, open_demo
from karabakh_annotator.ui.dialogs.import_dialog import choose_import_paths, start_import
from karabakh_annotator.ui.dialogs.import_runner import ImportRunner
from karabakh_annotator.ui.dialogs.label_editor import LabelEditorDialog
from karabakh_annotator.ui.workspace_actions import WINDOW_TITLE
from karabakh_annotator.ui.workspace_settings import WorkspaceSettings

if TYPE_CHECKING:
    from karabakh_annotator.ui.main_window import MainWindow


class WorkspaceFiles(QObject):
    """Commands that open dialogs or files for the window; edits still go through services.

    Opening another database works at once; the other commands wait for
    `attach` (their actions are disabled until the database is open).
    """

    _services: Services

    def __init__(self, window: MainWindow, settings: WorkspaceSettings, arabic_family: str) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._arabic_family = arabic_family
        self._import_runner: ImportRunner | None = None
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def attach(self, services: Services) -> None:
        """The database is open: import, export and the label editor can use it."""
        self._services = services

    def import_files(self, folder: bool = False) -> None:
        """Choose files (or a folder) and import them with progress."""
        paths = choose_import_paths(self._window, folder=folder)
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        """Choose a folder and import it with progress."""
        self.import_files(folder=True)

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in the background; the list refreshes when done."""
        runner = start_import(self._window, self._services, paths, self._arabic_family)
        runner.sig_finished.connect(self._on_import_finished)
        self._import_runner = runner

    def _on_import_finished(self, summary: object) -> None:
        window = self._window
        window.reload()
        changes = getattr(summary, "changes", None)
        if isinstance(changes, Changes) and changes.articles and window.article_view.article_id() is None:
            window.article_list.select_article(min(changes.articles))

    def shutdown(self) -> None:
        """Stop a running import before the window goes (a running thread must not be destroyed)."""
        if self._import_runner is not None:
            self._import_runner.shutdown()

    def export_csv(self) -> None:
        """Export the statements the claims panel currently lists."""
        export_csv(self._window, self._services, self._window.claims_panel.current_filter())

    def edit_labels(self) -> None:
        """Open the label sets editor."""
        dialog = LabelEditorDialog(self._services, self._window.analyst, self._window, arabic_family=self._arabic_family)
        dialog.sig_labels_changed.connect(lambda: self._window.sig_changes.emit(Changes(labels=True)))
        dialog.exec()

    def export_any(self) -> None:
        """Export in any exchange format (statements and claims follow the panel's filters)."""
        from karabakh_annotator.ui.dialogs.exchange_dialogs import export_any  # noqa: PLC0415

        export_any(self._window, self._services, self._window.claims_panel.current_filter())

    def import_annotations(self) -> None:
        """Read an export (JSONL or statements CSV) back in."""
        from karabakh_annotator.ui.dialogs.exchange_dialogs import import_annotations  # noqa: PLC0415

        report = import_annotations(self._window, self._services, self._window.analyst)
        if report is not None:
            self._window.reload()
            self._window.sig_changes.emit(report.changes)

    def restore_statement(self) -> None:
        """Choose one of the current article's deleted statements and bring it back (undoable)."""
        from karabakh_annotator.ui.undo_commands import RestoreStatementCommand  # noqa: PLC0415

        article_id = self._window.article_view.article_id()
        if article_id is None:
            self._window.statusBar().showMessage("Open an article first.", 4000)
            return
        deleted = [s for s in self._services.statements.statements_for_article(article_id, include_deleted=True) if s.deleted]
        if not deleted:
            self._window.statusBar().showMessage("No deleted statements in this article.", 4000)
            return
        choices = [f"\u2068{s.quote[:80]}\u2069 — {s.analyst}, {s.updated_at:%Y-%m-%d %H:%M}" for s in deleted]
        chosen, ok = QInputDialog.getItem(self._window, "Restore Deleted Statement", "Deleted statements:", choices, 0, False)
        if ok and chosen in choices:
            statement_id = deleted[choices.index(chosen)].id
            self._window.push(RestoreStatementCommand, statement_id)
            self._window.claims_panel.select_statement(statement_id)

    def set_analyst_name(self) -> None:
        """Ask who is annotating; later statements and events carry this name."""
        if self._window.server_analyst is not None:
            QMessageBox.information(
                self._window, WINDOW_TITLE,
                f"You are connected to a team server as {self._window.server_analyst}: the server records your "
                "changes under that name. Your administrator can change it (docs/team-server.md).",
            )
            return
        name, ok = QInputDialog.getText(self._window, WINDOW_TITLE, "Analyst name:", text=self._window.analyst)
        if ok and name.strip():
            self._settings.set_analyst(name.strip())
            self._window.claims_panel.add_analyst(name.strip())
            self._window.update_counts()
            if self._settings.blind():
                self._window.apply_blind()

    def open_database(self) -> None:
        """Choose another database file; the application reopens on it."""
        path, _ = QFileDialog.getOpenFileName(
            self._window, "Open Database", "", "Annotation databases (*.sqlite3 *.db);;All files (*)"
        )
        if path:
            self._reopen(path)

    def remember_database(self, url: str) -> None:
        """Record the open database first in the recent list."""
        self._settings.add_recent_database(url)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for url in self._settings.recent_databases():
            action = self.recent_menu.addAction(url.removeprefix("sqlite:///"))
            action.triggered.connect(lambda _checked=False, u=url: self._reopen(u))
        self.recent_menu.setEnabled(bool(self._settings.recent_databases()))

    def _reopen(self, url: str) -> None:
        self._window.sig_open_database_requested.emit(url)
        self._window.close()

    def offer_first_run(self) -> None:
        """At the first start, who is annotating; on an empty database: import a folder, the demo, or nothing."""
        if not self._settings.has_analyst() and self._window.server_analyst is None:
            self.set_analyst_name()
        if self._window.article_list.first_visible_article_id() is not None:
            return
        choice = FirstRunDialog(self._window, self._arabic_family).ask()
        if choice is FirstRunChoice.IMPORT_FOLDER:
            self.import_folder()
        elif choice is FirstRunChoice.OPEN_DEMO:
            article_id = open_demo(self._services)
            self._window.reload()
            self._window.select_article(article_id)
