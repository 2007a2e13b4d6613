"""The dashboard: charts a desk puts in a report, for a range of article dates, exportable as PNG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import LabelRecord
from karabakh_annotator.core.services.dashboard import DashboardFigures, DashboardService, Granularity
from karabakh_annotator.core.services.labels import LabelService
from karabakh_annotator.ui.desk.dashboard_charts import (
    BAR_COLOR,
    Bar,
    ChartFonts,
    ChartPanel,
    fill_bar_chart,
    fill_timeline,
)

NO_VERDICT = ("No verdict yet", "بلا حكم بعد", "#bdbdbd")
NO_PARTY = ("No party", "بلا انحياز", "#bdbdbd")
UNKNOWN_OUTLET = "Unknown outlet"
# Names of the label sets the agreement service reports on; other keys are shown as given.
AGREEMENT_SETS = {
    "speaker": ("Speaker", "المتحدث"),
    "party_alignment": ("Party alignment", "الانحياز"),
    "reporting_stance": ("Reporting stance", "موقف النقل"),
    "verdict": ("Verdict", "الحكم"),
    "cue_class": ("Cue class", "فئة الفعل"),
    "workflow_status": ("Workflow status", "حالة العمل"),
}
# Krippendorff's rule of thumb: alpha >= 0.8 reliable, >= 0.667 tentative conclusions only.
# (No "<" in these names: Qt Charts would read the text as HTML.)
AGREEMENT_BANDS = (
    (0.8, "α ≥ 0.8 reliable", "#2e7d32"),
    (0.667, "α 0.667–0.8 tentative", "#f9a825"),
    (float("-inf"), "α under 0.667", "#c62828"),
)
NOT_COMPUTED = ("not computed", "#bdbdbd")
# Speakers and outlets charted: with the verdict chart's ten rows, two rows of
# charts then fit the main window's Dashboard tab at 1280x800 (Naskh lines are tall).
CHART_TOP = 7
EXPORT_MIN_SIZE = QSize(1280, 700)
_GRANULARITY_NAMES = {Granularity.DAY: "per day", Granularity.WEEK: "per week", Granularity.MONTH: "per month"}


class DashboardSources(Protocol):
    """The services the dashboard reads (the app's Services has both)."""

    @property
    def dashboard(self) -> DashboardService: ...

    @property
    def labels(self) -> LabelService: ...


def both_names(name_en: str, name_ar: str) -> str:
    """Arabic and English name in one label, as the highlight legend writes them.

    Arabic first: the label then reads right to left with the Arabic name at
    the right, and when Qt Charts shortens a long label it cuts the English.
    """
    return f"{name_ar} · {name_en}" if name_ar and name_ar != name_en else name_en


def counted(n: int, noun: str) -> str:
    """The count and the noun, plural unless one: "1 claim", "2 claims"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def short_name(name: str) -> str:
    """A label name without its gloss: "Opinion (not a checkable claim)" and "Opinion / x" -> "Opinion"."""
    head = name.split(" (", 1)[0].split(" / ", 1)[0].strip()
    return head or name


def short_names(name_en: str, name_ar: str) -> str:
    """Both names, glosses dropped, for an axis where space is short (tooltips keep the full names)."""
    return both_names(short_name(name_en), short_name(name_ar))


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _agreement_band(value: float) -> tuple[str, str]:
    for bound, name, color in AGREEMENT_BANDS:
        if value >= bound:
            return name, color
    return AGREEMENT_BANDS[-1][1], AGREEMENT_BANDS[-1][2]


class Dashboard(QWidget):
    """Claims by verdict, statements by speaker, party and outlet, statements over time, agreement."""

    def __init__(self, services: DashboardSources, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._fonts = ChartFonts.for_family(arabic_family)
        self._figures: DashboardFigures | None = None
        self._agreement: dict[str, float | None] = {}

        self.from_check = QCheckBox("From")
        self.to_check = QCheckBox("to")
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        self.refresh_button = QPushButton("Refresh")
        self.export_button = QPushButton("Export PNG…")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top_row = QHBoxLayout()
        top_row.addWidget(self.summary, 1)
        top_row.addWidget(QLabel("Articles published:"))
        for widget in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            top_row.addWidget(widget)
        top_row.addSpacing(12)
        top_row.addWidget(self.refresh_button)
        top_row.addWidget(self.export_button)
        self.verdict_panel = ChartPanel(self._fonts, "Claims by verdict")
        self.speaker_panel = ChartPanel(self._fonts, "Statements by speaker")
        self.party_panel = ChartPanel(self._fonts, "Statements by party alignment")
        self.outlet_panel = ChartPanel(self._fonts, "Statements by outlet")
        self.timeline_panel = ChartPanel(self._fonts, "Statements over time")
        self.agreement_panel = ChartPanel(self._fonts, "Agreement per label set")
        # Everything, in a scroll area: a small window scrolls rather than squeeze
        # the charts until Qt Charts shortens their labels to "...".
        self.content = QWidget()
        grid = QGridLayout()
        panels = (
            self.verdict_panel,
            self.speaker_panel,
            self.party_panel,
            self.outlet_panel,
            self.timeline_panel,
            self.agreement_panel,
        )
        for index, panel in enumerate(panels):
            grid.addWidget(panel, index // 3, index % 3)
            grid.setRowStretch(index // 3, 1)
            grid.setColumnStretch(index % 3, 1)
        grid.setSpacing(4)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(4, 4, 4, 4)
        content_layout.setSpacing(4)
        content_layout.addLayout(top_row)
        content_layout.addLayout(grid, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

        self.from_check.toggled.connect(self._on_range_toggled)
        self.to_check.toggled.connect(self._on_range_toggled)
        self.from_edit.dateChanged.connect(self._on_from_date_changed)
        self.to_edit.dateChanged.connect(self._on_to_date_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.set_agreement({})
        self.refresh()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        return edit

    def figures(self) -> DashboardFigures | None:
        """The figures the charts show now."""
        return self._figures

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        """The publication dates the charts are limited to (None: open end)."""
        return (
            _date(self.from_edit.date()) if self.from_check.isChecked() else None,
            _date(self.to_edit.date()) if self.to_check.isChecked() else None,
        )

    def set_date_range(self, published_from: dt.date | None, published_to: dt.date | None) -> None:
        """Limit the charts to articles published in this range, and redraw them."""
        for check, edit, value in (
            (self.from_check, self.from_edit, published_from),
            (self.to_check, self.to_edit, published_to),
        ):
            check.blockSignals(True)
            edit.blockSignals(True)
            check.setChecked(value is not None)
            edit.setEnabled(value is not None)
            if value is not None:
                edit.setDate(_qdate(value))
            check.blockSignals(False)
            edit.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again and redraw every chart."""
        published_from, published_to = self.date_range()
        figures = self._services.dashboard.figures(published_from, published_to, top=CHART_TOP)
        self._figures = figures
        self._show_verdicts(figures, self._services.labels.labels(LabelSet.VERDICT, include_retired=True))
        parties = {p.key: p for p in self._services.labels.labels(LabelSet.PARTY_ALIGNMENT, include_retired=True)}
        self._show_speakers(figures, parties)
        self._show_parties(figures, parties)
        self._show_outlets(figures)
        self._show_timeline(figures)
        self._show_summary(figures)
        self._seed_date_edits(figures)

    def reload(self) -> None:
        """Read the figures again (the desk calls this each time the tab is shown)."""
        self.refresh()

    def set_agreement(self, values: Mapping[str, float | None]) -> None:
        """Chart Krippendorff's alpha per label set (None: not computed, e.g. too few matched statements)."""
        self._agreement = dict(values)
        bars = []
        for key, value in self._agreement.items():
            name = both_names(*AGREEMENT_SETS.get(key, (key.replace("_", " ").capitalize(), "")))
            if value is None:
                bars.append(Bar(f"{name} (n/a)", 0.0, NOT_COMPUTED[1], NOT_COMPUTED[0], f"{name}: not computed"))
                continue
            band, color = _agreement_band(value)
            bars.append(Bar(name, value, color, band, f"{name}: α = {value:.3f}"))
        low = min([0.0, *(bar.value for bar in bars)])
        fill_bar_chart(
            self.agreement_panel,
            self._fonts,
            bars,
            value_range=(-1.0 if low < -0.5 else -0.5 if low < 0 else 0.0, 1.0),
            decimals=1,
            significant_digits=2,
        )
        self.agreement_panel.set_legend(list(dict.fromkeys((bar.group, bar.color) for bar in bars)))
        title = "Agreement per label set (Krippendorff's α)"
        self.agreement_panel.chart().setTitle(title if bars else "Agreement per label set: not computed yet")

    def agreement(self) -> dict[str, float | None]:
        """The alpha values the agreement chart shows."""
        return dict(self._agreement)

    def export_png(self, path: str | Path) -> bool:
        """Render the whole dashboard (all of it, even when scrolled) to a PNG; False if it could not be written."""
        if not self.isVisible():
            # Never shown: nothing has laid it out yet, so give it a report-sized page.
            self.content.resize(self.content.size().expandedTo(EXPORT_MIN_SIZE))
            layout = self.content.layout()
            if layout is not None:
                layout.activate()
        image = self.content.grab()
        return not image.isNull() and image.save(str(path), "PNG")

    def _on_range_toggled(self) -> None:
        self.from_edit.setEnabled(self.from_check.isChecked())
        self.to_edit.setEnabled(self.to_check.isChecked())
        self.refresh()

    def _on_from_date_changed(self) -> None:
        if self.from_check.isChecked():
            self.refresh()

    def _on_to_date_changed(self) -> None:
        if self.to_check.isChecked():
            self.refresh()

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export dashboard as PNG", "dashboard.png", "PNG images (*.png)")
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        if not self.export_png(path):
            QMessageBox.warning(self, "Export PNG", f"Could not write {path}.")

    def _seed_date_edits(self, figures: DashboardFigures) -> None:
        """Unticked date boxes start at the first and last dates charted, ready to narrow."""
        buckets = figures.timeline.buckets
        if not buckets:
            return
        for check, edit, day in (
            (self.from_check, self.from_edit, buckets[0].start),
            (self.to_check, self.to_edit, buckets[-1].end),
        ):
            if not check.isChecked():
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)

    def _show_summary(self, figures: DashboardFigures) -> None:
        parts = [counted(figures.statements, "statement"), counted(figures.claims, "claim")]
        undated = figures.timeline.undated
        if undated:
            bounded = figures.published_from is not None or figures.published_to is not None
            parts.append(f"{undated} in undated articles" + (" (left out)" if bounded else ""))
        self.summary.setText(" · ".join(parts))

    def _show_verdicts(self, figures: DashboardFigures, labels: Sequence[LabelRecord]) -> None:
        by_key = {label.key: label for label in labels}
        bars = []
        for count in figures.verdicts:
            label = by_key.get(count.key) if count.key is not None else None
            en, ar, color = (label.name_en, label.name_ar, label.color) if label else NO_VERDICT
            name = short_names(en, ar)
            bars.append(Bar(name, count.count, color, name, f"{both_names(en, ar)}: {counted(count.count, 'claim')}"))
        fill_bar_chart(self.verdict_panel, self._fonts, bars)
        self.verdict_panel.chart().setTitle(f"Claims by verdict ({figures.claims})")

    def _party_names(self, key: str | None, parties: Mapping[str, LabelRecord]) -> tuple[str, str]:
        label = parties.get(key) if key is not None else None
        if label is None:
            return short_names(*NO_PARTY[:2]), NO_PARTY[2]
        return short_names(label.name_en, label.name_ar), label.color

    def _show_speakers(self, figures: DashboardFigures, parties: Mapping[str, LabelRecord]) -> None:
        bars = []
        for speaker in figures.speakers:
            party, color = self._party_names(speaker.party, parties)
            said = f"{counted(speaker.statements, 'statement')}, {counted(speaker.claims, 'claim')}"
            tip = f"{speaker.name}: {said} ({party})"
            bars.append(Bar(speaker.name, speaker.statements, color, party, tip))
        fill_bar_chart(self.speaker_panel, self._fonts, bars)
        self.speaker_panel.set_legend(list(dict.fromkeys((bar.group, bar.color) for bar in bars)))
        title = f"Statements by speaker (top {len(bars)})"
        if figures.unattributed:
            title += f" · {figures.unattributed} unattributed"
        self.speaker_panel.chart().setTitle(title if bars else "Statements by speaker: none attributed yet")

    def _show_parties(self, figures: DashboardFigures, parties: Mapping[str, LabelRecord]) -> None:
        bars = []
        for count in figures.parties:
            name, color = self._party_names(count.party, parties)
            tip = f"{name}: {counted(count.statements, 'statement')}, {counted(count.claims, 'claim')}"
            bars.append(Bar(name, count.statements, color, name, tip))
        fill_bar_chart(self.party_panel, self._fonts, bars)

    def _show_outlets(self, figures: DashboardFigures) -> None:
        bars = [
            Bar(
                outlet.outlet or UNKNOWN_OUTLET,
                outlet.statements,
                BAR_COLOR,
                "Statements",
                f"{outlet.outlet or UNKNOWN_OUTLET}: {counted(outlet.statements, 'statement')}"
                f" in {counted(outlet.articles, 'article')}",
            )
            for outlet in figures.outlets
        ]
        fill_bar_chart(self.outlet_panel, self._fonts, bars)
        self.outlet_panel.chart().setTitle(
            f"Statements by outlet (top {len(bars)})" if bars else "Statements by outlet: none yet"
        )

    def _show_timeline(self, figures: DashboardFigures) -> None:
        timeline = figures.timeline
        fill_timeline(self.timeline_panel, self._fonts, timeline.buckets, timeline.granularity)
        title = f"Statements by article date, {_GRANULARITY_NAMES[timeline.granularity]}"
        if timeline.undated:
            title += f" · {timeline.undated} undated"
        self.timeline_panel.chart().setTitle(title if timeline.buckets else "Statements over time: no dated articles")
