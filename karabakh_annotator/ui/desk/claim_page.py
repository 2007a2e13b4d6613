"""One claim's page: its fields, the statements carrying it, its evidence and its history.

The page never writes: each confirmed change is a request signal that the
window turns into an undoable command, then the desk shows the stored result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from karabakh_annotator.core.records import ClaimRecord
from karabakh_annotator.core.services.patches import ClaimPatch
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.desk.claim_page_details import ClaimDetails
from karabakh_annotator.ui.desk.claim_page_fields import ClaimFields
from karabakh_annotator.ui.desk.claim_page_history import HistoryList
from karabakh_annotator.ui.desk.claim_page_lists import EvidenceList, StatementsList
from karabakh_annotator.ui.desk.evidence_form import EvidenceForm

NO_CLAIM = "Select a claim in the list to verify it."
_ERROR_STYLE = "QLabel { color: #b71c1c; background: #ffebee; border: 1px solid #ef9a9a; padding: 4px; }"


def _heading(text: str, buddy: QWidget | None = None, grow: int = 0) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() + grow)
    label.setFont(font)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def _appears_in(count: int) -> str:
    return f"A&ppears in {count} statement{'' if count == 1 else 's'}"


class ClaimPage(QWidget):
    """One claim: its fields, where it appears, its evidence (with a form to add more) and its history.

    Keyboard: Tab walks summary, status, verdict, rating, assignee,
    explanation, the statements, the evidence, its buttons and form, the
    history; Alt+P, Alt+Y jump to the statements and the history. Enter on a
    statement asks to open it; on evidence, opens its link; Delete on
    evidence asks to withdraw it.
    """

    sig_claim_edit_requested = Signal(int, object)  # claim id, ClaimPatch
    sig_evidence_add_requested = Signal(int, object)  # claim id, dict of add_evidence keyword arguments
    sig_evidence_withdraw_requested = Signal(int)  # evidence id
    sig_statement_open_requested = Signal(int)  # statement id

    def __init__(self, arabic_family: str, analyst: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._details: ClaimDetails | None = None
        self._pending_add = False
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        """Opens an evidence link (replaceable, so tests open nothing)."""

        self.error = QLabel()
        self.error.setObjectName("claim_page_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.title = _heading(NO_CLAIM, grow=2)
        self.title.setObjectName("claim_page_title")
        self.fields = ClaimFields(arabic_family, analyst)
        self.statements = StatementsList(arabic_family)
        self.evidence = EvidenceList(arabic_family)
        self.withdraw = QPushButton("&Withdraw")
        self.withdraw.setObjectName("evidence_withdraw")
        self.withdraw.setToolTip("Withdraw the selected evidence (Delete); the history keeps it and undo restores it")
        self.open_link = QPushButton("Open lin&k")
        self.open_link.setObjectName("evidence_open")
        self.open_link.setToolTip("Open the selected evidence's link, or the statement it cites (Enter)")
        for button in (self.withdraw, self.open_link):
            button.setAutoDefault(False)
        self.form = EvidenceForm(arabic_family)
        self.history = HistoryList(arabic_family)
        self.statements_heading = _heading(_appears_in(0), self.statements)
        self.evidence_heading = _heading("Evidence", self.evidence)
        self.history_heading = _heading("Histor&y", self.history)

        self._build_layout()
        self._connect()
        self.show_claim(None)

    # -- our interface -------------------------------------------------------

    def set_labels(self, labels: LabelCatalog) -> None:
        """The label sets (read again when the user edits them)."""
        self.fields.set_labels(labels)
        self.evidence.set_labels(labels)
        self.history.set_labels(labels)
        self.form.set_labels(labels)
        if self._details is not None:
            self.show_claim(self._details)

    def set_analysts(self, names: Iterable[str]) -> None:
        """The analysts the assignee list offers."""
        self.fields.set_analysts(names)

    def focus_chain(self) -> list[QWidget]:
        """The page's widgets in Tab order."""
        form = self.form
        return [*self.fields.focus_chain(), self.statements, self.evidence, self.open_link, self.withdraw,
                form.stance, form.citation, form.url, form.note, form.statement, form.add, self.history]

    def current_claim(self) -> ClaimRecord | None:
        """The claim shown."""
        return self._details.claim if self._details is not None else None

    def current_claim_id(self) -> int | None:
        """The id of the claim shown."""
        claim = self.current_claim()
        return claim.id if claim is not None else None

    def show_claim(self, details: ClaimDetails | None) -> None:
        """Show a claim as stored (None empties and disables the page); the same claim again keeps typing."""
        same = details is not None and details.claim.id == self.current_claim_id()
        before = set(self.evidence.evidence_ids())
        if not same:
            self.show_error(None)
        self._details = details
        claim = details.claim if details is not None else None
        self.title.setText(f"Claim #{claim.id}" if claim else NO_CLAIM)
        self.fields.show_claim(claim)
        statements = details.statements if details else ()
        evidence = details.evidence if details else ()
        history = details.history if details else ()
        self.statements.show_statements(statements, details.articles if details else {})
        self.evidence.show_evidence(evidence, details.cited_statements if details else {})
        self.history.show_history(history)
        self.statements_heading.setText(_appears_in(len(statements)))
        self.evidence_heading.setText(f"Evidence ({len(evidence)})")
        self.history_heading.setText(f"Histor&y ({len(history)})")
        if self._pending_add and same and set(self.evidence.evidence_ids()) - before:
            # The evidence the form asked for is stored: ready for the next one.
            self._pending_add = False
            self.form.clear()
        for widget in (self.statements, self.evidence, self.form, self.history):
            widget.setEnabled(claim is not None)
        self._update_evidence_buttons()

    def show_error(self, message: str | None) -> None:
        """Say why the last request was refused (None hides it); the form keeps what was typed."""
        self._pending_add = False
        self.error.setText(f"Not changed: {message}" if message else "")
        self.error.setVisible(bool(message))

    # -- internals -------------------------------------------------------------

    def _build_layout(self) -> None:
        evidence_top = QHBoxLayout()
        evidence_top.addWidget(self.evidence_heading)
        evidence_top.addStretch(1)
        evidence_top.addWidget(self.open_link)
        evidence_top.addWidget(self.withdraw)
        self.sections = QSplitter(Qt.Orientation.Vertical)
        self.sections.setObjectName("claim_page_sections")
        self.sections.setChildrenCollapsible(False)
        parts: tuple[tuple[QWidget | QLayout, ...], ...] = (
            (self.statements_heading, self.statements),
            (evidence_top, self.evidence, self.form),
            (self.history_heading, self.history),
        )
        for index, section_parts in enumerate(parts):
            section = QWidget()
            column = QVBoxLayout(section)
            column.setContentsMargins(0, 4, 0, 0)
            column.setSpacing(2)
            for part in section_parts:
                if isinstance(part, QLayout):
                    column.addLayout(part)
                else:
                    column.addWidget(part, 1 if part in (self.statements, self.evidence, self.history) else 0)
            self.sections.addWidget(section)
            self.sections.setStretchFactor(index, (2, 3, 3)[index])

        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.title)
        layout.addWidget(self.fields)
        layout.addWidget(self.sections, 1)
        chain = self.focus_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.fields.sig_edit_requested.connect(self._on_fields_edit_requested)
        self.statements.sig_statement_open_requested.connect(self.sig_statement_open_requested)
        self.evidence.sig_statement_open_requested.connect(self.sig_statement_open_requested)
        self.evidence.sig_link_open_requested.connect(lambda url: self.open_url(QUrl(url)))
        self.evidence.sig_withdraw_requested.connect(self.sig_evidence_withdraw_requested)
        self.evidence.currentItemChanged.connect(lambda *_: self._update_evidence_buttons())
        self.withdraw.clicked.connect(self._on_withdraw_clicked)
        self.open_link.clicked.connect(lambda: self.evidence.open_current())
        self.form.sig_add_requested.connect(self._on_form_add_requested)

    def _on_fields_edit_requested(self, patch: ClaimPatch) -> None:
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self.show_error(None)
            self.sig_claim_edit_requested.emit(claim_id, patch)

    def _on_withdraw_clicked(self) -> None:
        evidence_id = self.evidence.current_evidence_id()
        if evidence_id is not None:
            self.sig_evidence_withdraw_requested.emit(evidence_id)

    def _on_form_add_requested(self, values: dict[str, Any]) -> None:
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self.show_error(None)
            self._pending_add = True
            self.sig_evidence_add_requested.emit(claim_id, values)

    def _update_evidence_buttons(self) -> None:
        record = self.evidence.current_evidence() if self.evidence.isEnabled() else None
        self.withdraw.setEnabled(record is not None)
        self.open_link.setEnabled(record is not None and bool(record.url or record.statement_id))
