"""The activity view: events newest first, older pages on demand, analyst filter, opening records."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from karabakh_annotator.core.records import EventRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.ui.desk.activity_model import (
    EVENT_ROLE,
    SYSTEM_ANALYST,
    ActivityModel,
    Column,
    display_value,
)
from karabakh_annotator.ui.desk.activity_view import ALL_ANALYSTS, ActivityView
from karabakh_annotator.ui.event_values import decode_value
from karabakh_annotator.ui.event_values import local_moment as local_time

OTHER = "reviewer"


def _cell(model: ActivityModel, row: int, column: Column) -> str:
    return model.data(model.index(row, column))


@pytest.fixture
def view(qtbot, services: Services, demo, arabic_family: str) -> ActivityView:
    """The view over the demo data plus an edit by a second analyst."""
    services.statements.edit_statement(demo.plain_statement_id, StatementPatch(stance="distances"), OTHER)
    widget = ActivityView(services, arabic_family, page_size=3)
    qtbot.addWidget(widget)
    widget.resize(1100, 400)
    return widget


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (None, ""),
        ('"false"', "false"),
        ("[3, 9]", "3–9"),
        ('[15, 37, "الهدنة  صامدة\\nمنذ يومين"]', "الهدنة صامدة منذ يومين"),
        ('[1, "refutes", "وكالة", null, 4]', "1, refutes, وكالة, 4"),
        ("true", "yes"),
        ("12", "12"),
        ("not json", "not json"),
    ],
)
def test_values_are_decoded_for_display(raw: str | None, shown: str) -> None:
    assert display_value(decode_value(raw)) == shown


def test_naive_times_are_utc_shown_in_local_time(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Baku")  # UTC+4, no daylight saving since 2016
    time.tzset()
    try:
        shown = local_time(dt.datetime(2020, 10, 1, 12, 0))
        assert (shown.hour, shown.utcoffset()) == (16, dt.timedelta(hours=4))
        assert local_time(dt.datetime(2020, 10, 1, 12, 0, tzinfo=dt.UTC)).hour == 16
    finally:
        monkeypatch.undo()
        time.tzset()


def test_model_passes_qt_model_tester(qtmodeltester, services: Services, demo) -> None:
    model = ActivityModel(services.history, page_size=2)
    model.reload()
    qtmodeltester.check(model)
    model.fetchMore()
    qtmodeltester.check(model)


def test_newest_event_first_with_label_names_and_old_new(view: ActivityView, demo) -> None:
    model = view.model
    assert _cell(model, 0, Column.ANALYST) == OTHER
    assert _cell(model, 0, Column.ACTION) == "edit"
    assert _cell(model, 0, Column.RECORD) == f"statement {demo.plain_statement_id}"
    assert _cell(model, 0, Column.FIELD) == "stance"
    assert _cell(model, 0, Column.OLD) == ""
    assert _cell(model, 0, Column.NEW).startswith("Distances")  # the label's name, not its key
    assert isinstance(model.data(model.index(0, 0), EVENT_ROLE), EventRecord)


def test_older_pages_load_one_page_at_a_time(services: Services, demo) -> None:
    every = services.history.activity(limit=1000)
    model = ActivityModel(services.history, page_size=3)
    model.reload()
    assert model.rowCount() == 3
    model.fetchMore()
    assert [model.event_at(row).id for row in range(model.rowCount())] == [e.id for e in every[:6]]
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert [model.event_at(row).id for row in range(model.rowCount())] == [e.id for e in every]
    assert not model.canFetchMore()
    # The imports have no analyst.
    assert _cell(model, model.rowCount() - 1, Column.ANALYST) == SYSTEM_ANALYST


def test_scrolling_to_the_bottom_fetches_older_events(qtbot, view: ActivityView) -> None:
    view.resize(1100, 200)
    view.show()
    qtbot.waitExposed(view)
    before = view.model.rowCount()
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() > before)
    assert view.count_label.text().startswith(f"{view.model.rowCount()} events shown")


def test_analyst_filter_and_refresh(qtbot, view: ActivityView, services: Services, demo) -> None:
    names = [view.analyst.itemText(i) for i in range(view.analyst.count())]
    assert names == [ALL_ANALYSTS, "analyst", OTHER]
    view.analyst.setCurrentIndex(names.index(OTHER))
    assert view.model.rowCount() == 1
    assert _cell(view.model, 0, Column.ANALYST) == OTHER
    services.statements.edit_statement(demo.plain_statement_id, StatementPatch(party="neutral"), OTHER)
    services.statements.mark_statement(demo.plain_id, 0, 3, "third")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 2
    assert _cell(view.model, 0, Column.FIELD) == "party"
    assert view.analyst.currentText() == OTHER
    assert view.analyst.findText("third") > 0
    view.set_analyst(None)
    assert view.model.analyst() is None
    assert view.model.rowCount() == 3


def test_activating_statement_and_claim_events_asks_to_open_them(qtbot, view: ActivityView, demo) -> None:
    model = view.model
    while model.canFetchMore():
        model.fetchMore()
    rows = {model.event_at(r).entity_type: r for r in range(model.rowCount())}
    view.table.setFocus()
    view.table.setCurrentIndex(model.index(rows["statement"], 0))
    with qtbot.waitSignal(view.sig_statement_open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [model.event_at(rows["statement"]).entity_id]
    view.table.setCurrentIndex(model.index(rows["claim"], 0))
    with qtbot.waitSignal(view.sig_claim_open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [model.event_at(rows["claim"]).entity_id]
    with (
        qtbot.assertNotEmitted(view.sig_statement_open_requested),
        qtbot.assertNotEmitted(view.sig_claim_open_requested),
    ):
        view.table.setCurrentIndex(model.index(rows["article"], 0))
        qtbot.keyClick(view.table, Qt.Key.Key_Return)


def test_the_activity_view_renders(view: ActivityView, tmp_path: Path) -> None:
    image = view.grab()
    assert not image.isNull()
    assert image.save(str(tmp_path / "activity_view.png"))


def test_the_analyst_filter_is_reached_by_keyboard(qtbot, view: ActivityView) -> None:
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert view.analyst.hasFocus()
    qtbot.keyClick(view.analyst, Qt.Key.Key_Down)
    assert view.model.analyst() == view.analyst.currentData() == "analyst"
