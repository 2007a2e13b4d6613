"""The filter bar: scope, speaker, status, verdict, stance and analyst, as one `StatementFilter`."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import EntityRecord
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.ui.claims_panel.label_catalog import SHOW_ARABIC_NAMES, LabelCatalog, display_name

ANY = "All"


class Scope(enum.Enum):
    CURRENT_ARTICLE = "current"
    DATABASE = "database"


_LABEL_FILTERS = {
    "status": LabelSet.WORKFLOW_STATUS,
    "verdict": LabelSet.VERDICT,
    "stance": LabelSet.REPORTING_STANCE,
}


def _combo(name: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(f"filter_{name}")
    combo.setToolTip(tip)
    # Fixed short width: label names are long, and the panel must fit a laptop screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def refill_choices(combo: QComboBox, items: Sequence[tuple[str, object, str]]) -> bool:
    """Replace a filter combo's choices after 'All' (text, value, tooltip), keeping the chosen
    value if it is still offered; True when the choice had to change."""
    chosen = combo.currentData()
    was = combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(ANY, None)
        for text, value, tip in items:
            combo.addItem(text, value)
            if tip:
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(chosen)
        combo.setCurrentIndex(index if index >= 0 else 0)
    finally:
        combo.blockSignals(was)
    return bool(combo.currentData() != chosen)


class FilterBar(QWidget):
    """Combo boxes that narrow the statement table; each change emits the whole filter."""

    sig_filter_changed = Signal(object)  # StatementFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article_id: int | None = None
        self.scope = _combo("scope", "Which statements to list: this article's, or the whole database's")
        self.scope.addItem("Current article", Scope.CURRENT_ARTICLE)
        self.scope.addItem("Whole database", Scope.DATABASE)
        self.speaker = _combo("speaker", "Only statements by this speaker")
        self.status = _combo("status", "Only statements whose claim has this workflow status")
        self.verdict = _combo("verdict", "Only statements whose claim has this verdict")
        self.stance = _combo("stance", "Only statements the article carries with this stance")
        self.analyst = _combo("analyst", "Only statements marked by this analyst")
        for combo in (self.speaker, self.status, self.verdict, self.stance, self.analyst):
            combo.addItem(ANY, None)
        # Two rows of three: one row of six was wider than a laptop's third of a screen.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for position, (text, combo) in enumerate((
            ("&Show", self.scope),
            ("S&peaker", self.speaker),
            ("Stat&us", self.status),
            ("&Verdict", self.verdict),
            ("Stan&ce", self.stance),
            ("Anal&yst", self.analyst),
        )):
            label = QLabel(text)
            label.setBuddy(combo)
            row, column = divmod(position, 3)
            layout.addWidget(label, row, column * 2)
            layout.addWidget(combo, row, column * 2 + 1)
            layout.setColumnStretch(column * 2 + 1, 1)
            combo.currentIndexChanged.connect(self._on_combo_changed)

    # -- choices -------------------------------------------------------------

    def set_labels(self, labels: LabelCatalog) -> None:
        """Fill the status, verdict and stance choices (retired labels too: old claims carry them)."""
        for name, label_set in _LABEL_FILTERS.items():
            combo: QComboBox = getattr(self, name)
            items = [(display_name(label), label.key, label.name_en if SHOW_ARABIC_NAMES else label.name_ar)
                     for label in labels.by_set.get(label_set, ())]
            self._refill(combo, items)

    def set_entities(self, entities: Sequence[EntityRecord]) -> None:
        """Fill the speaker choices."""
        self._refill(self.speaker, [(e.name, e.id, ", ".join(e.aliases)) for e in entities])

    def set_analysts(self, names: Iterable[str]) -> None:
        """Fill the analyst choices."""
        self._refill(self.analyst, [(name, name, "") for name in sorted(set(names), key=str.casefold)])

    # -- state ---------------------------------------------------------------

    def set_article(self, article_id: int | None) -> None:
        """The article shown in the workspace; the filter follows it while the scope is 'current article'."""
        if article_id == self._article_id:
            return
        self._article_id = article_id
        if self.scope.currentData() is Scope.CURRENT_ARTICLE:
            self.sig_filter_changed.emit(self.current_filter())

    def set_scope(self, scope: Scope) -> None:
        """Choose the scope (emits when it changes)."""
        self.scope.setCurrentIndex(self.scope.findData(scope))

    def set_filter(self, filters: StatementFilter) -> None:
        """Show `filters` in the combos without emitting (article scope follows `article_ids`)."""
        blocked = [combo.blockSignals(True) for combo in self._combos()]
        try:
            self._select(self.speaker, filters.speaker_id)
            self._select(self.status, filters.status)
            self._select(self.verdict, filters.verdict)
            self._select(self.stance, filters.stance)
            if filters.analyst is not None and self.analyst.findData(filters.analyst) < 0:
                self.analyst.addItem(filters.analyst, filters.analyst)
            self._select(self.analyst, filters.analyst)
        finally:
            for combo, was in zip(self._combos(), blocked, strict=True):
                combo.blockSignals(was)

    def current_filter(self) -> StatementFilter:
        """The filter the combos describe."""
        scoped = self.scope.currentData() is Scope.CURRENT_ARTICLE
        # With no article open, 'current article' lists nothing (id 0 never exists).
        articles = frozenset({self._article_id if self._article_id is not None else 0}) if scoped else frozenset()
        return StatementFilter(
            article_ids=articles,
            speaker_id=self.speaker.currentData(),
            status=self.status.currentData(),
            verdict=self.verdict.currentData(),
            stance=self.stance.currentData(),
            analyst=self.analyst.currentData(),
        )

    def article_id(self) -> int | None:
        """The article the 'current article' scope refers to."""
        return self._article_id

    # -- internals -------------------------------------------------------------

    def _combos(self) -> list[QComboBox]:
        return [self.scope, self.speaker, self.status, self.verdict, self.stance, self.analyst]

    def _on_combo_changed(self, _index: int) -> None:
        self.sig_filter_changed.emit(self.current_filter())

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def _refill(self, combo: QComboBox, items: Sequence[tuple[str, object, str]]) -> None:
        if refill_choices(combo, items):
            self.sig_filter_changed.emit(self.current_filter())
