"""The statement table: a thin model over flat `StatementRow`s, fetched a page at a time."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from karabakh_annotator.core.exporters.csv_export import StatementRow
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.rtl import RTL_ALIGNMENT, is_rtl
from karabakh_annotator.ui.record_table import Index, RecordTableModel


ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""Returns the row's `StatementRow`."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Returns the raw value a column sorts by."""

DEFAULT_PAGE_SIZE = 200
TINT_ALPHA = 110  # label colours at about 43% over the base, so text stays readable


class StatementSource(Protocol):
    """Where rows come from (the `ExportService`)."""

    def count(self, filters: StatementFilter | None = None) -> int: ...

    def statement_rows(
        self, filters: StatementFilter | None = None, offset: int = 0, limit: int | None = None
    ) -> list[StatementRow]: ...


class Column(enum.IntEnum):
    QUOTE = 0
    SPEAKER = 1
    CUE = 2
    STANCE = 3
    PARTY = 4
    CLAIM = 5
    STATUS = 6
    VERDICT = 7
    ANALYST = 8
    UPDATED = 9


HEADERS = {
    Column.QUOTE: "Quote",
    Column.SPEAKER: "Speaker",
    Column.CUE: "Cue",
    Column.STANCE: "Stance",
    Column.PARTY: "Party",
    Column.CLAIM: "Claim",
    Column.STATUS: "Status",
    Column.VERDICT: "Verdict",
    Column.ANALYST: "Analyst",
    Column.UPDATED: "Updated",
}

_LABEL_COLUMNS = {
    Column.STANCE: (LabelSet.REPORTING_STANCE, "reporting_stance"),
    Column.PARTY: (LabelSet.PARTY_ALIGNMENT, "party_alignment"),
    Column.STATUS: (LabelSet.WORKFLOW_STATUS, "status"),
    Column.VERDICT: (LabelSet.VERDICT, "verdict"),
}
_TINTED = (Column.STATUS, Column.VERDICT)
_TEXT_FIELDS = {
    Column.QUOTE: "quote",
    Column.SPEAKER: "speaker",
    Column.CUE: "cue",
    Column.CLAIM: "claim_summary",
    Column.ANALYST: "analyst",
}


class StatementTableModel(RecordTableModel):
    """One row per statement matching a filter, in the service's order (article, then text).

    Rows arrive a page at a time: `set_filter` loads the first page and the
    view asks for more (`canFetchMore`/`fetchMore`) as it scrolls.
    """

    def __init__(
        self,
        source: StatementSource,
        labels: LabelCatalog | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(HEADERS, parent)
        self._source = source
        self._labels = labels or LabelCatalog()
        self._page_size = page_size
        self._filter: StatementFilter | None = None
        self._rows: list[StatementRow] = []
        self._total = 0

    # -- Qt model interface ------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._filter is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._filter is not None
        page = self._source.statement_rows(self._filter, len(self._rows), self._page_size)
        if not page:
            # Rows vanished since the count (deleted elsewhere): stop asking.
            self._total = len(self._rows)
            return
        self._append(page)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column in _TINTED:
            return self._tint(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and is_rtl(self._display(row, column)):
            return int(RTL_ALIGNMENT.value)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == ROW_ROLE:
            return row
        return None

    # -- our interface -------------------------------------------------------

    def set_filter(self, filters: StatementFilter) -> None:
        """Show the statements matching `filters`, starting with the first page."""
        self._load(filters, self._page_size)

    def reload(self, at_least: int = 0) -> None:
        """Read the current filter again, loading at least `at_least` rows (to keep the view's place)."""
        if self._filter is not None:
            self._load(self._filter, max(self._page_size, at_least))

    def clear(self) -> None:
        """Show nothing (no filter)."""
        self.beginResetModel()
        self._filter, self._rows, self._total = None, [], 0
        self.endResetModel()

    def current_filter(self) -> StatementFilter | None:
        """The filter the rows were read with."""
        return self._filter

    def total(self) -> int:
        """How many statements match the filter, loaded or not."""
        return self._total

    def set_labels(self, labels: LabelCatalog) -> None:
        """New label names or colours: repaint every loaded row."""
        self._labels = labels
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def row_at(self, row: int) -> StatementRow:
        """The statement shown in `row`."""
        return self._rows[row]

    def row_of(self, statement_id: int) -> int | None:
        """The loaded row showing `statement_id`, if any."""
        for row, statement in enumerate(self._rows):
            if statement.statement_id == statement_id:
                return row
        return None

    def statement_ids(self) -> list[int]:
        """Ids of the loaded rows, in order."""
        return [row.statement_id for row in self._rows]

    def refresh_statements(self, statement_ids: Iterable[int]) -> bool:
        """Re-read the loaded rows of these statements (one query); False when some no longer match.

        A row that stopped matching the filter is removed; one that did not
        change is left alone.
        """
        if self._filter is None:
            return True
        wanted = {sid for sid in statement_ids}
        rows = {row: self._rows[row] for row in range(len(self._rows)) if self._rows[row].statement_id in wanted}
        if not rows:
            return True
        articles = frozenset(r.article_id for r in rows.values())
        scope = self._filter.article_ids & articles if self._filter.article_ids else articles
        fresh = {
            r.statement_id: r
            for r in self._source.statement_rows(dataclasses.replace(self._filter, article_ids=scope))
            if r.statement_id in wanted
        }
        gone = []
        for row, old in rows.items():
            new = fresh.get(old.statement_id)
            if new is None:
                gone.append(row)
            elif new != old:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        for row in sorted(gone, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._total -= 1
            self.endRemoveRows()
        return not gone

    def apply_changes(self, changes: Changes) -> bool:
        """Refresh what `changes` touched; True when the row set changed and the model was reloaded."""
        if self._filter is None:
            return False
        if changes.labels:
            self.dataChanged.emit(self.index(0, 0), self.index(max(0, len(self._rows) - 1), len(Column) - 1))
        touched = set(changes.statements)
        if changes.claims:
            touched |= {r.statement_id for r in self._rows if r.claim_id in changes.claims}
        if changes.entities:
            # A renamed speaker shows on every row that names it; cheap to re-read all loaded rows.
            touched |= set(self.statement_ids())
        if not touched:
            return False
        loaded = set(self.statement_ids())
        self.refresh_statements(touched)
        if touched <= loaded and not changes.claims:
            return False
        # New, restored or newly matching statements (or a claim edit moving rows in or out
        # of a status/verdict filter) change the total: read the filter again if so.
        if self._source.count(self._filter) != self._total:
            self.reload(at_least=len(self._rows))
            return True
        return False

    # -- internals -------------------------------------------------------------

    def _load(self, filters: StatementFilter, limit: int) -> None:
        self.beginResetModel()
        self._filter = filters
        self._rows = self._source.statement_rows(filters, 0, limit)
        # A short first page is the whole result: no count query needed.
        self._total = len(self._rows) if len(self._rows) < limit else self._source.count(filters)
        self.endResetModel()

    def _display(self, row: StatementRow, column: Column) -> str:
        if column in _LABEL_COLUMNS:
            label_set, field = _LABEL_COLUMNS[column]
            return self._labels.name(label_set, getattr(row, field))
        if column is Column.UPDATED:
            return row.updated_at.strftime("%Y-%m-%d %H:%M")
        value = getattr(row, _TEXT_FIELDS[column])
        return " ".join(value.split()) if value else ""

    def _tooltip(self, row: StatementRow, column: Column) -> str | None:
        if column in _LABEL_COLUMNS:
            label_set, field = _LABEL_COLUMNS[column]
            return self._labels.other_name(label_set, getattr(row, field)) or None
        if column is Column.QUOTE:
            return f"…{row.prefix}«{row.quote}»{row.suffix}…\n{row.article_title or ''}"
        if column is Column.CLAIM:
            return row.claim_summary or None
        if column is Column.UPDATED:
            return row.updated_at.isoformat(timespec="seconds")
        return None

    def _tint(self, row: StatementRow, column: Column) -> QColor | None:
        label_set, field = _LABEL_COLUMNS[column]
        color = self._labels.color(label_set, getattr(row, field))
        if color is None:
            return None
        tint = QColor(color)
        tint.setAlpha(TINT_ALPHA)
        return tint

    def _sort_value(self, row: StatementRow, column: Column) -> str | int:
        if column in _LABEL_COLUMNS:
            label_set, field = _LABEL_COLUMNS[column]
            return self._labels.position(label_set, getattr(row, field))
        if column is Column.UPDATED:
            return row.updated_at.isoformat()
        return self._display(row, column).casefold()
