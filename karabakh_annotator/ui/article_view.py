"""The read-only article view: header above, the text right-to-left with statements highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextLine,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QTextEdit, QToolTip, QVBoxLayout, QWidget

from karabakh_annotator.core.records import ArticleRecord, LabelRecord, StatementRecord
from karabakh_annotator.core.text.selection import snap_to_words
from karabakh_annotator.ui.fonts import ARTICLE_POINT_SIZE, LINE_HEIGHT_PERCENT, arabic_font
from karabakh_annotator.ui.legend import Legend, highlight_color
from karabakh_annotator.ui.offsets import OffsetMap
from karabakh_annotator.ui.statement_colors import StatementColors

STATEMENT_ID_PROPERTY = QTextCharFormat.Property.UserProperty + 1
"""Char-format property holding the id of the statement a highlighted run belongs to (the innermost)."""
OVERLAP_COUNT_PROPERTY = QTextCharFormat.Property.UserProperty + 2
"""Char-format property: how many statements cover a run, set where two or more overlap."""

MIN_POINT_SIZE = 9
MAX_POINT_SIZE = 40
ZOOM_STEP = 2

# Right means right, whatever the widget's layout direction (Qt mirrors plain AlignRight in RTL).
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
_LRI, _PDI = "\u2066", "\u2069"
_OVERLAP_DARKER = 118  # percent: where statements overlap the blend is a shade darker ...
_OVERLAP_UNDERLINE = QColor("#37474f")  # ... and underlined, so a nested quote shows its edges
_CURRENT_SATURATION = 0.35  # the current statement: the same hue, stronger
_CURRENT_LIGHTNESS = 0.78
_CLICK_SLOP = 4  # pixels a press may move and still count as a click, not a drag


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


def _meta_line(article: ArticleRecord) -> str:
    if article.published is not None:
        # Isolated left-to-right, or the right-to-left line shows 2020-09-27 as 27-09-2020.
        date = f"{_LRI}{article.published.isoformat()}{_PDI}"
    else:
        date = article.published_raw or ""
    return "  ·  ".join(part for part in (article.outlet or "", date) if part)


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

        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setTextFormat(Qt.TextFormat.RichText)
        self._placeholder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._placeholder.setMargin(24)
        self._placeholder.setStyleSheet("color: palette(placeholder-text);")

        self._title = self._header_label(arabic_font(arabic_family, ARTICLE_POINT_SIZE + 4, bold=True))
        self._meta = self._header_label(arabic_font(arabic_family, ARTICLE_POINT_SIZE - 4))
        self._meta.setStyleSheet("color: palette(placeholder-text);")
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        self._text = self._build_text_edit()
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

    # -- building --------------------------------------------------------------

    @staticmethod
    def _header_label(font: QFont) -> QLabel:
        label = QLabel()
        label.setFont(font)
        label.setWordWrap(True)
        label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        label.setAlignment(_RIGHT | Qt.AlignmentFlag.AlignVCenter)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_text_edit(self) -> QTextEdit:
        text = QTextEdit()
        text.setReadOnly(True)
        text.setAcceptRichText(False)
        text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # The whole view reads right-to-left (the scroll bar moves to the left, as in Arabic apps).
        text.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        text.setFrameShape(QFrame.Shape.NoFrame)
        document = text.document()
        # Highlighting is not an edit the analyst could undo; recording it costs time and memory.
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(arabic_font(self._arabic_family))
        document.setDocumentMargin(24)
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(_RIGHT)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        return text

    # -- showing -----------------------------------------------------------------

    def show_placeholder(self, message_html: str) -> None:
        """Show a message (rich text) instead of an article."""
        self._article = None
        self._offsets = OffsetMap("")
        self._statements, self._colors_by_id, self._current = {}, {}, None
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
        document = self._text.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        block = QTextBlockFormat()
        block.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        block.setAlignment(_RIGHT)
        block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(10)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)
        formats: dict[tuple[int, ...], QTextCharFormat] = {}
        spans = [(s.start, s.end, s.id) for s in self._statements.values()]
        for run in covered_runs(spans):
            char = formats.get(run.ids)
            if char is None:
                char = formats[run.ids] = self._run_format(run.ids)
            start, end = self._offsets.span_to_qt(run.start, run.end)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(char)
        cursor.endEditBlock()

    def _run_format(self, ids: tuple[int, ...]) -> QTextCharFormat:
        char = QTextCharFormat()
        char.setProperty(STATEMENT_ID_PROPERTY, self._innermost(ids))
        if len(ids) == 1:
            char.setBackground(self._colors_by_id[ids[0]])
            return char
        char.setBackground(blend([self._colors_by_id[i] for i in ids]).darker(_OVERLAP_DARKER))
        char.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        char.setUnderlineColor(_OVERLAP_UNDERLINE)
        char.setProperty(OVERLAP_COUNT_PROPERTY, len(ids))
        return char

    def _innermost(self, ids: Sequence[int]) -> int:
        """The shortest of the statements `ids` (the later-starting on a tie): what a click means."""
        return min(ids, key=self._nesting_key)

    def _nesting_key(self, statement_id: int) -> tuple[int, int, int]:
        statement = self._statements[statement_id]
        return statement.end - statement.start, -statement.start, statement_id

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
        statement = self._statements.get(self._current) if self._current is not None else None
        if statement is None:
            self._text.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        start, end = self.qt_span(statement.start, statement.end)
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = current_format(self._colors_by_id[statement.id])
        self._text.setExtraSelections([selection])

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
        """The tooltip for a point on the text's viewport: each statement there, innermost first."""
        ids = self._statements_at_point(viewport_pos)
        return "\n\n".join(self.statement_tooltip(i) for i in ids)

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
        ids.sort(key=self._nesting_key)
        return ids

    def qt_span(self, start: int, end: int) -> tuple[int, int]:
        """Core code-point offsets into the shown text as positions in the text widget."""
        return self._offsets.span_to_qt(start, end)

    def text_edit(self) -> QTextEdit:
        """The widget holding the article text (for selection and tests)."""
        return self._text

    def title_text(self) -> str:
        return self._title.text()

    def meta_text(self) -> str:
        return self._meta.text()

    def placeholder_text(self) -> str:
        return self._placeholder.text()

    def is_showing_placeholder(self) -> bool:
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

    def _statements_at_point(self, viewport_pos: QPoint) -> list[int]:
        position = self._character_at(viewport_pos)
        if position is None:
            return []
        return self.statement_ids_at(self._offsets.from_qt(position))

    def _character_at(self, viewport_pos: QPoint) -> int | None:
        """The Qt position of the character drawn under a viewport point, None off the text."""
        if self._article is None:
            return None
        hbar, vbar = self._text.horizontalScrollBar(), self._text.verticalScrollBar()
        # As QTextEdit maps viewport to document: right-to-left counts the bar from its far end.
        dx = hbar.maximum() - hbar.value() if self._text.isRightToLeft() else hbar.value()
        point = QPointF(viewport_pos) + QPointF(dx, vbar.value())
        block = self._text.cursorForPosition(viewport_pos).block()
        if not block.isValid():
            return None
        origin = self._text.document().documentLayout().blockBoundingRect(block).topLeft()
        local = point - origin
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            if not line.y() <= local.y() < line.y() + line.height():
                continue
            drawn = line.naturalTextRect()
            if not drawn.left() <= local.x() < drawn.right():
                return None
            offset = line.xToCursor(local.x(), QTextLine.CursorPosition.CursorOnCharacter)
            if offset >= line.textStart() + line.textLength():
                return None
            return block.position() + offset
        return None
