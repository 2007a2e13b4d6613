"""The label editor drives the LabelService; each action is checked in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.dialogs.label_editor import Column, LabelEditorDialog
from karabakh_annotator.ui.dialogs.label_form import LabelForm, key_from_name

ANALYST = "analyst"


def make_editor(qtbot, services: Services, colors: list[str] | None = None) -> LabelEditorDialog:
    queue = list(colors or [])
    dialog = LabelEditorDialog(
        services,
        ANALYST,
        label_set=LabelSet.VERDICT,
        choose_color=lambda _parent, _initial: QColor(queue.pop(0)) if queue else None,
    )
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # window shortcuts need an active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def keys(services: Services, include_retired: bool = True) -> list[str]:
    return [label.key for label in services.labels.labels(LabelSet.VERDICT, include_retired)]


def label(services: Services, key: str):
    return next(lab for lab in services.labels.labels(LabelSet.VERDICT, True) if lab.key == key)


def click_ok(qtbot, form: LabelForm) -> None:
    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_add_label_through_the_form(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services, colors=["#123456"])
    before = keys(services)
    with qtbot.waitSignal(dialog.sig_labels_changed, timeout=2000):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        form = dialog.form
        assert form is not None and form.isVisible()
        form.name_en_edit.setText("")
        qtbot.keyClicks(form.name_en_edit, "Partly true")
        assert form.key_edit.text() == "partly_true"
        form.name_ar_edit.insert("صحيح جزئيا")
        qtbot.mouseClick(form.color_button, Qt.MouseButton.LeftButton)
        assert form.color_button.text() == "#123456"
        click_ok(qtbot, form)
    added = label(services, "partly_true")
    assert (added.name_en, added.name_ar, added.color) == ("Partly true", "صحيح جزئيا", "#123456")
    assert keys(services) == [*before, "partly_true"]
    assert dialog.current_label() == added
    assert dialog.tree.currentItem().text(Column.ARABIC) == "صحيح جزئيا"


def test_add_refused_keeps_the_form_open_with_the_reason(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    form.key_edit.setText("false")
    form.name_en_edit.setText("False again")
    form.name_ar_edit.insert("زائف")
    click_ok(qtbot, form)
    assert form.isVisible()
    assert form.error_box is not None and form.error_box.isVisible()
    assert "already has a label 'false'" in form.error_box.text()
    form.error_box.accept()
    form.reject()
    assert keys(services).count("false") == 1


def test_rename_arabic_name(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    dialog.select_label(label(services, "misleading").id)
    with qtbot.waitSignal(dialog.sig_labels_changed, timeout=2000):
        qtbot.keyClick(dialog.tree, Qt.Key.Key_F2)  # the shortcut, from the list
        form = dialog.form
        assert form is not None and form.key_edit.isReadOnly() and form.key_edit.text() == "misleading"
        form.name_ar_edit.selectAll()
        form.name_ar_edit.insert("مضلّل")
        click_ok(qtbot, form)
    renamed = label(services, "misleading")
    assert (renamed.name_ar, renamed.name_en) == ("مضلّل", "Misleading")
    assert dialog.tree.currentItem().text(Column.ARABIC) == "مضلّل"


def test_recolour(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services, colors=["#ABCDEF"])
    dialog.select_label(label(services, "satire").id)
    with qtbot.waitSignal(dialog.sig_labels_changed, timeout=2000):
        qtbot.mouseClick(dialog.recolor_button, Qt.MouseButton.LeftButton)
    assert label(services, "satire").color == "#abcdef"


def test_recolour_cancelled_changes_nothing(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services, colors=[])
    dialog.select_label(label(services, "satire").id)
    with qtbot.assertNotEmitted(dialog.sig_labels_changed):
        qtbot.mouseClick(dialog.recolor_button, Qt.MouseButton.LeftButton)
    assert label(services, "satire").color == "#8e24aa"


def test_move_up_and_down(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    dialog.select_label(label(services, "false").id)
    before = keys(services)
    at = before.index("false")
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    expected = before[: at - 1] + ["false", before[at - 1]] + before[at + 1 :]
    assert keys(services) == expected
    assert [lab.key for lab in dialog.labels()] == expected
    assert dialog.current_label().key == "false"
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert keys(services) == before


def test_keyboard_moves_and_retires(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    dialog.select_label(label(services, "satire").id)
    before = keys(services)
    at = before.index("satire")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert keys(services).index("satire") == at - 1
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    assert label(services, "satire").retired


def test_first_and_last_cannot_move_out(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    dialog.select_label(label(services, keys(services)[0]).id)
    assert not dialog.up_button.isEnabled() and dialog.down_button.isEnabled()
    dialog.select_label(label(services, keys(services)[-1]).id)
    assert dialog.up_button.isEnabled() and not dialog.down_button.isEnabled()


def test_retire_and_restore(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    dialog.select_label(label(services, "outdated").id)
    assert dialog.retire_button.text() == "&Retire"
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert label(services, "outdated").retired
    assert "outdated" not in keys(services, include_retired=False)
    item = dialog.tree.currentItem()
    assert item.text(Column.ENGLISH) == "Outdated (retired)"
    assert item.foreground(Column.ARABIC).color() != dialog.palette().text().color()
    assert dialog.retire_button.text() == "Rest&ore"
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert not label(services, "outdated").retired
    assert dialog.tree.currentItem().text(Column.ENGLISH) == "Outdated"


def test_switching_set_lists_its_labels(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    dialog.set_combo.setCurrentIndex(dialog.set_combo.findData(LabelSet.EVIDENCE_STANCE))
    assert [lab.key for lab in dialog.labels()] == ["supports", "refutes", "discusses", "unrelated"]
    assert dialog.tree.topLevelItem(1).text(Column.ARABIC) == "يدحض"


def test_arabic_column_is_right_aligned_in_the_arabic_face(qtbot, services: Services, arabic_family: str) -> None:
    dialog = LabelEditorDialog(services, ANALYST, arabic_family=arabic_family)
    qtbot.addWidget(dialog)
    item = dialog.tree.topLevelItem(0)
    assert item.textAlignment(Column.ARABIC) & Qt.AlignmentFlag.AlignRight
    assert item.font(Column.ARABIC).families()[0] == arabic_family


def test_close_button_is_default(qtbot, services: Services) -> None:
    dialog = make_editor(qtbot, services)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.isDefault()
    assert not dialog.add_button.autoDefault()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_key_from_name() -> None:
    assert key_from_name("Partly true") == "partly_true"
    assert key_from_name(" 50/50 call ") == "l_50_50_call"
    assert key_from_name("صحيح") == ""
