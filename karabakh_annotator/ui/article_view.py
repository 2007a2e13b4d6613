"""The read-only article view: header above, the text right-to-left with statements highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QTextEdit, QToolTip, QVBoxLayout, QWidget

from karabakh_annotator.core.records import ArticleRecord, LabelRecord, StatementRecord
from karabakh_annotator.core.text.selection import snap_to_words
# The highlight names not used here are re-exported: callers and tests import them from this module.
from karabakh_annotator.ui.article_highlights import (
    OVERLAP_COUNT_PROPERTY,
    STATEMENT_ID_PROPERTY,
    apply_highlights,
    blend,
    covered_runs,
    current_format,
    nesting_key,
)
from karabakh_annotator.ui.article_suggestions import suggestion_selections, suggestion_tooltip
from karabakh_annotator.ui.article_text_layout import build_text_edit, character_at, header_label, paragraph_format
from karabakh_annotator.ui.fonts import ARTICLE_POINT_SIZE, arabic_font
from karabakh_annotator.ui.legend import Legend, highlight_color
from karabakh_annotator.ui.offsets import OffsetMap
from karabakh_annotator.ui.statement_colors import StatementColors

if TYPE_CHECKING:  # the rules load 0.2 s of patterns: not at start-up
    from karabakh_annotator.core.analysis.attribution import Suggestion

MIN_POINT_SIZE = 9
MAX_POINT_SIZE = 40
ZOOM_STEP = 2

_LRI, _PDI = "\u2066", "\u2069"
_CLICK_SLOP = 4  # pixels a press may move and still count as a click, not a drag


def _meta_line(article: ArticleRecord) -> str:
    if article.published is not None:
        # Isolated left-to-right, or the right-to-left line shows 2020-09-27 as 27-09-2020.
        date = f"{_LRI}{article.published.isoformat()}{_PDI}"
    else:
        date = article.published_raw or ""
    return "  ·  ".join(part for part in (article.outlet or "", date) if part)


def _label_name(names: Mapping[str, LabelRecord], key: str) -> str:
    label = names.get(key)
    return f"{label.name_en} ({label.name_ar})" if label is not None else key.replace("_", " ")


class ArticleView(QStackedWidget):
    """Shows one article, or a placeholder message when there is none to show."""

    sig_selection_changed = Signal(bool)
    """The text selection appeared (True) or went away (False), or changed."""
    sig_statement_clicked = Signal(int)
    """The analyst clicked inside a highlighted statement (the innermost, where several overlap)."""
    sig_point_size_changed = Signal(int)
    """The article font was zoomed to this point size."""
    sig_suggestion_changed = Signal(object)
    """The current suggestion (a Suggestion, or None when there is none)."""

    def __init__(self, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._arabic_family = arabic_family
        self._article: ArticleRecord | None = None
        self._offsets = OffsetMap("")
        self._statements: dict[int, StatementRecord] = {}
        self._colors_by_id: dict[int, QColor] = {}
        self._current: int | None = None
        self._verdict_names: dict[str, LabelRecord] = {}
        self._status_names: dict[str, LabelRecord] = {}
        self._press_pos: QPoint | None = None
        self._suggestions: list[Suggestion] = []
        self._current_suggestion: int | None = None

        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setTextFormat(Qt.TextFormat.RichText)
        self._placeholder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._placeholder.setMargin(24)
        self._placeholder.setStyleSheet("color: palette(placeholder-text);")

        self._title = header_label(arabic_font(arabic_family, ARTICLE_POINT_SIZE + 4, bold=True))
        self._meta = header_label(arabic_font(arabic_family, ARTICLE_POINT_SIZE - 4))
        self._meta.setStyleSheet("color: palette(placeholder-text);")
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        self._text = build_text_edit(arabic_family)
        self._legend = Legend()
        self._legend.setVisible(False)  # until set_labels gives it names

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        header = QVBoxLayout()
        header.setContentsMargins(24, 0, 24, 4)
        header.addWidget(self._title)
        header.addWidget(self._meta)
        layout.addLayout(header)
        layout.addWidget(rule)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._legend)

        self.addWidget(self._placeholder)
        self.addWidget(page)
        self._article_page = page

        self._text.selectionChanged.connect(self._on_text_selection_changed)
        self._text.viewport().installEventFilter(self)

    # -- showing -----------------------------------------------------------------

    def show_placeholder(self, message_html: str) -> None:
        """Show a message (rich text) instead of an article."""
        self._article = None
        self._offsets = OffsetMap("")
        self._statements, self._colors_by_id, self._current = {}, {}, None
        self._suggestions, self._current_suggestion = [], None
        self._text.setExtraSelections([])
        self._text.clear()
        self._placeholder.setText(message_html)
        self.setCurrentWidget(self._placeholder)

    def show_article(
        self, article: ArticleRecord, statements: Sequence[StatementRecord], colors: StatementColors
    ) -> None:
        """Show `article` with each live statement highlighted in its colour (again: keeps the scroll)."""
        same_article = self._article is not None and self._article.id == article.id
        scroll = self._text.verticalScrollBar().value()
        self._article = article
        self._offsets = OffsetMap(article.text)
        self._title.setText(article.title or article.source_file or f"Article {article.id}")
        self._meta.setText(_meta_line(article))
        self._meta.setVisible(bool(self._meta.text()))
        self._meta.setToolTip(article.url or article.source_file or "")
        live = [s for s in statements if not s.deleted]
        self._statements = {s.id: s for s in live}
        self._colors_by_id = {s.id: highlight_color(colors.color_for(s)) for s in live}
        if self._current not in self._statements:
            self._current = None
        if not same_article:
            self._suggestions, self._current_suggestion = [], None

        self._text.setUpdatesEnabled(False)
        try:
            self._text.setPlainText(article.text)
            self._format_text()
        finally:
            self._text.setUpdatesEnabled(True)
        self._show_current()
        self._text.moveCursor(QTextCursor.MoveOperation.Start)
        if same_article:
            # Lay the text out to its end first, or the scroll range is still short and clamps the value.
            document = self._text.document()
            document.documentLayout().blockBoundingRect(document.lastBlock())
            self._text.verticalScrollBar().setValue(scroll)
        self.setCurrentWidget(self._article_page)

    def _format_text(self) -> None:
        """Paragraph formats and every highlight, in one edit block (one layout pass, not one per run)."""
        cursor = QTextCursor(self._text.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(paragraph_format())
        apply_highlights(cursor, self._statements, self._colors_by_id, self._offsets)
        cursor.endEditBlock()

    # -- the current statement -------------------------------------------------------

    def select_statement(self, statement_id: int) -> bool:
        """Put the cursor on a shown statement, scroll it into view and outline it; False if not shown."""
        statement = self._statements.get(statement_id)
        if statement is None:
            return False
        self._current = statement_id
        self._show_current()
        start, end = self.qt_span(statement.start, statement.end)
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(end)
        self._text.setTextCursor(cursor)
        self._text.ensureCursorVisible()  # the end first, so a long quote shows its start at least
        cursor.setPosition(start)
        self._text.setTextCursor(cursor)
        self._text.ensureCursorVisible()
        return True

    def current_statement_id(self) -> int | None:
        """The statement last selected or clicked, if it is still shown."""
        return self._current

    def _show_current(self) -> None:
        selections = suggestion_selections(self._text, self._offsets, self._suggestions, self._current_suggestion)
        statement = self._statements.get(self._current) if self._current is not None else None
        if statement is not None:
            selection = QTextEdit.ExtraSelection()
            start, end = self.qt_span(statement.start, statement.end)
            cursor = QTextCursor(self._text.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = current_format(self._colors_by_id[statement.id])
            selections.append(selection)
        self._text.setExtraSelections(selections)

    # -- suggestions -------------------------------------------------------------------

    def show_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Underline the open suggestions of the shown article; the current one stays if still there."""
        previous = self.current_suggestion()
        self._suggestions = sorted(suggestions, key=lambda s: (s.start, s.end))
        spans = [(s.start, s.end) for s in self._suggestions]
        kept = spans.index((previous.start, previous.end)) if previous and (previous.start, previous.end) in spans else None
        self._current_suggestion = kept
        self._show_current()
        if kept is None and previous is not None:
            self.sig_suggestion_changed.emit(None)

    def suggestions(self) -> list[Suggestion]:
        """The suggestions underlined, in text order."""
        return list(self._suggestions)

    def current_suggestion(self) -> Suggestion | None:
        """The suggestion the accept and reject keys answer."""
        if self._current_suggestion is None or self._current_suggestion >= len(self._suggestions):
            return None
        return self._suggestions[self._current_suggestion]

    def select_suggestion(self, index: int) -> bool:
        """Make suggestion `index` (text order) current and scroll to it."""
        if not 0 <= index < len(self._suggestions):
            return False
        self._current_suggestion = index
        self._show_current()
        suggestion = self._suggestions[index]
        start, end = self.qt_span(suggestion.start, suggestion.end)
        cursor = QTextCursor(self._text.document())
        for position in (end, start):
            cursor.setPosition(position)
            self._text.setTextCursor(cursor)
            self._text.ensureCursorVisible()
        self.sig_suggestion_changed.emit(suggestion)
        return True

    def select_suggestion_at(self, start: int, end: int) -> bool:
        """Make the suggestion over exactly [start, end) current."""
        for index, suggestion in enumerate(self._suggestions):
            if (suggestion.start, suggestion.end) == (start, end):
                return self.select_suggestion(index)
        return False

    def step_suggestion(self, delta: int) -> bool:
        """The next (+1) or previous (-1) suggestion in reading order; wraps around."""
        if not self._suggestions:
            return False
        if self._current_suggestion is None:
            return self.select_suggestion(0 if delta > 0 else len(self._suggestions) - 1)
        return self.select_suggestion((self._current_suggestion + delta) % len(self._suggestions))

    def suggestions_at(self, offset: int) -> list[Suggestion]:
        """The suggestions covering code point `offset`."""
        return [s for s in self._suggestions if s.start <= offset < s.end]

    # -- labels, legend, tooltips -----------------------------------------------------

    def set_labels(self, verdicts: Sequence[LabelRecord], statuses: Sequence[LabelRecord]) -> None:
        """Label names for tooltips, and the legend of their colours (shown below the text)."""
        if (list(verdicts), list(statuses)) == (list(self._verdict_names.values()), list(self._status_names.values())):
            return
        self._verdict_names = {label.key: label for label in verdicts}
        self._status_names = {label.key: label for label in statuses}
        self._legend.set_colors(verdicts, statuses)
        self._legend.setVisible(True)

    def legend(self) -> Legend:
        """The colour legend under the text."""
        return self._legend

    def statement_tooltip(self, statement_id: int) -> str:
        """Plain text: who said it, and the claim's status and verdict."""
        statement = self._statements[statement_id]
        lines = [f"Speaker: {statement.speaker or 'not set'}"]
        if statement.cue:
            lines.append(f"Cue: {statement.cue}")
        claim = statement.claim
        if claim is None or claim.deleted:
            lines.append("Claim: none yet")
        else:
            lines.append(f"Claim: {claim.summary}")
            lines.append(f"Status: {_label_name(self._status_names, claim.status)}")
            verdict = _label_name(self._verdict_names, claim.verdict) if claim.verdict else "none yet"
            lines.append(f"Verdict: {verdict}")
        return "\n".join(lines)

    def tooltip_at(self, viewport_pos: QPoint) -> str:
        """The tooltip for a point on the text's viewport: each statement there (innermost first), or a suggestion."""
        ids = self._statements_at_point(viewport_pos)
        if ids:
            return "\n\n".join(self.statement_tooltip(i) for i in ids)
        return "\n\n".join(suggestion_tooltip(s) for s in self._suggestions_at_point(viewport_pos))

    # -- zoom ----------------------------------------------------------------------------

    def point_size(self) -> int:
        """The article text's point size."""
        return self._text.document().defaultFont().pointSize()

    def set_point_size(self, size: int) -> None:
        """Set the article text's point size (clamped to a readable range)."""
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        if size == self.point_size():
            return
        font = self._text.document().defaultFont()
        font.setPointSize(size)
        self._text.document().setDefaultFont(font)
        self.sig_point_size_changed.emit(size)

    def zoom_in(self) -> None:
        """Larger article text."""
        self.set_point_size(self.point_size() + ZOOM_STEP)

    def zoom_out(self) -> None:
        """Smaller article text."""
        self.set_point_size(self.point_size() - ZOOM_STEP)

    # -- queries -------------------------------------------------------------------

    def article_id(self) -> int | None:
        """The id of the article shown, if any."""
        return self._article.id if self._article is not None else None

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as code-point offsets grown to whole words; None without one."""
        cursor = self._text.textCursor()
        if self._article is None or not cursor.hasSelection():
            return None
        start, end = self._offsets.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())
        start, end = snap_to_words(self._article.text, start, end)
        return (start, end) if start < end else None

    def statement_ids_at(self, offset: int) -> list[int]:
        """The shown statements covering code point `offset`, innermost first."""
        ids = [s.id for s in self._statements.values() if s.start <= offset < s.end]
        ids.sort(key=lambda i: nesting_key(self._statements[i]))
        return ids

    def qt_span(self, start: int, end: int) -> tuple[int, int]:
        """Core code-point offsets into the shown text as positions in the text widget."""
        return self._offsets.span_to_qt(start, end)

    def text_edit(self) -> QTextEdit:
        """The widget holding the article text (for selection and tests)."""
        return self._text

    def title_text(self) -> str:
        """The article title shown in the header."""
        return self._title.text()

    def meta_text(self) -> str:
        """The outlet and date line under the title."""
        return self._meta.text()

    def placeholder_text(self) -> str:
        """The placeholder message (rich text)."""
        return self._placeholder.text()

    def is_showing_placeholder(self) -> bool:
        """Whether the placeholder is shown instead of an article."""
        return self.currentWidget() is self._placeholder

    # -- events --------------------------------------------------------------------------

    def _on_text_selection_changed(self) -> None:
        self.sig_selection_changed.emit(self._text.textCursor().hasSelection())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is not self._text.viewport():
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            left = event.button() == Qt.MouseButton.LeftButton
            self._press_pos = event.position().toPoint() if left else None
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            self._on_viewport_released(event)
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self._text.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        elif kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                # QTextEdit's own Ctrl+wheel zoom would swap in the widget font's family.
                if event.angleDelta().y() > 0:
                    self.zoom_in()
                elif event.angleDelta().y() < 0:
                    self.zoom_out()
                return True
        return super().eventFilter(watched, event)

    def _on_viewport_released(self, event: QMouseEvent) -> None:
        pressed, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        position = event.position().toPoint()
        if (position - pressed).manhattanLength() > _CLICK_SLOP:
            return  # a drag selects text; it does not pick a statement
        ids = self._statements_at_point(position)
        if ids:
            self._current = ids[0]
            self._show_current()
            self.sig_statement_clicked.emit(ids[0])
            return
        suggested = self._suggestions_at_point(position)
        if suggested:
            self.select_suggestion_at(suggested[0].start, suggested[0].end)

    def _statements_at_point(self, viewport_pos: QPoint) -> list[int]:
        position = self._character_at(viewport_pos)
        if position is None:
            return []
        return self.statement_ids_at(self._offsets.from_qt(position))

    def _suggestions_at_point(self, viewport_pos: QPoint) -> list[Suggestion]:
        position = self._character_at(viewport_pos)
        if position is None:
            return []
        return self.suggestions_at(self._offsets.from_qt(position))

    def _character_at(self, viewport_pos: QPoint) -> int | None:
        """The Qt position of the character drawn under a viewport point, None off the text."""
        if self._article is None:
            return None
        return character_at(self._text, viewport_pos)
