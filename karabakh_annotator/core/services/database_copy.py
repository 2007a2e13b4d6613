"""Copy a whole annotation database into a new or empty one: a local SQLite project to a team server and back.

The source is read in one snapshot and never written (it must already be at
this version's schema: opening an older one would upgrade it). The target
must be new, or at this schema and empty but for its seeded label sets; it is
written in one transaction, with every id kept. Before that transaction
commits, the JSONL export of the target is compared with the source's (as
SHA-256 digests of the bytes): a copy that is not exact, like one that fails
half-way, leaves the target as it was, and a SQLite file the copy created is
removed again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from karabakh_annotator.core.services.copy_tables import (
    EXPORTED,
    CopyProgress,
    ProgressCallback,
    TableCopier,
    export_digest,
    row_counts,
    user_tables,
)
from karabakh_annotator.core.services.exchange_write import Writer
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import SCHEMA_HEAD, Database, DatabaseError, open_database
from karabakh_annotator.core.storage.locations import resolve_database_url
from karabakh_annotator.core.storage.search import index_for

__all__ = ["CopyProgress", "CopyReport", "TargetNotEmpty", "copy_database"]


class TargetNotEmpty(ServiceError):
    """The target is not new, nor empty at this version's schema; nothing was changed."""


@dataclass(frozen=True)
class CopyReport:
    """What was copied: records per JSONL type (as `export --format jsonl` counts them), in file order."""

    source: str
    target: str
    counts: dict[str, int]


@dataclass(frozen=True)
class _Place:
    """A database named on the command line: its URL, how to show it, and its file when it is SQLite."""

    url: str
    shown: str
    file: Path | None

    @classmethod
    def of(cls, path_or_url: str) -> _Place:
        url = resolve_database_url(path_or_url)
        try:
            parsed = make_url(url)
        except SQLAlchemyError as exc:
            raise ServiceError(f"not a database path or URL: {path_or_url!r} ({exc})") from exc
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            file = Path(str(parsed.database)).expanduser().resolve()
            return cls(url, str(file), file)
        return cls(url, parsed.render_as_string(hide_password=True), None)

    def made_by_opening(self) -> list[Path]:
        """What opening would create: the file, then the folders above it that are missing (deepest first)."""
        if self.file is None or self.file.exists():
            return []
        made = [self.file]
        for folder in self.file.parents:
            if folder.exists():
                break
            made.append(folder)
        return made

    def same_as(self, other: _Place) -> bool:
        if self.file is not None or other.file is not None:
            return self.file == other.file
        return make_url(self.url) == make_url(other.url)


def copy_database(source: str, target: str, progress: ProgressCallback | None = None) -> CopyReport:
    """Copy every record of `source` into `target` (each a file path or a SQLAlchemy URL), all or nothing."""
    if not source.strip() or not target.strip():
        raise ServiceError("name both the database to copy and the one to copy it into")
    source_place, target_place = _Place.of(source), _Place.of(target)
    if source_place.same_as(target_place):
        raise ServiceError(f"the source and the target are the same database: {source_place.shown}")
    if source_place.file is not None and not source_place.file.is_file():
        raise ServiceError(f"source database {source_place.shown} does not exist")
    revision = _stamped_revision(source_place)
    if revision is None:
        raise ServiceError(f"source {source_place.shown} holds no Karabakh Annotator database")
    if revision != SCHEMA_HEAD:
        raise ServiceError(
            f"source {source_place.shown} has schema {revision}, this version {SCHEMA_HEAD}: open it once with "
            "this version (it is upgraded on opening), or copy it with the version that wrote it"
        )
    target_revision = _stamped_revision(target_place)
    if target_revision not in (None, SCHEMA_HEAD):
        raise TargetNotEmpty(
            f"target {target_place.shown} has schema {target_revision}, not this version's {SCHEMA_HEAD}: "
            "copy into a new database; nothing was changed"
        )
    source_engine = _open_source(source_place)
    try:
        made = target_place.made_by_opening()
        target_db = _open(target_place, "target")
        try:
            counts = _copy(source_engine, target_db, target_place, progress)
        except TargetNotEmpty:
            raise
        except BaseException as exc:
            target_db.dispose()
            if made:
                outcome = _discard(target_place, made)
            else:
                outcome = f"nothing was written to {target_place.shown}"
                if target_revision is None:
                    outcome += " (but the tables, created when it was opened, are left there empty)"
            if isinstance(exc, (ServiceError, SQLAlchemyError, OSError)):
                reason = getattr(exc, "orig", None) or exc
                raise ServiceError(
                    f"copying {source_place.shown} to {target_place.shown} failed: {reason}; {outcome}"
                ) from exc
            raise
        finally:
            target_db.dispose()
    finally:
        source_engine.dispose()
    return CopyReport(source_place.shown, target_place.shown, counts)


def _read_only_sqlite(path: Path) -> Engine:
    """An engine that cannot write the file, not even the switch to WAL that open_database makes."""
    uri = f"{path.as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(uri, uri=True, timeout=5)
        # SQLAlchemy, not the sqlite3 module, decides where transactions begin (as in open_database),
        # so every table is read in one snapshot.
        connection.isolation_level = None
        return connection

    engine = create_engine("sqlite://", creator=connect)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _stamped_revision(place: _Place) -> str | None:
    """The schema revision a database is stamped with, read without writing (None: new or empty)."""
    try:
        if place.file is not None:
            if not place.file.is_file():
                return None
            engine = _read_only_sqlite(place.file)
        else:
            url = make_url(place.url)
            if url.drivername in ("postgresql", "postgres"):
                # As open_database does: psycopg 3 is the PostgreSQL driver shipped.
                url = url.set(drivername="postgresql+psycopg")
            engine = create_engine(url)
        try:
            with engine.connect() as connection:
                if not inspect(connection).has_table("alembic_version"):
                    return None
                found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                return None if found is None else str(found)
        finally:
            engine.dispose()
    except (SQLAlchemyError, ImportError) as exc:
        reason = getattr(exc, "orig", None) or exc
        raise ServiceError(f"cannot open database {place.shown}: {reason}") from exc


def _open_source(place: _Place) -> Engine:
    """The source, opened so that it is not written (its schema was checked to be this version's)."""
    if place.file is not None:
        return _read_only_sqlite(place.file)
    return _open(place, "source").engine


def _open(place: _Place, role: str) -> Database:
    try:
        return open_database(place.url)
    except DatabaseError as exc:
        raise ServiceError(f"{role}: {exc}") from exc


def _discard(place: _Place, made: list[Path]) -> str:
    """Remove the SQLite file (with its WAL companions) and folders the copy made; say so."""
    assert place.file is not None
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{place.file}{suffix}").unlink(missing_ok=True)
        for folder in made[1:]:
            folder.rmdir()
    except OSError as exc:
        return f"the new file {place.shown} is incomplete and could not be removed ({exc.strerror}): delete it"
    return f"the new file {place.shown} was removed"


def _copy(
    source: Engine, target: Database, target_place: _Place, progress: ProgressCallback | None
) -> dict[str, int]:
    """Read the source in one snapshot, write the target in one transaction that commits only if checked."""
    with source.connect() as connection:
        reading = connection
        if connection.dialect.name == "postgresql":
            # One snapshot of a server others may be editing, and a guarantee that it is not written.
            reading = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with reading.begin():
            totals = row_counts(reading)
            with target.sessions.begin() as session:
                writing = session.connection()
                _refuse_unless_empty(writing, target_place)
                writer = Writer(writing, index_for(writing.dialect.name))
                TableCopier(reading, writer, totals, progress).run()
                return _check(reading, writing, totals, progress)


def _refuse_unless_empty(connection: Connection, place: _Place) -> None:
    found = {name: count for name, count in row_counts(connection, user_tables()).items() if count}
    if found:
        held = ", ".join(f"{count} {name}" for name, count in found.items())
        raise TargetNotEmpty(
            f"target {place.shown} is not empty ({held}): copy only into a new or empty database; nothing was changed"
        )


def _check(
    reading: Connection, writing: Connection, totals: dict[str, int], progress: ProgressCallback | None
) -> dict[str, int]:
    """Compare the target's export and row counts with the source's; return the export's counts."""
    records = sum(count for table, count in totals.items() if table in EXPORTED)
    source_digest, counts = export_digest(reading, progress, 0, 2 * records)
    target_digest, _ = export_digest(writing, progress, records, 2 * records)
    copied = row_counts(writing)
    if copied != totals:
        differ = [f"{name} {totals[name]} -> {copied[name]}" for name in totals if copied[name] != totals[name]]
        raise ServiceError(f"the copy's row counts differ from the source's ({', '.join(differ)})")
    if target_digest != source_digest:
        raise ServiceError("the copy's JSONL export differs from the source's")
    return counts
