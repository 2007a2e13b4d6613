"""The first-run dialog's choices and the demo article."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from karabakh_annotator.core.demo import DEMO_TEXT, DEMO_TITLE
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.dialogs.first_run import FirstRunChoice, FirstRunDialog, open_demo


def make_dialog(qtbot) -> FirstRunDialog:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


@pytest.mark.parametrize(
    ("button", "choice"),
    [
        ("import_button", FirstRunChoice.IMPORT_FOLDER),
        ("demo_button", FirstRunChoice.OPEN_DEMO),
        ("empty_button", FirstRunChoice.START_EMPTY),
    ],
)
def test_each_button_is_a_choice(qtbot, button: str, choice: FirstRunChoice) -> None:
    dialog = make_dialog(qtbot)
    dialog.choice = None  # type: ignore[assignment]  # so START_EMPTY has to be set by the click
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.choice is choice
    assert not dialog.isVisible()


def test_enter_imports_and_escape_starts_empty(qtbot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.import_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.choice is FirstRunChoice.IMPORT_FOLDER

    dialog = make_dialog(qtbot)
    dialog.choice = FirstRunChoice.OPEN_DEMO
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice is FirstRunChoice.START_EMPTY


def test_mnemonic_opens_the_demo(qtbot) -> None:
    dialog = make_dialog(qtbot)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert dialog.choice is FirstRunChoice.OPEN_DEMO


def test_open_demo_stores_once(services: Services) -> None:
    first = open_demo(services)
    again = open_demo(services)
    assert first == again
    articles = services.articles.list_articles()
    assert [a.id for a in articles] == [first]
    assert articles[0].title == DEMO_TITLE
    assert services.articles.get_article(first).text == DEMO_TEXT
