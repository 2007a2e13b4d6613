"""Statements in other articles that carry the same claim, or contradict the one being edited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from karabakh_annotator.core.records import MatchRecord
from karabakh_annotator.ui.claims_panel.rtl import DirectionalDelegate

_KIND_TEXT = {"same": "Same claim", "contradiction": "Contradicts"}
_MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
_QUOTE_CHARS = 90


def match_line(match: MatchRecord, titles: Mapping[int, str]) -> str:
    """One list line: kind and score, the other article, the start of its passage."""
    other = match.b
    quote = other.text if len(other.text) <= _QUOTE_CHARS else other.text[: _QUOTE_CHARS - 1] + "…"
    where = titles.get(other.article_id) or f"article {other.article_id}"
    state = "" if other.statement_id is not None else " (suggested)"
    return f"{quote}\n{_KIND_TEXT.get(match.kind, match.kind)} · {match.score:.0%} · {where}{state}"


class RelatedList(QWidget):
    """The open same-claim and contradiction proposals for one statement; open, link or dismiss each."""

    sig_open_requested = Signal(object)  # MatchRecord: show its other passage
    sig_accept_requested = Signal(object)  # MatchRecord
    sig_dismiss_requested = Signal(object)  # MatchRecord

    def __init__(self, arabic_family: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("Related in other articles")
        self.heading.setObjectName("related_heading")
        self.list = QListWidget()
        self.list.setObjectName("related_list")
        self.list.setItemDelegate(DirectionalDelegate(self.list))
        self.list.setWordWrap(True)
        # Two lines of proposals at least; the window must still fit a 640-pixel-high screen.
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 2 + 8)
        if arabic_family:
            self.list.setFont(QFont(arabic_family, 11))
        self.open_button = QPushButton("&Open")
        self.accept_button = QPushButton("&Link")
        self.accept_button.setToolTip("Same claim: put both statements on one claim. Contradiction: confirm it.")
        self.dismiss_button = QPushButton("Dis&miss")
        self.dismiss_button.setToolTip("Not related: do not propose this pair again")
        buttons = QHBoxLayout()
        for button in (self.open_button, self.accept_button, self.dismiss_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.list.itemActivated.connect(lambda _item: self._emit(self.sig_open_requested))
        self.list.itemClicked.connect(lambda _item: self._emit(self.sig_open_requested))
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.open_button.clicked.connect(lambda: self._emit(self.sig_open_requested))
        self.accept_button.clicked.connect(lambda: self._emit(self.sig_accept_requested))
        self.dismiss_button.clicked.connect(lambda: self._emit(self.sig_dismiss_requested))
        self.show_matches([], {})

    def show_matches(self, matches: Sequence[MatchRecord], titles: Mapping[int, str]) -> None:
        """List the proposals (`a` is the statement being edited), best first."""
        self.list.clear()
        for match in matches:
            item = QListWidgetItem(match_line(match, titles))
            item.setData(_MATCH_ROLE, match)
            self.list.addItem(item)
        count = len(matches)
        self.heading.setText(f"Related in other articles ({count})" if count else "Related in other articles: none found")
        self._update_buttons()

    def show_pending(self) -> None:
        """Keep the list until the search for the new statement is done; say it is running."""
        self.heading.setText("Related in other articles: looking…")

    def matches(self) -> list[MatchRecord]:
        """The proposals listed, top to bottom."""
        return [self.list.item(row).data(_MATCH_ROLE) for row in range(self.list.count())]

    def current_match(self) -> MatchRecord | None:
        """The proposal selected in the list."""
        item = self.list.currentItem()
        return item.data(_MATCH_ROLE) if item is not None else None

    def _emit(self, signal: Signal) -> None:
        match = self.current_match()
        if match is not None:
            signal.emit(match)  # type: ignore[attr-defined]

    def _update_buttons(self) -> None:
        chosen = self.current_match() is not None
        for button in (self.open_button, self.accept_button, self.dismiss_button):
            button.setEnabled(chosen)
