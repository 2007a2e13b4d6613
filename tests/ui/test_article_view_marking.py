"""The article view as an analyst uses it to mark: select, snap, highlight, click, hover, zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.ui.article_view import (
    MAX_POINT_SIZE,
    OVERLAP_COUNT_PROPERTY,
    STATEMENT_ID_PROPERTY,
    ArticleView,
)
from karabakh_annotator.ui.statement_colors import StatementColors
from tests.ui.conftest import ANALYST, DemoData

MIXED_TEXT = (
    "أعلن الجيش الأذربيجاني يوم 27 سبتمبر أن قواته أسقطت طائرة مسيرة من طراز D-20 فوق الوادي، "
    "بحسب وكالة AzVision.\nولم يصدر تعليق من الطرف الآخر."
)
OUTER = "أن قواته أسقطت طائرة مسيرة من طراز D-20 فوق الوادي"
INNER = "طائرة مسيرة من طراز D-20"


@pytest.fixture
def view(qtbot, arabic_family) -> ArticleView:
    widget = ArticleView(arabic_family)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _show(view: ArticleView, services: Services, article_id: int) -> None:
    view.set_labels(services.labels.labels(LabelSet.VERDICT), services.labels.labels(LabelSet.WORKFLOW_STATUS))
    view.show_article(
        services.articles.get_article(article_id),
        services.statements.statements_for_article(article_id),
        StatementColors.from_labels(services.labels),
    )
    QApplication.processEvents()


def _store(services: Services, text: str) -> int:
    outcome = services.articles.store_article(ParsedArticle(text=text, raw=text.encode(), source_file="mixed.txt"))
    assert outcome.article_id is not None
    return outcome.article_id


def _mark(services: Services, article_id: int, text: str, quote: str, **patch: object) -> int:
    start = text.index(quote)
    statement, _ = services.statements.mark_statement(
        article_id, start, start + len(quote), ANALYST, StatementPatch(**patch) if patch else None
    )
    return statement.id


def _char_format(view: ArticleView, position: int):  # noqa: ANN202 (QTextCharFormat)
    """The format of the character starting at Qt `position`."""
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def _highlighted_text(view: ArticleView, statement_id: int) -> str:
    """The characters whose format names `statement_id`, which must be one contiguous run."""
    document = view.text_edit().document()
    positions = [
        p
        for p in range(document.characterCount() - 1)
        if _char_format(view, p).property(STATEMENT_ID_PROPERTY) == statement_id
    ]
    assert positions == list(range(positions[0], positions[-1] + 1))
    cursor = QTextCursor(document)
    cursor.setPosition(positions[0])
    cursor.setPosition(positions[-1] + 1, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _point_inside(view: ArticleView, start: int, end: int) -> QPoint:
    """A viewport point inside the drawn text between code-point offsets start and end."""
    middle = view.qt_span((start + end) // 2, end)[0]
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(middle)
    return view.text_edit().cursorRect(cursor).center()


def _click(view: ArticleView, point: QPoint) -> None:
    QTest.mouseClick(view.text_edit().viewport(), Qt.MouseButton.LeftButton, pos=point)


def _select_qt(view: ArticleView, start: int, end: int) -> None:
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.text_edit().setTextCursor(cursor)


def test_selection_after_an_emoji_snaps_to_whole_words_and_marks_exactly(
    qtbot, view, services, demo: DemoData
) -> None:
    _show(view, services, demo.emoji_id)
    text = demo.emoji_text
    # From inside طراز to inside الوادي: partial words at both ends, two emoji before it.
    rough_start, rough_end = text.index("طراز") + 2, text.index("الوادي") + 3
    with qtbot.waitSignal(view.sig_selection_changed) as blocker:
        _select_qt(view, *view.qt_span(rough_start, rough_end))
    assert blocker.args == [True]

    span = view.selected_span()
    assert span is not None
    start, end = span
    assert text[start:end] == "طراز D-20 فوق الوادي"
    assert view.qt_span(start, end) == (start + 2, end + 2)

    statement, _ = services.statements.mark_statement(demo.emoji_id, start, end, ANALYST)
    _show(view, services, demo.emoji_id)
    assert _highlighted_text(view, statement.id) == statement.quote == "طراز D-20 فوق الوادي"
    assert view.text_edit().toPlainText() == text


def test_clearing_the_selection_reports_none(qtbot, view, services, demo: DemoData) -> None:
    _show(view, services, demo.plain_id)
    _select_qt(view, 0, 5)
    assert view.selected_span() is not None
    with qtbot.waitSignal(view.sig_selection_changed) as blocker:
        view.text_edit().moveCursor(QTextCursor.MoveOperation.End)
    assert blocker.args == [False]
    assert view.selected_span() is None
    _select_qt(view, demo.plain_text.index("\n"), demo.plain_text.index("\n") + 1)  # only the line break
    assert view.selected_span() is None


def test_mixed_arabic_latin_and_digits_keep_text_and_bidi_order(view, services) -> None:
    article_id = _store(services, MIXED_TEXT)
    _show(view, services, article_id)
    document = view.text_edit().document()
    assert view.text_edit().toPlainText() == MIXED_TEXT  # nothing inserted (no bidi marks)
    document.documentLayout().documentSize()
    block = document.firstBlock()
    layout = block.layout()

    def x_at(position: int) -> float:
        """The x of the cursor between two characters of one direction run (unambiguous there)."""
        return layout.lineForTextPosition(position).cursorToX(position)[0]

    d20, az, day = MIXED_TEXT.index("D-20"), MIXED_TEXT.index("AzVision"), MIXED_TEXT.index("27 سبتمبر")
    # Latin and digits run left to right inside the right-to-left paragraph ...
    assert x_at(d20 + 1) < x_at(d20 + 2) < x_at(d20 + 3)  # D | - | 2 | 0
    assert x_at(az + 1) < x_at(az + 4) < x_at(az + 7)
    # ... while the Arabic around them reads right to left: "27" stands right of "سبتمبر".
    assert layout.lineForTextPosition(day + 1).lineNumber() == layout.lineForTextPosition(day + 5).lineNumber()
    assert x_at(day + 1) > x_at(day + 5) > x_at(day + 7)


def test_overlapping_statements_stay_distinguishable(view, services) -> None:
    article_id = _store(services, MIXED_TEXT)
    outer = _mark(services, article_id, MIXED_TEXT, OUTER)
    inner = _mark(services, article_id, MIXED_TEXT, INNER)
    _show(view, services, article_id)

    outer_only = view.qt_span(MIXED_TEXT.index(OUTER), MIXED_TEXT.index(OUTER) + 1)[0]
    overlap = view.qt_span(MIXED_TEXT.index(INNER), MIXED_TEXT.index(INNER) + 1)[0]
    outer_format = _char_format(view, outer_only)
    overlap_format = _char_format(view, overlap)
    assert outer_format.property(STATEMENT_ID_PROPERTY) == outer
    assert overlap_format.property(STATEMENT_ID_PROPERTY) == inner  # the innermost owns the overlap
    assert overlap_format.property(OVERLAP_COUNT_PROPERTY) == 2
    assert overlap_format.background().color() != outer_format.background().color()
    assert overlap_format.fontUnderline() and not outer_format.fontUnderline()

    # Alone, the inner statement looks as the outer one does alone: the overlap differs from both.
    services.statements.delete_statement(outer, ANALYST)
    _show(view, services, article_id)
    inner_alone = _char_format(view, overlap)
    assert inner_alone.property(STATEMENT_ID_PROPERTY) == inner
    assert overlap_format.background().color() != inner_alone.background().color()
    assert not inner_alone.fontUnderline()


def test_click_inside_a_highlight_emits_the_innermost_statement(qtbot, view, services, demo: DemoData) -> None:
    _show(view, services, demo.emoji_id)
    start = demo.emoji_text.index(demo.emoji_quote)
    point = _point_inside(view, start, start + len(demo.emoji_quote))
    with qtbot.waitSignal(view.sig_statement_clicked) as blocker:
        QTest.mouseClick(view.text_edit().viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [demo.emoji_statement_id]
    assert view.current_statement_id() == demo.emoji_statement_id

    # Nested: a click where both lie picks the shorter; outside the inner one, the outer.
    article_id = _store(services, MIXED_TEXT)
    outer = _mark(services, article_id, MIXED_TEXT, OUTER)
    inner = _mark(services, article_id, MIXED_TEXT, INNER)
    _show(view, services, article_id)
    inner_start = MIXED_TEXT.index(INNER)
    with qtbot.waitSignal(view.sig_statement_clicked) as blocker:
        _click(view, _point_inside(view, inner_start, inner_start + 5))
    assert blocker.args == [inner]
    outer_start = MIXED_TEXT.index(OUTER)
    with qtbot.waitSignal(view.sig_statement_clicked) as blocker:
        _click(view, _point_inside(view, outer_start, outer_start + 8))
    assert blocker.args == [outer]


def test_click_outside_highlights_emits_nothing(qtbot, view, services, demo: DemoData) -> None:
    _show(view, services, demo.plain_id)
    second_line = demo.plain_text.index("المراقبين")
    with qtbot.assertNotEmitted(view.sig_statement_clicked):
        _click(view, _point_inside(view, second_line, second_line + 8))


def test_select_statement_scrolls_to_it_and_marks_it_current(view, services) -> None:
    filler = "\n".join(f"الفقرة رقم {i} من النص الطويل عن الهدنة." for i in range(80))
    text = f"{filler}\nوقال المتحدث إن القصف توقف.\n{filler}"
    article_id = _store(services, text)
    statement_id = _mark(services, article_id, text, "القصف توقف")
    _show(view, services, article_id)
    edit = view.text_edit()
    assert edit.verticalScrollBar().value() == 0

    assert view.select_statement(statement_id)
    start, end = view.qt_span(text.index("القصف توقف"), text.index("القصف توقف") + len("القصف توقف"))
    assert edit.textCursor().position() == start
    assert edit.verticalScrollBar().value() > 0
    assert edit.viewport().rect().contains(edit.cursorRect())
    [current] = edit.extraSelections()
    assert (current.cursor.selectionStart(), current.cursor.selectionEnd()) == (start, end)
    assert current.format.background().color() != _char_format(view, start).background().color()
    assert view.current_statement_id() == statement_id
    assert not view.select_statement(999_999)

    # Showing the same article again (after an edit) keeps the current statement and the scroll.
    scrolled = edit.verticalScrollBar().value()
    _show(view, services, article_id)
    assert view.current_statement_id() == statement_id
    assert edit.verticalScrollBar().value() == scrolled


def test_hover_tooltip_names_speaker_status_and_verdict(qtbot, view, services, demo: DemoData) -> None:
    speaker, _ = services.entities.create_entity("وزارة الدفاع", ANALYST)
    services.statements.edit_statement(demo.emoji_statement_id, StatementPatch(speaker_id=speaker.id), ANALYST)
    _show(view, services, demo.emoji_id)
    start = demo.emoji_text.index(demo.emoji_quote)
    point = _point_inside(view, start, start + len(demo.emoji_quote))

    tip = view.tooltip_at(point)
    assert "Speaker: وزارة الدفاع" in tip
    assert "Status: Spotted (مرصود)" in tip
    assert "Verdict: False (زائف)" in tip
    assert "<" not in tip  # plain text

    viewport = view.text_edit().viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: QToolTip.isVisible() and "وزارة الدفاع" in QToolTip.text())
    QToolTip.hideText()

    away = demo.emoji_text.index("تعليق")
    assert view.tooltip_at(_point_inside(view, away, away + 5)) == ""
    plain_point = QPoint(2, view.text_edit().viewport().height() - 2)  # margin, no text
    assert view.tooltip_at(plain_point) == ""


def test_zoom_changes_the_article_point_size(qtbot, view, services, demo: DemoData) -> None:
    _show(view, services, demo.plain_id)
    family = view.text_edit().document().defaultFont().family()
    size = view.point_size()
    height = view.text_edit().document().size().height()
    with qtbot.waitSignal(view.sig_point_size_changed) as blocker:
        view.zoom_in()
    assert view.point_size() > size and blocker.args == [view.point_size()]
    assert view.text_edit().document().size().height() > height  # the text really grew
    view.zoom_out()
    assert view.point_size() == size
    view.set_point_size(1000)
    assert view.point_size() == MAX_POINT_SIZE
    assert view.text_edit().document().defaultFont().family() == family


def test_legend_lists_verdicts_and_statuses_in_both_languages(view, services, demo: DemoData) -> None:
    _show(view, services, demo.plain_id)
    legend = view.legend()
    assert legend.isVisible()
    entries = {key: (ar, en) for key, ar, en, _ in legend.entries()}
    assert entries["false"] == ("زائف", "False")
    assert entries["spotted"] == ("مرصود", "Spotted")
    assert entries[""] == ("بلا ادعاء", "No claim yet")
