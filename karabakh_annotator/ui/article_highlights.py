"""Statement highlights in the article text: covered runs, overlap blending and their char formats."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from karabakh_annotator.core.records import StatementRecord
from karabakh_annotator.ui.offsets import OffsetMap

STATEMENT_ID_PROPERTY = QTextCharFormat.Property.UserProperty + 1
"""Char-format property holding the id of the statement a highlighted run belongs to (the innermost)."""
OVERLAP_COUNT_PROPERTY = QTextCharFormat.Property.UserProperty + 2
"""Char-format property: how many statements cover a run, set where two or more overlap."""

_OVERLAP_DARKER = 118  # percent: where statements overlap the blend is a shade darker ...
_OVERLAP_UNDERLINE = QColor("#37474f")  # ... and underlined, so a nested quote shows its edges
_CURRENT_SATURATION = 0.35  # the current statement: the same hue, stronger
_CURRENT_LIGHTNESS = 0.78


def blend(colors: Sequence[QColor]) -> QColor:
    """The average of `colors` (for a run several statements cover)."""
    count = len(colors)
    return QColor(
        round(sum(c.red() for c in colors) / count),
        round(sum(c.green() for c in colors) / count),
        round(sum(c.blue() for c in colors) / count),
    )


def current_format(color: QColor) -> QTextCharFormat:
    """How the current statement stands out: its own hue, more saturated and darker, no underline."""
    hue, saturation, lightness = color.hslHueF(), color.hslSaturationF(), color.lightnessF()
    strong = QColor.fromHslF(
        max(hue, 0.0), min(1.0, saturation + _CURRENT_SATURATION), lightness * _CURRENT_LIGHTNESS
    )
    fmt = QTextCharFormat()
    fmt.setBackground(strong)
    return fmt


@dataclass(frozen=True, slots=True)
class _Run:
    """A stretch of text [start, end) (code points) covered by the same statements."""

    start: int
    end: int
    ids: tuple[int, ...]


def covered_runs(spans: Sequence[tuple[int, int, int]]) -> list[_Run]:
    """Split (start, end, id) spans into runs with one set of covering ids each, in text order."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for start, end, ident in spans:
        if start < end:
            starts.setdefault(start, []).append(ident)
            ends.setdefault(end, []).append(ident)
    bounds = sorted(starts.keys() | ends.keys())
    active: dict[int, None] = {}
    runs: list[_Run] = []
    for here, after in zip(bounds, bounds[1:], strict=False):
        for ident in ends.get(here, ()):
            active.pop(ident, None)
        for ident in starts.get(here, ()):
            active[ident] = None
        if active:
            runs.append(_Run(here, after, tuple(sorted(active))))
    return runs


def nesting_key(statement: StatementRecord) -> tuple[int, int, int]:
    """Sorts statements innermost first: the shortest, then the later-starting, then by id."""
    return statement.end - statement.start, -statement.start, statement.id


def innermost(ids: Sequence[int], statements: Mapping[int, StatementRecord]) -> int:
    """The shortest of the statements `ids` (the later-starting on a tie): what a click means."""
    return min(ids, key=lambda i: nesting_key(statements[i]))


def run_format(
    ids: tuple[int, ...], statements: Mapping[int, StatementRecord], colors_by_id: Mapping[int, QColor]
) -> QTextCharFormat:
    """The char format of a run the statements `ids` cover: one colour, or their darker underlined blend."""
    char = QTextCharFormat()
    char.setProperty(STATEMENT_ID_PROPERTY, innermost(ids, statements))
    if len(ids) == 1:
        char.setBackground(colors_by_id[ids[0]])
        return char
    char.setBackground(blend([colors_by_id[i] for i in ids]).darker(_OVERLAP_DARKER))
    char.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    char.setUnderlineColor(_OVERLAP_UNDERLINE)
    char.setProperty(OVERLAP_COUNT_PROPERTY, len(ids))
    return char


def apply_highlights(
    cursor: QTextCursor,
    statements: Mapping[int, StatementRecord],
    colors_by_id: Mapping[int, QColor],
    offsets: OffsetMap,
) -> None:
    """Give every run the statements cover its char format (inside the caller's edit block)."""
    formats: dict[tuple[int, ...], QTextCharFormat] = {}
    spans = [(s.start, s.end, s.id) for s in statements.values()]
    for run in covered_runs(spans):
        char = formats.get(run.ids)
        if char is None:
            char = formats[run.ids] = run_format(run.ids, statements, colors_by_id)
        start, end = offsets.span_to_qt(run.start, run.end)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(char)
