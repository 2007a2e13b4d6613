"""The main window over real services: list, RTL article view, highlights, counts, layout memory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from karabakh_annotator.app import build_main_window
from karabakh_annotator.core.labels import VERDICTS
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.article_view import STATEMENT_ID_PROPERTY, highlight_color
from karabakh_annotator.ui.main_window import MainWindow
from karabakh_annotator.ui.statement_colors import NEUTRAL_HIGHLIGHT

FALSE_COLOR = next(label.color for label in VERDICTS if label.key == "false")


def _window(qtbot, services: Services, settings: QSettings, family: str) -> MainWindow:
    window = build_main_window(services, settings, family)
    qtbot.addWidget(window)
    return window


def _format_at(text: QTextEdit, position: int):  # noqa: ANN202 (QTextCharFormat)
    """The character format of the character starting at Qt `position`."""
    cursor = QTextCursor(text.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def _selected(text: QTextEdit, start: int, end: int) -> str:
    cursor = QTextCursor(text.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def test_empty_database_shows_import_hint(qtbot, services, settings, arabic_family) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    assert window.article_view.is_showing_placeholder()
    assert "Import files or a folder" in window.article_view.placeholder_text()
    assert window.counts_label.text() == "0 articles · 0 statements"


def test_status_bar_counts_articles_and_statements(qtbot, services, settings, arabic_family, demo) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    assert window.counts_label.text() == "2 articles · 2 statements"
    assert window.article_view.is_showing_placeholder()  # nothing selected yet


def test_selecting_an_article_shows_it_right_to_left(qtbot, services, settings, arabic_family, demo) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    window.show()
    qtbot.waitExposed(window)
    window.article_list.select_article(demo.plain_id)

    view = window.article_view
    text = view.text_edit()
    assert not view.is_showing_placeholder()
    assert view.title_text() == demo.plain_title
    assert "وكالة الاختبار" in view.meta_text()
    # The ISO date is isolated left-to-right, or the RTL line would show it as 01-10-2020.
    assert "\u20662020-10-01\u2069" in view.meta_text()
    assert text.toPlainText() == demo.plain_text
    assert text.isReadOnly()
    option = text.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    block = text.document().firstBlock()
    assert block.textDirection() == Qt.LayoutDirection.RightToLeft
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight
    assert text.document().defaultFont().family() == arabic_family
    # Right-aligned: the first line's text ends at the right edge, far from the left one.
    text.document().documentLayout().documentSize()  # lay the text out
    layout = block.layout()
    assert layout.lineCount() >= 1
    line = layout.lineAt(0)
    drawn = line.naturalTextRect()
    assert drawn.right() == pytest.approx(line.x() + line.width(), abs=2)
    assert drawn.left() > line.x() + 20
    # Logical start (the first Arabic letter) is at the right: right-to-left.
    assert line.cursorToX(0)[0] > line.cursorToX(5)[0]


def test_statement_without_claim_gets_neutral_highlight(qtbot, services, settings, arabic_family, demo) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(demo.plain_id)
    text = window.article_view.text_edit()
    start = demo.plain_text.index(demo.plain_quote)
    end = start + len(demo.plain_quote)
    assert _selected(text, start, end) == demo.plain_quote
    for position in (start, end - 1):
        assert _format_at(text, position).background().color() == highlight_color(NEUTRAL_HIGHLIGHT)
    for position in (start - 1, end):
        assert not _format_at(text, position).hasProperty(QTextFormat.Property.BackgroundBrush)


def test_highlight_sits_on_the_quote_after_an_emoji(qtbot, services, settings, arabic_family, demo) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(demo.emoji_id)
    view = window.article_view
    text = view.text_edit()

    start = demo.emoji_text.index(demo.emoji_quote)
    end = start + len(demo.emoji_quote)
    qt_start, qt_end = view.qt_span(start, end)
    assert (qt_start, qt_end) == (start + 2, end + 2)  # two emoji before it, one extra unit each

    assert _selected(text, qt_start, qt_end) == demo.emoji_quote
    expected = highlight_color(FALSE_COLOR)
    for position in range(qt_start, qt_end):
        fmt = _format_at(text, position)
        assert fmt.background().color() == expected, position
        assert fmt.property(STATEMENT_ID_PROPERTY) == demo.emoji_statement_id
    for position in (qt_start - 1, qt_end):
        assert not _format_at(text, position).hasProperty(QTextFormat.Property.BackgroundBrush)
    # The unconverted (code-point) start would have missed the first letters.
    assert _selected(text, start, end) != demo.emoji_quote


def test_verdict_colour_differs_from_neutral(qtbot, services, settings, arabic_family, demo) -> None:
    assert highlight_color(FALSE_COLOR) != highlight_color(NEUTRAL_HIGHLIGHT)
    # Dark label colours are tinted so black text stays readable.
    assert highlight_color(FALSE_COLOR).lightnessF() >= 0.7


def test_quit_action_has_ctrl_q_and_an_icon(qtbot, services, settings, arabic_family) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    quit_action = window.actions_by_id["quit"]
    assert quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert not quit_action.icon().isNull()
    file_menu = window.menuBar().actions()[0].menu()
    assert quit_action in file_menu.actions()
    window.show()
    quit_action.trigger()
    assert not window.isVisible()


def test_reload_picks_up_new_statements(qtbot, services, settings, arabic_family, demo) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(demo.plain_id)
    services.statements.mark_statement(demo.plain_id, 0, 3, "analyst")
    window.actions_by_id["reload"].trigger()
    assert window.counts_label.text() == "2 articles · 3 statements"
    assert window.article_view.article_id() == demo.plain_id
    assert _format_at(window.article_view.text_edit(), 0).hasProperty(QTextFormat.Property.BackgroundBrush)


def test_geometry_and_splitter_are_remembered(qtbot, services, settings, arabic_family) -> None:
    first = _window(qtbot, services, settings, arabic_family)
    first.resize(760, 640)
    first.show()
    first.splitter.setSizes([200, 300, 260])
    sizes = first.splitter.sizes()
    first.close()

    second = _window(qtbot, services, settings, arabic_family)
    second.show()
    assert (second.width(), second.height()) == (760, 640)
    assert second.splitter.sizes() == sizes


def test_recent_databases_reopen_through_the_file_menu(qtbot, services, settings, arabic_family) -> None:  # noqa: ANN001
    window = _window(qtbot, services, settings, arabic_family)
    window.remember_database("sqlite:////data/desk-a.sqlite3")
    window.remember_database("sqlite:////data/desk-b.sqlite3")
    window.recent_menu.aboutToShow.emit()
    entries = [action.text() for action in window.recent_menu.actions()]
    assert entries == ["/data/desk-b.sqlite3", "/data/desk-a.sqlite3"]
    with qtbot.waitSignal(window.sig_open_database_requested) as requested:
        window.recent_menu.actions()[1].trigger()
    assert requested.args == ["sqlite:////data/desk-a.sqlite3"]
