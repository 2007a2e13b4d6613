"""What an empty database offers: import a folder, open the demo article, or start empty."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from karabakh_annotator.core.demo import DEMO_TITLE, demo_article
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.dialogs.arabic_text import ABSOLUTE_RIGHT, dialog_arabic_font


class FirstRunChoice(enum.Enum):
    IMPORT_FOLDER = "import_folder"
    OPEN_DEMO = "open_demo"
    START_EMPTY = "start_empty"


def open_demo(services: Services) -> int:
    """Store the demo article (once) and return its id."""
    outcome = services.articles.store_article(demo_article())
    if outcome.article_id is None:
        raise RuntimeError(f"the demo article could not be stored: {outcome.reason}")
    return outcome.article_id


class FirstRunDialog(QDialog):
    """Shown when the database holds no articles; `choice` says what the analyst picked."""

    def __init__(self, parent: QWidget | None = None, arabic_family: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Karabakh Annotator")
        self.choice = FirstRunChoice.START_EMPTY
        intro = QLabel(
            "<p><b>The database is empty.</b></p>"
            "<p>Import news articles (text, saved web pages, JSON, CSV or SGML files) to read them, "
            "mark the statements that make claims, and record verdicts. "
            "Every change is saved at once.</p>"
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.import_button = QCommandLinkButton(
            "&Import a folder…", "Choose a folder; every article file under it is imported."
        )
        self.demo_button = QCommandLinkButton(
            "Open the &demo article", "A short sample article written for trying the tool out."
        )
        self.empty_button = QCommandLinkButton("Start &empty", "Import later from the File menu or by dropping files.")
        demo_title = QLabel(DEMO_TITLE)
        demo_title.setFont(dialog_arabic_font(arabic_family, self.font()))
        demo_title.setAlignment(ABSOLUTE_RIGHT)
        demo_title.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        demo_title.setWordWrap(True)
        demo_title.setContentsMargins(40, 0, 8, 6)
        self.demo_title = demo_title
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.empty_button.clicked.connect(self._on_empty_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.import_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(demo_title)
        layout.addWidget(self.empty_button)
        layout.addStretch(1)
        # Command link buttons hint at twice their wrapped height; size by width instead.
        self.setMinimumWidth(480)
        self.resize(480, layout.totalHeightForWidth(480))
        self.import_button.setFocus()

    def ask(self) -> FirstRunChoice:
        """Show modally and return the choice (Escape means start empty)."""
        self.exec()
        return self.choice

    def _choose(self, choice: FirstRunChoice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        self.choice = FirstRunChoice.START_EMPTY
        super().reject()

    @Slot()
    def _on_import_button_clicked(self) -> None:
        self._choose(FirstRunChoice.IMPORT_FOLDER)

    @Slot()
    def _on_demo_button_clicked(self) -> None:
        self._choose(FirstRunChoice.OPEN_DEMO)

    @Slot()
    def _on_empty_button_clicked(self) -> None:
        self._choose(FirstRunChoice.START_EMPTY)
