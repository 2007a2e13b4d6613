"""Linking a statement to a claim: search existing claims as you type, or create one from the text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from karabakh_annotator.core.records import ClaimRecord
from karabakh_annotator.core.storage.models import SUMMARY_MAX_CHARS

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 150
MIN_SEARCH_CHARS = 2

ClaimSearch = Callable[[str], list[ClaimRecord]]


class ClaimField(QLineEdit):
    """Type words of a claim: matching claims pop up; pick one to link it, or press Enter to create a new claim.

    The text is a new claim's summary, so it is limited to the summary's 75
    characters. Enter on text that is exactly a found claim's summary links
    that claim instead of making a duplicate.
    """

    sig_claim_chosen = Signal(int)
    sig_new_claim_requested = Signal(str)

    def __init__(self, search: ClaimSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.setMaxLength(SUMMARY_MAX_CHARS)
        self.setPlaceholderText(f"Search claims to link, or type a new summary (≤ {SUMMARY_MAX_CHARS})")
        self.setToolTip("Claim: type to search; choose a match to link it, or press Enter to create a new claim")
        self._found = QStandardItemModel(self)
        self._completer = QCompleter(self._found, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._on_completer_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._on_return_pressed)

    def suggestions(self) -> QAbstractItemView:
        """The popup listing the found claims."""
        return self._completer.popup()

    def found_claims(self) -> list[tuple[int, str]]:
        """The claims the last search offered, as (id, summary)."""
        return [
            (self._found.item(row).data(CLAIM_ID_ROLE), self._found.item(row).text())
            for row in range(self._found.rowCount())
        ]

    def search_now(self) -> None:
        """Search claims for the typed words and offer them in the popup."""
        self._timer.stop()
        text = self.text().strip()
        self._found.clear()
        if len(text) < MIN_SEARCH_CHARS:
            self._completer.popup().hide()
            return
        for claim in self._search(text):
            item = QStandardItem(claim.summary)
            item.setData(claim.id, CLAIM_ID_ROLE)
            item.setToolTip(f"Claim {claim.id}: {claim.summary}\nstatus {claim.status}, verdict {claim.verdict or '—'}")
            self._found.appendRow(item)
        if self._found.rowCount() and self.hasFocus():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def reset(self) -> None:
        """Empty the field and its suggestions."""
        self._timer.stop()
        self.clear()
        self._found.clear()
        self._completer.popup().hide()

    def _on_completer_activated(self, index: QModelIndex) -> None:
        claim_id = index.data(CLAIM_ID_ROLE)
        if claim_id is not None:
            self.reset()
            self.sig_claim_chosen.emit(int(claim_id))

    def _on_return_pressed(self) -> None:
        if self._completer.popup().isVisible():
            return  # the popup's activation links the chosen claim
        if self._timer.isActive():
            self.search_now()
            self._completer.popup().hide()
        summary = " ".join(self.text().split())
        if not summary:
            return
        for claim_id, found in self.found_claims():
            if " ".join(found.split()) == summary:
                self.reset()
                self.sig_claim_chosen.emit(claim_id)
                return
        self.reset()
        self.sig_new_claim_requested.emit(summary)
