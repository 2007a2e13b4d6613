"""Suggested statements in the article text: a dotted underline, stronger on the current one.

Drawn as extra selections, not char formats: they come and go with every
accept or reject, and must never be mistaken for a marked statement's colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from karabakh_annotator.ui.offsets import OffsetMap

if TYPE_CHECKING:  # the rules load 0.2 s of patterns: not at start-up
    from karabakh_annotator.core.analysis.attribution import Suggestion

SUGGESTION_UNDERLINE = QColor("#3949ab")
CURRENT_SUGGESTION_BACKGROUND = QColor("#e8eaf6")
ACCEPT_KEY = "Ctrl+Return"
REJECT_KEY = "Ctrl+Backspace"


def suggestion_format(current: bool) -> QTextCharFormat:
    """Dotted indigo underline; the current suggestion also gets a pale indigo background."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(
        QTextCharFormat.UnderlineStyle.DashUnderline if current else QTextCharFormat.UnderlineStyle.DotLine
    )
    fmt.setUnderlineColor(SUGGESTION_UNDERLINE)
    if current:
        fmt.setBackground(CURRENT_SUGGESTION_BACKGROUND)
    return fmt


def suggestion_selections(
    edit: QTextEdit, offsets: OffsetMap, suggestions: Sequence[Suggestion], current: int | None
) -> list[QTextEdit.ExtraSelection]:
    """One extra selection per suggestion (code-point spans converted to Qt positions)."""
    selections = []
    for index, suggestion in enumerate(suggestions):
        start, end = offsets.span_to_qt(suggestion.start, suggestion.end)
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = suggestion_format(index == current)
        selections.append(selection)
    return selections


def suggestion_tooltip(suggestion: Suggestion) -> str:
    """Who said it and how, as the suggestion would be stored, and the keys that answer it."""
    if suggestion.kind == "outlet":
        lines = ["Suggested: check-worthy, in the outlet's own voice"]
        if suggestion.speaker:
            lines.append(f"Outlet: {suggestion.speaker}")
    else:
        lines = [f"Suggested statement{' (direct quote)' if suggestion.direct else ''}"]
        lines.append(f"Speaker: {suggestion.speaker or 'unknown'}")
        if suggestion.cue:
            lines.append(f"Cue: {suggestion.cue} ({suggestion.cue_class})")
    lines.append(f"Stance: {suggestion.stance}")
    lines.append(f"{ACCEPT_KEY}: accept · {REJECT_KEY}: reject")
    return "\n".join(lines)
