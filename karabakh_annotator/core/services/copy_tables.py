"""The rows of a database copy: every table with its own ids, the search index, and the export check.

The tables and columns are those the JSONL export writes (exchange_schema,
derived from the models, so a column a migration adds is copied without a
change here), plus the two the export leaves out: entity aliases and the
MinHash sketches, copied as they are rather than computed again. The search
index is derived data in a dialect of its own, so it is built for the target
from the article text, as an import does.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, select, update

from karabakh_annotator.core.exporters.jsonl_export import write_jsonl
from karabakh_annotator.core.services.exchange_schema import SPECS, schema_revision, table_rows
from karabakh_annotator.core.services.exchange_write import Writer
from karabakh_annotator.core.storage.models import Base
from karabakh_annotator.core.text.normalize import word_tokens

_TABLES = Base.metadata.tables
# A table the export leaves out (exchange_schema.NOT_EXPORTED) is copied right after the one it belongs to;
# tests/core/test_copy.py checks that every table is copied.
_COMPANIONS: dict[str, str] = {"entities": "entity_aliases", "articles": "article_sketches"}

COPIED_TABLES: tuple[Table, ...] = tuple(
    _TABLES[name]
    for spec in SPECS
    for name in (spec.table.name, _COMPANIONS.get(spec.table.name))
    if name is not None
)
"""Every table, parents before children: the order rows are written in."""
EXPORTED = frozenset(spec.table.name for spec in SPECS)
"""The tables whose rows are records of the JSONL export."""

# Rows read and written per round trip: articles are ~10-20 KB each (text and raw bytes).
_BATCH = {"articles": 100, "article_sketches": 5_000}
_DEFAULT_BATCH = 1_000
_CHECK_STEP = 1_000


@dataclass(frozen=True, slots=True)
class CopyProgress:
    """How far a copy has come: `done` of `total` rows, now at `table`, while `stage` is "copying" or "checking"."""

    stage: str
    table: str
    done: int
    total: int


ProgressCallback = Callable[[CopyProgress], None]


def row_counts(connection: Connection, tables: Iterable[Table] = COPIED_TABLES) -> dict[str, int]:
    """Rows in each table, by table name."""
    return {table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0) for table in tables}


def user_tables() -> tuple[Table, ...]:
    """The tables that hold a project's work (all but the label sets a new database is seeded with)."""
    return tuple(table for table in COPIED_TABLES if table.name != "labels")


class TableCopier:
    """Copies every table from a reading connection into the writer's, in the writer's transaction."""

    def __init__(
        self, reading: Connection, writer: Writer, totals: dict[str, int], progress: ProgressCallback | None
    ) -> None:
        self.reading, self.writer, self.progress = reading, writer, progress
        self.done, self.total = 0, sum(totals.values())

    def run(self) -> None:
        """All rows, then the id sequences moved past them (PostgreSQL)."""
        # The target's seeded label sets give way to the source's (nothing refers to them yet).
        self.writer.connection.execute(delete(_TABLES["labels"]))
        for table in COPIED_TABLES:
            if table.name == "articles":
                self._copy_articles(table)
            else:
                self._copy(table)
        self.writer.advance_sequences()

    def _batches(self, table: Table) -> Iterator[list[tuple[Any, ...]]]:
        self._report(table.name)
        size = _BATCH.get(table.name, _DEFAULT_BATCH)
        query = select(*table.columns).order_by(*table.primary_key.columns).execution_options(yield_per=size)
        for rows in self.reading.execute(query).partitions():
            yield [tuple(row) for row in rows]
            self.done += len(rows)
            self._report(table.name)

    def _report(self, table: str) -> None:
        if self.progress is not None:
            self.progress(CopyProgress("copying", table, self.done, self.total))

    def _copy(self, table: Table) -> None:
        columns = tuple(column.name for column in table.columns)
        for rows in self._batches(table):
            self.writer.insert_exact(table, columns, rows)

    def _copy_articles(self, table: Table) -> None:
        columns = tuple(column.name for column in table.columns)
        near, text = columns.index("near_duplicate_of_id"), columns.index("text")
        links: list[dict[str, int]] = []
        for rows in self._batches(table):
            # Near-duplicate links are set once every article exists (a link may point forward).
            links += [{"article": row[0], "target": row[near]} for row in rows if row[near] is not None]
            self.writer.insert_exact(table, columns, [row[:near] + (None,) + row[near + 1 :] for row in rows])
            entries = [(row[0], word_tokens(row[text])) for row in rows]
            self.writer.index.add_articles(self.writer.connection, entries)
        if links:
            link = update(table).where(table.c.id == bindparam("article"))
            self.writer.connection.execute(link.values(near_duplicate_of_id=bindparam("target")), links)


class _Digest(io.RawIOBase):
    """A write-only stream that keeps the SHA-256 of what is written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.hash = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.hash.update(data)
        return len(data)


def export_digest(
    connection: Connection, progress: ProgressCallback | None = None, done: int = 0, total: int = 0
) -> tuple[str, dict[str, int]]:
    """The SHA-256 of the database's JSONL export (the bytes `export --format jsonl` writes) and its counts.

    `progress` hears every thousandth record, counted on from `done` towards `total`.
    """

    def counted(table: str, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        nonlocal done
        for row in rows:
            yield row
            done += 1
            if progress is not None and done % _CHECK_STEP == 0:
                progress(CopyProgress("checking", table, done, total))

    digest = _Digest()
    # Rows stream from the server (not a whole table of article texts in memory at once).
    streaming = connection.get_execution_options().get("stream_results", False)
    connection.execution_options(stream_results=True)
    try:
        with io.TextIOWrapper(io.BufferedWriter(digest), encoding="utf-8", newline="") as stream:
            sections = ((spec.record, counted(spec.table.name, table_rows(connection, spec))) for spec in SPECS)
            counts = write_jsonl(stream, schema_revision(connection), sections)
    finally:
        connection.execution_options(stream_results=streaming)
    return digest.hash.hexdigest(), counts
