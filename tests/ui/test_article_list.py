"""The article list model: consistent for Qt, one row per article with its counts."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt

from karabakh_annotator.core.records import ArticleSummary
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.article_list import ARTICLE_ROLE, SORT_ROLE, ArticleListModel, ArticleListView, Column


def test_model_passes_qt_model_tester(qtmodeltester, services: Services, demo) -> None:
    model = ArticleListModel()
    model.set_articles(services.articles.list_articles())
    qtmodeltester.check(model)


def test_empty_model_passes_qt_model_tester(qtmodeltester) -> None:
    model = ArticleListModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_rows_show_title_outlet_date_and_statement_count(services: Services, demo) -> None:
    model = ArticleListModel()
    model.set_articles(services.articles.list_articles())

    def cell(row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert model.rowCount() == 2
    assert cell(0, Column.TITLE) == demo.plain_title
    assert cell(1, Column.TITLE) == demo.emoji_title
    assert cell(0, Column.OUTLET) == "وكالة الاختبار"
    assert cell(1, Column.DATE) == "2020-10-02"
    assert cell(0, Column.STATEMENTS) == 1
    assert cell(1, Column.STATEMENTS, SORT_ROLE) == 1
    summary = cell(1, Column.TITLE, ARTICLE_ROLE)
    assert isinstance(summary, ArticleSummary) and summary.id == demo.emoji_id


def test_update_article_changes_only_its_row(qtbot, services: Services, demo) -> None:
    model = ArticleListModel()
    model.set_articles(services.articles.list_articles())
    changed = dataclasses.replace(model.article_at(1), statement_count=7)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_article(changed)
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.row(), bottom_right.row()) == (1, 1)
    assert model.data(model.index(1, Column.STATEMENTS)) == 7
    assert model.data(model.index(0, Column.STATEMENTS)) == 1


def test_sorting_by_date_uses_the_raw_date(qtbot) -> None:
    model = ArticleListModel()
    model.set_articles(
        [
            ArticleSummary(1, "ب", None, dt.date(2020, 10, 9), None, None),
            ArticleSummary(2, "أ", None, dt.date(2020, 9, 30), None, None),
        ]
    )
    view = ArticleListView(model)
    qtbot.addWidget(view)
    view.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)
    first = view.model().index(0, Column.TITLE).data(ARTICLE_ROLE)
    assert first.id == 2


def test_selecting_a_row_reports_the_article(qtbot, services: Services, demo) -> None:
    model = ArticleListModel()
    model.set_articles(services.articles.list_articles())
    view = ArticleListView(model)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_article_selected) as blocker:
        assert view.select_article(demo.emoji_id)
    assert blocker.args == [demo.emoji_id]
    assert view.selected_article_id() == demo.emoji_id
    assert not view.select_article(9999)
