"""Arabic cells in dialog tables are laid out right to left, others left to right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableWidget

from karabakh_annotator.ui.dialogs.arabic_text import RightToLeftDelegate, dialog_arabic_font, has_arabic, text_item


@pytest.mark.parametrize(
    ("text", "expected"),
    [("تالف.txt", True), ("report.txt", False), ("", False), ("رأي (ليس ادعاء)", True), ("42", False)],
)
def test_has_arabic(text: str, expected: bool) -> None:
    assert has_arabic(text) is expected


def test_delegate_lays_arabic_cells_right_to_left(qtbot, arabic_family: str) -> None:
    table = QTableWidget(2, 1)
    qtbot.addWidget(table)
    font = dialog_arabic_font(arabic_family, table.font())
    table.setItem(0, 0, text_item("تالف.txt", font))
    table.setItem(1, 0, text_item("bad.txt", font))
    delegate = RightToLeftDelegate(table)
    options = []
    for row in range(2):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, table.model().index(row, 0))
        options.append(option)
    assert options[0].direction == Qt.LayoutDirection.RightToLeft
    assert options[0].displayAlignment & Qt.AlignmentFlag.AlignRight
    assert options[0].font.families()[0] == arabic_family
    assert options[1].direction == Qt.LayoutDirection.LeftToRight
    assert options[1].displayAlignment & Qt.AlignmentFlag.AlignLeft
