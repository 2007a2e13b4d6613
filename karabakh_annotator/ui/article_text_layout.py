"""The article's right-to-left text widgets: how they are built and laid out, and what lies under a point."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextLine, QTextOption
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit

from karabakh_annotator.ui.fonts import LINE_HEIGHT_PERCENT, arabic_font

# Right means right, whatever the widget's layout direction (Qt mirrors plain AlignRight in RTL).
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute


def header_label(font: QFont) -> QLabel:
    """A selectable, wrapping, right-aligned plain-text label for the article's header."""
    label = QLabel()
    label.setFont(font)
    label.setWordWrap(True)
    label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    label.setAlignment(_RIGHT | Qt.AlignmentFlag.AlignVCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def build_text_edit(arabic_family: str) -> QTextEdit:
    """A read-only, right-to-left text edit for the article's text, set in `arabic_family`."""
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
    document.setDefaultFont(arabic_font(arabic_family))
    document.setDocumentMargin(24)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(_RIGHT)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    return text


def paragraph_format() -> QTextBlockFormat:
    """The article's paragraphs: right-to-left, right-aligned, airy lines, a gap below each."""
    block = QTextBlockFormat()
    block.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    block.setAlignment(_RIGHT)
    block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(10)
    return block


def character_at(text: QTextEdit, viewport_pos: QPoint) -> int | None:
    """The Qt position of the character drawn under a viewport point, None off the text."""
    hbar, vbar = text.horizontalScrollBar(), text.verticalScrollBar()
    # As QTextEdit maps viewport to document: right-to-left counts the bar from its far end.
    dx = hbar.maximum() - hbar.value() if text.isRightToLeft() else hbar.value()
    point = QPointF(viewport_pos) + QPointF(dx, vbar.value())
    block = text.cursorForPosition(viewport_pos).block()
    if not block.isValid():
        return None
    origin = text.document().documentLayout().blockBoundingRect(block).topLeft()
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
