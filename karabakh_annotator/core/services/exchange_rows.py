"""The statement rows the flat exports write: the statements CSV and Web Annotation.

Statements are read with one query over their own table; labels, names,
claims and article metadata are looked up in dictionaries filled first.
For 100,000 statements, joining them in SQL made the query two to three
times slower, and building rows through the ORM (ExportService.statement_rows)
took about 14 s against about 2 s for the whole CSV export here
(benchmarks/exchange.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Select, String, select, type_coerce

from karabakh_annotator.core.exporters.csv_export import StatementRow, neutralise_formula
from karabakh_annotator.core.exporters.web_annotation import AnnotatedStatement
from karabakh_annotator.core.services.exports import StatementFilter, _filtered
from karabakh_annotator.core.storage.models import Analyst, Article, Claim, Entity, Label, Statement

_STATEMENT_COLUMNS = (
    Statement.id,
    Statement.article_id,
    Statement.start,
    Statement.end,
    Statement.quote,
    Statement.prefix,
    Statement.suffix,
    Statement.speaker_id,
    Statement.cue,
    Statement.cue_class_id,
    Statement.stance_id,
    Statement.party_id,
    Statement.claim_id,
    Statement.analyst_id,
    Statement.note,
    # As stored: converted below in one C call each rather than SQLAlchemy's regex.
    type_coerce(Statement.created_at, String),
    type_coerce(Statement.updated_at, String),
)


def _iso(value: Any) -> str | None:
    """ISO 8601 text of a stored date or time, as the ORM's value.isoformat() would give."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == 10:
            return value  # a date: SQLite stores it as YYYY-MM-DD already
        return dt.datetime.fromisoformat(value).isoformat()
    return str(value.isoformat())


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def time_value(value: Any) -> dt.datetime:
    """A stored time as a datetime (SQLite's text parsed, other drivers' values as they are)."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _safe(value: str | None) -> str | None:
    return None if value is None else neutralise_formula(value)


# The characters that make csv_export.neutralise_formula prefix a cell, found
# by asking it; testing the first character against a set costs a third of
# calling it, for the five text cells of each of 100,000 rows.
_TRIGGERS = frozenset(c for c in map(chr, range(128)) if neutralise_formula(c) != c)


def _quick_safe(value: str | None) -> str | None:
    """The same as `_safe`."""
    return "'" + value if value and value[0] in _TRIGGERS else value


@dataclass(frozen=True, slots=True)
class _ClaimInfo:
    summary: str
    status: str
    verdict: str | None
    rating_value: int | None
    explanation: str


class Lookups:
    """Names, label keys, claims and article metadata by id, read once per export."""

    def __init__(self, connection: Connection) -> None:
        self.labels: dict[int, str] = {row[0]: row[1] for row in connection.execute(select(Label.id, Label.key))}
        self.analysts: dict[int, str] = {row[0]: row[1] for row in connection.execute(select(Analyst.id, Analyst.name))}
        self.entities: dict[int, str] = {row[0]: row[1] for row in connection.execute(select(Entity.id, Entity.name))}
        self.claims: dict[int, _ClaimInfo] = {
            row.id: _ClaimInfo(
                row.summary,
                self.labels[row.status_id],
                self.labels.get(row.verdict_id) if row.verdict_id is not None else None,
                row.rating_value,
                row.explanation,
            )
            for row in connection.execute(
                select(
                    Claim.id, Claim.summary, Claim.status_id, Claim.verdict_id, Claim.rating_value, Claim.explanation
                )
            )
        }
        self.articles: dict[int, tuple[Any, ...]] = {
            row[0]: tuple(row[1:])
            for row in connection.execute(
                select(
                    Article.id,
                    Article.title,
                    Article.outlet,
                    type_coerce(Article.published, String),
                    Article.source_file,
                    Article.url,
                )
            )
        }

    def label(self, label_id: int | None) -> str | None:
        return self.labels[label_id] if label_id is not None else None


def _statement_query(filters: StatementFilter) -> Select[Any]:
    query: Select[Any] = _filtered(cast("Select[Any]", select(*_STATEMENT_COLUMNS)), filters)
    return query.order_by(Statement.article_id, Statement.start, Statement.id)


def _statements(connection: Connection, filters: StatementFilter) -> Iterator[Any]:
    return iter(connection.execute(_statement_query(filters)))


def _stored_time(value: Any) -> str | None:
    """ISO 8601 text of a stored time, equal to the ORM's value.isoformat().

    SQLite hands back SQLAlchemy's storage format, "YYYY-MM-DD HH:MM:SS.ffffff";
    rewriting that text costs a tenth of parsing it (200,000 per 100,000 rows).
    """
    if isinstance(value, str) and len(value) == 26 and value[10] == " " and value[19] == ".":
        return value[:10] + "T" + (value[11:19] if value.endswith(".000000") else value[11:])
    return _iso(value)


def statement_cell_batches(
    connection: Connection, filters: StatementFilter, size: int = 2000
) -> Iterator[list[list[Any]]]:
    """The statements as CSV cells in csv_export.COLUMNS order, formula-safe, `size` rows at a time.

    The same cells write_statements_csv writes for `ExportService.statement_rows`.
    Names, labels, claims and articles are neutralised once, in their lookups;
    batches let a list comprehension build the rows (a third cheaper than a
    generator yielding each).
    """
    look = Lookups(connection)
    labels: dict[int | None, str | None] = {label_id: _safe(key) for label_id, key in look.labels.items()}
    labels[None] = None
    analysts = {analyst_id: _safe(name) for analyst_id, name in look.analysts.items()}
    speakers: dict[int | None, str | None] = {entity_id: _safe(name) for entity_id, name in look.entities.items()}
    speakers[None] = None
    claims: dict[int | None, tuple[Any, ...]] = {
        claim_id: (_safe(c.summary), _safe(c.status), _safe(c.verdict), c.rating_value, _safe(c.explanation))
        for claim_id, c in look.claims.items()
    }
    claims[None] = (None, None, None, None, None)
    articles = {
        article_id: (_safe(title), _safe(outlet), _iso(published), _safe(source_file))
        for article_id, (title, outlet, published, source_file, _url) in look.articles.items()
    }
    safe, when = _quick_safe, _stored_time
    result = connection.execute(_statement_query(filters))
    # Every column arrives in the form the cells need (times as stored, see
    # _STATEMENT_COLUMNS): the driver's own tuples save building a Row each.
    cursor = result.cursor
    while batch := cursor.fetchmany(size):
        yield [
            [
                s[0],
                s[1],
                *articles[s[1]],
                s[2],
                s[3],
                safe(s[4]),
                safe(s[5]),
                safe(s[6]),
                speakers[s[7]],
                safe(s[8]),
                labels[s[9]],
                labels[s[10]],
                labels[s[11]],
                s[12],
                *claims[s[12]],
                analysts[s[13]],
                safe(s[14]),
                when(s[15]),
                when(s[16]),
            ]
            for s in batch
        ]
    result.close()


def annotated_statements(connection: Connection, filters: StatementFilter) -> Iterator[AnnotatedStatement]:
    """Each statement with its article's address and speaker id, for Web Annotation."""
    look = Lookups(connection)
    for s in _statements(connection, filters):
        title, outlet, published, source_file, url = look.articles[s[1]]
        claim = look.claims.get(s[12]) if s[12] is not None else None
        row = StatementRow(
            statement_id=s[0],
            article_id=s[1],
            article_title=title,
            outlet=outlet,
            published=_day(published),
            source_file=source_file,
            start=s[2],
            end=s[3],
            quote=s[4],
            prefix=s[5],
            suffix=s[6],
            speaker=look.entities[s[7]] if s[7] is not None else None,
            cue=s[8],
            cue_class=look.label(s[9]),
            reporting_stance=look.label(s[10]),
            party_alignment=look.label(s[11]),
            claim_id=s[12],
            claim_summary=claim.summary if claim else None,
            status=claim.status if claim else None,
            verdict=claim.verdict if claim else None,
            rating_value=claim.rating_value if claim else None,
            explanation=claim.explanation if claim else None,
            analyst=look.analysts[s[13]],
            note=s[14],
            created_at=time_value(s[15]),
            updated_at=time_value(s[16]),
        )
        yield AnnotatedStatement(row, url, s[7])
