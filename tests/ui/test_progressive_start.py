"""Start-up: the main window is on screen before the database is open, and filled once it is."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from karabakh_annotator import app as app_module
from karabakh_annotator.app import WindowStart
from karabakh_annotator.ui.database_opener import DatabaseOpener
from karabakh_annotator.ui.main_window import MainWindow
from karabakh_annotator.ui.paint_watch import after_next_paint
from karabakh_annotator.ui.workspace_actions import ACTIONS
from karabakh_annotator.ui.workspace_desk import ANNOTATE, CLAIMS, DASHBOARD

WITHOUT_DATABASE = {spec.id for spec in ACTIONS if not spec.needs_database}
WAIT_MS = 30_000


@pytest.fixture
def start_on(qtbot, settings: QSettings, arabic_family: str) -> Iterator:  # noqa: ANN001
    """Make a WindowStart on a database file; its opening thread is waited for and the database disposed."""
    starts: list[WindowStart] = []

    def make(db: Path) -> WindowStart:
        start = WindowStart(str(db), settings, arabic_family, backup=False)
        starts.append(start)
        qtbot.addWidget(start.window)
        return start

    yield make
    for start in starts:
        start.close()


def _enabled(window: MainWindow) -> set[str]:
    return {action_id for action_id, action in window.actions_by_id.items() if action.isEnabled()}


def test_the_window_is_shown_empty_with_database_commands_disabled_then_filled(
    qtbot, start_on, tmp_path: Path, demo
) -> None:
    start = start_on(tmp_path / "t.sqlite3")
    window = start.window
    window.show()

    # Shown at once: nothing read yet, only the commands that need no database.
    assert not window.database_ready and start.opened is None
    assert _enabled(window) == WITHOUT_DATABASE
    assert not window.filter_bar.isEnabled()
    assert window.article_list.model().rowCount() == 0
    assert "Opening the database" in window.article_view.placeholder_text()
    assert window.database_label.text() == f"Opening sqlite:///{tmp_path / 't.sqlite3'}…"
    assert [window.desk.tabs.isTabEnabled(i) for i in (ANNOTATE, CLAIMS, DASHBOARD)] == [True, False, False]

    with qtbot.waitSignal(start.sig_database_shown, timeout=WAIT_MS):
        pass
    assert start.painted_at is not None and start.shown_at is not None and start.painted_at < start.shown_at
    assert window.database_ready
    assert _enabled(window) >= {spec.id for spec in ACTIONS} - {"undo", "redo"}
    assert window.filter_bar.isEnabled()
    assert window.article_list.visible_article_ids() == [demo.plain_id, demo.emoji_id]
    assert window.counts_label.text() == "2 articles · 2 statements"
    assert window.splitter.widget(2) is window.claims_panel
    assert window.desk.tabs.isTabEnabled(CLAIMS)
    assert window.database_label.text() == f"sqlite:///{tmp_path / 't.sqlite3'}"

    # Usable: an article opens, with its statement listed in the claims panel.
    assert window.select_article(demo.emoji_id)
    assert window.article_view.title_text() == demo.emoji_title
    assert window.claims_panel.model.rowCount() == 1


def test_the_filled_window_keeps_the_pane_widths_it_was_shown_with(qtbot, start_on, tmp_path: Path, demo) -> None:
    start = start_on(tmp_path / "t.sqlite3")
    window = start.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: start.painted_at is not None, timeout=WAIT_MS)
    widths = window.splitter.sizes()
    with qtbot.waitSignal(start.sig_database_shown, timeout=WAIT_MS):
        pass
    assert window.splitter.sizes() == widths


def test_a_database_that_cannot_be_opened_is_reported_not_filled(qtbot, start_on, tmp_path: Path) -> None:
    damaged = tmp_path / "notes.sqlite3"
    damaged.write_text("ليس قاعدة بيانات", encoding="utf-8")
    start = start_on(damaged)
    start.window.show()
    with qtbot.waitSignal(start.opener.sig_failed, timeout=WAIT_MS) as failed:
        pass
    assert failed.args[0] == str(damaged) and "not a SQLite database" in str(failed.args[1])
    assert not start.window.database_ready and _enabled(start.window) == WITHOUT_DATABASE
    assert damaged.read_text(encoding="utf-8") == "ليس قاعدة بيانات"


def test_run_gui_opens_the_database_chosen_at_the_recovery_dialog_in_the_shown_window(
    qapp, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo
) -> None:
    damaged = tmp_path / "notes.sqlite3"
    damaged.write_text("ليس قاعدة بيانات", encoding="utf-8")
    good = tmp_path / "t.sqlite3"  # the demo fixture's database: two articles
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("analyst/name", "ليلى")
    asked: list[str] = []
    seen: list[tuple[str, int]] = []

    def choose_another(failure: object) -> str:  # the recovery dialog, answered "Choose another database…"
        asked.append(str(getattr(failure, "message", failure)))
        return str(good)

    def fake_exec() -> int:
        window = next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.waitUntil(lambda: window.database_ready, timeout=WAIT_MS)
        seen.append((window.windowTitle(), window.article_list.model().rowCount()))
        window.close()
        return 0

    monkeypatch.setattr(app_module, "QSettings", lambda: settings)
    monkeypatch.setattr(app_module, "recover_database", choose_another)
    monkeypatch.setattr(qapp, "exec", fake_exec)
    assert app_module.run_gui(str(damaged)) == 0
    assert len(asked) == 1 and "notes.sqlite3" in asked[0]
    assert seen == [(f"Karabakh Annotator — sqlite:///{good}", 2)]
    assert settings.value("databases/recent") in ([f"sqlite:///{good}"], f"sqlite:///{good}")


def test_closing_the_window_while_the_database_opens_leaves_nothing_open(qtbot, tmp_path: Path) -> None:
    owner = QLabel()
    qtbot.addWidget(owner)
    opener = DatabaseOpener(backup=False, parent=owner)
    opener.open(str(tmp_path / "new.sqlite3"))
    opened = opener.close()  # waits for the thread; the result is never delivered
    assert opened is not None and not opener.is_running()
    with qtbot.assertNotEmitted(opener.sig_opened, wait=100):
        pass
    opened.database.dispose()


def test_after_next_paint_runs_after_the_window_is_painted_not_at_show(qtbot) -> None:
    label = QLabel("مرحبا")
    qtbot.addWidget(label)
    calls: list[bool] = []
    after_next_paint(label, lambda: calls.append(label.isVisible()))
    label.show()
    assert calls == []
    qtbot.waitUntil(lambda: calls == [True], timeout=WAIT_MS)


_PAINT_WITHOUT_DATABASE = """
import sys
from PySide6.QtCore import QSettings, QTimer
import karabakh_annotator.app
from karabakh_annotator.app import create_application
from karabakh_annotator.ui.fonts import load_fonts
from karabakh_annotator.ui.main_window import MainWindow
from karabakh_annotator.ui.paint_watch import after_next_paint

app = create_application()
window = MainWindow(None, QSettings(sys.argv[1], QSettings.Format.IniFormat), load_fonts(), "sqlite:///a.sqlite3")

def painted():
    heavy = sorted({m.split(".")[0] for m in sys.modules if m.startswith(("sqlalchemy", "alembic"))})
    heavy += sorted(m for m in sys.modules if m.startswith("karabakh_annotator.core.storage.models"))
    print("loaded:", " ".join(heavy) or "nothing")
    app.quit()

after_next_paint(window, painted)
window.show()
QTimer.singleShot(60_000, app.quit)
app.exec()
"""


def test_the_window_is_painted_before_sqlalchemy_is_even_imported(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PAINT_WITHOUT_DATABASE, str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "loaded: nothing" in done.stdout, done.stdout + done.stderr
