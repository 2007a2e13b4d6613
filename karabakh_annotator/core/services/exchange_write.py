"""Writing helpers shared by the imports: bulk inserts, article companions, event rows, statement placement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, select, text

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services.article_store import PreparedArticle, prepare
from karabakh_annotator.core.services.exchange_schema import SPECS
from karabakh_annotator.core.services.unit_of_work import encode_value
from karabakh_annotator.core.storage.bulk import insert_rows
from karabakh_annotator.core.storage.models import Analyst, Event
from karabakh_annotator.core.storage.search import SearchIndex
from karabakh_annotator.core.text.anchors import quote_context
from karabakh_annotator.core.text.reanchor import Anchorer, Found

_EVENTS = cast(Table, Event.__table__)
_ANALYSTS = cast(Table, Analyst.__table__)


def as_utc(value: Any) -> Any:
    """Times compared as aware UTC (SQLite hands them back naive); other values unchanged."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return value


class Writer:
    """Inserts for one import, all in the caller's transaction."""

    def __init__(self, connection: Connection, index: SearchIndex) -> None:
        self.connection = connection
        self.index = index
        self._events: list[dict[str, Any]] = []

    def insert_exact(self, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows with the values given (ids included), through the driver's executemany."""
        if not rows:
            return
        dialect = self.connection.dialect
        processors: list[Callable[[Any], Any] | None] = [
            table.c[name].type.bind_processor(dialect) for name in columns
        ]
        if any(processors):
            converted = [
                tuple(
                    value if process is None or value is None else process(value)
                    for process, value in zip(processors, row, strict=True)
                )
                for row in rows
            ]
        else:
            converted = [tuple(row) for row in rows]
        insert_rows(self.connection, table.name, columns, converted)

    def insert_new(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert rows without ids; return the ids the database gave them, in order."""
        if not rows:
            return []
        statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        return list(self.connection.execute(statement, list(rows)).scalars().all())

    def index_articles(self, articles: Sequence[tuple[int, str]]) -> None:
        """Sketch rows and search-index entries of stored articles (derived from the text, never exported)."""
        sketches: list[tuple[int, int]] = []
        entries: list[tuple[int, list[str]]] = []
        for article_id, article_text in articles:
            prepared = prepare(ParsedArticle(text=article_text, raw=b"", source_file=""))
            assert isinstance(prepared, PreparedArticle)
            sketches.extend((value, article_id) for value in prepared.sketch)
            entries.append((article_id, prepared.words))
        insert_rows(self.connection, "article_sketches", ("value", "article_id"), sketches)
        self.index.add_articles(self.connection, entries)

    def event(
        self,
        analyst_id: int | None,
        action: str,
        entity_type: str,
        entity_id: int,
        field: str | None = None,
        old: Any = None,
        new: Any = None,
    ) -> None:
        """Queue an event-log row; `flush_events` writes the queue."""
        self._events.append(
            {
                "at": utc_now(),
                "analyst_id": analyst_id,
                "action": action,
                "entity_type": entity_type,
                "entity_id": entity_id,
                "field": field,
                "old_value": encode_value(old),
                "new_value": encode_value(new),
            }
        )

    def flush_events(self) -> None:
        """Write the queued event-log rows."""
        if self._events:
            self.connection.execute(_EVENTS.insert(), self._events)
            self._events.clear()

    def analyst_id(self, name: str | None) -> int | None:
        """The id of analyst `name`, created if new (None for no name)."""
        if name is None or not name.strip():
            return None
        name = name.strip()
        found = self.connection.execute(select(_ANALYSTS.c.id).where(_ANALYSTS.c.name == name)).scalar()
        if found is not None:
            return int(found)
        return self.insert_new(_ANALYSTS, [{"name": name, "created_at": utc_now()}])[0]

    def advance_sequences(self) -> None:
        """After inserting explicit ids on PostgreSQL, move each id sequence past the highest id."""
        if self.connection.dialect.name != "postgresql":
            return
        for spec in SPECS:
            name = spec.table.name
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                )
            )
        self.connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('entity_aliases', 'id'), "
                "COALESCE((SELECT MAX(id) FROM entity_aliases), 0) + 1, false)"
            )
        )


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a statement goes: its span, quote and context in the target text."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    found: Found


class Placer:
    """Places statements into article texts, one Anchorer per text."""

    def __init__(self) -> None:
        self._anchorers: dict[int, Anchorer] = {}

    def place(
        self, key: int, article_text: str, quote: str, prefix: str, suffix: str, start: int
    ) -> Placed | None:
        """The statement's place in `article_text` (cached under `key`), or None."""
        anchorer = self._anchorers.get(key)
        if anchorer is None or anchorer.text is not article_text:
            anchorer = self._anchorers[key] = Anchorer(article_text)
        found = anchorer.place(quote, prefix, suffix, start)
        if found is None:
            return None
        if found.found is Found.UNCHANGED:
            return Placed(found.start, found.end, quote, prefix, suffix, found.found)
        new_prefix, new_suffix = quote_context(article_text, found.start, found.end)
        return Placed(
            found.start, found.end, article_text[found.start : found.end], new_prefix, new_suffix, found.found
        )
