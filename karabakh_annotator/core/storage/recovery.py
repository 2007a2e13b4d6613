"""Say what is wrong with a database file that cannot be opened, and which backup could replace it.

Nothing here writes to the file: it is read through its header and a
read-only SQLite connection. The checks run from cheap to thorough: the
file's size and header, then SQLite's ``quick_check``, then its full
``integrity_check``.
"""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from karabakh_annotator.core.storage.backups import Backup, BackupPolicy, latest_backup
from karabakh_annotator.core.storage.sqlite_files import findings, is_damage, read_only
from karabakh_annotator.core.storage.database import resolve_database_url

SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100
_CHECK_LIMIT = 10  # findings asked of SQLite's checks


class Problem(enum.Enum):
    """What is wrong with a database file."""

    NONE = "none"
    MISSING = "missing"
    NOT_A_FILE = "not_a_file"
    UNREADABLE = "unreadable"
    NOT_SQLITE = "not_sqlite"
    TRUNCATED = "truncated"
    CORRUPT = "corrupt"


# Problems a backup can cure (a missing file or a folder is a wrong path, not damage).
DAMAGE = frozenset({Problem.UNREADABLE, Problem.NOT_SQLITE, Problem.TRUNCATED, Problem.CORRUPT})


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """The state of one database file, in words, with its latest backup."""

    path: Path
    problem: Problem
    detail: str  # what is wrong ("" when nothing is)
    latest_backup: Backup | None

    @property
    def damaged(self) -> bool:
        return self.problem in DAMAGE

    @property
    def message(self) -> str:
        """One paragraph for people: the file, the problem, that it was left alone, the backup."""
        if self.problem is Problem.NONE:
            return f"The database file {self.path} passed SQLite's checks."
        text = f"The database file {self.path} cannot be opened: {self.detail}."
        if self.damaged:
            text += " The file was left untouched."
            text += backup_sentence(self.latest_backup)
        return text


@dataclass(frozen=True, slots=True)
class OpenFailure:
    """Why a database could not be opened, for the recovery dialog."""

    database: str  # what was asked for: a path, or a URL without its password
    path: Path | None  # the SQLite file, when the database is one
    message: str
    diagnosis: Diagnosis | None

    @property
    def latest_backup(self) -> Backup | None:
        """The backup to offer: only for a damaged file."""
        if self.diagnosis is None or not self.diagnosis.damaged:
            return None
        return self.diagnosis.latest_backup


def backup_sentence(backup: Backup | None) -> str:
    """' The latest backup is from ...' or ' No backup of it was found.'"""
    if backup is None:
        return " No backup of it was found."
    return f" The latest backup is from {backup.label()} ({backup.path})."


def check_file_shape(path: Path) -> str | None:
    """Cheap check of a database file from its size and header alone: what is wrong, or None.

    Reads at most 100 bytes; a file that does not exist or is empty is fine
    (a new database is created there).
    """
    try:
        size = path.stat().st_size
        if size == 0:
            return None
        with path.open("rb") as handle:
            header = handle.read(_HEADER_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    return _shape_problem(header, size)[1]


def _shape_problem(header: bytes, size: int) -> tuple[Problem, str | None]:
    if not SQLITE_MAGIC.startswith(header[: len(SQLITE_MAGIC)]):
        return Problem.NOT_SQLITE, "it is not a SQLite database (it does not start with a SQLite header)"
    if len(header) < _HEADER_BYTES:
        return Problem.TRUNCATED, f"it is truncated: only {size:,} bytes, shorter than a SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return Problem.CORRUPT, f"its header is damaged (page size {page_size} is impossible)"
    if size % page_size:
        return Problem.TRUNCATED, (
            f"it is truncated or damaged: {size:,} bytes is not a whole number of {page_size:,}-byte pages"
        )
    pages = int.from_bytes(header[28:32], "big")
    # The page count is valid only when "version-valid-for" equals the change counter.
    if pages and header[92:96] == header[24:28] and size < pages * page_size:
        return Problem.TRUNCATED, (
            f"it is truncated: the file is {size:,} bytes, but its header says it holds {pages * page_size:,}"
        )
    return Problem.NONE, None


def diagnose_database(path: Path, policy: BackupPolicy | None = None, thorough: bool = True) -> Diagnosis:
    """Check a database file without changing it; `thorough` adds SQLite's full integrity check."""
    problem, detail = _diagnose(path, thorough)
    return Diagnosis(path, problem, detail, latest_backup(path, policy))


def _diagnose(path: Path, thorough: bool) -> tuple[Problem, str]:
    if path.is_dir():
        return Problem.NOT_A_FILE, "it is a folder, not a file"
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(_HEADER_BYTES)
    except FileNotFoundError:
        return Problem.MISSING, "there is no such file"
    except OSError as exc:
        return Problem.UNREADABLE, f"it cannot be read ({exc.strerror or exc})"
    if size == 0:
        return Problem.NONE, ""
    problem, detail = _shape_problem(header, size)
    if detail is not None:
        return problem, detail
    return _sqlite_checks(path, thorough)


def _sqlite_checks(path: Path, thorough: bool) -> tuple[Problem, str]:
    try:
        connection = read_only(path)
    except sqlite3.Error as exc:
        return Problem.UNREADABLE, f"SQLite cannot open it ({exc})"
    try:
        checks = ("quick_check", "integrity_check") if thorough else ("quick_check",)
        for check in checks:
            rows = [str(row[0]) for row in connection.execute(f"PRAGMA {check}({_CHECK_LIMIT})").fetchall()]
            if rows != ["ok"]:
                name = "quick check" if check == "quick_check" else "integrity check"
                return Problem.CORRUPT, f"it is damaged: SQLite's {name} failed ({findings(rows)})"
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return Problem.CORRUPT, f"it is damaged: SQLite reports \u201c{exc}\u201d"
        return Problem.UNREADABLE, f"SQLite cannot read it ({exc})"
    finally:
        connection.close()
    return Problem.NONE, ""


def explain_open_failure(
    path_or_url: str | None, error: BaseException, policy: BackupPolicy | None = None
) -> OpenFailure:
    """What to tell the analyst when opening `path_or_url` raised `error`.

    For a SQLite file the file is diagnosed; when it is damaged the message
    says how and names the latest backup. Otherwise (a server database, or a
    sound file refused for another reason, such as a newer schema) the
    message is the error's own.
    """
    url = make_url(resolve_database_url(path_or_url))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        shown = url.render_as_string(hide_password=True)
        return OpenFailure(shown, None, f"The database {shown} cannot be opened: {error}", None)
    path = Path(url.database)
    diagnosis = diagnose_database(path, policy)
    if diagnosis.damaged:
        return OpenFailure(str(path), path, diagnosis.message, diagnosis)
    return OpenFailure(str(path), path, str(error), diagnosis)
