"""The editor for the selected statement: it never writes, it asks (the window makes undoable commands)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import EntityRecord, StatementRecord
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.ui.claims_panel.claim_field import ClaimField, ClaimSearch
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.label_combo import LabelCombo
from karabakh_annotator.ui.claims_panel.speaker_field import SpeakerField

NO_STATEMENT = "Select a statement to edit it."
NO_CLAIM = "No claim yet: search one to link, or type a summary and press Enter."


def _text_or_empty(value: str | None) -> str:
    return value or ""


class StatementEditor(QWidget):
    """Speaker, cue, stance, party, claim, status, verdict, explanation and note of one statement.

    Keyboard: Tab walks the fields in that order. In a text field Enter
    confirms it (so does leaving it). In a label combo (stance, party,
    status, verdict) the number keys 1..9 choose the n-th label and 0 clears
    it; ↑/↓ step through the list. Each confirmed change emits one request
    holding only the changed field; the main window turns it into an undoable
    command and later calls `show_statement` with the stored result.
    """

    sig_statement_edit_requested = Signal(int, object)  # statement id, StatementPatch
    sig_claim_edit_requested = Signal(int, object)  # claim id, ClaimPatch
    sig_claim_create_requested = Signal(int, str)  # statement id, summary
    sig_entity_create_requested = Signal(str)  # name

    def __init__(
        self, search_claims: ClaimSearch, arabic_family: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._statement: StatementRecord | None = None
        self._pending_speaker: str | None = None

        self.quote = QLabel(NO_STATEMENT)
        self.quote.setObjectName("editor_quote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if arabic_family:
            self.quote.setFont(QFont(arabic_family, 13))
        self.speaker = SpeakerField()
        self.speaker_hint = QLabel()
        self.speaker_hint.setObjectName("editor_speaker_hint")
        self.cue = QLineEdit()
        self.cue.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.cue.setPlaceholderText("Cue word (قال، أكد، نفى …)")
        self.cue.setToolTip("Cue: the reporting verb; Enter confirms")
        self.stance = LabelCombo(LabelSet.REPORTING_STANCE, True, "Reporting stance")
        self.party = LabelCombo(LabelSet.PARTY_ALIGNMENT, True, "Party alignment")
        self.claim_summary = QLabel(NO_CLAIM)
        self.claim_summary.setObjectName("editor_claim_summary")
        self.claim_summary.setWordWrap(True)
        self.unlink = QPushButton("Un&link")
        self.unlink.setToolTip("Detach this statement from its claim (the claim stays)")
        self.claim = ClaimField(search_claims)
        self.new_claim = QPushButton("Ne&w claim")
        self.new_claim.setToolTip("Create a new claim with the typed summary and link it")
        self.status = LabelCombo(LabelSet.WORKFLOW_STATUS, False, "Workflow status of the claim")
        self.verdict = LabelCombo(LabelSet.VERDICT, True, "Verdict on the claim")
        self.explanation = QLineEdit()
        self.explanation.setPlaceholderText("Why this verdict (evidence in brief)")
        self.explanation.setToolTip("Explanation of the claim's verdict; Enter confirms")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note on this statement")
        self.note.setToolTip("Note; Enter confirms")
        for button in (self.unlink, self.new_claim):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reached by Alt+mnemonic, not in the Tab chain
            button.setAutoDefault(False)

        self._build_layout()
        self._connect()
        self.show_statement(None)

    # -- our interface -------------------------------------------------------

    def set_labels(self, labels: LabelCatalog) -> None:
        """The label sets (read again when the user edits them)."""
        for combo in self._combos():
            combo.set_labels(labels)

    def set_entities(self, entities: Sequence[EntityRecord]) -> None:
        """Every speaker the completer offers, under names and aliases."""
        self.speaker.set_entities(entities)

    def current_statement(self) -> StatementRecord | None:
        """The statement being edited."""
        return self._statement

    def show_statement(self, statement: StatementRecord | None) -> None:
        """Fill every field from `statement` (None empties and disables the editor).

        While the analyst is typing in a field of this same statement, a newer
        version (another analyst's change arriving) is not shown: the typing
        stays, and so does the version it started from, so saving it is checked
        against the newer one (an EditConflict if both changed that field).
        """
        same = statement is not None and self._statement is not None and statement.id == self._statement.id
        if same and self.has_unsaved_typing():
            return
        if statement is None or self._statement is None or statement.id != self._statement.id:
            self._pending_speaker = None
            self.claim.reset()
        self._statement = statement
        claim = statement.claim if statement is not None and statement.claim and not statement.claim.deleted else None
        self.quote.setText(statement.quote if statement else NO_STATEMENT)
        self.quote.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if statement is not None else Qt.LayoutDirection.LeftToRight
        )
        self.quote.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.speaker.show_speaker(statement.speaker_id if statement else None, statement.speaker if statement else None)
        self._set_text(self.cue, _text_or_empty(statement.cue) if statement else "")
        self.stance.show_label(statement.stance if statement else None)
        self.party.show_label(statement.party if statement else None)
        self.claim_summary.setText(f"#{claim.id}  {claim.summary}" if claim else NO_CLAIM)
        self.status.show_label(claim.status if claim else None)
        self.verdict.show_label(claim.verdict if claim else None)
        self._set_text(self.explanation, claim.explanation if claim else "")
        self._set_text(self.note, statement.note if statement else "")
        for widget in (self.speaker, self.cue, self.stance, self.party, self.claim, self.new_claim, self.note):
            widget.setEnabled(statement is not None)
        for widget in (self.unlink, self.status, self.verdict, self.explanation):
            widget.setEnabled(claim is not None)

    def has_unsaved_typing(self) -> bool:
        """A text field changed by the analyst and not yet saved."""
        return any(field.isModified() for field in (self.cue, self.note, self.explanation))

    def entity_created(self, entity: EntityRecord) -> None:
        """The window created the speaker this editor asked for: offer it, and set it on the statement."""
        self.speaker.add_entity(entity)
        pending, self._pending_speaker = self._pending_speaker, None
        if pending is None or self._statement is None:
            return
        self._request_statement(StatementPatch(speaker_id=entity.id))
        self.speaker.show_speaker(entity.id, entity.name)

    # -- internals -------------------------------------------------------------

    def _build_layout(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Quote", self.quote)
        speaker_row = QHBoxLayout()
        speaker_row.addWidget(self.speaker, 2)
        speaker_row.addWidget(self.speaker_hint, 1)
        rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            ("Spea&ker", speaker_row),
            ("C&ue", self.cue),
            ("S&tance", self.stance),
            ("P&arty", self.party),
        ]
        claim_row = QHBoxLayout()
        claim_row.addWidget(self.claim_summary, 1)
        claim_row.addWidget(self.unlink)
        find_row = QHBoxLayout()
        find_row.addWidget(self.claim, 1)
        find_row.addWidget(self.new_claim)
        rows += [
            ("Claim", claim_row),
            ("Link/ne&w", find_row),
            ("Stat&us", self.status),
            ("&Verdict", self.verdict),
            ("E&xplanation", self.explanation),
            ("&Note", self.note),
        ]
        for text, field in rows:
            label = QLabel(text)
            buddy = field if isinstance(field, QWidget) else field.itemAt(0).widget()
            label.setBuddy(buddy)
            form.addRow(label, field)
        chain = [self.speaker, self.cue, self.stance, self.party, self.claim, self.status, self.verdict,
                 self.explanation, self.note]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.speaker.sig_speaker_chosen.connect(self._on_speaker_chosen)
        self.speaker.sig_new_speaker_requested.connect(self._on_speaker_new_requested)
        self.speaker.sig_hint_changed.connect(self.speaker_hint.setText)
        self.cue.editingFinished.connect(self._on_cue_edited)
        self.note.editingFinished.connect(self._on_note_edited)
        self.stance.sig_label_chosen.connect(lambda key: self._request_statement(StatementPatch(stance=key)))
        self.party.sig_label_chosen.connect(lambda key: self._request_statement(StatementPatch(party=key)))
        self.claim.sig_claim_chosen.connect(self._on_claim_chosen)
        self.claim.sig_new_claim_requested.connect(self._on_claim_new_requested)
        self.new_claim.clicked.connect(self._on_new_claim_clicked)
        self.unlink.clicked.connect(lambda: self._request_statement(StatementPatch(claim_id=None)))
        self.status.sig_label_chosen.connect(lambda key: self._request_claim(ClaimPatch(status=key)))
        self.verdict.sig_label_chosen.connect(lambda key: self._request_claim(ClaimPatch(verdict=key)))
        self.explanation.editingFinished.connect(self._on_explanation_edited)

    def _combos(self) -> list[LabelCombo]:
        return [self.stance, self.party, self.status, self.verdict]

    @staticmethod
    def _set_text(field: QLineEdit, text: str) -> None:
        was = field.blockSignals(True)
        field.setText(text)
        field.setModified(False)
        field.blockSignals(was)

    def _request_statement(self, patch: StatementPatch) -> None:
        if self._statement is not None:
            self.sig_statement_edit_requested.emit(self._statement.id, patch)

    def _request_claim(self, patch: ClaimPatch) -> None:
        claim = self._statement.claim if self._statement is not None else None
        if claim is not None:
            self.sig_claim_edit_requested.emit(claim.id, patch)

    def _on_speaker_chosen(self, entity_id: int | None) -> None:
        self._pending_speaker = None
        self._request_statement(StatementPatch(speaker_id=entity_id))

    def _on_speaker_new_requested(self, name: str) -> None:
        if self._statement is not None and self._pending_speaker != name:
            self._pending_speaker = name
            self.sig_entity_create_requested.emit(name)

    def _on_cue_edited(self) -> None:
        if self._statement is None:
            return
        cue = " ".join(self.cue.text().split()) or None
        if cue != self._statement.cue and self.cue.isModified():
            self.cue.setModified(False)
            self._request_statement(StatementPatch(cue=cue))

    def _on_note_edited(self) -> None:
        if self._statement is None:
            return
        if self.note.text() != self._statement.note and self.note.isModified():
            self.note.setModified(False)
            self._request_statement(StatementPatch(note=self.note.text()))

    def _on_explanation_edited(self) -> None:
        claim = self._statement.claim if self._statement is not None else None
        if claim is None:
            return
        if self.explanation.text() != claim.explanation and self.explanation.isModified():
            self.explanation.setModified(False)
            self._request_claim(ClaimPatch(explanation=self.explanation.text()))

    def _on_claim_chosen(self, claim_id: int) -> None:
        if self._statement is not None and claim_id != self._statement.claim_id:
            self._request_statement(StatementPatch(claim_id=claim_id))

    def _on_claim_new_requested(self, summary: str) -> None:
        if self._statement is not None:
            self.sig_claim_create_requested.emit(self._statement.id, summary)

    def _on_new_claim_clicked(self) -> None:
        summary = " ".join(self.claim.text().split())
        if summary:
            self.claim.reset()
            self._on_claim_new_requested(summary)
        else:
            self.claim.setFocus()
