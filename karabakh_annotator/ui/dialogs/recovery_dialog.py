"""What the app offers when the database cannot be opened: the latest backup, another database, or quit.

Opening the backup copies it to a new file next to the damaged one and opens
that copy; the damaged file is never touched, so nothing in it is lost to a
later attempt at rescue.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QFileDialog, QLabel, QVBoxLayout, QWidget

from karabakh_annotator.core.storage.backups import BackupError, RestoreResult, restore_backup, restored_copy_path
from karabakh_annotator.core.storage.recovery import OpenFailure

DATABASE_FILTER = "Annotation databases (*.sqlite3 *.sqlite *.db);;All files (*)"

ChooseFile = Callable[[QWidget, str], str | None]


def choose_database_file(parent: QWidget, start: str) -> str | None:
    """Ask for a database file to open (None when cancelled)."""
    path, _filter = QFileDialog.getOpenFileName(parent, "Choose a database", start, DATABASE_FILTER)
    return path or None


class RecoveryChoice(enum.Enum):
    OPEN_BACKUP = "open_backup"
    CHOOSE_OTHER = "choose_other"
    QUIT = "quit"


class RecoveryDialog(QDialog):
    """Shown when opening the database failed; `database` is what to open next (None: quit)."""

    def __init__(
        self, failure: OpenFailure, parent: QWidget | None = None, choose_file: ChooseFile = choose_database_file
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("The database cannot be opened")
        self.failure = failure
        self.choice = RecoveryChoice.QUIT
        self.database: str | None = None
        self.restore_result: RestoreResult | None = None
        self._choose_file = choose_file

        self.message = QLabel(failure.message)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        backup = failure.latest_backup
        self.backup_button: QCommandLinkButton | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        if backup is not None:
            self.backup_button = QCommandLinkButton(
                f"Open the latest &backup ({backup.label()})",
                "A copy of the backup is made next to the damaged file and opened; "
                "the damaged file is left as it is.",
            )
            self.backup_button.clicked.connect(self._on_backup_button_clicked)
            layout.addWidget(self.backup_button)
        self.choose_button = QCommandLinkButton("&Choose another database…", "Open another database file.")
        self.quit_button = QCommandLinkButton("&Quit", "Close Karabakh Annotator without opening a database.")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.quit_button.clicked.connect(self._on_quit_button_clicked)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.quit_button)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.setMinimumWidth(520)
        self.resize(520, layout.totalHeightForWidth(520))
        default = self.backup_button or self.choose_button
        default.setDefault(True)
        default.setFocus()

    def ask(self) -> str | None:
        """Show modally; the database to open next, or None to quit."""
        self.exec()
        return self.database

    def _finish(self, choice: RecoveryChoice, database: str) -> None:
        self.choice = choice
        self.database = database
        self.accept()

    def reject(self) -> None:
        self.choice = RecoveryChoice.QUIT
        self.database = None
        super().reject()

    @Slot()
    def _on_backup_button_clicked(self) -> None:
        backup, damaged = self.failure.latest_backup, self.failure.path
        if backup is None or damaged is None:
            return
        try:
            self.restore_result = restore_backup(backup, restored_copy_path(damaged, backup))
        except BackupError as exc:
            self.error.setText(f"The backup could not be opened: {exc}")
            self.error.show()
            return
        self._finish(RecoveryChoice.OPEN_BACKUP, str(self.restore_result.restored))

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        start = str(self.failure.path.parent) if self.failure.path is not None else str(Path.home())
        chosen = self._choose_file(self, start)
        if chosen:
            self._finish(RecoveryChoice.CHOOSE_OTHER, chosen)

    @Slot()
    def _on_quit_button_clicked(self) -> None:
        self.reject()


def recover_database(failure: OpenFailure, parent: QWidget | None = None) -> str | None:
    """Ask what to do about a database that cannot be opened; the database to open next, or None to quit."""
    return RecoveryDialog(failure, parent).ask()
