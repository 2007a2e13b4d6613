"""The activity table: a thin model over the event log, newest first, older pages fetched on demand."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, Qt

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import EventRecord
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.rtl import RTL_ALIGNMENT, is_rtl
from karabakh_annotator.ui.event_values import decode_value, local_moment
from karabakh_annotator.ui.record_table import Index, RecordTableModel


EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Returns the row's `EventRecord`."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Returns the raw value a column sorts by."""

DEFAULT_PAGE_SIZE = 200
SYSTEM_ANALYST = "(system)"  # events with no analyst: imports
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class EventSource(Protocol):
    """Where events come from (the `HistoryService`)."""

    def activity(
        self, limit: int = 200, before_id: int | None = None, analyst: str | None = None
    ) -> list[EventRecord]: ...


class Column(enum.IntEnum):
    WHEN = 0
    ANALYST = 1
    ACTION = 2
    RECORD = 3
    FIELD = 4
    OLD = 5
    NEW = 6


HEADERS = {
    Column.WHEN: "When",
    Column.ANALYST: "Analyst",
    Column.ACTION: "Action",
    Column.RECORD: "Record",
    Column.FIELD: "Field",
    Column.OLD: "Old",
    Column.NEW: "New",
}

# Fields whose values are label keys: shown under the label's name.
_LABEL_FIELDS = {
    ("statement", "stance"): LabelSet.REPORTING_STANCE,
    ("statement", "party"): LabelSet.PARTY_ALIGNMENT,
    ("statement", "cue_class"): LabelSet.CUE_CLASS,
    ("claim", "status"): LabelSet.WORKFLOW_STATUS,
    ("claim", "verdict"): LabelSet.VERDICT,
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def display_value(value: Any) -> str:
    """A decoded value as one line of text: spans as 'start–end', a created statement as its quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        if len(value) == 2 and all(_is_int(v) for v in value):
            return f"{value[0]}–{value[1]}"
        if len(value) == 3 and _is_int(value[0]) and _is_int(value[1]) and isinstance(value[2], str):
            return display_value(value[2])  # [start, end, quote]: the span goes in the tooltip
        return ", ".join(display_value(v) for v in value if v is not None)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display_value(v)}" for k, v in value.items())
    return str(value)


class ActivityModel(RecordTableModel):
    """One row per event, newest first; `fetchMore` reads the page before the oldest loaded event."""

    def __init__(
        self,
        source: EventSource,
        labels: LabelCatalog | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(HEADERS, parent)
        self._source = source
        self._labels = labels or LabelCatalog()
        self._page_size = page_size
        self._analyst: str | None = None
        self._rows: list[EventRecord] = []
        self._more = False

    # -- Qt model interface ------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        before = self._rows[-1].id if self._rows else None
        page = self._source.activity(self._page_size, before, self._analyst)
        self._more = len(page) >= self._page_size
        self._append(page)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(event, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and is_rtl(self._display(event, column)):
            return int(RTL_ALIGNMENT.value)
        if role == SORT_ROLE:
            return event.id if column is Column.WHEN else self._display(event, column).casefold()
        if role == EVENT_ROLE:
            return event
        return None

    # -- our interface -------------------------------------------------------

    def set_analyst(self, analyst: str | None) -> None:
        """Show one analyst's events (None: everyone's), from the newest."""
        self._analyst = analyst
        self.reload()

    def analyst(self) -> str | None:
        """The analyst the rows are filtered to, if any."""
        return self._analyst

    def reload(self) -> None:
        """Read the newest page again (events that came since show at the top)."""
        self.beginResetModel()
        self._rows = self._source.activity(self._page_size, None, self._analyst)
        self._more = len(self._rows) >= self._page_size
        self.endResetModel()

    def set_labels(self, labels: LabelCatalog) -> None:
        """New label names: repaint every loaded row."""
        self._labels = labels
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def event_at(self, row: int) -> EventRecord:
        """The event shown in `row`."""
        return self._rows[row]

    # -- internals -------------------------------------------------------------

    def _display(self, event: EventRecord, column: Column) -> str:
        if column is Column.WHEN:
            return local_moment(event.at).strftime(TIME_FORMAT)
        if column is Column.ANALYST:
            return event.analyst or SYSTEM_ANALYST
        if column is Column.ACTION:
            return event.action
        if column is Column.RECORD:
            return f"{event.entity_type} {event.entity_id}"
        if column is Column.FIELD:
            return event.field or ""
        return self._value_text(event, event.old if column is Column.OLD else event.new)

    def _value_text(self, event: EventRecord, raw: str | None) -> str:
        value = decode_value(raw)
        if event.action == "adjudicate" and isinstance(value, list) and len(value) == 2:
            return f"from {value[1]}'s statement {value[0]}"  # [source statement id, its analyst]
        label_set = _LABEL_FIELDS.get((event.entity_type, event.field or ""))
        if label_set is not None and isinstance(value, str):
            return self._labels.name(label_set, value)
        return display_value(value)

    def _tooltip(self, event: EventRecord, column: Column) -> str | None:
        if column is Column.WHEN:
            return local_moment(event.at).isoformat(timespec="seconds")
        if column in (Column.OLD, Column.NEW):
            raw = event.old if column is Column.OLD else event.new
            value = decode_value(raw)
            if isinstance(value, list) and len(value) == 3 and _is_int(value[0]) and _is_int(value[1]):
                return f"{display_value(value[2])}\n(characters {value[0]}–{value[1]})"
            return self._value_text(event, raw) or None
        return None
