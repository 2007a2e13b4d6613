"""A combo box of one label set that number keys drive: 1..9 choose, 0 clears."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QComboBox, QWidget

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.ui.claims_panel.label_catalog import SHOW_ARABIC_NAMES, LabelCatalog, display_name

NONE_TEXT = "—"
KEYS_TIP = "Keys 1–9 choose the n-th label, 0 clears it; ↑/↓ step through the list."
KEYS_TIP_REQUIRED = "Keys 1–9 choose the n-th label; ↑/↓ step through the list."
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


def swatch(color: str, size: int = 12) -> QIcon:
    """A small square of `color`, to show a label's colour beside its name."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class LabelCombo(QComboBox):
    """Chooses one label (or none, when `allow_none`) and emits the key the user picked.

    Only user choices emit `sig_label_chosen`; `show_label` fills it silently.
    With focus, the number keys 1..9 pick the n-th active label and 0 picks
    none, so an analyst can tag without opening the list.
    """

    sig_label_chosen = Signal(object)  # label key, or None for "no label"

    def __init__(self, label_set: LabelSet, allow_none: bool, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label_set = label_set
        self._allow_none = allow_none
        self._labels = LabelCatalog()
        self._shown: str | None = None
        self.setToolTip(f"{what}. {KEYS_TIP if allow_none else KEYS_TIP_REQUIRED}")
        self.activated.connect(self._on_activated)

    def set_labels(self, labels: LabelCatalog) -> None:
        """The label sets changed: rebuild the list, keeping the shown label."""
        self._labels = labels
        self.show_label(self._shown)

    def show_label(self, key: str | None) -> None:
        """Show `key` as chosen without emitting; a retired label is listed only when shown."""
        self._shown = key
        was = self.blockSignals(True)
        try:
            self.clear()
            if self._allow_none or key is None:
                self.addItem(NONE_TEXT, None)
            labels = self._labels.active(self.label_set)
            current = self._labels.get(self.label_set, key)
            if current is not None and current.retired:
                labels.append(current)
            for label in labels:
                self.addItem(swatch(label.color), display_name(label), label.key)
                other = label.name_en if SHOW_ARABIC_NAMES else label.name_ar
                self.setItemData(self.count() - 1, other, Qt.ItemDataRole.ToolTipRole)
            index = self.findData(key) if key is not None else 0
            self.setCurrentIndex(max(index, 0))
        finally:
            self.blockSignals(was)

    def shown_label(self) -> str | None:
        """The key last shown or chosen."""
        return self._shown

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = _DIGITS.get(Qt.Key(event.key()))
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if digit is None or modifiers != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
            return
        event.accept()
        first_label = 1 if self.itemData(0) is None else 0
        index = 0 if digit == 0 else first_label + digit - 1
        if (digit == 0 and not self._allow_none) or index >= self.count():
            return
        self.setCurrentIndex(index)
        self.activated.emit(index)

    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key == self._shown:
            return
        self._shown = key
        self.sig_label_chosen.emit(key)
