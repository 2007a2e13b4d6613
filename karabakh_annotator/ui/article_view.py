"""The read-only article view: header above, the text right-to-left with statements highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QTextEdit, QVBoxLayout, QWidget

from karabakh_annotator.core.records import ArticleRecord, StatementRecord
from karabakh_annotator.ui.fonts import ARTICLE_POINT_SIZE, LINE_HEIGHT_PERCENT, arabic_font
from karabakh_annotator.ui.offsets import OffsetMap
from karabakh_annotator.ui.statement_colors import NEUTRAL_HIGHLIGHT, StatementColors

STATEMENT_ID_PROPERTY = QTextCharFormat.Property.UserProperty + 1
"""Char-format property holding the id of the statement a highlighted run belongs to."""

# Right means right, whatever the widget's layout direction (Qt mirrors plain AlignRight in RTL).
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
_LRI, _PDI = "\u2066", "\u2069"
_MIN_HIGHLIGHT_LIGHTNESS = 0.75
_TINT = 0.4


def highlight_color(color: str) -> QColor:
    """A background for `color` that keeps black text readable (dark label colours are tinted)."""
    base = QColor(color)
    if not base.isValid():
        base = QColor(NEUTRAL_HIGHLIGHT)
    if base.lightnessF() >= _MIN_HIGHLIGHT_LIGHTNESS:
        return base
    white = 255 * (1 - _TINT)
    return QColor(
        round(base.red() * _TINT + white), round(base.green() * _TINT + white), round(base.blue() * _TINT + white)
    )


def _meta_line(article: ArticleRecord) -> str:
    if article.published is not None:
        # Isolated left-to-right, or the right-to-left line shows 2020-09-27 as 27-09-2020.
        date = f"{_LRI}{article.published.isoformat()}{_PDI}"
    else:
        date = article.published_raw or ""
    return "  ·  ".join(part for part in (article.outlet or "", date) if part)


class ArticleView(QStackedWidget):
    """Shows one article, or a placeholder message when there is none to show."""

    def __init__(self, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._arabic_family = arabic_family
        self._article: ArticleRecord | None = None
        self._offsets = OffsetMap("")

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

        self.addWidget(self._placeholder)
        self.addWidget(page)
        self._article_page = page

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
        self._text.clear()
        self._placeholder.setText(message_html)
        self.setCurrentWidget(self._placeholder)

    def show_article(
        self, article: ArticleRecord, statements: Sequence[StatementRecord], colors: StatementColors
    ) -> None:
        """Show `article` with each live statement highlighted in its colour."""
        self._article = article
        self._offsets = OffsetMap(article.text)
        self._title.setText(article.title or article.source_file or f"Article {article.id}")
        self._meta.setText(_meta_line(article))
        self._meta.setVisible(bool(self._meta.text()))
        self._meta.setToolTip(article.url or article.source_file or "")
        self._text.setPlainText(article.text)
        self._format_paragraphs()
        for statement in statements:
            if not statement.deleted:
                self._highlight(statement, colors.color_for(statement))
        self._text.moveCursor(QTextCursor.MoveOperation.Start)
        self.setCurrentWidget(self._article_page)

    def _format_paragraphs(self) -> None:
        block = QTextBlockFormat()
        block.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        block.setAlignment(_RIGHT)
        block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(10)
        cursor = QTextCursor(self._text.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)

    def _highlight(self, statement: StatementRecord, color: str) -> None:
        start, end = self.qt_span(statement.start, statement.end)
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        char = QTextCharFormat()
        char.setBackground(highlight_color(color))
        char.setProperty(STATEMENT_ID_PROPERTY, statement.id)
        cursor.mergeCharFormat(char)

    # -- queries -------------------------------------------------------------------

    def article_id(self) -> int | None:
        """The id of the article shown, if any."""
        return self._article.id if self._article is not None else None

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
