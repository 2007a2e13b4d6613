"""Shown when an edit met another analyst's change: both values side by side, and a choice.

Nothing was saved when this appears (services/versions.py refused the edit).
"Keep mine" makes the same edit again on top of the other analyst's version;
"Keep theirs" drops it. Either way the views show the stored record again.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.services.versions import EditConflict

FIELD_NAMES = {
    "speaker_id": "Speaker",
    "cue": "Cue",
    "cue_class": "Cue class",
    "stance": "Stance",
    "party": "Party alignment",
    "claim_id": "Claim",
    "note": "Note",
    "span": "Span",
    "summary": "Summary",
    "status": "Status",
    "verdict": "Verdict",
    "rating_value": "Rating",
    "explanation": "Explanation",
    "assignee": "Assignee",
}

Describe = Callable[[str, object], str]
"""How a field's value reads to the analyst (names rather than ids and keys)."""


class ConflictChoice(enum.Enum):
    KEEP_MINE = "keep_mine"
    KEEP_THEIRS = "keep_theirs"


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class ConflictDialog(QDialog):
    """The fields two analysts changed differently; `choice` after exec()."""

    def __init__(self, conflict: EditConflict, describe: Describe, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        who = conflict.changed_by or "Another analyst"
        self.setWindowTitle("Changed by someone else")
        self.choice = ConflictChoice.KEEP_THEIRS
        intro = QLabel(
            f"{who} changed {conflict.kind} {conflict.record_id} while you were editing it. "
            "Nothing of yours was saved yet. Which version should stay?"
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(conflict.fields), 3, self)
        self.table.setHorizontalHeaderLabels(["Field", "Yours", f"{who}'s (stored now)"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, field in enumerate(conflict.fields):
            self.table.setItem(row, 0, _item(FIELD_NAMES.get(field.field, field.field)))
            self.table.setItem(row, 1, _item(describe(field.field, field.mine)))
            self.table.setItem(row, 2, _item(describe(field.field, field.theirs)))
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
        self.resize(560, 120 + 32 * len(conflict.fields))

    def _on_keep_mine(self) -> None:
        self.choice = ConflictChoice.KEEP_MINE
        self.accept()


def ask_conflict_choice(conflict: EditConflict, describe: Describe, parent: QWidget | None) -> ConflictChoice:
    """Show the dialog modally and return the analyst's choice (Escape keeps theirs)."""
    dialog = ConflictDialog(conflict, describe, parent)
    dialog.exec()
    return dialog.choice
