"""The form that asks to add evidence to a claim: stance, citation, URL, note and an optional statement."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.label_combo import LabelCombo
from karabakh_annotator.ui.desk.claim_page_widgets import FIELD_POINT_SIZE, follow_text_direction
from karabakh_annotator.ui.fonts import arabic_font

SUBMIT_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def check_url(url: str) -> str | None:
    """Why `url` is not a web address the service will take (None when it is, or is empty)."""
    url = url.strip()
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        return "The link must be a web address starting with http:// or https://"
    return None


class EvidenceForm(QWidget):
    """Collects one piece of evidence and emits it as `add_evidence` keyword arguments.

    It never writes: the page adds the claim id and the window makes the
    undoable command. The fields keep their text until `clear` (after the
    evidence was stored), so a refused request loses no typing.
    Keyboard: Tab walks stance, citation, link, note, statement id, Add;
    Ctrl+Enter anywhere in the form adds.
    """

    sig_add_requested = Signal(object)  # dict: stance, citation, url, note, statement_id

    def __init__(self, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stance = LabelCombo(LabelSet.EVIDENCE_STANCE, False, "How the evidence bears on the claim")
        self.stance.setObjectName("evidence_stance")
        self.citation = QLineEdit()
        self.citation.setObjectName("evidence_citation")
        self.citation.setPlaceholderText("Source cited")
        self.url = QLineEdit()
        self.url.setObjectName("evidence_url")
        self.url.setPlaceholderText("https://…")
        self.url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.note = QLineEdit()
        self.note.setObjectName("evidence_note")
        self.note.setPlaceholderText("What it shows")
        self.statement = QLineEdit()
        self.statement.setObjectName("evidence_statement")
        self.statement.setPlaceholderText("id (optional)")
        self.statement.setValidator(QIntValidator(1, 2**31 - 1, self.statement))
        self.statement.setToolTip("A statement in another article that bears on the claim, by its id")
        for field in (self.citation, self.url, self.note, self.statement):
            field.setFont(arabic_font(arabic_family, FIELD_POINT_SIZE - 1))  # one height for the whole form
        for field in (self.citation, self.note):
            follow_text_direction(field)
        self.stance.setMinimumContentsLength(12)
        self.statement.setFixedWidth(self.statement.fontMetrics().horizontalAdvance("0") * 12)
        self.add = QPushButton("Add evidence")
        self.add.setObjectName("evidence_add")
        self.add.setToolTip("Add this evidence to the claim (Ctrl+Enter)")
        self.add.setAutoDefault(False)
        self.problem = QLabel()
        self.problem.setObjectName("evidence_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c")
        self.problem.hide()
        self._build_layout()
        for keys in SUBMIT_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)
        self.add.clicked.connect(self.submit)
        self.stance.show_label(None)

    def set_labels(self, labels: LabelCatalog) -> None:
        """The evidence stances to offer."""
        self.stance.set_labels(labels)

    def values(self) -> dict[str, Any]:
        """The form as `EvidenceService.add_evidence` keyword arguments (without claim and analyst)."""
        statement = self.statement.text().strip()
        return {
            "stance": self.stance.shown_label(),
            "citation": self.citation.text().strip(),
            "url": self.url.text().strip() or None,
            "note": self.note.text().strip(),
            "statement_id": int(statement) if statement else None,
        }

    def problem_with(self, values: dict[str, Any]) -> str | None:
        """Why these values cannot be added yet (the service checks again)."""
        if values["stance"] is None:
            return "Choose a stance: does the evidence support, refute or discuss the claim?"
        if not (values["citation"] or values["url"] or values["note"] or values["statement_id"]):
            return "Evidence needs a citation, a link, a note or a statement."
        return check_url(values["url"] or "")

    def submit(self) -> None:
        """Emit the evidence if it is complete; otherwise say what is missing."""
        values = self.values()
        problem = self.problem_with(values)
        if problem is not None:
            self.show_problem(problem)
            return
        self.show_problem(None)
        self.sig_add_requested.emit(values)

    def show_problem(self, text: str | None) -> None:
        """Say below the form why the evidence was not added (None hides it)."""
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))

    def clear(self) -> None:
        """Empty every field for the next piece of evidence (the stance stays)."""
        for field in (self.citation, self.url, self.note, self.statement):
            field.clear()
        self.show_problem(None)

    def _build_layout(self) -> None:
        # Two rows, so the claim page still fits a laptop screen. Mnemonics: Alt+O, Alt+L
        # (the other letters belong to the menus, the desk tabs and the claim's fields).
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        rows = (
            (("Stance", self.stance, 0), ("Citati&on", self.citation, 2), ("UR&L", self.url, 2)),
            (("Note", self.note, 1), ("Statement id", self.statement, 0), (None, self.add, 0)),
        )
        for row, cells in enumerate(rows):
            line = QHBoxLayout()
            for text, field, stretch in cells:
                if text is not None:
                    label = QLabel(text)
                    label.setBuddy(field)
                    line.addWidget(label)
                line.addWidget(field, stretch)
            grid.addLayout(line, row, 0)
        grid.addWidget(self.problem, len(rows), 0)
        chain = [self.stance, self.citation, self.url, self.note, self.statement, self.add]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
