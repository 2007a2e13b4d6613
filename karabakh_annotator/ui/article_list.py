"""The article list: a thin table model over `ArticleSummary` records, and its view."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from karabakh_annotator.core.records import ArticleSummary

_Index = QModelIndex | QPersistentModelIndex

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
"""Returns the row's `ArticleSummary`."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Returns the raw value a column sorts by."""


class Column(enum.IntEnum):
    TITLE = 0
    OUTLET = 1
    DATE = 2
    STATEMENTS = 3


_HEADERS = {
    Column.TITLE: "Title",
    Column.OUTLET: "Outlet",
    Column.DATE: "Date",
    Column.STATEMENTS: "Statements",
}


_COLUMNS = tuple(Column)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT_ALIGNED = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def _title(article: ArticleSummary) -> str:
    return article.title or article.source_file or f"Article {article.id}"


def _date(article: ArticleSummary) -> str:
    if article.published is not None:
        return article.published.isoformat()
    return article.published_raw or ""


class ArticleListModel(QAbstractTableModel):
    """One row per article, in the order the service lists them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []

    # -- Qt model interface ------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called tens of thousands of times when a large list is shown: plain
        # int comparisons and precomputed values, no enum objects built here.
        row = index.row()
        if not 0 <= row < len(self._articles) or not index.isValid():
            return None
        article = self._articles[row]
        if role == _DISPLAY:
            return self._display(article, _COLUMNS[index.column()])
        if role == ARTICLE_ROLE:
            return article
        if role == SORT_ROLE:
            return self._sort_value(article, _COLUMNS[index.column()])
        if role == _TOOLTIP:
            return self._tooltip(article)
        if role == _ALIGNMENT and index.column() == Column.STATEMENTS:
            return _RIGHT_ALIGNED
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(Column):
                return _HEADERS[Column(section)]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    # -- our interface -------------------------------------------------------

    def set_articles(self, articles: Sequence[ArticleSummary]) -> None:
        """Replace every row (after an import, or on reload)."""
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def update_article(self, article: ArticleSummary) -> None:
        """Refresh one row in place, e.g. when its statement count changed."""
        row = self.row_of(article.id)
        if row is None:
            return
        self._articles[row] = article
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def article_at(self, row: int) -> ArticleSummary:
        """The article shown in `row`."""
        return self._articles[row]

    def row_of(self, article_id: int) -> int | None:
        """The row showing `article_id`, if any."""
        for row, article in enumerate(self._articles):
            if article.id == article_id:
                return row
        return None

    def articles(self) -> list[ArticleSummary]:
        """Every article in model order."""
        return list(self._articles)

    @staticmethod
    def _display(article: ArticleSummary, column: Column) -> str | int:
        if column is Column.TITLE:
            return _title(article)
        if column is Column.OUTLET:
            return article.outlet or ""
        if column is Column.DATE:
            return _date(article)
        return article.statement_count

    @staticmethod
    def _sort_value(article: ArticleSummary, column: Column) -> str | int:
        if column is Column.STATEMENTS:
            return article.statement_count
        if column is Column.DATE:
            # ISO dates sort as text; undated articles go first.
            return article.published.isoformat() if article.published else ""
        return str(ArticleListModel._display(article, column)).casefold()

    @staticmethod
    def _tooltip(article: ArticleSummary) -> str:
        parts = [_title(article)]
        if article.source_file:
            parts.append(article.source_file)
        return "\n".join(parts)


class ArticleFilterProxy(QSortFilterProxyModel):
    """Sorts by raw values and keeps the rows that pass the outlet and id filters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._outlet: str | None = None
        self._ids: frozenset[int] | None = None
        self._dates: tuple[dt.date | None, dt.date | None] = (None, None)

    def set_filters(
        self,
        outlet: str | None,
        article_ids: frozenset[int] | None,
        published: tuple[dt.date | None, dt.date | None] = (None, None),
    ) -> None:
        """Only `outlet`'s articles (None: all) among `article_ids` (None: all), published in range."""
        if (outlet, article_ids, published) == (self._outlet, self._ids, self._dates):
            return  # filtering 10,000 rows again for nothing cost 30 ms at every reload
        # Qt 6.9+ replaces invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._outlet, self._ids, self._dates = outlet, article_ids, published
            self.endFilterChange()
        else:
            self._outlet, self._ids, self._dates = outlet, article_ids, published
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 (Qt override)
        model = self.sourceModel()
        if not isinstance(model, ArticleListModel):
            return True
        article = model.article_at(source_row)
        if self._outlet is not None and article.outlet != self._outlet:
            return False
        since, until = self._dates
        if since is not None or until is not None:
            # A date range hides undated articles: the analyst asked for dated ones.
            if article.published is None:
                return False
            if (since is not None and article.published < since) or (until is not None and article.published > until):
                return False
        return self._ids is None or article.id in self._ids


class ArticleListView(QTreeView):
    """A flat, sortable list of articles that reports which one is current."""

    sig_article_selected = Signal(object)  # int article id, or None when nothing is selected

    def __init__(self, model: ArticleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = model
        self._proxy = ArticleFilterProxy(self)
        self._proxy.setSourceModel(model)
        self.setModel(self._proxy)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        # Import order until the user sorts. The indicator is cleared before
        # sorting is enabled, which would otherwise sort 10,000 rows by title
        # at start-up (measured: 0.6 s).
        self.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self._columns_sized = False
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if not self._columns_sized:
            self._size_columns()
            self._columns_sized = True
        super().showEvent(event)

    def _size_columns(self) -> None:
        # One width from the font for outlet, date and count, set when first
        # shown (the window sets the Arabic font after construction). Fitting
        # the columns to their contents measured rows and cost 0.1-0.2 s with
        # 10,000 articles; sizing sections one by one left the stretched title
        # column stuck at its first width. Columns stay resizable by hand.
        self.header().setDefaultSectionSize(self.fontMetrics().horizontalAdvance("2020-10-10") + 24)

    def set_filters(
        self,
        outlet: str | None = None,
        article_ids: frozenset[int] | None = None,
        published: tuple[dt.date | None, dt.date | None] = (None, None),
    ) -> None:
        """Show only matching articles (see ArticleFilterProxy)."""
        self._proxy.set_filters(outlet, article_ids, published)

    def first_visible_article_id(self) -> int | None:
        """The id of the top row shown, if any."""
        if self._proxy.rowCount() == 0:
            return None
        article = self._proxy.index(0, 0).data(ARTICLE_ROLE)
        return article.id if isinstance(article, ArticleSummary) else None

    def visible_article_ids(self) -> list[int]:
        """Ids of the rows shown, top to bottom."""
        return [self._proxy.index(row, 0).data(ARTICLE_ROLE).id for row in range(self._proxy.rowCount())]

    def select_article(self, article_id: int) -> bool:
        """Make `article_id` the current, selected row; False if it is not listed."""
        row = self._source.row_of(article_id)
        if row is None:
            return False
        index = self._proxy.mapFromSource(self._source.index(row, 0))
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def selected_article_id(self) -> int | None:
        """The selected article's id, if one is selected."""
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        article = rows[0].data(ARTICLE_ROLE)
        return article.id if isinstance(article, ArticleSummary) else None

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.sig_article_selected.emit(self.selected_article_id())
