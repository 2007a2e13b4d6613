"""The adjudication table: each place in an article, two analysts' versions and the gold one side by side."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import StatementRecord
from karabakh_annotator.core.services.adjudication import GOLD_ANALYST, AdjudicationRow
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.rtl import RTL_ALIGNMENT, is_rtl

_Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""Returns the row's `AdjudicationRow`."""
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 2
"""The `Field`s of this cell on which the two analysts differ (all, when only one marked the place)."""
LINES_ROLE = Qt.ItemDataRole.UserRole + 3
"""For a labels cell: one `LabelLine` per labelled field (speaker, stance, party)."""

DIFFERENT = QColor(255, 193, 7, 120)  # amber: the analysts disagree on this field
ALONE = QColor(100, 181, 246, 90)  # blue: only this analyst marked the place
SETTLED = QColor(102, 187, 106, 70)  # green: the gold version
NOT_MARKED = "(not marked)"
NOT_SETTLED = "(not settled)"


class Side(enum.IntEnum):
    FIRST = 0
    SECOND = 1
    GOLD = 2


class Field(enum.Enum):
    QUOTE = "quote"
    SPEAKER = "speaker"
    STANCE = "stance"
    PARTY = "party"


class Part(enum.IntEnum):
    """The columns of each side: the quote, then its labels one per line."""

    QUOTE = 0
    LABELS = 1


LABEL_FIELDS = (Field.SPEAKER, Field.STANCE, Field.PARTY)
COLUMN_COUNT = len(Side) * len(Part)


@dataclass(frozen=True, slots=True)
class LabelLine:
    """One line of a labels cell: the text, whether it stands for an empty field, whether to highlight it."""

    field: Field
    text: str
    empty: bool
    differs: bool


def column(side: Side, part: Part) -> int:
    """The table column of one side's quote or labels."""
    return side * len(Part) + part


def side_of(column_number: int) -> Side:
    """Which side a column shows."""
    return Side(column_number // len(Part))


def part_of(column_number: int) -> Part:
    """Whether a column shows quotes or labels."""
    return Part(column_number % len(Part))


def _value(statement: StatementRecord, field: Field) -> object:
    """What is compared: the span for the quote, the speaker entity, the label keys."""
    if field is Field.QUOTE:
        return (statement.start, statement.end)
    if field is Field.SPEAKER:
        return statement.speaker_id
    if field is Field.STANCE:
        return statement.stance
    return statement.party


def differs(row: AdjudicationRow, field: Field) -> bool:
    """True when the analysts' versions of `field` differ, or only one analyst marked the place."""
    if row.first is None or row.second is None:
        return True
    return _value(row.first, field) != _value(row.second, field)


def statement_on(row: AdjudicationRow, side: Side) -> StatementRecord | None:
    """One side's statement in a row."""
    return (row.first, row.second, row.gold)[side]


class AdjudicationModel(QAbstractTableModel):
    """Rows from `AdjudicationService.compare`; the window re-reads them after each acceptance."""

    def __init__(self, labels: LabelCatalog | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels = labels or LabelCatalog()
        self._rows: list[AdjudicationRow] = []
        self._names = ("", "", GOLD_ANALYST)

    # -- Qt model interface ------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        side, part = side_of(index.column()), part_of(index.column())
        statement = statement_on(row, side)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, statement, side, part)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, statement, side) if statement is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tint(row, statement, side, part)
        if role == Qt.ItemDataRole.ForegroundRole and statement is None:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.FontRole and statement is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and is_rtl(self._display(row, statement, side, part)):
            return int(RTL_ALIGNMENT.value)
        if role == DIFFERS_ROLE:
            return self._differing(row, statement, side, part)
        if role == LINES_ROLE and part is Part.LABELS:
            return self._lines(row, statement, side)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        name = self._names[side_of(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name}: quote" if part_of(section) is Part.QUOTE else "speaker · stance · party"
        if role == Qt.ItemDataRole.ToolTipRole:
            what = "The statement" if part_of(section) is Part.QUOTE else "Speaker, stance and party"
            return f"{what} as {name} marked it" if side_of(section) is not Side.GOLD else f"{what} in the gold set"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # -- our interface -------------------------------------------------------

    def set_rows(self, rows: Sequence[AdjudicationRow], first: str, second: str) -> None:
        """Show a comparison of `first` (left) and `second` (right)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._names = (first, second, GOLD_ANALYST)
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    def clear(self) -> None:
        """Show nothing."""
        self.set_rows([], "", "")

    def set_labels(self, labels: LabelCatalog) -> None:
        """New label names: repaint every row."""
        self._labels = labels
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1))

    def row_at(self, row: int) -> AdjudicationRow:
        """The place shown in `row`."""
        return self._rows[row]

    def rows(self) -> list[AdjudicationRow]:
        """Every row, in text order."""
        return list(self._rows)

    def names(self) -> tuple[str, str]:
        """The analysts on the left and on the right."""
        return self._names[0], self._names[1]

    # -- internals -------------------------------------------------------------

    def _field_text(self, statement: StatementRecord, field: Field) -> str:
        if field is Field.QUOTE:
            return " ".join(statement.quote.split())
        if field is Field.SPEAKER:
            return statement.speaker or ""
        if field is Field.STANCE:
            return self._labels.name(LabelSet.REPORTING_STANCE, statement.stance)
        return self._labels.name(LabelSet.PARTY_ALIGNMENT, statement.party)

    def _lines(self, row: AdjudicationRow, statement: StatementRecord | None, side: Side) -> list[LabelLine]:
        if statement is None:
            return []
        lines = []
        for field in LABEL_FIELDS:
            text = self._field_text(statement, field)
            shown = text or f"(no {field.value})"
            # A place only one analyst marked is tinted as a whole, not line by line.
            compared = side is not Side.GOLD and row.first is not None and row.second is not None
            lines.append(LabelLine(field, shown, not text, compared and differs(row, field)))
        return lines

    def _display(self, row: AdjudicationRow, statement: StatementRecord | None, side: Side, part: Part) -> str:
        if statement is None:
            if part is Part.LABELS:
                return ""
            return NOT_SETTLED if side is Side.GOLD else NOT_MARKED
        if part is Part.QUOTE:
            return self._field_text(statement, Field.QUOTE)
        return "\n".join(line.text for line in self._lines(row, statement, side))

    def _differing(
        self, row: AdjudicationRow, statement: StatementRecord | None, side: Side, part: Part
    ) -> frozenset[Field]:
        if statement is None or side is Side.GOLD:
            return frozenset()
        fields = (Field.QUOTE,) if part is Part.QUOTE else LABEL_FIELDS
        return frozenset(field for field in fields if differs(row, field))

    def _tint(self, row: AdjudicationRow, statement: StatementRecord | None, side: Side, part: Part) -> QColor | None:
        if statement is None:
            return None
        if side is Side.GOLD:
            return SETTLED
        if row.first is None or row.second is None:
            return ALONE
        # Labels are tinted line by line (by the delegate), the quote as a whole.
        return DIFFERENT if part is Part.QUOTE and differs(row, Field.QUOTE) else None

    def _tooltip(self, row: AdjudicationRow, statement: StatementRecord, side: Side) -> str:
        lines = [
            f"{statement.analyst}, characters {statement.start}–{statement.end}",
            f"…{' '.join(statement.prefix.split())} «{' '.join(statement.quote.split())}» "
            f"{' '.join(statement.suffix.split())}…",
        ]
        for field in LABEL_FIELDS:
            lines.append(f"{field.value.capitalize()}: {self._field_text(statement, field) or '—'}")
        if statement.cue:
            lines.append(f"Cue: {statement.cue}")
        if statement.claim is not None:
            verdict = self._labels.name(LabelSet.VERDICT, statement.claim.verdict) or "no verdict"
            lines.append(f"Claim: {statement.claim.summary} ({verdict})")
        if statement.note:
            lines.append(f"Note: {statement.note}")
        if side is Side.GOLD:
            sources = [
                name
                for name, other in zip(self._names[:2], (row.first, row.second), strict=True)
                if other is not None and all(_value(other, f) == _value(statement, f) for f in Field)
            ]
            lines.append(
                "Same as " + " and ".join(f"{name}'s" for name in sources) + " version"
                if sources
                else "Edited, or taken from another analyst"
            )
        return "\n".join(lines)
