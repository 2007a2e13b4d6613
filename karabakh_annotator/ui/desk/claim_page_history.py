"""A claim's history: the event log rows of the claim and its evidence, decoded for reading."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import EventRecord
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.desk.claim_page_lists import local_time, one_line
from karabakh_annotator.ui.desk.claim_page_widgets import list_items, setup_item_list
from karabakh_annotator.ui.event_values import decode_value, field_name

NONE_TEXT = "—"
SYSTEM = "(system)"
_VALUE_CHARS = 100

_LABEL_FIELDS = {
    "status": LabelSet.WORKFLOW_STATUS,
    "verdict": LabelSet.VERDICT,
    "stance": LabelSet.REPORTING_STANCE,
    "party": LabelSet.PARTY_ALIGNMENT,
    "cue_class": LabelSet.CUE_CLASS,
}
_CLAIM_ACTIONS = {"create": "Created claim", "delete": "Deleted claim", "restore": "Restored claim"}
_STATEMENT_ACTIONS = {
    "create": "Marked statement",
    "delete": "Deleted statement",
    "restore": "Restored statement",
    "adjudicate": "Taken into the gold set",
    "reanchor": "Re-anchored",
}
_EVIDENCE_ACTIONS = {"create": "Added evidence", "delete": "Withdrew evidence", "restore": "Restored evidence"}


def _full_text(raw: str | None) -> str:
    """A value in full for a tooltip: text as text, anything else as its JSON."""
    value = decode_value(raw)
    return value if isinstance(value, str) else (raw or "")


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One event as the page shows it."""

    when: str
    who: str
    what: str
    old: str
    new: str


def _value_text(value: Any, field: str | None, labels: LabelCatalog) -> str:
    if value is None or value == "":
        return NONE_TEXT
    if field in _LABEL_FIELDS and isinstance(value, str):
        return labels.name(_LABEL_FIELDS[field], value)
    if isinstance(value, str):
        return one_line(value, _VALUE_CHARS)
    return str(value)


def _evidence_text(value: Any, labels: LabelCatalog) -> str:
    """An added evidence row, stored as [claim id, stance, citation, url, statement id]."""
    if not isinstance(value, list) or len(value) != 5:
        return _value_text(value, None, labels)
    _claim_id, stance, citation, url, statement_id = value
    parts = [labels.name(LabelSet.EVIDENCE_STANCE, stance) if stance else "", citation or "", url or ""]
    if statement_id is not None:
        parts.append(f"statement #{statement_id}")
    return one_line(" · ".join(part for part in parts if part), _VALUE_CHARS)


def history_line(event: EventRecord, labels: LabelCatalog) -> HistoryLine:
    """Who did what when, with the old and new values decoded (label keys under their names)."""
    when, who = local_time(event.at), event.analyst or SYSTEM
    old, new = decode_value(event.old), decode_value(event.new)
    if event.entity_type == "evidence":
        what = f"{_EVIDENCE_ACTIONS.get(event.action, event.action)} #{event.entity_id}"
        shown = _evidence_text(new, labels) if event.action == "create" else ""
        return HistoryLine(when, who, what, "", shown)
    if event.action == "edit" and event.field:
        # The history shows the speaker's entity id as stored, not a name.
        what = "Speaker (entity id)" if event.field == "speaker_id" else field_name(event.field)
        shown_old, shown_new = _value_text(old, event.field, labels), _value_text(new, event.field, labels)
        return HistoryLine(when, who, what, shown_old, shown_new)
    actions = _STATEMENT_ACTIONS if event.entity_type == "statement" else _CLAIM_ACTIONS
    what = actions.get(event.action, event.action)
    return HistoryLine(when, who, what, "", "" if new is None else _value_text(new, None, labels))


class HistoryColumn(enum.IntEnum):
    WHEN = 0
    WHO = 1
    WHAT = 2
    OLD = 3
    NEW = 4


_HEADERS = ("When", "Who", "Change", "Old", "New")
_WIDTHS = {HistoryColumn.WHEN: 125, HistoryColumn.WHO: 70, HistoryColumn.WHAT: 170, HistoryColumn.OLD: 190}


class HistoryList(QTreeWidget):
    """Every change to the claim and its evidence, newest at the bottom (the log's order)."""

    def __init__(self, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_item_list(self, _HEADERS, arabic_family, "claim_history")
        for column, width in _WIDTHS.items():
            self.header().resizeSection(column, width)
        self.setToolTip("The event log of this claim and its evidence: nothing is overwritten without a trace")
        self._labels = LabelCatalog()

    def set_labels(self, labels: LabelCatalog) -> None:
        """Label names for status and verdict values (used at the next `show_history`)."""
        self._labels = labels

    def show_history(self, events: Sequence[EventRecord]) -> None:
        """List the events, oldest first, and scroll to the newest."""
        self.clear()
        for event in events:
            line = history_line(event, self._labels)
            item = QTreeWidgetItem([line.when, line.who, line.what, line.old, line.new])
            item.setToolTip(HistoryColumn.WHEN, event.at.isoformat(timespec="seconds"))
            item.setToolTip(HistoryColumn.OLD, _full_text(event.old))
            item.setToolTip(HistoryColumn.NEW, _full_text(event.new))
            self.addTopLevelItem(item)
        last = self.topLevelItem(self.topLevelItemCount() - 1)
        if last is not None:
            self.setCurrentItem(last)
            self.scrollToItem(last)

    def lines(self) -> list[tuple[str, ...]]:
        """The rows as text (who, change, old, new), for tests and copy."""
        columns = (HistoryColumn.WHO, HistoryColumn.WHAT, HistoryColumn.OLD, HistoryColumn.NEW)
        return [tuple(item.text(c) for c in columns) for item in list_items(self)]
