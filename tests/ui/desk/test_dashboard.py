"""The dashboard charts what the database holds, filters by date, takes agreement values, exports PNG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QLineSeries
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.dashboard import DashboardService
from karabakh_annotator.core.services.labels import LabelService
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.storage.database import Database, open_database
from karabakh_annotator.ui.desk.dashboard import AGREEMENT_BANDS, NO_PARTY, NO_VERDICT, Dashboard, short_names
from karabakh_annotator.ui.desk.dashboard_charts import ChartPanel
from tests.core.test_dashboard_service import ALARABIYA, AM_MOD, ANADOLU, ARMENPRESS, AZ_MOD, KREMLIN, build_desk

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Sources:
    dashboard: DashboardService
    labels: LabelService


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "dashboard.sqlite3"))
    yield db
    db.dispose()


@pytest.fixture
def services(database: Database) -> Services:
    return build_services(database)


@pytest.fixture
def dashboard(qtbot: QtBot, services: Services, database: Database, arabic_family: str) -> Dashboard:
    build_desk(services)
    widget = Dashboard(Sources(DashboardService(database.sessions), services.labels), arabic_family)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def bars(panel: ChartPanel) -> list[tuple[str, float, str | None]]:
    """(category, value, colour of its bar) from the top of a horizontal bar chart down."""
    chart = panel.chart()
    (series,) = chart.series()
    assert isinstance(series, QAbstractBarSeries)
    (axis,) = [a for a in chart.axes() if isinstance(a, QBarCategoryAxis)]
    shown = []
    for index, category in enumerate(axis.categories()):
        carrying = [s for s in series.barSets() if s.at(index)]
        assert len(carrying) <= 1  # one coloured set per bar
        value = carrying[0].at(index) if carrying else 0.0
        shown.append((category, value, carrying[0].color().name() if carrying else None))
    return shown[::-1]


def test_the_verdict_chart_counts_claims_in_label_colours_with_both_names(
    dashboard: Dashboard, services: Services
) -> None:
    labels = services.labels.labels(LabelSet.VERDICT)
    counts = {"true": 1, "misleading": 1, "false": 1}
    expected: list[tuple[str, float, str | None]] = []
    for label in labels:
        count = counts.get(label.key, 0)
        expected.append((short_names(label.name_en, label.name_ar), count, label.color if count else None))
    expected.append((short_names(*NO_VERDICT[:2]), 1, NO_VERDICT[2]))
    assert bars(dashboard.verdict_panel) == expected
    assert ("صحيح · True", 1, "#2e7d32") in expected  # Arabic and English, in the verdict's colour
    assert dashboard.verdict_panel.chart().title() == "Claims by verdict (4)"


def test_speakers_are_ranked_and_coloured_by_their_party(dashboard: Dashboard, services: Services) -> None:
    parties = {label.key: label for label in services.labels.labels(LabelSet.PARTY_ALIGNMENT)}
    azerbaijan, armenia = parties["pro_azerbaijan"], parties["pro_armenia"]
    assert bars(dashboard.speaker_panel) == [
        (AZ_MOD, 4, azerbaijan.color),
        (KREMLIN, 1, NO_PARTY[2]),
        (AM_MOD, 1, armenia.color),
    ]
    legend = dict(dashboard.speaker_panel.legend_entries())
    assert legend == {
        short_names(azerbaijan.name_en, azerbaijan.name_ar): azerbaijan.color,
        short_names(*NO_PARTY[:2]): NO_PARTY[2],
        short_names(armenia.name_en, armenia.name_ar): armenia.color,
    }
    assert "1 unattributed" in dashboard.speaker_panel.chart().title()


def test_party_and_outlet_charts_count_statements(dashboard: Dashboard) -> None:
    parties = {category: value for category, value, _ in bars(dashboard.party_panel)}
    assert parties["مؤيد لأذربيجان · Pro-Azerbaijan"] == 4
    assert parties["مؤيد لأرمينيا · Pro-Armenia"] == 1
    assert parties["محايد · Neutral"] == 1
    assert parties[short_names(*NO_PARTY[:2])] == 1
    assert [(category, value) for category, value, _ in bars(dashboard.outlet_panel)] == [
        (ANADOLU, 3),
        (ARMENPRESS, 2),
        (ALARABIYA, 2),
    ]


def _points(panel: ChartPanel) -> list[tuple[dt.date, float]]:
    (area,) = panel.chart().series()
    upper = area.upperSeries()  # type: ignore[attr-defined]
    assert isinstance(upper, QLineSeries)
    return [(QDateTime.fromMSecsSinceEpoch(int(p.x())).date().toPython(), p.y()) for p in upper.points()]


def test_the_timeline_is_weekly_over_the_whole_range_and_daily_in_a_short_one(dashboard: Dashboard) -> None:
    weekly = _points(dashboard.timeline_panel)
    assert weekly[0] == (dt.date(2020, 9, 28), 4)
    assert weekly[-1] == (dt.date(2020, 12, 14), 1)
    assert sum(n for _, n in weekly) == 5
    assert "per week · 2 undated" in dashboard.timeline_panel.chart().title()

    dashboard.set_date_range(dt.date(2020, 10, 1), dt.date(2020, 10, 3))
    assert _points(dashboard.timeline_panel) == [
        (dt.date(2020, 10, 1), 2),
        (dt.date(2020, 10, 2), 0),
        (dt.date(2020, 10, 3), 2),
    ]
    assert dashboard.date_range() == (dt.date(2020, 10, 1), dt.date(2020, 10, 3))
    # The range reaches every chart: the December statement and the undated ones are out.
    assert bars(dashboard.speaker_panel)[0] == (AZ_MOD, 2, bars(dashboard.speaker_panel)[0][2])
    assert dashboard.summary.text() == "4 statements · 2 claims · 2 in undated articles (left out)"


def test_ticking_a_date_box_filters_at_once(dashboard: Dashboard) -> None:
    dashboard.to_edit.setDate(QDate(2020, 10, 31))  # unticked: no effect yet
    assert dashboard.date_range() == (None, None)
    dashboard.to_check.setChecked(True)
    assert dashboard.to_edit.isEnabled()
    figures = dashboard.figures()
    assert figures is not None and figures.published_to == dt.date(2020, 10, 31)
    assert [(c, v) for c, v, _ in bars(dashboard.outlet_panel)] == [(ARMENPRESS, 2), (ANADOLU, 2)]  # a tie: by name


def test_refresh_shows_statements_marked_since(dashboard: Dashboard, services: Services) -> None:
    statement = services.statements.statements_for_article(1)[0]
    services.statements.edit_statement(statement.id, StatementPatch(speaker_id=None), "ليلى")
    assert bars(dashboard.speaker_panel)[0][:2] == (AZ_MOD, 4)  # not read again yet
    dashboard.refresh_button.click()
    assert bars(dashboard.speaker_panel)[0][:2] == (AZ_MOD, 3)


def test_agreement_values_are_charted_with_their_band(dashboard: Dashboard) -> None:
    assert dashboard.agreement_panel.chart().series()[0].count() == 0  # nothing computed yet
    dashboard.set_agreement({"speaker": 0.91, "party_alignment": 0.7, "reporting_stance": 0.2, "verdict": None})
    reliable, tentative, unreliable = (color for _, _, color in AGREEMENT_BANDS)
    assert bars(dashboard.agreement_panel) == [
        ("المتحدث · Speaker", pytest.approx(0.91), reliable),
        ("الانحياز · Party alignment", pytest.approx(0.7), tentative),
        ("موقف النقل · Reporting stance", pytest.approx(0.2), unreliable),
        ("الحكم · Verdict (n/a)", 0.0, None),
    ]
    assert dashboard.agreement() == {"speaker": 0.91, "party_alignment": 0.7, "reporting_stance": 0.2, "verdict": None}
    assert [name for name, _ in dashboard.agreement_panel.legend_entries()] == [
        "α ≥ 0.8 reliable",
        "α 0.667–0.8 tentative",
        "α under 0.667",
        "not computed",
    ]
    dashboard.set_agreement({"speaker": -0.3})
    (axis,) = [a for a in dashboard.agreement_panel.chart().axes() if a.alignment() == Qt.AlignmentFlag.AlignBottom]
    assert axis.min() == -0.5  # type: ignore[attr-defined]


def _drawn_texts(panel: ChartPanel) -> list[str]:
    """The text items Qt Charts draws in a chart (axis labels, bar values, title)."""
    texts = []
    for item in panel.view.scene().items():
        shown = item.toGraphicsObject()
        if item.isVisible() and shown is not None and hasattr(shown, "toPlainText"):
            texts.append(shown.toPlainText())
    return texts


def test_every_category_label_is_drawn_whole_at_1280x700(dashboard: Dashboard, qtbot: QtBot) -> None:
    dashboard.set_agreement({"speaker": 0.9, "party_alignment": 0.7, "reporting_stance": 0.4, "verdict": None})
    dashboard.resize(1280, 700)  # the Dashboard tab of the main window at 1280x800
    dashboard.show()
    qtbot.waitExposed(dashboard)
    assert dashboard.scroll_area.verticalScrollBar().maximum() == 0  # all on one screen
    for panel in (
        dashboard.verdict_panel,
        dashboard.speaker_panel,
        dashboard.party_panel,
        dashboard.outlet_panel,
        dashboard.agreement_panel,
    ):
        drawn = _drawn_texts(panel)
        assert not [text for text in drawn if text.endswith(("...", "…"))]
        assert {category for category, _, _ in bars(panel)} <= set(drawn)


def test_chart_labels_use_the_arabic_family(dashboard: Dashboard, arabic_family: str) -> None:
    for panel in (dashboard.verdict_panel, dashboard.speaker_panel, dashboard.outlet_panel):
        (axis,) = [a for a in panel.chart().axes() if isinstance(a, QBarCategoryAxis)]
        assert axis.labelsFont().families()[0] == arabic_family


def _assert_png(path: Path, min_width: int, min_height: int) -> None:
    assert path.read_bytes()[:8] == PNG_MAGIC
    image = QImage(str(path))
    assert image.width() >= min_width and image.height() >= min_height
    # Not a blank page: the verdict bars put their colour somewhere in the picture.
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert "#2e7d32" in colours


def test_export_png_renders_the_whole_dashboard_even_never_shown(dashboard: Dashboard, tmp_path: Path) -> None:
    path = tmp_path / "never-shown.png"
    assert dashboard.export_png(path)
    _assert_png(path, 1280, 780)


def test_export_png_of_a_shown_dashboard(dashboard: Dashboard, qtbot: QtBot, tmp_path: Path) -> None:
    dashboard.show()
    qtbot.waitExposed(dashboard)
    path = tmp_path / "shown.png"
    assert dashboard.export_png(path)
    _assert_png(path, 1200, 700)
    assert not dashboard.export_png(tmp_path / "no-such-folder" / "x.png")


def test_the_export_button_asks_for_a_path(
    dashboard: Dashboard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "report"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "PNG images (*.png)"))
    dashboard.export_button.click()
    assert (tmp_path / "report.png").read_bytes()[:8] == PNG_MAGIC


def test_an_empty_database_draws_empty_charts(
    qtbot: QtBot, services: Services, database: Database, arabic_family: str, tmp_path: Path
) -> None:
    widget = Dashboard(Sources(DashboardService(database.sessions), services.labels), arabic_family)
    qtbot.addWidget(widget)
    assert widget.summary.text() == "0 statements · 0 claims"
    assert all(value == 0 for _, value, _ in bars(widget.verdict_panel))
    assert bars(widget.speaker_panel) == []
    assert widget.timeline_panel.chart().title() == "Statements over time: no dated articles"
    assert not any(axis.isVisible() for axis in widget.timeline_panel.chart().axes())  # no "1 Jan" ticks
    assert widget.export_png(tmp_path / "empty.png")
