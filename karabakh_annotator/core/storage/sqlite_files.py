"""SQLite files on disk: read-only connections, SQLite's own check, durable renames, a folder lock.

What backups.py and recovery.py share; nothing here knows the schema.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

# Files SQLite keeps beside a database while it is in use or after a crash.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
LOCK_FILE = ".backup.lock"


def read_only(database: Path) -> sqlite3.Connection:
    """A connection that cannot write a byte of the database (it may create the -shm index beside it)."""
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)


def quick_check(connection: sqlite3.Connection) -> str:
    """SQLite's quick check: an empty string when it passes, else its first findings."""
    rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check(10)").fetchall()]
    return "" if rows == ["ok"] else findings(rows)


def findings(rows: list[str], limit: int = 3) -> str:
    """SQLite's check output on one line: the first few findings, without its section headings."""
    lines = [line.strip() for row in rows for line in row.splitlines()]
    lines = [line for line in lines if line and not line.startswith("***")]
    return "; ".join(lines[:limit]) + ("; \u2026" if len(lines) > limit else "")


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite's error says the file is damaged or not a database (rather than busy, full or missing)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc)


def fsync(path: Path) -> None:
    """Flush a written file to the disk before it is renamed into place."""
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries, so a rename survives a power cut."""
    if sys.platform == "win32":
        return  # folders cannot be opened for fsync on Windows; NTFS journals the rename
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def exclusive(folder: Path) -> Iterator[bool]:
    """Hold `folder`'s lock while the block runs; yields False (holding nothing) if another holds it.

    An operating-system lock (not the file's existence) is used, so a backup
    process that was killed leaves no stale lock behind.
    """
    with (folder / LOCK_FILE).open("a+b") as handle:
        if not _try_lock(handle):
            yield False
            return
        try:
            yield True
        finally:
            _unlock(handle)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
