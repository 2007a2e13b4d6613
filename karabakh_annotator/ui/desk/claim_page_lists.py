"""The claim page's lists: the statements carrying the claim, and its evidence."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import ArticleSummary, EvidenceRecord, StatementRecord
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.label_combo import swatch
from karabakh_annotator.ui.desk.claim_page_widgets import list_items, setup_item_list
from karabakh_annotator.ui.event_values import local_moment

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The statement or evidence id a row shows."""
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
"""The record a row shows."""

TIME_FORMAT = "%Y-%m-%d %H:%M"
_QUOTE_CHARS = 160


def one_line(text: str | None, limit: int = _QUOTE_CHARS) -> str:
    """Text on one line, cut with an ellipsis past `limit` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def local_time(moment: dt.datetime) -> str:
    """A stored time (UTC; naive from SQLite) in the computer's time zone."""
    return local_moment(moment).strftime(TIME_FORMAT)


class StatementColumn(enum.IntEnum):
    QUOTE = 0
    SPEAKER = 1
    OUTLET = 2
    DATE = 3
    ARTICLE = 4


_STATEMENT_HEADERS = ("Quote", "Speaker", "Outlet", "Date", "Article")
_STATEMENT_WIDTHS = {StatementColumn.SPEAKER: 140, StatementColumn.OUTLET: 110, StatementColumn.DATE: 85,
                     StatementColumn.ARTICLE: 160}


def _size_columns(tree: QTreeWidget, widths: Iterable[tuple[int, int]], stretch: int) -> None:
    """Fixed starting widths (the analyst may drag them); `stretch` takes the room left over."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(40)
    for column, width in widths:
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class StatementsList(QTreeWidget):
    """Where the claim appears: one row per statement; Enter or a double click asks to open it."""

    sig_statement_open_requested = Signal(int)

    def __init__(self, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_item_list(self, _STATEMENT_HEADERS, arabic_family, "claim_statements")
        _size_columns(self, _STATEMENT_WIDTHS.items(), StatementColumn.QUOTE)
        self.setToolTip("Statements carrying this claim; Enter opens one in its article")
        self.itemActivated.connect(self._on_item_activated)

    def show_statements(self, statements: Sequence[StatementRecord], articles: Mapping[int, ArticleSummary]) -> None:
        """List the statements (by article, then text order, as the service gives them)."""
        self.clear()
        for statement in statements:
            article = articles.get(statement.article_id)
            date = article.published.isoformat() if article and article.published else ""
            if not date and article and article.published_raw:
                date = article.published_raw
            item = QTreeWidgetItem([
                one_line(statement.quote),
                statement.speaker or "",
                one_line(article.outlet if article else ""),
                date,
                one_line(article.title if article and article.title else f"Article {statement.article_id}", 80),
            ])
            item.setToolTip(StatementColumn.QUOTE, f"…{statement.prefix}«{statement.quote}»{statement.suffix}…")
            item.setToolTip(StatementColumn.ARTICLE, (article.title or "") if article else "")
            item.setData(0, ID_ROLE, statement.id)
            item.setData(0, RECORD_ROLE, statement)
            self.addTopLevelItem(item)
        first = self.topLevelItem(0)
        if first is not None:
            self.setCurrentItem(first)

    def statement_ids(self) -> list[int]:
        """Ids of the listed statements, top to bottom."""
        return [item.data(0, ID_ROLE) for item in list_items(self)]

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.sig_statement_open_requested.emit(item.data(0, ID_ROLE))


class EvidenceColumn(enum.IntEnum):
    STANCE = 0
    CITATION = 1
    LINK = 2
    NOTE = 3
    STATEMENT = 4
    ANALYST = 5
    WHEN = 6


_EVIDENCE_HEADERS = ("Stance", "Citation", "Link", "Note", "Statement", "By", "When")
_EVIDENCE_WIDTHS = {EvidenceColumn.STANCE: 95, EvidenceColumn.LINK: 150, EvidenceColumn.NOTE: 130,
                    EvidenceColumn.STATEMENT: 110, EvidenceColumn.ANALYST: 60, EvidenceColumn.WHEN: 120}


class EvidenceList(QTreeWidget):
    """The claim's live evidence. Enter opens the link (or the cited statement); Delete asks to withdraw."""

    sig_link_open_requested = Signal(str)
    sig_statement_open_requested = Signal(int)
    sig_withdraw_requested = Signal(int)  # evidence id

    def __init__(self, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_item_list(self, _EVIDENCE_HEADERS, arabic_family, "claim_evidence")
        _size_columns(self, _EVIDENCE_WIDTHS.items(), EvidenceColumn.CITATION)
        self.setToolTip("Evidence for this claim: Enter opens its link or statement, Delete withdraws it")
        self._labels = LabelCatalog()
        self.itemActivated.connect(self._on_item_activated)

    def set_labels(self, labels: LabelCatalog) -> None:
        """Stance names and colours (shown at the next `show_evidence`)."""
        self._labels = labels

    def show_evidence(self, evidence: Sequence[EvidenceRecord], cited: Mapping[int, StatementRecord]) -> None:
        """List the evidence, oldest first, keeping the selected row when it is still listed."""
        chosen = self.current_evidence_id()
        self.clear()
        link_font = QFont(self.font())
        link_font.setUnderline(True)
        link_color = self.palette().color(QPalette.ColorRole.Link)
        for record in evidence:
            statement = cited.get(record.statement_id) if record.statement_id is not None else None
            if record.statement_id is None:
                statement_text = ""
            elif statement is None:
                statement_text = f"#{record.statement_id}"
            else:
                statement_text = one_line(statement.quote, 60)
            item = QTreeWidgetItem([
                self._labels.name(LabelSet.EVIDENCE_STANCE, record.stance),
                one_line(record.citation),
                record.url or "",
                one_line(record.note),
                statement_text,
                record.analyst,
                local_time(record.created_at),
            ])
            color = self._labels.color(LabelSet.EVIDENCE_STANCE, record.stance)
            if color:
                item.setIcon(EvidenceColumn.STANCE, swatch(color))
            item.setToolTip(EvidenceColumn.STANCE, self._labels.other_name(LabelSet.EVIDENCE_STANCE, record.stance))
            item.setToolTip(EvidenceColumn.CITATION, record.citation)
            item.setToolTip(EvidenceColumn.NOTE, record.note)
            if record.url:
                item.setFont(EvidenceColumn.LINK, link_font)
                item.setForeground(EvidenceColumn.LINK, link_color)
                item.setToolTip(EvidenceColumn.LINK, f"{record.url}\nEnter or a double click opens it")
            if statement is not None:
                item.setToolTip(EvidenceColumn.STATEMENT, f"Statement #{statement.id}: {statement.quote}")
            item.setData(0, ID_ROLE, record.id)
            item.setData(0, RECORD_ROLE, record)
            self.addTopLevelItem(item)
            if record.id == chosen:
                self.setCurrentItem(item)

    def current_evidence(self) -> EvidenceRecord | None:
        """The selected evidence."""
        item = self.currentItem()
        return item.data(0, RECORD_ROLE) if item is not None else None

    def current_evidence_id(self) -> int | None:
        """The id of the selected evidence."""
        record = self.current_evidence()
        return record.id if record is not None else None

    def evidence_ids(self) -> list[int]:
        """Ids of the listed evidence, top to bottom."""
        return [item.data(0, ID_ROLE) for item in list_items(self)]

    def open_current(self, column: int = EvidenceColumn.LINK) -> None:
        """Open the selected evidence: its link, or the statement it cites (first when `column` is that column)."""
        record = self.current_evidence()
        if record is None:
            return
        if record.statement_id is not None and (column == EvidenceColumn.STATEMENT or not record.url):
            self.sig_statement_open_requested.emit(record.statement_id)
        elif record.url:
            self.sig_link_open_requested.emit(record.url)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            evidence_id = self.current_evidence_id()
            if evidence_id is not None:
                event.accept()
                self.sig_withdraw_requested.emit(evidence_id)
                return
        super().keyPressEvent(event)

    def _on_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        self.setCurrentItem(item)
        self.open_current(column)

