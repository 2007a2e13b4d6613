"""The analyst's day in the real window: open, select, mark, tag by keyboard, undo, redo, reopen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.ui.article_view import STATEMENT_ID_PROPERTY
from karabakh_annotator.ui.main_window import MainWindow

# Written for this test: an emoji (two UTF-16 units) before the statement.
TEXT = (
    "بيان عاجل 🛑 عن الجبهة\n"
    "قال المتحدث باسم وزارة الدفاع إن القوات صدّت هجوما قرب بلدة تجريبية صباح الأحد.\n"
    "ونفت الوزارة الأخرى ذلك."
)
PHRASE = "القوات صدّت هجوما قرب بلدة تجريبية"


def _window(qtbot, db_path: Path, settings: QSettings, family: str) -> tuple[MainWindow, object]:  # noqa: ANN001
    database = open_database(str(db_path))
    window = MainWindow(build_services(database), settings, family)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    window.activateWindow()
    # Shortcuts reach only the active window.
    qtbot.waitUntil(window.isActiveWindow)
    return window, database


def _select(window: MainWindow, start: int, end: int) -> None:
    view = window.article_view
    qt_start, qt_end = view.qt_span(start, end)
    cursor = view.text_edit().textCursor()
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
    view.text_edit().setTextCursor(cursor)


def _highlighted(window: MainWindow, statement_id: int) -> str:
    document = window.article_view.text_edit().document()
    cursor = QTextCursor(document)
    chars = []
    for position in range(document.characterCount() - 1):
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        if cursor.charFormat().property(STATEMENT_ID_PROPERTY) == statement_id:
            chars.append(cursor.selectedText())
    return "".join(chars)


def test_mark_and_tag_by_keyboard_then_undo_redo_and_reopen(qtbot, tmp_path, settings, arabic_family) -> None:  # noqa: ANN001
    db_path = tmp_path / "flow.sqlite3"
    seed = open_database(str(db_path))
    article_id = build_services(seed).articles.store_article(ParsedArticle(TEXT, TEXT.encode(), "flow.txt")).article_id
    seed.dispose()
    window, database = _window(qtbot, db_path, settings, arabic_family)
    assert window.select_article(article_id)

    # Select from inside the first word to inside the last one; Ctrl+M marks whole words.
    start = TEXT.index(PHRASE)
    _select(window, start + 3, start + len(PHRASE) - 2)
    window.article_view.text_edit().setFocus()
    assert window.article_view.selected_span() == (start, start + len(PHRASE))
    qtbot.keyClick(window.article_view.text_edit(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    services = build_services(database)  # type: ignore[arg-type]
    (statement,) = services.statements.statements_for_article(article_id)
    assert (statement.start, statement.end, statement.quote) == (start, start + len(PHRASE), PHRASE)
    assert _highlighted(window, statement.id) == PHRASE
    assert window.claims_panel.selected_statement_id() == statement.id

    # Reporting stance by number key in the editor: 2 = the second stance ("reports").
    editor = window.claims_panel.editor
    editor.stance.setFocus()
    qtbot.keyClick(editor.stance, Qt.Key.Key_2)
    assert services.statements.get_statement(statement.id).stance == "reports"

    # A new claim by keyboard, then its status and verdict by number keys.
    editor.claim.setFocus()
    editor.claim.setText("صد هجوم قرب بلدة تجريبية")
    qtbot.keyClick(editor.claim, Qt.Key.Key_Return)
    claim_id = services.statements.get_statement(statement.id).claim_id
    assert claim_id is not None
    editor.status.setFocus()
    qtbot.keyClick(editor.status, Qt.Key.Key_4)
    editor.verdict.setFocus()
    qtbot.keyClick(editor.verdict, Qt.Key.Key_5)
    claim = services.claims.get_claim(claim_id)
    assert (claim.status, claim.verdict) == ("in_progress", "false")

    # Undo the verdict and the status, then redo them, from the keyboard.
    window.article_view.text_edit().setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.claims.get_claim(claim_id).verdict is None
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.claims.get_claim(claim_id).status == "spotted"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    claim = services.claims.get_claim(claim_id)
    assert (claim.status, claim.verdict) == ("in_progress", "false")

    # Quit and reopen: everything is there, highlighted in the verdict colour.
    window.close()
    database.dispose()  # type: ignore[attr-defined]
    again, database = _window(qtbot, db_path, settings, arabic_family)
    assert again.select_article(article_id)
    (reopened,) = build_services(database).statements.statements_for_article(article_id)  # type: ignore[arg-type]
    assert (reopened.quote, reopened.stance, reopened.claim.verdict) == (PHRASE, "reports", "false")
    assert _highlighted(again, reopened.id) == PHRASE
    again.close()
    database.dispose()  # type: ignore[attr-defined]
