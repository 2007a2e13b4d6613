"""Restoring a JSONL dump into an empty database: every record with its own id.

The default labels a new database is seeded with are replaced by the file's
label sets (nothing refers to them yet; a file without labels keeps them). Statements are checked against
their article's text; one whose quote is not at its offsets (a hand-edited
file) is placed again or, failing that, listed in the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, update

from karabakh_annotator.core.importers.annotations import JsonlDump, JsonlRecord
from karabakh_annotator.core.services.exchange_checks import article_texts
from karabakh_annotator.core.services.exchange_report import (
    LEFT_OUT,
    QUOTE_NOT_FOUND,
    UNLINKED,
    MovedStatement,
    ReportBuilder,
    UnplacedStatement,
)
from karabakh_annotator.core.services.exchange_schema import (
    EXPORTED_TABLES,
    SPEC_BY_TYPE,
    TableSpec,
)
from karabakh_annotator.core.services.exchange_write import Placer, Writer
from karabakh_annotator.core.storage.models import EntityAlias, Label

_ALIAS_COLUMNS = ("entity_id", "alias")
_ALIASES = cast(Table, EntityAlias.__table__)


def _rows(spec: TableSpec, records: Sequence[JsonlRecord]) -> list[tuple[Any, ...]]:
    width = len(spec.columns)
    return [record.values[:width] for record in records]


class Restorer:
    """Writes a whole dump into an empty database."""

    def __init__(self, writer: Writer, dump: JsonlDump, report: ReportBuilder, analyst_id: int | None) -> None:
        self.writer, self.dump, self.report, self.analyst_id = writer, dump, report, analyst_id
        self.texts = article_texts(dump)
        self.unplaced: set[int] = set()

    def run(self) -> None:
        """Insert every record type in file order."""
        if self.dump.of("label"):
            # The seeded defaults give way to the file's label sets (nothing refers to them yet).
            self.writer.connection.execute(delete(Label))
            self.report.labels = True
        for _table, record_type in EXPORTED_TABLES:
            spec = SPEC_BY_TYPE[record_type]
            records = self.dump.of(record_type)
            handler = getattr(self, f"_restore_{record_type}", None)
            rows = handler(spec, records) if handler is not None else _rows(spec, records)
            self.writer.insert_exact(spec.table, spec.columns, rows)
            self.report.created[record_type] += len(rows)
            after = getattr(self, f"_after_{record_type}", None)
            if after is not None:
                after(spec, records)
        self.writer.flush_events()
        self.writer.advance_sequences()

    def _after_entity(self, spec: TableSpec, records: Sequence[JsonlRecord]) -> None:
        aliases = [(record.values[0], alias) for record in records for alias in record.values[len(spec.columns)]]
        self.writer.insert_exact(_ALIASES, _ALIAS_COLUMNS, aliases)
        self.report.entities.update(record.values[0] for record in records)

    def _restore_article(self, spec: TableSpec, records: Sequence[JsonlRecord]) -> list[tuple[Any, ...]]:
        # Near-duplicate links are set once every article exists.
        near = spec.record.position("near_duplicate_of_id")
        rows = [row[:near] + (None,) + row[near + 1 :] for row in _rows(spec, records)]
        self.report.articles.update(row[0] for row in rows)
        return rows

    def _after_article(self, spec: TableSpec, records: Sequence[JsonlRecord]) -> None:
        near = spec.record.position("near_duplicate_of_id")
        table = spec.table
        links = [{"target": r.values[near], "article": r.values[0]} for r in records if r.values[near] is not None]
        if links:
            self.writer.connection.execute(
                update(table)
                .where(table.c.id == bindparam("article"))
                .values(near_duplicate_of_id=bindparam("target")),
                links,
            )
        self.writer.index_articles([(r.values[0], r.values[spec.record.position("text")]) for r in records])

    def _restore_statement(self, spec: TableSpec, records: Sequence[JsonlRecord]) -> list[tuple[Any, ...]]:
        position = {field.name: i for i, field in enumerate(spec.record.fields)}
        i_id, i_article, i_start, i_end = position["id"], position["article_id"], position["start"], position["end"]
        i_quote, i_prefix, i_suffix = position["quote"], position["prefix"], position["suffix"]
        placer = Placer()
        rows = []
        for record, row in zip(records, _rows(spec, records), strict=True):
            article_id, start, quote = row[i_article], row[i_start], row[i_quote]
            text = self.texts[article_id]
            if text[start : row[i_end]] == quote and row[i_end] - start == len(quote):
                rows.append(row)
                continue
            placed = placer.place(article_id, text, quote, row[i_prefix], row[i_suffix], start)
            if placed is None:
                self.unplaced.add(row[i_id])
                name = f"article {article_id}"
                self.report.unplaced.append(
                    UnplacedStatement(record.line, name, start, row[i_end], quote, QUOTE_NOT_FOUND)
                )
                continue
            values = list(row)
            values[i_start], values[i_end], values[i_quote] = placed.start, placed.end, placed.quote
            values[i_prefix], values[i_suffix] = placed.prefix, placed.suffix
            rows.append(tuple(values))
            self.report.moved.append(
                MovedStatement(
                    record.line, row[i_id], article_id, start, row[i_end], placed.start, placed.end,
                    quote, placed.quote, placed.found.value,
                )
            )
            old_span, new_span = [start, row[i_end]], [placed.start, placed.end]
            self.writer.event(self.analyst_id, "reanchor", "statement", row[i_id], "span", old_span, new_span)
        self.report.statements.update(row[i_id] for row in rows)
        return rows

    def _restore_claim(self, spec: TableSpec, records: Sequence[JsonlRecord]) -> list[tuple[Any, ...]]:
        rows = _rows(spec, records)
        self.report.claims.update(row[0] for row in rows)
        return rows

    def _restore_evidence(self, spec: TableSpec, records: Sequence[JsonlRecord]) -> list[tuple[Any, ...]]:
        link = spec.record.position("statement_id")
        rows, cut = [], 0
        for row in _rows(spec, records):
            if row[link] in self.unplaced:
                row = row[:link] + (None,) + row[link + 1 :]
                cut += 1
            rows.append(row)
        self.report.note_count(cut, UNLINKED.format("evidence"))
        return rows

    def _restore_match_decision(self, spec: TableSpec, records: Sequence[JsonlRecord]) -> list[tuple[Any, ...]]:
        a, b = spec.record.position("statement_a_id"), spec.record.position("statement_b_id")
        rows = [row for row in _rows(spec, records) if row[a] not in self.unplaced and row[b] not in self.unplaced]
        self.report.note_count(len(records) - len(rows), LEFT_OUT.format("match_decision"))
        return rows


def restore(writer: Writer, dump: JsonlDump, report: ReportBuilder, analyst_id: int | None) -> None:
    """Write `dump` into the empty database behind `writer`."""
    Restorer(writer, dump, report, analyst_id).run()

