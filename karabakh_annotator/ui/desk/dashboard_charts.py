"""Filling QtCharts charts from plain bars and time buckets (no services, no SQL)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QAreaSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsTextItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.services.dashboard import Granularity, TimeBucket
from karabakh_annotator.ui.fonts import arabic_font
from karabakh_annotator.ui.legend import FlowLayout

# Qt Charts turns a category label into "..." once it is taller than its
# category's share of the axis (a Naskh line is tall: 20 px at 8.5 pt), and
# shortens it once it is wider than 40% of the chart.
LABEL_POINT_SIZE = 8.5
# Measured: each category label needs its text height plus 10 px (Qt Charts'
# label padding and text margin); the plot, the title plus 14 px of margins
# (16 here, for a little slack).
_CATEGORY_PADDING = 10
_PLOT_PADDING = 16
MIN_CHART_HEIGHT = 200
TITLE_POINT_SIZE = 10
LINE_COLOR = "#1565c0"
BAR_COLOR = "#546e7a"
_SWATCH = 11
_DATE_FORMATS = {Granularity.DAY: "d MMM", Granularity.WEEK: "d MMM", Granularity.MONTH: "MMM yy"}


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its category text, value, colour, the legend group it belongs to, and a tooltip."""

    label: str
    value: float
    color: str
    group: str
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class ChartFonts:
    """Fonts for chart text: labels in the Arabic family (Latin from the UI face), a title font."""

    labels: QFont
    title: QFont

    @classmethod
    def for_family(cls, arabic_family: str) -> ChartFonts:
        """Labels in `arabic_family`; letters it lacks (Latin) come from the UI's own face."""
        ui_family = QFont().family()
        labels = arabic_font(arabic_family)
        labels.setPointSizeF(LABEL_POINT_SIZE)
        labels.setFamilies([arabic_family, ui_family])
        labels.setStyleHint(QFont.StyleHint.SansSerif)
        return cls(labels, QFont(ui_family, TITLE_POINT_SIZE, QFont.Weight.DemiBold))

    def chart_height(self, categories: int) -> int:
        """The least chart height that draws this many category labels whole (Qt Charts' own rule)."""
        label = QGraphicsTextItem()
        label.document().setDocumentMargin(0)
        label.setFont(self.labels)
        label.setPlainText("صحيح True")
        per_category = math.ceil(label.boundingRect().height()) + _CATEGORY_PADDING
        title = QFontMetrics(self.title).height()
        # A category axis has one more division line than categories.
        return title + _PLOT_PADDING + per_category * (categories + 1)


class ChartPanel(QWidget):
    """A chart and, under it, a legend that wraps onto more lines instead of truncating names."""

    def __init__(self, fonts: ChartFonts, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setTitleFont(fonts.title)
        chart.setTitle(title)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(2, 4, 6, 2))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.setBackgroundRoundness(0)
        self.view = QChartView(chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMinimumSize(280, MIN_CHART_HEIGHT)
        self.legend = QWidget()
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.legend.setAutoFillBackground(True)
        self._flow = FlowLayout(self.legend, spacing=12)
        self._flow.setContentsMargins(8, 2, 8, 4)
        self._fonts = fonts
        self._entries: list[tuple[str, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        self.legend.hide()
        palette = self.legend.palette()
        palette.setColor(self.legend.backgroundRole(), QColor("white"))
        self.legend.setPalette(palette)

    def chart(self) -> QChart:
        """The chart shown."""
        return self.view.chart()

    def fit_categories(self, count: int) -> None:
        """Keep the chart tall enough that `count` category labels are drawn whole, never as "..."."""
        self.view.setMinimumHeight(max(MIN_CHART_HEIGHT, self._fonts.chart_height(count)))

    def set_legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """Show a swatch and a name for each (name, colour); no entries hides the legend."""
        while (item := self._flow.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()  # deleteLater alone leaves it on screen (and in a PNG) a while
                widget.deleteLater()
        self._entries = list(entries)
        for name, color in self._entries:
            self._flow.addWidget(self._entry(name, color))
        self.legend.setVisible(bool(self._entries))

    def legend_entries(self) -> list[tuple[str, str]]:
        """What the legend lists: (name, colour)."""
        return list(self._entries)

    def _entry(self, name: str, color: str) -> QWidget:
        entry = QWidget()
        layout = QHBoxLayout(entry)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        swatch = QLabel()
        pixmap = QPixmap(_SWATCH, _SWATCH)
        pixmap.fill(QColor(color))
        swatch.setPixmap(pixmap)
        label = QLabel(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setFont(self._fonts.labels)
        layout.addWidget(swatch)
        layout.addWidget(label)
        return entry


_Axis = TypeVar("_Axis", bound=QAbstractAxis)


def _axis(chart: QChart, kind: type[_Axis], side: Qt.AlignmentFlag) -> _Axis:
    """The chart's axis of this kind on this side, created on first use.

    Axes are kept and refilled: a removed axis leaves its labels on screen
    until Qt gets round to deleting it, so a PNG taken at once showed both.
    """
    for axis in chart.axes():
        if isinstance(axis, kind) and axis.alignment() == side:
            return axis
    axis = kind()
    chart.addAxis(axis, side)
    return axis


def fill_bar_chart(
    panel: ChartPanel,
    fonts: ChartFonts,
    bars: Sequence[Bar],
    *,
    horizontal: bool = True,
    value_range: tuple[float, float] | None = None,
    decimals: int = 0,
    significant_digits: int = 6,
) -> QAbstractBarSeries:
    """Replace the chart's content with one bar per item, coloured by group (one QBarSet per group).

    Qt colours a whole bar set alike, so each group gets its own set, valued
    only at its own bars; stacking them puts every bar in its category.
    Horizontal charts list the first bar at the top. Without a `value_range`
    the bars are counts: each is labelled with its value and the value axis
    is hidden, which leaves the category labels (tall Naskh lines) room.
    """
    chart = panel.chart()
    chart.removeAllSeries()
    ordered = list(reversed(bars)) if horizontal else list(bars)
    series: QAbstractBarSeries = QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries()
    groups: dict[str, QBarSet] = {}
    for bar in bars:  # legend in the bars' own order
        if bar.group not in groups:
            bar_set = QBarSet(bar.group)
            bar_set.setColor(QColor(bar.color))
            bar_set.setBorderColor(QColor(bar.color).darker(115))
            bar_set.setLabelColor(QColor("#212121"))
            bar_set.setLabelFont(fonts.labels)
            groups[bar.group] = bar_set
    for bar_set in groups.values():
        bar_set.append([0.0] * len(ordered))
    for index, bar in enumerate(ordered):
        groups[bar.group].replace(index, bar.value)
    for bar_set in groups.values():
        series.append(bar_set)
    series.setBarWidth(0.7)
    series.setLabelsVisible(True)
    series.setLabelsPosition(
        QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd
        if value_range is None
        else QAbstractBarSeries.LabelsPosition.LabelsInsideBase
    )
    series.setLabelsPrecision(significant_digits)
    series.setLabelsFormat("@value")
    chart.addSeries(series)

    category_side, value_side = (
        (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if horizontal
        else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
    )
    categories = _axis(chart, QBarCategoryAxis, category_side)
    categories.clear()
    categories.append([bar.label for bar in ordered])
    categories.setLabelsFont(fonts.labels)
    categories.setGridLineVisible(False)
    values = _axis(chart, QValueAxis, value_side)
    values.setLabelsFont(fonts.labels)
    values.setLabelFormat(f"%.{decimals}f")
    top = max((bar.value for bar in bars), default=0.0)
    # Room past the longest bar for its value label.
    low, high = value_range if value_range is not None else (0.0, max(top * 1.15, 1.0))
    values.setRange(low, high)
    if value_range is not None:
        values.setTickType(QValueAxis.TickType.TicksDynamic)
        values.setTickAnchor(0.0)
        values.setTickInterval(0.2 if high - low <= 1.0 else 0.5)
    series.attachAxis(categories)
    series.attachAxis(values)
    values.setVisible(value_range is not None)
    tooltips = [bar.tooltip for bar in ordered]
    series.hovered.connect(_tooltip_shower(panel.view, tooltips))
    if horizontal:
        panel.fit_categories(len(bars))
    return series


def _nice_top(top: float) -> float:
    """An axis end a little above `top`, on a whole number (at least 1)."""
    if top <= 5:
        return max(1.0, float(int(top) + (0 if top == int(top) else 1)))
    step = 5 if top <= 50 else 10 ** (len(str(int(top))) - 1)
    return float(((int(top) // step) + 1) * step)


def _tooltip_shower(view: QChartView, tooltips: Sequence[str]) -> Callable[[bool, int, QBarSet], None]:
    def show(status: bool, index: int, _bar_set: QBarSet) -> None:
        if status and 0 <= index < len(tooltips) and tooltips[index]:
            QToolTip.showText(view.cursor().pos(), tooltips[index], view)
        else:
            QToolTip.hideText()

    return show


def _msecs(day: dt.date) -> float:
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0)).toMSecsSinceEpoch())


def fill_timeline(
    panel: ChartPanel, fonts: ChartFonts, buckets: Sequence[TimeBucket], granularity: Granularity
) -> QLineSeries:
    """Replace the chart's content with an area under the statements per bucket (x: bucket start)."""
    chart = panel.chart()
    chart.removeAllSeries()
    upper = QLineSeries()
    upper.setName("Statements")
    for bucket in buckets:
        upper.append(QPointF(_msecs(bucket.start), float(bucket.statements)))
    upper.setPointsVisible(True)
    area = QAreaSeries(upper)
    # The area does not own its line; without a parent Python would free it under the area.
    upper.setParent(area)
    area.setName("Statements")
    color = QColor(LINE_COLOR)
    area.setPen(QPen(color, 2))
    fill = QColor(color)
    fill.setAlpha(70)
    area.setBrush(QBrush(fill))
    area.setPointsVisible(True)
    chart.addSeries(area)

    axis_x = _axis(chart, QDateTimeAxis, Qt.AlignmentFlag.AlignBottom)
    axis_x.setFormat(_DATE_FORMATS[granularity])
    axis_x.setLabelsFont(fonts.labels)
    if buckets:
        first, last = _msecs(buckets[0].start), _msecs(buckets[-1].start)
        if first == last:  # one bucket: give the point some room
            first, last = first - 86_400_000, last + 86_400_000
        axis_x.setRange(QDateTime.fromMSecsSinceEpoch(int(first)), QDateTime.fromMSecsSinceEpoch(int(last)))
        axis_x.setTickCount(max(2, min(len(buckets), 5)))
    axis_y = _axis(chart, QValueAxis, Qt.AlignmentFlag.AlignLeft)
    axis_y.setLabelsFont(fonts.labels)
    axis_y.setLabelFormat("%d")
    high = _nice_top(max((b.statements for b in buckets), default=0))
    axis_y.setRange(0, high)
    axis_y.setTickCount(min(int(high), 5) + 1 if high <= 5 else 6)
    area.attachAxis(axis_x)
    area.attachAxis(axis_y)
    # No dated article: an empty frame, not a date axis of "1 Jan" ticks.
    axis_x.setVisible(bool(buckets))
    axis_y.setVisible(bool(buckets))
    return upper
