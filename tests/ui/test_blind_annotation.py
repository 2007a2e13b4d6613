"""Blind annotation: with it on, an analyst sees only their own statements, in the article and the panel."""

from __future__ import annotations

from karabakh_annotator.app import build_main_window
from karabakh_annotator.core.services import Services


def test_blind_hides_the_other_analysts_statements(qtbot, services: Services, settings, arabic_family, demo) -> None:
    start = demo.plain_text.index("المراقبين")
    other, _ = services.statements.mark_statement(demo.plain_id, start, start + len("المراقبين"), "someone-else")
    settings.setValue("analyst/name", "analyst")
    window = build_main_window(services, settings, arabic_family)
    qtbot.addWidget(window)
    window.select_article(demo.plain_id)
    assert window.article_view.select_statement(other.id)  # shown while not blind

    window.actions_by_id["blind"].trigger()
    assert window.actions_by_id["blind"].isChecked()
    assert not window.article_view.select_statement(other.id)
    assert window.article_view.select_statement(demo.plain_statement_id)
    assert window.claims_panel.current_filter().analyst == "analyst"
    assert not window.claims_panel.filter_bar.analyst.isEnabled()

    # Remembered: a new window starts blind.
    again = build_main_window(services, settings, arabic_family)
    qtbot.addWidget(again)
    again.select_article(demo.plain_id)
    assert again.actions_by_id["blind"].isChecked() and not again.article_view.select_statement(other.id)

    window.actions_by_id["blind"].trigger()
    assert window.article_view.select_statement(other.id)
    assert window.claims_panel.current_filter().analyst is None
