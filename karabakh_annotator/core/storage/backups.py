"""Rolling backups of a local SQLite database, taken when it is opened, and restoring one.

A backup is a complete SQLite file written with SQLite's online backup API
(consistent even while another connection writes), checked with
``PRAGMA quick_check``, written under a temporary name and renamed into
place, so a backup folder never holds a half-written backup under a backup's
name. The last `keep` backups of each database are kept. A database that
fails the check is not backed up (and older, good backups are not rotated
away); the caller is told it is damaged.

Backups live in a ``backups`` folder next to the database, or, where that
folder cannot be written, in the user data folder. Restoring never
overwrites a file: whatever is at the target is first moved aside to a new
name, and the result says where.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url

from karabakh_annotator.core.storage.database import DatabaseError, resolve_database_url
from karabakh_annotator.core.storage.locations import APP_NAME
from karabakh_annotator.core.storage.sqlite_files import (
    COMPANION_SUFFIXES,
    exclusive,
    fsync,
    fsync_folder,
    is_damage,
    quick_check,
    read_only,
)

DEFAULT_KEEP = 5
# How many backups to keep of each database; 0 turns backups off.
KEEP_ENV_VAR = "KARABAKH_ANNOTATOR_BACKUPS"
BACKUP_FOLDER = "backups"
_PARTIAL = ".partial"
_STAMP_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_STAMP = r"(\d{8}T\d{6}\.\d{6}Z)"


class BackupError(RuntimeError):
    """A backup could not be restored; nothing was changed."""


class DamagedDatabaseError(DatabaseError):
    """The database failed SQLite's own check while being backed up; it was left untouched."""


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """How many backups to keep, and where (None: next to the database, else the user data folder)."""

    keep: int = DEFAULT_KEEP
    folder: Path | None = None
    fallback_root: Path = field(default_factory=lambda: platformdirs.user_data_path(APP_NAME, appauthor=False))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> BackupPolicy:
        """The default policy, with `keep` from $KARABAKH_ANNOTATOR_BACKUPS when it is a whole number."""
        value = (os.environ if environ is None else environ).get(KEEP_ENV_VAR, "").strip()
        if value.isdigit():
            return cls(keep=int(value))
        return cls()


@dataclass(frozen=True, slots=True, order=True)
class Backup:
    """One backup file of a database; ordered by when it was taken."""

    taken_at: dt.datetime  # UTC
    path: Path

    def label(self) -> str:
        """When it was taken, in local time, for people: 2025-11-22 14:05."""
        return self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class BackupResult:
    """What one backup attempt did: the new backup, or why none was taken."""

    database: Path
    backup: Backup | None
    reason: str
    removed: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """Where a backup was restored, and where whatever was there before now is."""

    backup: Path
    restored: Path
    moved_aside: tuple[Path, ...]
    message: str


# -- where backups are ---------------------------------------------------------


def _pattern(database: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f"{database.stem}.backup-") + _STAMP + re.escape(database.suffix) + "$")


def _backup_name(database: Path, taken_at: dt.datetime) -> str:
    return f"{database.stem}.backup-{taken_at.strftime(_STAMP_FORMAT)}{database.suffix}"


def _fallback_folder(database: Path, policy: BackupPolicy) -> Path:
    digest = hashlib.sha256(str(database.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return policy.fallback_root / BACKUP_FOLDER / f"{database.stem}-{digest}"


def backup_folders(database: Path, policy: BackupPolicy | None = None) -> list[Path]:
    """Where backups of `database` may be, the preferred folder first."""
    policy = policy or BackupPolicy.from_environment()
    if policy.folder is not None:
        return [policy.folder]
    return [database.parent / BACKUP_FOLDER, _fallback_folder(database, policy)]


def list_backups(database: Path, policy: BackupPolicy | None = None) -> list[Backup]:
    """Every backup of `database`, newest first."""
    pattern = _pattern(database)
    found: list[Backup] = []
    for folder in backup_folders(database, policy):
        try:
            names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
        except OSError:
            continue
        for name in names:
            match = pattern.match(name)
            if match is None:
                continue
            taken_at = dt.datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=dt.UTC)
            found.append(Backup(taken_at, folder / name))
    return sorted(found, reverse=True)


def latest_backup(database: Path, policy: BackupPolicy | None = None) -> Backup | None:
    """The newest backup of `database`, if there is one."""
    backups = list_backups(database, policy)
    return backups[0] if backups else None


# -- taking a backup -----------------------------------------------------------


def backup_on_open(path_or_url: str | None, policy: BackupPolicy | None = None) -> BackupResult | None:
    """Back up the local SQLite database about to be opened (None for a server database).

    Never stops the opening for a backup that cannot be written; raises
    DamagedDatabaseError when the database fails SQLite's check, so the
    caller can offer a backup instead of opening it.
    """
    url = make_url(resolve_database_url(path_or_url))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return backup_database(Path(url.database), policy)


def backup_database(database: Path, policy: BackupPolicy | None = None, *, force: bool = False) -> BackupResult:
    """Take a backup of `database` unless there is nothing new to keep; drop the oldest beyond `keep`.

    Skipped when backups are off, the database is missing or holds no work
    yet, it has not changed since the latest backup (unless `force`), or
    another backup of it is running. Raises DamagedDatabaseError when the
    database fails SQLite's check.
    """
    policy = policy or BackupPolicy.from_environment()
    if policy.keep <= 0:
        return BackupResult(database, None, "backups are turned off")
    try:
        info = database.stat()
    except OSError:
        return BackupResult(database, None, "no database file yet")
    if not stat.S_ISREG(info.st_mode):
        return BackupResult(database, None, "not a database file")
    if info.st_size == 0:
        return BackupResult(database, None, "the database is new and empty")
    latest = latest_backup(database, policy)
    if latest is not None and not force and not _changed_since(database, latest.taken_at):
        return BackupResult(database, None, f"unchanged since the backup of {latest.label()}")
    folder = _writable_folder(database, policy)
    if folder is None:
        return BackupResult(database, None, "no backup folder could be created")
    with exclusive(folder) as acquired:
        if not acquired:
            return BackupResult(database, None, f"another backup is running in {folder}")
        _remove_partials(folder, database)
        taken_at = dt.datetime.now(dt.UTC)
        target = folder / _backup_name(database, taken_at)
        try:
            if not _copy_checked(database, target):
                return BackupResult(database, None, "the database holds no annotation work yet")
        except OSError as exc:
            return BackupResult(database, None, f"the backup could not be written: {exc.strerror or exc}")
        except sqlite3.Error as exc:
            if is_damage(exc):
                raise DamagedDatabaseError(_damage_message(database, str(exc))) from exc
            return BackupResult(database, None, f"the backup could not be written: {exc}")
        removed = _rotate(database, policy)
    return BackupResult(database, Backup(taken_at, target), f"backed up to {target}", removed)


def _changed_since(database: Path, moment: dt.datetime) -> bool:
    """Whether the file (or its write-ahead log) was written after `moment`."""
    stamp = moment.timestamp()
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            info = path.stat()
        except OSError:
            continue
        if info.st_size > 0 and info.st_mtime >= stamp:
            return True
    return False


def _writable_folder(database: Path, policy: BackupPolicy) -> Path | None:
    for folder in backup_folders(database, policy):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError:
            continue
        return folder
    return None


def _holds_work(connection: sqlite3.Connection) -> bool:
    """Whether any article or event-log row exists (a database only migrated holds neither)."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return any(
        connection.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}")').fetchone()[0]  # noqa: S608 - fixed names
        for name in ("events", "articles")
        if name in tables
    )


def _copy_checked(source: Path, target: Path) -> bool:
    """Copy `source` into `target` through a temporary file; False (nothing written) when it holds no work."""
    partial = target.with_name(target.name + _PARTIAL)
    reader = read_only(source)
    try:
        if not _holds_work(reader):
            return False
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
            # A rollback-journal file opens read-only without creating -wal and -shm files.
            writer.execute("PRAGMA journal_mode=DELETE")
            problems = quick_check(writer)
        finally:
            writer.close()
        if problems:
            raise sqlite3.DatabaseError(f"database disk image is malformed ({problems})")
        fsync(partial)
        os.replace(partial, target)
        fsync_folder(target.parent)
        return True
    finally:
        reader.close()
        for leftover in [partial, *(partial.with_name(partial.name + s) for s in COMPANION_SUFFIXES)]:
            leftover.unlink(missing_ok=True)


def _damage_message(database: Path, detail: str) -> str:
    return f"{database} is damaged: SQLite's check of it failed ({detail}). The file was left untouched."


def _rotate(database: Path, policy: BackupPolicy) -> tuple[Path, ...]:
    removed: list[Path] = []
    for old in list_backups(database, policy)[policy.keep :]:
        try:
            old.path.unlink()
        except OSError:
            continue
        removed.append(old.path)
        for suffix in COMPANION_SUFFIXES:
            old.path.with_name(old.path.name + suffix).unlink(missing_ok=True)
    return tuple(removed)


def _remove_partials(folder: Path, database: Path) -> None:
    """Temporary files left by a backup that was killed (only ever touched under the lock)."""
    prefix = f"{database.stem}.backup-"
    for entry in os.scandir(folder):
        if entry.name.startswith(prefix) and _PARTIAL in entry.name:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


# -- restoring -------------------------------------------------------------------


def restored_copy_path(damaged: Path, backup: Backup) -> Path:
    """A new file name next to `damaged` for a copy of `backup` (never an existing file)."""
    stamp = backup.taken_at.strftime("%Y%m%dT%H%M%S")
    return _unused(damaged.with_name(f"{damaged.stem}.restored-{stamp}{damaged.suffix}"))


def _unused(path: Path) -> Path:
    candidate, number = path, 1
    while _exists_with_companions(candidate):
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _exists_with_companions(path: Path) -> bool:
    return path.exists() or any(path.with_name(path.name + s).exists() for s in COMPANION_SUFFIXES)


def restore_backup(backup: Backup | Path, target: Path) -> RestoreResult:
    """Copy `backup` to `target`; a file already at `target` is moved aside first, never overwritten.

    The backup is checked before anything is moved; raises BackupError (with
    nothing changed) when it is itself damaged or cannot be read.
    """
    source = backup.path if isinstance(backup, Backup) else backup
    partial = target.with_name(f".{target.name}.restoring{_PARTIAL}")
    try:
        reader = read_only(source)
    except sqlite3.Error as exc:
        raise BackupError(f"the backup {source} cannot be read: {exc}") from exc
    try:
        try:
            problems = quick_check(reader)
        except sqlite3.Error as exc:
            problems = str(exc)
        if problems:
            raise BackupError(f"the backup {source} is itself damaged ({problems}); nothing was changed")
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in [partial, *(partial.with_name(partial.name + s) for s in COMPANION_SUFFIXES)]:
            leftover.unlink(missing_ok=True)
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
        fsync(partial)
        moved = _move_aside(target)
        try:
            os.replace(partial, target)
        except OSError:
            _move_back(moved)
            raise
        fsync_folder(target.parent)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup {source} could not be restored to {target}: {exc}") from exc
    finally:
        reader.close()
    message = f"The backup {source.name} was restored to {target}."
    if moved:
        message += f" The file that was there was moved aside, unchanged, to {moved[0][1]}."
    return RestoreResult(source, target, tuple(destination for _source, destination in moved), message)


def _move_aside(target: Path) -> list[tuple[Path, Path]]:
    """Rename the file at `target` (and SQLite's files beside it) to an unused name; the (from, to) pairs."""
    if not _exists_with_companions(target):
        return []
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    aside = _unused(target.with_name(f"{target.stem}.damaged-{stamp}{target.suffix}"))
    moved: list[tuple[Path, Path]] = []
    for suffix in ("", *COMPANION_SUFFIXES):
        source = target.with_name(target.name + suffix)
        if source.exists():
            destination = aside.with_name(aside.name + suffix)
            os.rename(source, destination)
            moved.append((source, destination))
    return moved


def _move_back(moved: list[tuple[Path, Path]]) -> None:
    """Undo `_move_aside` after a failed restore, so everything is where it was."""
    for source, destination in moved:
        with contextlib.suppress(OSError):
            os.rename(destination, source)
