"""The recovery dialog: the message, then open the latest backup (as a copy), choose another database, or quit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.backups import BackupPolicy, backup_database
from karabakh_annotator.core.storage.database import DatabaseError, open_database
from karabakh_annotator.core.storage.recovery import OpenFailure, explain_open_failure
from karabakh_annotator.ui.dialogs.recovery_dialog import RecoveryChoice, RecoveryDialog

TEXT = "قال المتحدث إن الهدنة صامدة منذ يومين، وأضاف أن المراقبين وصلوا إلى المنطقة."


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, bytes]:
    """A database with a backup, then cut in half; its path and its (damaged) bytes."""
    path = tmp_path / "annotations.sqlite3"
    database = open_database(str(path))
    build_services(database).articles.store_article(ParsedArticle(text=TEXT, raw=TEXT.encode(), source_file="a.txt"))
    database.dispose()
    assert backup_database(path, BackupPolicy(fallback_root=tmp_path / "user-data")).backup is not None
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    data = path.read_bytes()[:5000]
    path.write_bytes(data)
    return path, data


def failure_for(path: Path) -> OpenFailure:
    try:
        open_database(str(path)).dispose()
    except DatabaseError as exc:
        return explain_open_failure(str(path), exc, BackupPolicy(fallback_root=path.parent / "user-data"))
    raise AssertionError("the damaged database opened")


def make_dialog(qtbot, failure: OpenFailure, chosen: str | None = None) -> RecoveryDialog:
    asked: list[str] = []

    def choose_file(_parent: QWidget, start: str) -> str | None:
        asked.append(start)
        return chosen

    dialog = RecoveryDialog(failure, choose_file=choose_file)
    dialog.asked = asked  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_the_message_names_the_file_and_the_problem(qtbot, damaged: tuple[Path, bytes]) -> None:
    path, _data = damaged
    failure = failure_for(path)
    dialog = make_dialog(qtbot, failure)
    shown = dialog.message.text()
    assert str(path) in shown and "truncated" in shown and "left untouched" in shown
    backup = failure.latest_backup
    assert backup is not None and dialog.backup_button is not None
    assert dialog.backup_button.text() == f"Open the latest &backup ({backup.label()})"
    assert dialog.backup_button.isDefault()


def test_opening_the_backup_copies_it_beside_the_damaged_file(qtbot, damaged: tuple[Path, bytes]) -> None:
    path, data = damaged
    dialog = make_dialog(qtbot, failure_for(path))
    assert dialog.backup_button is not None
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is RecoveryChoice.OPEN_BACKUP and dialog.database is not None
    restored = Path(dialog.database)
    assert restored.parent == path.parent and restored != path
    assert path.read_bytes() == data, "the damaged file must stay as it was"
    database = open_database(str(restored))
    try:
        services = build_services(database)
        (summary,) = services.articles.list_articles()
        assert services.articles.get_article(summary.id).text == TEXT
    finally:
        database.dispose()


def test_a_backup_that_cannot_be_restored_keeps_the_dialog_open(qtbot, damaged: tuple[Path, bytes]) -> None:
    path, data = damaged
    failure = failure_for(path)
    assert failure.latest_backup is not None
    failure.latest_backup.path.write_bytes(b"SQLite format 3\x00" + bytes(5000))
    dialog = make_dialog(qtbot, failure)
    assert dialog.backup_button is not None
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.database is None
    assert not dialog.error.isHidden() and "could not be opened" in dialog.error.text()
    assert path.read_bytes() == data


def test_choose_another_database(qtbot, damaged: tuple[Path, bytes], tmp_path: Path) -> None:
    path, _data = damaged
    other = str(tmp_path / "other.sqlite3")
    dialog = make_dialog(qtbot, failure_for(path), chosen=other)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.asked == [str(path.parent)]  # type: ignore[attr-defined]
    assert (dialog.choice, dialog.database) == (RecoveryChoice.CHOOSE_OTHER, other)


def test_cancelling_the_file_chooser_stays_in_the_dialog(qtbot, damaged: tuple[Path, bytes]) -> None:
    dialog = make_dialog(qtbot, failure_for(damaged[0]), chosen=None)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.database is None


@pytest.mark.parametrize("how", ["button", "escape"])
def test_quit(qtbot, damaged: tuple[Path, bytes], how: str) -> None:
    dialog = make_dialog(qtbot, failure_for(damaged[0]))
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        if how == "button":
            qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert (dialog.choice, dialog.database) == (RecoveryChoice.QUIT, None)


def test_without_a_backup_only_the_other_choices_are_offered(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "lone.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    dialog = make_dialog(qtbot, failure_for(path))
    assert dialog.backup_button is None
    assert "No backup of it was found." in dialog.message.text()
    assert dialog.choose_button.isDefault()


def test_a_failure_that_is_not_damage_shows_its_own_message(qtbot) -> None:
    failure = explain_open_failure("postgresql+psycopg://analyst:secret@server/desk", DatabaseError("connection refused"))
    dialog = make_dialog(qtbot, failure)
    assert dialog.backup_button is None
    assert "connection refused" in dialog.message.text() and "secret" not in dialog.message.text()
