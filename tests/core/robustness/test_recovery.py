"""A damaged database file: a clear message naming file and problem, the file untouched, the latest backup offered.

Each case goes through what the app does on start (a backup on open, then
open_database) and what it shows when that fails (explain_open_failure).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage import backups
from karabakh_annotator.core.storage.backups import BackupPolicy, backup_on_open, restore_backup, restored_copy_path
from karabakh_annotator.core.storage.database import DatabaseError, open_database
from karabakh_annotator.core.storage.recovery import (
    OpenFailure,
    Problem,
    check_file_shape,
    diagnose_database,
    explain_open_failure,
)

PAGE = 8192  # the page size open_database gives a new file


def open_like_the_app(path: Path) -> OpenFailure | None:
    """run_gui's steps: a backup on open, then open; the failure the dialog would show, if any."""
    try:
        backup_on_open(str(path))
        open_database(str(path)).dispose()
    except DatabaseError as exc:
        return explain_open_failure(str(path), exc)
    return None


@pytest.fixture(autouse=True)
def _user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups.platformdirs, "user_data_path", lambda *a, **k: tmp_path / "user-data")


@pytest.fixture(scope="module")
def sound_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a database of a few hundred pages, opened once by the app (so it has a backup)."""
    folder = tmp_path_factory.mktemp("sound")
    path = folder / "annotations.sqlite3"
    database = open_database(str(path))
    services = build_services(database)
    texts = [f"قال المتحدث رقم {number} إن الهدنة صامدة منذ يومين وإن المراقبين وصلوا. " * 12 for number in range(120)]
    outcomes = services.articles.import_all(
        ParsedArticle(text=text, raw=text.encode(), source_file=f"{number}.txt") for number, text in enumerate(texts)
    )
    assert {outcome.status for outcome in outcomes} == {"imported"}
    database.dispose()
    result = backup_on_open(str(path), BackupPolicy(fallback_root=folder / "user-data"))
    assert result is not None and result.backup is not None
    return folder


@pytest.fixture
def sound(sound_folder: Path, tmp_path: Path) -> Path:
    """This test's own copy of the sound database and its backups (times kept, so nothing looks changed)."""
    shutil.copytree(sound_folder, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "annotations.sqlite3"
    assert open_like_the_app(path) is None
    return path


def damage(path: Path, change: Callable[[bytes], bytes]) -> bytes:
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    data = change(path.read_bytes())
    path.write_bytes(data)
    return data


CASES: dict[str, tuple[Callable[[bytes], bytes], Problem, str]] = {
    "cut mid-page": (lambda d: d[: len(d) // 2 + 1000], Problem.TRUNCATED, "truncated"),
    "cut at a page boundary": (lambda d: d[: (len(d) // PAGE // 2) * PAGE], Problem.TRUNCATED, "truncated"),
    "cut inside the header": (lambda d: d[:60], Problem.TRUNCATED, "truncated"),
    "random bytes": (lambda d: os.urandom(len(d)), Problem.NOT_SQLITE, "not a SQLite database"),
    "header kept, every page after it zeroed": (
        lambda d: d[:100] + bytes(len(d) - 100), Problem.CORRUPT, "damaged"),
    "first page kept, the rest zeroed": (lambda d: d[:PAGE] + bytes(len(d) - PAGE), Problem.CORRUPT, "damaged"),
    "last pages zeroed": (lambda d: d[: len(d) - 20 * PAGE] + bytes(20 * PAGE), Problem.CORRUPT, "damaged"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_damaged_file_is_explained_left_untouched_and_its_backup_offered(sound: Path, case: str) -> None:
    change, problem, words = CASES[case]
    backup = backups.latest_backup(sound)
    assert backup is not None
    damaged = damage(sound, change)

    failure = open_like_the_app(sound)

    assert failure is not None, "the damaged file was opened as if it were sound"
    assert failure.diagnosis is not None and failure.diagnosis.problem is problem
    assert str(sound) in failure.message and words in failure.message
    assert "left untouched" in failure.message
    assert failure.latest_backup == backup
    assert f"The latest backup is from {backup.label()}" in failure.message
    assert sound.read_bytes() == damaged
    assert backups.latest_backup(sound) == backup, "a damaged file must not rotate a good backup away"


def test_the_offered_backup_opens_beside_the_damaged_file(sound: Path) -> None:
    backup = backups.latest_backup(sound)
    assert backup is not None
    damaged = damage(sound, lambda d: d[: len(d) // 3])
    failure = open_like_the_app(sound)
    assert failure is not None and failure.latest_backup is not None
    result = restore_backup(failure.latest_backup, restored_copy_path(sound, failure.latest_backup))
    database = open_database(str(result.restored))
    try:
        assert len(build_services(database).articles.list_articles()) == 120
    finally:
        database.dispose()
    assert sound.read_bytes() == damaged


def test_without_a_backup_the_message_says_so(tmp_path: Path) -> None:
    path = tmp_path / "lone.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(200))
    failure = open_like_the_app(path)
    assert failure is not None and failure.latest_backup is None
    assert "No backup of it was found." in failure.message


def test_checks_never_write_to_the_file(sound: Path) -> None:
    data = damage(sound, lambda d: d[: 9 * PAGE] + bytes(4 * PAGE) + d[13 * PAGE :])
    mtime = sound.stat().st_mtime_ns
    diagnosis = diagnose_database(sound)
    assert diagnosis.damaged
    assert sound.read_bytes() == data and sound.stat().st_mtime_ns == mtime


def test_a_sound_file_passes_and_the_cheap_check_reads_only_the_header(sound: Path, tmp_path: Path) -> None:
    assert diagnose_database(sound).problem is Problem.NONE
    assert check_file_shape(sound) is None
    assert check_file_shape(tmp_path / "not-yet.sqlite3") is None
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(sound.read_bytes()[: 3 * PAGE])
    assert "truncated" in (check_file_shape(cut) or "")


def test_a_sound_file_refused_for_another_reason_keeps_its_own_message(sound: Path) -> None:
    connection = sqlite3.connect(sound)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    failure = open_like_the_app(sound)
    assert failure is not None
    assert "newer Karabakh Annotator" in failure.message
    assert failure.latest_backup is None  # nothing is damaged: an older backup is not the cure


def test_a_folder_and_a_server_are_not_diagnosed_as_damage(tmp_path: Path) -> None:
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    failure = explain_open_failure(str(folder), DatabaseError(f"{folder} is a folder, not a database file"))
    assert failure.diagnosis is not None and failure.diagnosis.problem is Problem.NOT_A_FILE
    assert failure.latest_backup is None and "folder" in failure.message
    server = explain_open_failure("postgresql+psycopg://analyst:secret@server/desk", DatabaseError("refused"))
    assert server.path is None and server.diagnosis is None
    assert "secret" not in server.message and "refused" in server.message


def test_backups_of_one_database_are_not_offered_for_another(sound: Path, tmp_path: Path) -> None:
    other = tmp_path / "annotations-2.sqlite3"
    other.write_bytes(os.urandom(3 * PAGE))
    diagnosis = diagnose_database(other, BackupPolicy())
    assert diagnosis.damaged and diagnosis.latest_backup is None
