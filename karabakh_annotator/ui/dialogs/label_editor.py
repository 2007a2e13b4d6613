"""Editing the label sets: add, rename, recolour, reorder, retire and restore labels."""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import LabelRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.errors import ServiceError
from karabakh_annotator.ui.dialogs.arabic_text import LEFT, RIGHT, RightToLeftDelegate, dialog_arabic_font
from karabakh_annotator.ui.dialogs.label_form import (
    ColorChooser,
    LabelForm,
    LabelFormValues,
    choose_color_with_dialog,
    swatch_icon,
)

LABEL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RETIRED_SUFFIX = " (retired)"


class Column(enum.IntEnum):
    ENGLISH = 0
    KEY = 1
    ARABIC = 2


_HEADERS = {Column.ENGLISH: "English name", Column.ARABIC: "Arabic name", Column.KEY: "Key"}


def set_title(label_set: LabelSet) -> str:
    """'workflow_status' -> 'Workflow status'."""
    return label_set.value.replace("_", " ").capitalize()


class LabelEditorDialog(QDialog):
    """Each action is committed at once by the LabelService (with an event row) and is not undoable."""

    sig_labels_changed = Signal()

    def __init__(
        self,
        services: Services,
        analyst: str,
        parent: QWidget | None = None,
        *,
        arabic_family: str | None = None,
        label_set: LabelSet = LabelSet.VERDICT,
        choose_color: ColorChooser = choose_color_with_dialog,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit labels")
        self._services = services
        self._analyst = analyst
        self._choose_color = choose_color
        self._labels: list[LabelRecord] = []
        self.form: LabelForm | None = None
        self.error_box: QMessageBox | None = None

        self.set_combo = QComboBox()
        for member in LabelSet:
            self.set_combo.addItem(set_title(member), member)
        self.set_combo.setCurrentIndex(list(LabelSet).index(label_set))
        set_label = QLabel("Label &set:")
        set_label.setBuddy(self.set_combo)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(Column))
        self.tree.setHeaderLabels([_HEADERS[c] for c in Column])
        self.tree.setRootIsDecorated(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2 is Rename
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(Column.ENGLISH, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(Column.KEY, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(Column.ARABIC, QHeaderView.ResizeMode.Stretch)
        self.tree.setItemDelegate(RightToLeftDelegate(self.tree))
        self.tree.headerItem().setTextAlignment(Column.ARABIC, RIGHT)
        self._arabic_font = dialog_arabic_font(arabic_family, self.tree.font())

        self.add_button = self._button("&Add…", "Ctrl+N", self._on_add_button_clicked)
        self.rename_button = self._button("Re&name…", "F2", self._on_rename_button_clicked)
        self.recolor_button = self._button("Co&lour…", "Ctrl+L", self._on_recolor_button_clicked)
        self.up_button = self._button("Move &up", "Ctrl+Up", self._on_up_button_clicked)
        self.down_button = self._button("Move &down", "Ctrl+Down", self._on_down_button_clicked)
        self.retire_button = self._button("&Retire", "Del", self._on_retire_button_clicked)
        side = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.recolor_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addSpacing(12)
        side.addWidget(self.retire_button)
        side.addStretch(1)

        note = QLabel("Changes are saved at once. Retired labels stay on the statements that use them.")
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(set_label)
        top.addWidget(self.set_combo, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.tree, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(680, 440)

        self.set_combo.currentIndexChanged.connect(self._on_set_combo_changed)
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        self.tree.itemDoubleClicked.connect(self._on_rename_button_clicked)
        self.refresh()
        self.tree.setFocus()

    def _button(self, text: str, shortcut: str, handler: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(handler)
        sequence = QKeySequence(shortcut)
        native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{text.replace('&', '').rstrip('…')} ({native})")
        keys = QShortcut(sequence, self)
        keys.activated.connect(button.click)  # click() ignores a disabled button
        return button

    # -- state -------------------------------------------------------------

    def label_set(self) -> LabelSet:
        """The set being edited."""
        return LabelSet(self.set_combo.currentData())

    def labels(self) -> list[LabelRecord]:
        """The labels shown, in order (retired ones included)."""
        return list(self._labels)

    def current_label(self) -> LabelRecord | None:
        """The selected label."""
        item = self.tree.currentItem()
        if item is None:
            return None
        label_id = item.data(Column.ENGLISH, LABEL_ID_ROLE)
        return next((label for label in self._labels if label.id == label_id), None)

    def select_label(self, label_id: int) -> None:
        """Make the label with `label_id` current."""
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(Column.ENGLISH, LABEL_ID_ROLE) == label_id:
                self.tree.setCurrentItem(item)
                return

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the set from the service, keeping (or moving to) a selection."""
        current = self.current_label()
        keep = select_id if select_id is not None else (current.id if current else None)
        self._labels = self._services.labels.labels(self.label_set(), include_retired=True)
        self.tree.clear()
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        for label in self._labels:
            suffix = RETIRED_SUFFIX if label.retired else ""
            item = QTreeWidgetItem(["", "", ""])
            item.setText(Column.ENGLISH, label.name_en + suffix)
            item.setText(Column.KEY, label.key)
            item.setText(Column.ARABIC, label.name_ar)
            item.setData(Column.ENGLISH, LABEL_ID_ROLE, label.id)
            item.setIcon(Column.ENGLISH, swatch_icon(label.color))
            item.setFont(Column.ARABIC, self._arabic_font)
            item.setTextAlignment(Column.ARABIC, RIGHT)
            item.setTextAlignment(Column.ENGLISH, LEFT)
            item.setToolTip(Column.ENGLISH, f"{label.name_en} — {label.color}{suffix}")
            if label.retired:
                for column in Column:
                    item.setForeground(column, grey)
            self.tree.addTopLevelItem(item)
        if keep is not None:
            self.select_label(keep)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def _update_buttons(self) -> None:
        label = self.current_label()
        row = self._labels.index(label) if label is not None else -1
        for button in (self.rename_button, self.recolor_button, self.retire_button):
            button.setEnabled(label is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._labels) - 1)
        self.retire_button.setText("Rest&ore" if label is not None and label.retired else "&Retire")

    # -- actions -----------------------------------------------------------

    def _apply(self, action: Callable[[], object], select_id: int | None = None) -> bool:
        """Run one service call; refresh and announce on success, explain on failure."""
        try:
            action()
        except ServiceError as exc:
            self._show_error(str(exc))
            return False
        self.refresh(select_id)
        self.sig_labels_changed.emit()
        return True

    def _show_error(self, text: str) -> None:
        if self.error_box is not None:
            self.error_box.deleteLater()
        self.error_box = QMessageBox(
            QMessageBox.Icon.Warning, "Labels not changed", text, QMessageBox.StandardButton.Ok, self
        )
        self.error_box.open()

    def _open_form(self, form: LabelForm) -> None:
        # The previous form is deleted only now, while this dialog is surely alive.
        # WA_DeleteOnClose plus a signal from the form back to this dialog
        # segfaulted PySide 6.11 when the dialog was collected by Python.
        if self.form is not None:
            self.form.deleteLater()
        self.form = form
        form.open()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        label_set = self.label_set()
        added: list[int] = []

        def submit(values: LabelFormValues) -> None:
            record, _changes = self._services.labels.add_label(
                label_set, values.key, values.name_en, values.name_ar, values.color, self._analyst
            )
            added.append(record.id)

        form = LabelForm(
            self,
            f"Add a {set_title(label_set).lower()} label",
            LabelFormValues(),
            submit,
            self._arabic_font,
            adding=True,
            choose_color=self._choose_color,
        )
        form.accepted.connect(lambda: self._after_form(added[-1] if added else None))
        self._open_form(form)

    @Slot()
    def _on_rename_button_clicked(self) -> None:
        label = self.current_label()
        if label is None:
            return

        def submit(values: LabelFormValues) -> None:
            self._services.labels.edit_label(
                label.id, self._analyst, name_en=values.name_en, name_ar=values.name_ar
            )

        form = LabelForm(
            self,
            f"Rename “{label.name_en}”",
            LabelFormValues(label.key, label.name_en, label.name_ar, label.color),
            submit,
            self._arabic_font,
            adding=False,
        )
        form.accepted.connect(lambda: self._after_form(label.id))
        self._open_form(form)

    def _after_form(self, select_id: int | None) -> None:
        self.refresh(select_id)
        self.sig_labels_changed.emit()
        self.tree.setFocus()

    @Slot()
    def _on_recolor_button_clicked(self) -> None:
        label = self.current_label()
        if label is None:
            return
        color = self._choose_color(self, QColor(label.color))
        if color is None:
            return
        self._apply(lambda: self._services.labels.edit_label(label.id, self._analyst, color=color.name()))

    def _move(self, step: int) -> None:
        label = self.current_label()
        if label is None:
            return
        row = self._labels.index(label)
        if not 0 <= row + step < len(self._labels):
            return
        self._apply(lambda: self._services.labels.move_label(label.id, row + step, self._analyst))

    @Slot()
    def _on_up_button_clicked(self) -> None:
        self._move(-1)

    @Slot()
    def _on_down_button_clicked(self) -> None:
        self._move(+1)

    @Slot()
    def _on_retire_button_clicked(self) -> None:
        label = self.current_label()
        if label is None:
            return
        self._apply(lambda: self._services.labels.edit_label(label.id, self._analyst, retired=not label.retired))

    @Slot()
    def _on_set_combo_changed(self) -> None:
        self.refresh()

    @Slot()
    def _on_tree_current_changed(self) -> None:
        self._update_buttons()
