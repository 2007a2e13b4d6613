"""The claims view lists every claim and narrows it by words, status, verdict and assignee."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.desk.claims_table_model import (
    NOT_SET,
    OVERVIEW_ROLE,
    ClaimsFilter,
    ClaimsFilterProxy,
    ClaimsTableModel,
    Column,
)
from karabakh_annotator.ui.desk.claims_view import ClaimsView

from tests.ui.conftest import ANALYST, DemoData

OTHER = "omar"


def _claim(services: Services, summary: str, statement_ids: tuple[int, ...] = (), **patch: object) -> int:
    claim, _ = services.claims.create_claim(summary, ANALYST, statement_ids)
    if patch:
        services.claims.edit_claim(claim.id, ClaimPatch(**patch), ANALYST)
    return claim.id


@pytest.fixture
def claims(services: Services, demo: DemoData) -> dict[str, int]:
    """Five claims over the demo data: statuses, verdicts and assignees to filter by."""
    text = "قال المتحدث إن وقف إطلاق النار انهار.\nوأكد أن القصف طال مواقع مدنية."
    outcome = services.articles.store_article(
        ParsedArticle(text=text, raw=text.encode(), source_file="third.txt", title="ثالث", outlet="صحيفة ثالثة")
    )
    assert outcome.article_id is not None
    marked = []
    for quote in ("وقف إطلاق النار انهار", "القصف طال مواقع مدنية"):
        start = text.index(quote)
        statement, _ = services.statements.mark_statement(outcome.article_id, start, start + len(quote), ANALYST)
        marked.append(statement.id)
    drone = services.statements.get_statement(demo.emoji_statement_id).claim_id
    assert drone is not None
    return {
        "drone": drone,  # spotted, verdict false
        "ceasefire": _claim(services, "انهيار وقف إطلاق النار", (marked[0], demo.plain_statement_id),
                            status="in_progress", assignee=OTHER),
        "civilians": _claim(services, "القصف طال مواقع مدنية", (marked[1],), status="check_worthy", assignee=ANALYST),
        "truce": _claim(services, "الهدنة صامدة", status="in_progress"),
        "empty": _claim(services, "Observers arrived on Sunday"),
    }


@pytest.fixture
def view(qtbot, services: Services, arabic_family: str, claims: dict[str, int]) -> ClaimsView:
    widget = ClaimsView(arabic_family)
    qtbot.addWidget(widget)
    widget.set_labels(LabelCatalog.from_service(services.labels))
    widget.set_analysts(services.history.analysts())
    widget.set_claims(services.claims.overview())
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _choose(combo, value: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(value)
    assert index >= 0, f"{value!r} not offered"
    combo.setCurrentIndex(index)


def test_model_passes_qt_model_tester(qtmodeltester, services: Services, claims: dict[str, int]) -> None:
    model = ClaimsTableModel(LabelCatalog.from_service(services.labels))
    model.set_claims(services.claims.overview())
    qtmodeltester.check(model)
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(ClaimsFilter(status="in_progress"))
    proxy.sort(Column.STATEMENTS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_empty_model_passes_qt_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(ClaimsTableModel())


def test_every_claim_is_listed_with_where_it_appeared(view: ClaimsView, claims: dict[str, int]) -> None:
    assert sorted(view.visible_claim_ids()) == sorted(claims.values())
    assert view.count_label.text() == "5 claims"
    row = view.model.row_of(claims["ceasefire"])
    assert row is not None

    def cell(column: Column) -> object:
        return view.model.index(row, column).data()

    assert cell(Column.SUMMARY) == "انهيار وقف إطلاق النار"
    assert cell(Column.STATUS) == "In progress"
    assert cell(Column.ASSIGNEE) == OTHER
    assert cell(Column.STATEMENTS) == 2
    assert cell(Column.OUTLETS) == "صحيفة ثالثة، وكالة الاختبار"  # Arabic names, Arabic comma
    assert cell(Column.FIRST_APPEARANCE) == "2020-10-01"
    assert cell(Column.EVIDENCE) == 0
    drone = view.model.row_of(claims["drone"])
    assert view.model.index(drone, Column.VERDICT).data() == "False"
    assert view.model.index(drone, Column.RATING).data() == 1
    assert view.model.index(drone, Column.VERDICT).data(Qt.ItemDataRole.ToolTipRole) == "زائف"


def test_filter_by_status_shows_only_those_claims(view: ClaimsView, claims: dict[str, int]) -> None:
    _choose(view.status, "in_progress")
    assert sorted(view.visible_claim_ids()) == sorted([claims["ceasefire"], claims["truce"]])
    assert view.count_label.text() == "2 of 5 claims"
    _choose(view.status, "published")
    assert view.visible_claim_ids() == []
    _choose(view.status, None)
    assert len(view.visible_claim_ids()) == 5


def test_filter_by_verdict_including_none_yet(view: ClaimsView, claims: dict[str, int]) -> None:
    _choose(view.verdict, "false")
    assert view.visible_claim_ids() == [claims["drone"]]
    _choose(view.verdict, NOT_SET)
    assert claims["drone"] not in view.visible_claim_ids()
    assert len(view.visible_claim_ids()) == 4


def test_filter_by_assignee_and_unassigned(view: ClaimsView, claims: dict[str, int]) -> None:
    _choose(view.assignee, OTHER)
    assert view.visible_claim_ids() == [claims["ceasefire"]]
    _choose(view.assignee, NOT_SET)
    assert sorted(view.visible_claim_ids()) == sorted([claims["drone"], claims["truce"], claims["empty"]])


def test_filters_combine(view: ClaimsView, claims: dict[str, int]) -> None:
    _choose(view.status, "in_progress")
    _choose(view.assignee, NOT_SET)
    assert view.visible_claim_ids() == [claims["truce"]]


def test_text_search_matches_spelling_variants(view: ClaimsView, claims: dict[str, int]) -> None:
    view.search.insert("اطلاق")  # typed without the hamza; stored as إطلاق
    assert view.visible_claim_ids() == [claims["ceasefire"]]
    view.search.clear()
    view.search.insert("مدنيه القصف")  # every word, any order, taa marbuta as haa
    assert view.visible_claim_ids() == [claims["civilians"]]
    view.search.setText("observers")
    assert view.visible_claim_ids() == [claims["empty"]]


def test_columns_sort_by_raw_value(view: ClaimsView, claims: dict[str, int]) -> None:
    view.table.sortByColumn(Column.STATEMENTS, Qt.SortOrder.DescendingOrder)
    assert view.visible_claim_ids()[0] == claims["ceasefire"]  # two statements
    view.table.sortByColumn(Column.STATUS, Qt.SortOrder.AscendingOrder)  # by the status's place in its set
    statuses = [view.proxy.index(row, 0).data(OVERVIEW_ROLE).claim.status for row in range(view.proxy.rowCount())]
    assert statuses == ["spotted", "spotted", "check_worthy", "in_progress", "in_progress"]


def test_unsorted_at_first_newest_claim_on_top(view: ClaimsView, claims: dict[str, int]) -> None:
    assert view.visible_claim_ids() == sorted(claims.values(), reverse=True)


def test_select_claim_emits_and_reports_it(qtbot, view: ClaimsView, claims: dict[str, int]) -> None:
    with qtbot.waitSignal(view.sig_claim_selected) as blocker:
        assert view.select_claim(claims["truce"])
    assert blocker.args == [claims["truce"]]
    assert view.selected_claim_id() == claims["truce"]
    assert not view.select_claim(999_999)


def test_select_claim_hidden_by_a_filter_clears_the_filter(view: ClaimsView, claims: dict[str, int]) -> None:
    _choose(view.status, "check_worthy")
    assert view.select_claim(claims["drone"])
    assert view.current_filter() == ClaimsFilter()
    assert view.selected_claim_id() == claims["drone"]


def test_update_keeps_the_selection_and_repaints_the_row(
    view: ClaimsView, services: Services, claims: dict[str, int]
) -> None:
    view.table.sortByColumn(Column.SUMMARY, Qt.SortOrder.AscendingOrder)
    view.select_claim(claims["truce"])
    services.claims.edit_claim(claims["truce"], ClaimPatch(summary="الهدنة انهارت"), ANALYST)
    services.claims.delete_claim(claims["empty"], ANALYST)
    services.claims.create_claim("ادعاء جديد", ANALYST)
    view.set_claims(services.claims.overview())
    assert view.selected_claim_id() == claims["truce"]
    row = view.model.row_of(claims["truce"])
    assert view.model.index(row, Column.SUMMARY).data() == "الهدنة انهارت"
    assert claims["empty"] not in view.visible_claim_ids()
    assert len(view.visible_claim_ids()) == 5


def test_down_arrow_in_the_search_goes_to_the_table(qtbot, view: ClaimsView) -> None:
    view.activateWindow()
    view.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.search)
    QTest.keyClick(view.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.table
    assert view.selected_claim_id() == view.visible_claim_ids()[0]


def test_arabic_summaries_read_right_to_left(view: ClaimsView, claims: dict[str, int]) -> None:
    row = view.model.row_of(claims["ceasefire"])
    alignment = Qt.AlignmentFlag(view.model.index(row, Column.SUMMARY).data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    english = view.model.row_of(claims["empty"])
    assert view.model.index(english, Column.SUMMARY).data(Qt.ItemDataRole.TextAlignmentRole) is None


def test_new_and_changed_claims_take_their_sorted_place(
    view: ClaimsView, services: Services, claims: dict[str, int]
) -> None:
    view.table.sortByColumn(Column.SUMMARY, Qt.SortOrder.AscendingOrder)
    view.select_claim(claims["civilians"])
    new, _ = services.claims.create_claim("Aerial footage shows no wreckage", ANALYST)
    services.claims.edit_claim(claims["truce"], ClaimPatch(summary="Truce holds"), ANALYST)
    view.set_claims(services.claims.overview())
    summaries = [view.proxy.index(row, Column.SUMMARY).data() for row in range(view.proxy.rowCount())]
    assert summaries == sorted(summaries, key=str.casefold)
    assert summaries[0] == "Aerial footage shows no wreckage"
    assert view.visible_claim_ids()[0] == new.id
    assert view.selected_claim_id() == claims["civilians"]
