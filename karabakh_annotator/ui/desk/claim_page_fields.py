"""The claim's own fields: summary, status, verdict, rating, assignee and explanation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from karabakh_annotator.core import workflow
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import ClaimRecord
from karabakh_annotator.core.services.patches import ClaimPatch
from karabakh_annotator.core.storage.models import SUMMARY_MAX_CHARS
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.label_combo import LabelCombo
from karabakh_annotator.ui.desk.claim_page_widgets import FIELD_POINT_SIZE, ExplanationEdit, follow_text_direction
from karabakh_annotator.ui.fonts import arabic_font

MAX_RATING = 5  # ClaimReview's bestRating


class ClaimFields(QWidget):
    """Edits one claim's fields; each confirmed change emits a patch holding only that field.

    Text fields confirm with Enter (the explanation with Ctrl+Enter) or by
    leaving them; the status and verdict combos take number keys. A second
    confirmation of a value already asked for asks nothing.
    """

    sig_edit_requested = Signal(object)  # ClaimPatch

    def __init__(self, arabic_family: str, analyst: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._analyst = analyst
        self._labels = LabelCatalog()
        self._claim: ClaimRecord | None = None
        self._asked: dict[str, Any] = {}

        self.summary = QLineEdit()
        self.summary.setObjectName("claim_summary")
        self.summary.setMaxLength(SUMMARY_MAX_CHARS)
        self.summary.setFont(arabic_font(arabic_family, FIELD_POINT_SIZE + 1))
        self.summary.setToolTip(f"The checkable claim in at most {SUMMARY_MAX_CHARS} characters; Enter confirms")
        follow_text_direction(self.summary)
        self.status = LabelCombo(LabelSet.WORKFLOW_STATUS, False, "Workflow status")
        self.status.setObjectName("claim_status")
        self.workflow_hint = QLabel()
        self.workflow_hint.setObjectName("claim_workflow_hint")
        self.workflow_hint.setWordWrap(True)
        hint_font = self.workflow_hint.font()
        hint_font.setPointSizeF(hint_font.pointSizeF() * 0.9)
        self.workflow_hint.setFont(hint_font)
        self.verdict = LabelCombo(LabelSet.VERDICT, True, "Verdict")
        self.verdict.setObjectName("claim_verdict")
        self.rating = QSpinBox()
        self.rating.setObjectName("claim_rating")
        self.rating.setRange(0, MAX_RATING)
        self.rating.setSpecialValueText("—")
        self.rating.setToolTip("Rating from 1 (false) to 5 (true); a verdict sets it. Enter confirms, 0 clears")
        self.assignee = QComboBox()
        self.assignee.setObjectName("claim_assignee")
        self.assignee.setEditable(True)
        self.assignee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        assignee_text = self.assignee.lineEdit()
        assert assignee_text is not None  # the combo is editable
        assignee_text.setPlaceholderText("Unassigned")
        self._assignee_text: QLineEdit = assignee_text
        self.assignee.setToolTip("Who verifies this claim: choose an analyst or type a name; Enter confirms")
        self.assign_me = QPushButton("Assign to me")
        self.assign_me.setAutoDefault(False)
        self.explanation = ExplanationEdit()
        self.explanation.setObjectName("claim_explanation")
        self.explanation.setFont(arabic_font(arabic_family, FIELD_POINT_SIZE))
        self.explanation.setPlaceholderText("Why this verdict: the evidence in brief (Ctrl+Enter confirms)")
        self.explanation.setFixedHeight(self.explanation.fontMetrics().lineSpacing() * 3 + 14)
        self._build_layout()
        self._connect()

    def focus_chain(self) -> list[QWidget]:
        """The fields in Tab order."""
        return [self.summary, self.status, self.verdict, self.rating, self.assignee, self.assign_me, self.explanation]

    def set_labels(self, labels: LabelCatalog) -> None:
        """The status and verdict choices."""
        self._labels = labels
        self.status.set_labels(labels)
        self.verdict.set_labels(labels)
        self._show_workflow_hint(self._claim)

    def set_analysts(self, names: Iterable[str]) -> None:
        """The analysts the assignee list offers."""
        was = self.assignee.blockSignals(True)
        text = self.assignee.currentText()
        self.assignee.clear()
        self.assignee.addItems(sorted(set(names), key=str.casefold))
        self.assignee.setEditText(text)
        self.assignee.blockSignals(was)

    def show_claim(self, claim: ClaimRecord | None) -> None:
        """Show the stored values; for the same claim again, text still being typed is kept."""
        same = claim is not None and self._claim is not None and claim.id == self._claim.id
        self._claim = claim
        self._asked = {} if claim is None else {
            "summary": claim.summary, "rating_value": claim.rating_value, "assignee": claim.assignee,
        }
        if not (same and self.summary.hasFocus() and self.summary.isModified()):
            self.summary.setText(claim.summary if claim else "")
            self.summary.setModified(False)
        self.status.show_label(claim.status if claim else None)
        self.verdict.show_label(claim.verdict if claim else None)
        was = self.rating.blockSignals(True)
        self.rating.setValue(claim.rating_value or 0 if claim else 0)
        self.rating.blockSignals(was)
        was = self.assignee.blockSignals(True)
        self.assignee.setEditText((claim.assignee or "") if claim else "")
        self.assignee.blockSignals(was)
        if not (same and self.explanation.is_editing()):
            self.explanation.show_text(claim.explanation if claim else "")
        self._show_workflow_hint(claim)
        for widget in self.focus_chain():
            widget.setEnabled(claim is not None)

    # -- internals -------------------------------------------------------------

    def _build_layout(self) -> None:
        # Mnemonics avoid the menus (File, Edit, View, Desk, Settings) and the desk tabs
        # (Annotate, Claims, Activity, Adjudicate, Agreement, Dashboard): Alt+M U R I X.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addWidget(self.workflow_hint, 1)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict, 1)
        verdict_row.addWidget(QLabel("Rating"))  # no mnemonic left: Tab from the verdict
        verdict_row.addWidget(self.rating)
        assignee_row = QHBoxLayout()
        assignee_row.addWidget(self.assignee, 1)
        assignee_row.addWidget(self.assign_me)
        rows: list[tuple[str, QWidget, QWidget | QHBoxLayout]] = [
            ("Su&mmary", self.summary, self.summary),
            ("Stat&us", self.status, status_row),
            ("Ve&rdict", self.verdict, verdict_row),
            ("Ass&ignee", self.assignee, assignee_row),
            ("E&xplanation", self.explanation, self.explanation),
        ]
        for row, (text, buddy, field) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(buddy)
            top = field is self.explanation
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter)
            if isinstance(field, QWidget):
                grid.addWidget(field, row, 1)
            else:
                grid.addLayout(field, row, 1)

    def _connect(self) -> None:
        self.summary.editingFinished.connect(self._on_summary_edited)
        self.status.sig_label_chosen.connect(lambda key: self._request(ClaimPatch(status=key)))
        self.verdict.sig_label_chosen.connect(lambda key: self._request(ClaimPatch(verdict=key)))
        self.rating.editingFinished.connect(lambda: self._request_field("rating_value", self.rating.value() or None))
        self.assignee.activated.connect(lambda _index: self._on_assignee_edited())
        self._assignee_text.editingFinished.connect(self._on_assignee_edited)
        self.assign_me.clicked.connect(self._on_assign_me_clicked)
        self.explanation.sig_confirmed.connect(lambda text: self._request(ClaimPatch(explanation=text)))

    def _request(self, patch: ClaimPatch) -> None:
        if self._claim is not None:
            self.sig_edit_requested.emit(patch)

    def _request_field(self, name: str, value: Any) -> None:
        if self._claim is None or self._asked.get(name) == value:
            return
        self._asked[name] = value
        self._request(ClaimPatch(**{name: value}))

    def _on_summary_edited(self) -> None:
        if self.summary.isModified():
            self.summary.setModified(False)
            self._request_field("summary", " ".join(self.summary.text().split()))

    def _on_assignee_edited(self) -> None:
        self._request_field("assignee", " ".join(self.assignee.currentText().split()) or None)

    def _on_assign_me_clicked(self) -> None:
        self.assignee.setEditText(self._analyst())
        self._on_assignee_edited()

    def _show_workflow_hint(self, claim: ClaimRecord | None) -> None:
        """The moves the workflow allows next, and who drafted the verdict (the reviewer must be someone else)."""
        if claim is None:
            self.workflow_hint.clear()
            return
        order = {label.key: label.position for label in self._labels.active(LabelSet.WORKFLOW_STATUS)}
        following = sorted((key for key in workflow.MOVES.get(claim.status, ()) if key in order), key=order.__getitem__)
        names = [self._labels.name(LabelSet.WORKFLOW_STATUS, key) for key in following]
        parts = [f"Next: {', '.join(names)}."] if names else []
        if claim.drafted_by:
            if claim.drafted_by == self._analyst() and claim.status == workflow.DRAFTED:
                parts.append("You drafted this verdict; another analyst reviews it.")
            else:
                parts.append(f"Verdict drafted by {claim.drafted_by}.")
        self.workflow_hint.setText(" ".join(parts))
