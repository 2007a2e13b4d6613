"""The composition root: a database that cannot be opened is reported, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from karabakh_annotator import app as app_module
from karabakh_annotator.ui.main_window import MainWindow


def test_unopenable_database_shows_error_and_returns_1(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("هذا ليس قاعدة بيانات", encoding="utf-8")
    shown: list[str] = []

    def quit_recovery(problem: object) -> None:  # the recovery dialog, answered "Quit"
        shown.append(str(getattr(problem, "message", problem)))

    monkeypatch.setattr(app_module, "recover_database", quit_recovery)

    assert app_module.run_gui(str(not_a_database)) == 1
    assert len(shown) == 1 and "not a SQLite database" in shown[0] and "notes.sqlite3" in shown[0]
    assert not_a_database.read_text(encoding="utf-8") == "هذا ليس قاعدة بيانات"


def test_run_gui_opens_the_window_and_returns_the_loop_exit_code(
    qapp, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[MainWindow] = []

    def fake_exec() -> int:
        window = next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        # Shown before the database is open; the event loop opens it and fills the window.
        assert not window.database_ready
        qtbot.waitUntil(lambda: window.database_ready, timeout=30_000)
        opened.append(window)
        window.close()
        return 0

    from karabakh_annotator.ui import workspace_files as workspace_files_module
    from karabakh_annotator.ui.dialogs.first_run import FirstRunChoice

    offered: list[bool] = []

    def choose_demo(_dialog: object) -> FirstRunChoice:
        offered.append(True)
        return FirstRunChoice.OPEN_DEMO

    monkeypatch.setattr(app_module, "QSettings", lambda: _temp_settings(tmp_path))
    monkeypatch.setattr(qapp, "exec", fake_exec)
    monkeypatch.setattr(workspace_files_module.FirstRunDialog, "ask", choose_demo)
    asked: list[str] = []

    def give_name(_parent: object, _title: str, _label: str, **kwargs: object) -> tuple[str, bool]:
        asked.append(str(kwargs.get("text", "")))
        return "ليلى", True

    monkeypatch.setattr(workspace_files_module.QInputDialog, "getText", give_name)
    assert app_module.run_gui(str(tmp_path / "new.sqlite3")) == 0
    # The first start asks who is annotating (the login name offered), once.
    assert len(asked) == 1 and _temp_settings(tmp_path).value("analyst/name") == "ليلى"
    # An empty database offers the first-run choices; the demo article opens.
    assert offered == [True]
    assert opened and opened[0].counts_label.text() == "1 article · 0 statements"
    assert opened[0].article_view.title_text().startswith("مقال تجريبي")
    assert qapp.applicationName() == app_module.APPLICATION_NAME


def _temp_settings(tmp_path: Path):  # noqa: ANN202
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_smoke_mode_renders_the_window_and_exits_zero(tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from karabakh_annotator.app import run_smoke_test

    png = tmp_path / "smoke.png"
    assert run_smoke_test(None, png) == 0
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 1000
