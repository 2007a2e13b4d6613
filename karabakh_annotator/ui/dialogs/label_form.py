"""The small form that adds or renames one label (key, English and Arabic names, colour)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Slot
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.services.errors import ServiceError
from karabakh_annotator.ui.dialogs.arabic_text import arabic_line_edit

ColorChooser = Callable[[QWidget | None, QColor], QColor | None]


def choose_color_with_dialog(parent: QWidget | None, initial: QColor) -> QColor | None:
    """QColorDialog; None when cancelled."""
    color = QColorDialog.getColor(initial, parent, "Label colour")
    return color if color.isValid() else None


def swatch_icon(color: str, size: int = 14) -> QIcon:
    """A filled square of `color` with a thin dark border."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#404040"))
    inner = QPixmap(size - 2, size - 2)
    inner.fill(QColor(color))
    painter = QPainter(pixmap)
    painter.drawPixmap(1, 1, inner)
    painter.end()
    return QIcon(pixmap)


def key_from_name(name: str) -> str:
    """A label key suggested from an English name: 'Partly true' -> 'partly_true'."""
    key = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
    if key and not key[0].isalpha():
        key = "l_" + key
    return key[:60]


@dataclass(frozen=True, slots=True)
class LabelFormValues:
    """What the form holds."""

    key: str = ""
    name_en: str = ""
    name_ar: str = ""
    color: str = "#78909c"


class LabelForm(QDialog):
    """Add (with key and colour) or rename (names only) a label.

    OK calls `submit(values)`; a ServiceError keeps the form open, with a
    message box saying why, so nothing typed is lost.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        values: LabelFormValues,
        submit: Callable[[LabelFormValues], None],
        arabic_font: QFont,
        *,
        adding: bool,
        choose_color: ColorChooser = choose_color_with_dialog,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self._choose_color = choose_color
        self._color = values.color
        self._key_edited = not adding
        self.error_box: QMessageBox | None = None

        self.key_edit = QLineEdit(values.key)
        self.key_edit.setPlaceholderText("lower_case_key")
        self.key_edit.setReadOnly(not adding)
        self.key_edit.textEdited.connect(self._on_key_edit_edited)
        self.name_en_edit = QLineEdit(values.name_en)
        self.name_en_edit.textEdited.connect(self._on_name_en_edit_edited)
        self.name_ar_edit = arabic_line_edit(arabic_font)
        self.name_ar_edit.setText(values.name_ar)
        self.color_button = QPushButton()
        self.color_button.setAutoDefault(False)
        self.color_button.setIconSize(QSize(28, 14))
        self.color_button.clicked.connect(self._on_color_button_clicked)
        self._show_color()

        form = QFormLayout()
        form.addRow(self._buddy("&Key:", self.key_edit), self.key_edit)
        form.addRow(self._buddy("&English name:", self.name_en_edit), self.name_en_edit)
        form.addRow(self._buddy("&Arabic name:", self.name_ar_edit), self.name_ar_edit)
        if adding:
            form.addRow(self._buddy("C&olour:", self.color_button), self.color_button)
        else:
            self.color_button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        (self.key_edit if adding else self.name_ar_edit).setFocus()

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def values(self) -> LabelFormValues:
        """The form's current content."""
        return LabelFormValues(
            self.key_edit.text().strip(), self.name_en_edit.text(), self.name_ar_edit.text(), self._color
        )

    def set_color(self, color: str) -> None:
        """Set the colour shown on the colour button (#rrggbb)."""
        self._color = color
        self._show_color()

    def _show_color(self) -> None:
        self.color_button.setIcon(swatch_icon(self._color, 14))
        self.color_button.setText(self._color)

    def accept(self) -> None:
        try:
            self._submit(self.values())
        except ServiceError as exc:
            if self.error_box is not None:
                self.error_box.deleteLater()
            self.error_box = QMessageBox(
                QMessageBox.Icon.Warning, self.windowTitle(), str(exc), QMessageBox.StandardButton.Ok, self
            )
            self.error_box.open()
            return
        super().accept()

    @Slot(str)
    def _on_key_edit_edited(self, _text: str) -> None:
        self._key_edited = True

    @Slot(str)
    def _on_name_en_edit_edited(self, text: str) -> None:
        if not self._key_edited:
            self.key_edit.setText(key_from_name(text))

    @Slot()
    def _on_color_button_clicked(self) -> None:
        color = self._choose_color(self, QColor(self._color))
        if color is not None:
            self.set_color(color.name())
