"""Suggested statements in the window: underlined, stepped through, accepted and rejected by keyboard, undone;
related statements in other articles listed in the claims panel, one click away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from karabakh_annotator.app import build_main_window
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.main_window import MainWindow

# Written for these tests: two outlets carry one claim, in different words and spellings.
FIRST = "قال وزير الدفاع الأذربيجاني زاكر حسنوف إن القوات حررت قرية تلش صباح 2 أكتوبر.\nوسقطت الأمطار على المدينة."
SECOND = "أعلن وزير الدفاع الأذري زاكر حسنوف أن قوات أذربيجان استعادت السيطرة على قرية تلش يوم ٢ أكتوبر."


def _store(services: Services, text: str, name: str) -> int:
    outcome = services.articles.store_article(ParsedArticle(text, text.encode(), name, title=name))
    assert outcome.article_id is not None
    return outcome.article_id


def _window(qtbot, services: Services, settings, family: str) -> MainWindow:  # noqa: ANN001
    window = build_main_window(services, settings, family)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _underlined_text(window: MainWindow) -> list[str]:
    """The text under each suggestion underline the view draws (dotted or dashed)."""
    styles = {QTextCharFormat.UnderlineStyle.DotLine, QTextCharFormat.UnderlineStyle.DashUnderline}
    edit = window.article_view.text_edit()
    return [s.cursor.selectedText() for s in edit.extraSelections() if s.format.underlineStyle() in styles]


def test_suggestions_are_underlined_on_their_words(qtbot, services, settings, arabic_family) -> None:
    first = _store(services, FIRST, "first.txt")
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(first)
    qtbot.waitUntil(lambda: bool(window.article_view.suggestions()))  # drawn just after the text
    suggestions = window.article_view.suggestions()
    assert _underlined_text(window) == [s.text for s in suggestions]
    assert "حررت قرية تلش" in suggestions[0].text


def test_accept_by_keyboard_then_undo_and_redo(qtbot, services, settings, arabic_family) -> None:
    first = _store(services, FIRST, "first.txt")
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(first)
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    suggestion = window.article_view.current_suggestion()
    assert suggestion is not None
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    [statement] = services.statements.statements_for_article(first)
    assert (statement.start, statement.end) == (suggestion.start, suggestion.end)
    assert statement.cue == suggestion.cue and statement.speaker and "حسنوف" in statement.speaker
    assert window.claims_panel.selected_statement_id() == statement.id
    qtbot.waitUntil(
        lambda: (suggestion.start, suggestion.end) not in {(s.start, s.end) for s in window.article_view.suggestions()}
    )

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.statements.statements_for_article(first) == []
    qtbot.waitUntil(
        lambda: (suggestion.start, suggestion.end) in {(s.start, s.end) for s in window.article_view.suggestions()}
    )
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s.id for s in services.statements.statements_for_article(first)] == [statement.id]


def test_reject_by_keyboard_and_undo(qtbot, services, settings, arabic_family) -> None:
    first = _store(services, FIRST, "first.txt")
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(first)
    qtbot.waitUntil(lambda: bool(window.article_view.suggestions()))
    before = window.article_view.suggestions()
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    rejected = window.article_view.current_suggestion()
    assert rejected is not None
    qtbot.keyClick(window, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: rejected not in window.article_view.suggestions())
    assert services.suggestions.for_article(first) == [s for s in before if s != rejected]
    assert services.statements.statements_for_article(first) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.article_view.suggestions() == before)


def test_related_statement_in_another_article_is_listed_opened_and_linked(
    qtbot, services, settings, arabic_family
) -> None:
    first, second = _store(services, FIRST, "first.txt"), _store(services, SECOND, "second.txt")
    statement, _ = services.suggestions.accept(first, services.suggestions.for_article(first)[0], "analyst")
    window = _window(qtbot, services, settings, arabic_family)
    window.claims_panel.select_statement(statement.id)
    related = window.claims_panel.related
    qtbot.waitUntil(lambda: bool(related.matches()))
    [match] = [m for m in related.matches() if m.kind == "same"]
    assert match.a.statement_id == statement.id and match.b.article_id == second
    assert "second.txt" in related.list.item(0).text()

    related.list.setCurrentRow(0)
    qtbot.mouseClick(related.open_button, Qt.MouseButton.LeftButton)
    assert window.article_view.article_id() == second
    current = window.article_view.current_suggestion()
    assert current is not None and (current.start, current.end) == (match.b.start, match.b.end)

    window.claims_panel.select_statement(statement.id)
    qtbot.waitUntil(lambda: "looking" not in related.heading.text())
    related.list.setCurrentRow(0)
    qtbot.mouseClick(related.accept_button, Qt.MouseButton.LeftButton)
    [other] = services.statements.statements_for_article(second)
    linked = services.statements.get_statement(statement.id)
    assert linked.claim_id is not None and other.claim_id == linked.claim_id
    assert not [m for m in related.matches() if m.kind == "same"]


def test_linking_a_related_statement_is_undone_and_redone(qtbot, services, settings, arabic_family) -> None:
    first, second = _store(services, FIRST, "first.txt"), _store(services, SECOND, "second.txt")
    statement, _ = services.suggestions.accept(first, services.suggestions.for_article(first)[0], "analyst")
    window = _window(qtbot, services, settings, arabic_family)
    window.claims_panel.select_statement(statement.id)
    related = window.claims_panel.related
    qtbot.waitUntil(lambda: any(m.kind == "same" for m in related.matches()))
    row = next(i for i, m in enumerate(related.matches()) if m.kind == "same")
    related.list.setCurrentRow(row)

    def linked() -> bool:
        others = services.statements.statements_for_article(second)
        claim_id = services.statements.get_statement(statement.id).claim_id
        return len(others) == 1 and claim_id is not None and others[0].claim_id == claim_id

    def same_listed() -> bool:
        return any(m.kind == "same" for m in related.matches())

    qtbot.mouseClick(related.accept_button, Qt.MouseButton.LeftButton)
    assert linked() and not same_listed()
    assert window.undo_stack.undoText() == "Link same claim"

    window.undo_stack.undo()
    assert services.statements.statements_for_article(second) == []
    assert services.statements.get_statement(statement.id).claim_id is None
    assert services.claims.list_claims() == []
    assert same_listed(), "the pair is proposed again, its suggestion with it"
    assert services.suggestions.for_article(second)

    window.undo_stack.redo()
    assert linked() and not same_listed()
