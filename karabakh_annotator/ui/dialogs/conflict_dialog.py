"""Shown when an edit met another analyst's change: both values side by side, and a choice.

Nothing was saved when this appears (services/versions.py refused the edit).
"Keep mine" makes the same edit again on top of the other analyst's version;
"Keep theirs" drops it. Either way the views show the stored record again.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QVBoxLayout, QWidget

from karabakh_annotator.core.services.versions import EditConflict
from karabakh_annotator.ui.dialogs.arabic_text import RightToLeftDelegate, dialog_arabic_font, text_item
from karabakh_annotator.ui.event_values import field_name

Describe = Callable[[str, object], str]
"""How a field's value reads to the analyst (names rather than ids and keys)."""


class ConflictChoice(enum.Enum):
    KEEP_MINE = "keep_mine"
    KEEP_THEIRS = "keep_theirs"


def _isolated(text: str) -> str:
    """`text` as a bidi isolate: an Arabic name does not turn an English sentence around."""
    return f"\u2068{text}\u2069"


class ConflictDialog(QDialog):
    """The fields two analysts changed differently; `choice` after exec()."""

    def __init__(self, conflict: EditConflict, describe: Describe, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        who = _isolated(conflict.changed_by) if conflict.changed_by else "another analyst"
        self.setWindowTitle("Changed by someone else")
        self.choice = ConflictChoice.KEEP_THEIRS
        intro = QLabel(
            f"While you were editing {conflict.kind} {conflict.record_id}, {who} changed it. "
            "Nothing of yours was saved yet. Which version should stay?"
        )
        intro.setWordWrap(True)
        arabic = dialog_arabic_font(None, self.font())
        self.table = QTableWidget(len(conflict.fields), 3, self)
        self.table.setHorizontalHeaderLabels(["Field", "Yours", f"Stored now (by {who})"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegate(RightToLeftDelegate(self.table))
        self.table.setWordWrap(False)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row_height = QFontMetrics(arabic).height() + 12
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        for row, field in enumerate(conflict.fields):
            self.table.setItem(row, 0, text_item(field_name(field.field), arabic))
            self.table.setItem(row, 1, text_item(describe(field.field, field.mine), arabic))
            self.table.setItem(row, 2, text_item(describe(field.field, field.theirs), arabic))
        buttons = QDialogButtonBox(self)
        self.keep_mine = buttons.addButton("Keep &mine", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs = buttons.addButton("Keep &theirs", QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_theirs.setDefault(True)
        buttons.accepted.connect(self._on_keep_mine)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 150 + row_height * len(conflict.fields))

    def _on_keep_mine(self) -> None:
        self.choice = ConflictChoice.KEEP_MINE
        self.accept()


def ask_conflict_choice(conflict: EditConflict, describe: Describe, parent: QWidget | None) -> ConflictChoice:
    """Show the dialog modally and return the analyst's choice (Escape keeps theirs)."""
    dialog = ConflictDialog(conflict, describe, parent)
    dialog.exec()
    return dialog.choice
