"""Filtering the article list by search, outlet, claim status and publication date."""

from __future__ import annotations

from PySide6.QtCore import QDate

from karabakh_annotator.ui.main_window import MainWindow


def test_filters_narrow_the_list(qtbot, services, settings, arabic_family, demo) -> None:  # noqa: ANN001
    window = MainWindow(services, settings, arabic_family)
    qtbot.addWidget(window)
    every = window.article_list.visible_article_ids()
    assert len(every) == 2  # the demo fixture: published 2020-10-01 and 2020-10-02
    bar = window.filter_bar

    bar.date_from.setDate(QDate(2020, 10, 2))
    shown = window.article_list.visible_article_ids()
    assert [a.published.isoformat() for a in services.articles.article_summaries(shown)] == ["2020-10-02"]
    bar.date_to.setDate(QDate(2020, 10, 1))
    assert window.article_list.visible_article_ids() == []
    bar.date_to.setDate(bar.date_to.minimumDate())
    bar.date_from.setDate(bar.date_from.minimumDate())
    assert window.article_list.visible_article_ids() == every

    outlet = services.articles.outlets()[0]
    bar.outlet_combo.setCurrentIndex(bar.outlet_combo.findData(outlet))
    assert {a.outlet for a in services.articles.article_summaries(window.article_list.visible_article_ids())} == {outlet}
    bar.outlet_combo.setCurrentIndex(0)

    first_text = services.articles.get_article(every[0]).text
    word = max(first_text.split(), key=len)
    bar.search_box.setText(word)
    qtbot.waitUntil(lambda: window.article_list.visible_article_ids() != every, timeout=2000)
    assert every[0] in window.article_list.visible_article_ids()
