"""Actions declared once as data; menus and toolbars list them by id."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QToolBar, QWidget

from karabakh_annotator.ui.icons import load_icons

SEPARATOR = "-"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One user command: id, menu text, shortcut, qtawesome icon name, its handler's (dotted) name,
    and whether it waits for the database (disabled while the window opens one)."""

    id: str
    text: str
    shortcut: str | None
    icon: str | None
    handler: str
    tip: str = ""
    needs_database: bool = True


def build_actions(specs: Iterable[ActionSpec], owner: QWidget) -> dict[str, QAction]:
    """Create each action on `owner`, wired to the `owner` method its spec names."""
    specs = list(specs)
    icons = load_icons(spec.icon for spec in specs if spec.icon)
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(spec.text, owner)
        action.setObjectName(f"action_{spec.id}")
        if spec.icon:
            action.setIcon(icons[spec.icon])
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        tip = spec.tip or spec.text.replace("&", "")
        if spec.shortcut:
            tip = f"{tip} ({QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(spec.tip)
        # "files.import_files" names a method of a helper object the owner holds.
        handler: Callable[[], object] = functools.reduce(getattr, spec.handler.split("."), owner)
        action.triggered.connect(lambda _checked=False, h=handler: h())
        owner.addAction(action)
        actions[spec.id] = action
    return actions


def fill_menus(menu_bar: QMenuBar, menus: Mapping[str, Sequence[str]], actions: Mapping[str, QAction]) -> None:
    """Add one menu per title, listing action ids (SEPARATOR for a line)."""
    for title, ids in menus.items():
        menu = menu_bar.addMenu(title)
        for action_id in ids:
            if action_id == SEPARATOR:
                menu.addSeparator()
            else:
                menu.addAction(actions[action_id])


def fill_toolbar(toolbar: QToolBar, ids: Sequence[str], actions: Mapping[str, QAction]) -> None:
    """Add the listed actions (SEPARATOR for a gap) to a toolbar."""
    for action_id in ids:
        if action_id == SEPARATOR:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[action_id])
