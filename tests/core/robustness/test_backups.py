"""Rolling backups on open: what is kept, what is skipped, and restoring without overwriting anything."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage import backups
from karabakh_annotator.core.storage.backups import (
    BackupError,
    BackupPolicy,
    DamagedDatabaseError,
    backup_database,
    backup_on_open,
    latest_backup,
    list_backups,
    restore_backup,
    restored_copy_path,
)
from karabakh_annotator.core.storage.database import open_database


def add_article(path: Path, text: str) -> int:
    """Open the database, store one article, close it (as one app session would)."""
    database = open_database(str(path))
    try:
        outcome = build_services(database).articles.store_article(
            ParsedArticle(text=text, raw=text.encode(), source_file=f"{len(text)}.txt")
        )
        assert outcome.article_id is not None
        return outcome.article_id
    finally:
        database.dispose()


def article_texts(path: Path) -> list[str]:
    database = open_database(str(path))
    try:
        services = build_services(database)
        return [services.articles.get_article(a.id).text for a in services.articles.list_articles()]
    finally:
        database.dispose()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


@pytest.fixture
def policy(tmp_path: Path) -> BackupPolicy:
    """Keep three; the user data folder fallback is inside the test's folder."""
    return BackupPolicy(keep=3, fallback_root=tmp_path / "user-data")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "desk" / "annotations.sqlite3"


def test_a_backup_is_a_complete_sound_copy_next_to_the_database(db: Path, policy: BackupPolicy) -> None:
    db.parent.mkdir()
    add_article(db, "قال المتحدث إن الهدنة صامدة منذ يومين.")
    result = backup_database(db, policy)
    assert result.backup is not None, result.reason
    assert result.backup.path.parent == db.parent / "backups"
    assert result.backup.path.name.startswith("annotations.backup-") and result.backup.path.suffix == ".sqlite3"
    assert integrity(result.backup.path) == "ok"
    assert article_texts(result.backup.path) == ["قال المتحدث إن الهدنة صامدة منذ يومين."]
    assert latest_backup(db, policy) == result.backup
    # Nothing temporary is left behind, and the copy opens without -wal/-shm files.
    assert sorted(p.name for p in result.backup.path.parent.iterdir() if not p.name.startswith(".")) == [
        result.backup.path.name
    ]


def test_nothing_is_backed_up_for_a_missing_empty_or_untouched_database(db: Path, policy: BackupPolicy) -> None:
    assert backup_database(db, policy).reason == "no database file yet"
    db.mkdir(parents=True)
    assert backup_database(db, policy).reason == "not a database file"
    db.rmdir()
    db.write_bytes(b"")
    assert backup_database(db, policy).reason == "the database is new and empty"
    db.unlink()
    open_database(str(db)).dispose()  # created and migrated, but no work in it
    result = backup_database(db, policy)
    assert result.backup is None and result.reason == "the database holds no annotation work yet"
    assert list_backups(db, policy) == []


def test_an_unchanged_database_is_not_backed_up_twice(db: Path, policy: BackupPolicy) -> None:
    db.parent.mkdir()
    add_article(db, "نص أول عن الهدنة في الإقليم.")
    first = backup_database(db, policy)
    article_texts(db)  # a session that only reads
    again = backup_database(db, policy)
    assert first.backup is not None
    assert again.backup is None and again.reason.startswith("unchanged since the backup of")
    add_article(db, "نص ثان عن تبادل الأسرى.")
    assert backup_database(db, policy).backup is not None
    assert len(list_backups(db, policy)) == 2


def test_only_the_newest_backups_are_kept(db: Path, policy: BackupPolicy) -> None:
    db.parent.mkdir()
    taken = []
    for number in range(5):
        add_article(db, f"نص رقم {number} عن وقف إطلاق النار.")
        result = backup_database(db, policy)
        assert result.backup is not None
        taken.append(result.backup)
    kept = list_backups(db, policy)
    assert kept == sorted(taken[-3:], reverse=True)
    assert not any(old.path.exists() for old in taken[:2])
    assert len(article_texts(kept[0].path)) == 5


def test_keep_is_configurable_by_environment_and_zero_turns_backups_off(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert BackupPolicy.from_environment({}).keep == 5
    assert BackupPolicy.from_environment({backups.KEEP_ENV_VAR: "12"}).keep == 12
    assert BackupPolicy.from_environment({backups.KEEP_ENV_VAR: "lots"}).keep == 5
    db.parent.mkdir()
    add_article(db, "نص عن المحادثات.")
    monkeypatch.setenv(backups.KEEP_ENV_VAR, "0")
    monkeypatch.setattr(backups.platformdirs, "user_data_path", lambda *a, **k: tmp_path / "user-data")
    assert backup_on_open(str(db)) is not None
    assert list_backups(db) == []
    monkeypatch.setenv(backups.KEEP_ENV_VAR, "1")
    result = backup_on_open(str(db))
    assert result is not None and result.backup is not None
    assert backup_on_open("postgresql+psycopg://analyst@server/desk") is None


def test_backups_go_to_the_user_data_folder_when_the_folder_beside_cannot_be_written(
    db: Path, policy: BackupPolicy, tmp_path: Path
) -> None:
    db.parent.mkdir()
    add_article(db, "نص عن الحدود.")
    (db.parent / "backups").write_text("a file where the folder would go")
    result = backup_database(db, policy)
    assert result.backup is not None
    assert result.backup.path.is_relative_to(tmp_path / "user-data")
    assert latest_backup(db, policy) == result.backup


def test_a_killed_backup_leaves_no_backup_and_its_leftovers_are_cleared(db: Path, policy: BackupPolicy) -> None:
    db.parent.mkdir()
    add_article(db, "نص عن القصف.")
    folder = db.parent / "backups"
    folder.mkdir()
    partial = folder / "annotations.backup-20200101T000000.000000Z.sqlite3.partial"
    partial.write_bytes(b"SQLite format 3\x00 half of a page")
    assert list_backups(db, policy) == []
    assert backup_database(db, policy).backup is not None
    assert not partial.exists()


def test_no_backup_starts_while_another_is_running(
    db: Path, policy: BackupPolicy, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.parent.mkdir()
    add_article(db, "نص عن المراقبين.")
    copying, release = threading.Event(), threading.Event()
    real_copy = backups._copy_checked

    def slow_copy(source: Path, target: Path) -> bool:
        copying.set()
        release.wait(10)
        return real_copy(source, target)

    monkeypatch.setattr(backups, "_copy_checked", slow_copy)
    results: list[backups.BackupResult] = []
    first = threading.Thread(target=lambda: results.append(backup_database(db, policy)))
    first.start()
    assert copying.wait(10)
    monkeypatch.setattr(backups, "_copy_checked", real_copy)
    second = backup_database(db, policy, force=True)
    release.set()
    first.join(10)
    assert second.backup is None and second.reason == f"another backup is running in {db.parent / 'backups'}"
    assert results[0].backup is not None
    assert list_backups(db, policy) == [results[0].backup]


def test_a_damaged_database_is_not_backed_up_and_good_backups_are_kept(db: Path, policy: BackupPolicy) -> None:
    db.parent.mkdir()
    add_article(db, "نص عن الهدنة " * 2000)
    good = backup_database(db, policy).backup
    assert good is not None
    data = bytearray(db.read_bytes())
    half = len(data) // 2
    data[half:] = bytes(len(data) - half)  # the second half of the pages zeroed
    db.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError, match=f"{db} is damaged"):
        backup_database(db, policy, force=True)
    assert db.read_bytes() == bytes(data)
    assert list_backups(db, policy) == [good]


def test_restore_moves_the_damaged_file_aside_and_says_so(db: Path, policy: BackupPolicy) -> None:
    db.parent.mkdir()
    add_article(db, "نص سليم قبل العطب.")
    backup = backup_database(db, policy).backup
    assert backup is not None
    damaged = os.urandom(4096)
    db.write_bytes(damaged)
    wal = db.with_name(db.name + "-wal")
    wal.write_bytes(b"a stale write-ahead log")
    result = restore_backup(backup, db)
    assert article_texts(db) == ["نص سليم قبل العطب."]
    aside = result.moved_aside[0]
    assert aside.read_bytes() == damaged and aside.name.startswith("annotations.damaged-")
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"a stale write-ahead log"
    assert str(aside) in result.message and "moved aside" in result.message
    assert backup.path.exists()


def test_restoring_to_a_new_name_touches_nothing_else(db: Path, policy: BackupPolicy) -> None:
    db.parent.mkdir()
    add_article(db, "نص للنسخة المستعادة.")
    backup = backup_database(db, policy).backup
    assert backup is not None
    before = db.read_bytes()
    target = restored_copy_path(db, backup)
    assert target.parent == db.parent and target.name.startswith("annotations.restored-")
    result = restore_backup(backup, target)
    assert result.moved_aside == () and "moved aside" not in result.message
    assert db.read_bytes() == before
    assert article_texts(target) == ["نص للنسخة المستعادة."]
    assert restored_copy_path(db, backup) != target  # a second restore gets its own file


def test_a_damaged_backup_is_refused_and_nothing_moves(db: Path, policy: BackupPolicy, tmp_path: Path) -> None:
    db.parent.mkdir()
    add_article(db, "نص الملف الحالي.")
    before = db.read_bytes()
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    with pytest.raises(BackupError, match="nothing was changed|cannot be read"):
        restore_backup(broken, db)
    assert db.read_bytes() == before
    assert not [p for p in db.parent.iterdir() if p.name.startswith(("annotations.damaged", ".annotations"))]


@pytest.fixture(autouse=True)
def _no_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The default policy must never write into the real user data folder during tests."""
    monkeypatch.setattr(backups.platformdirs, "user_data_path", lambda *a, **k: tmp_path / "user-data")
    yield
