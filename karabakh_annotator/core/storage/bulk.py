"""Many-row inserts straight to the driver, for import's hot path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _placeholder(connection: Connection) -> str:
    mark = _PLACEHOLDERS.get(connection.dialect.paramstyle)
    if mark is None:
        raise NotImplementedError(f"no bulk statement for paramstyle {connection.dialect.paramstyle!r}")
    return mark


def select_in(
    connection: Connection, table: str, columns: Sequence[str], key: str, values: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """Rows of `columns` whose `key` is one of `values` (a few thousand at most per call).

    SQLAlchemy renders a named parameter per value of an expanding IN each
    time; for thousands of sketch values per import batch that costs more
    than the query.
    """
    if not values:
        return []
    quote = connection.dialect.identifier_preparer.quote
    marks = ", ".join([_placeholder(connection)] * len(values))
    sql = f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)} WHERE {quote(key)} IN ({marks})"
    return [tuple(row) for row in connection.exec_driver_sql(sql, tuple(values))]


def insert_rows(connection: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT `rows` (tuples in `columns` order) with the driver's executemany.

    SQLAlchemy's executemany prepares a parameter dictionary per row, which
    for 30+ sketch rows per article cost more than SQLite's own work. Values
    must already be in the driver's types (ints, strings, bytes).
    """
    if not rows:
        return
    mark = _placeholder(connection)
    quote = connection.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    connection.exec_driver_sql(sql, list(rows))
