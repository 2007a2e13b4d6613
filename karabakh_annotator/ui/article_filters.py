"""The bar above the article list: normalised search, outlet and claim status filters."""

from __future__ import annotations

from collections.abc import Sequence

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from karabakh_annotator.core.records import LabelRecord

_DEBOUNCE_MS = 250
_NO_DATE = QDate(1900, 1, 1)
ANY = "__any__"


class ArticleFilterBar(QWidget):
    """Emits the filter the analyst set; the window asks the services which articles match."""

    sig_filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search articles (Arabic normalised; \"phrase\", prefix*)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.search_box.setToolTip("Ctrl+F. Words must all match; diacritics, tatweel and alef forms are ignored.")
        self.outlet_combo = QComboBox()
        self.outlet_combo.setToolTip("Only articles from this outlet")
        self.status_combo = QComboBox()
        self.status_combo.setToolTip("Only articles with a statement whose claim is in this status")
        self.date_from = self._date_edit("Published on or after (leave at 'any' for no limit)")
        self.date_to = self._date_edit("Published on or before (leave at 'any' for no limit)")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.sig_filters_changed)
        self.search_box.textChanged.connect(self._debounce.start)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self.outlet_combo.currentIndexChanged.connect(self.sig_filters_changed)
        self.status_combo.currentIndexChanged.connect(self.sig_filters_changed)
        self.date_from.dateChanged.connect(self.sig_filters_changed)
        self.date_to.dateChanged.connect(self.sig_filters_changed)

        combos = QHBoxLayout()
        combos.setContentsMargins(0, 0, 0, 0)
        combos.addWidget(self.outlet_combo, 1)
        combos.addWidget(self.status_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        for text, edit in (("From", self.date_from), ("to", self.date_to)):
            label = QLabel(text)
            label.setBuddy(edit)
            dates.addWidget(label)
            dates.addWidget(edit, 1)
        layout.addWidget(self.search_box)
        layout.addLayout(combos)
        layout.addLayout(dates)

    def set_choices(self, outlets: Sequence[str], statuses: Sequence[LabelRecord]) -> None:
        """Fill the combos, keeping the current choices when they still exist."""
        outlet, status = self.outlet(), self.status()
        for combo in (self.outlet_combo, self.status_combo):
            combo.blockSignals(True)
            combo.clear()
        self.outlet_combo.addItem("All outlets", ANY)
        for name in outlets:
            self.outlet_combo.addItem(name, name)
        self.status_combo.addItem("Any status", ANY)
        for label in statuses:
            self.status_combo.addItem(f"{label.name_en} · {label.name_ar}", label.key)
        for combo, value in ((self.outlet_combo, outlet), (self.status_combo, status)):
            index = combo.findData(value if value is not None else ANY)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    @staticmethod
    def _date_edit(tip: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        # The minimum date stands for "no limit" and shows as "any".
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText("any")
        edit.setDate(_NO_DATE)
        edit.setToolTip(tip)
        return edit

    def published_range(self) -> tuple[dt.date | None, dt.date | None]:
        """The chosen publication date range (None: no limit on that side)."""
        chosen = []
        for edit in (self.date_from, self.date_to):
            date = edit.date()
            chosen.append(None if date == _NO_DATE else dt.date(date.year(), date.month(), date.day()))
        return chosen[0], chosen[1]

    def query(self) -> str:
        """The search text, stripped."""
        return self.search_box.text().strip()

    def outlet(self) -> str | None:
        """The chosen outlet, None for all."""
        value = self.outlet_combo.currentData()
        return None if value in (None, ANY) else str(value)

    def status(self) -> str | None:
        """The chosen claim status key, None for any."""
        value = self.status_combo.currentData()
        return None if value in (None, ANY) else str(value)

    def _on_search_box_return_pressed(self) -> None:
        self._debounce.stop()
        self.sig_filters_changed.emit()
