"""Importing a statements CSV export (csv_export.COLUMNS) into a database that holds its articles.

A CSV row names its article by id, title and source file rather than
carrying its text, so the article must already be here: the one with the
row's id when title and file name agree, else the first with the same file
name and title, else the first with the same title and outlet. The quote is
then placed in that article's text (core/text/reanchor.py). Speakers and
analysts are found by name or added; rows of one claim id share a claim,
found by its summary or added with the row's status, verdict and
explanation. A row already in the database (same article, span, analyst and
creation time) is counted, not added twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, select

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.exporters.csv_export import COLUMNS, StatementRow, restore_formula
from karabakh_annotator.core.importers.annotations import AnnotationFileError, CsvLine, parse_time
from karabakh_annotator.core.labels import INITIAL_WORKFLOW_STATUS, LabelSet
from karabakh_annotator.core.services.exchange_report import (
    QUOTE_NOT_FOUND,
    MovedStatement,
    ReportBuilder,
    UnplacedStatement,
)
from karabakh_annotator.core.services.exchange_write import Placed, Placer, Writer, as_utc
from karabakh_annotator.core.storage.bulk import select_in
from karabakh_annotator.core.storage.models import SUMMARY_MAX_CHARS, Article, Claim, Entity, Label, Statement
from karabakh_annotator.core.text.anchors import quote_context

_ARTICLES = cast(Table, Article.__table__)
_CLAIMS = cast(Table, Claim.__table__)
_ENTITIES = cast(Table, Entity.__table__)
_STATEMENTS = cast(Table, Statement.__table__)
_CHUNK = 900

# CSV column -> the label set its key belongs to.
_LABEL_COLUMNS = {
    "cue_class": LabelSet.CUE_CLASS,
    "reporting_stance": LabelSet.REPORTING_STANCE,
    "party_alignment": LabelSet.PARTY_ALIGNMENT,
    "status": LabelSet.WORKFLOW_STATUS,
    "verdict": LabelSet.VERDICT,
}


def _integer(line: CsvLine, source: str, name: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise AnnotationFileError(source, line.line, f"column {name!r} must be a whole number, not {value!r}") from None


def parse_statement(line: CsvLine, source: str) -> StatementRow:
    """One CSV line as a statement row, formulas restored; refuses what cannot be a statement."""
    cells = {name: restore_formula(line.cells[name]) for name in COLUMNS}

    def optional(name: str) -> str | None:
        return cells[name] or None

    def required_int(name: str) -> int:
        value = _integer(line, source, name, optional(name))
        if value is None:
            raise AnnotationFileError(source, line.line, f"column {name!r} is empty")
        return value

    def when(name: str) -> dt.datetime | None:
        value = optional(name)
        try:
            return parse_time(value) if value else None
        except ValueError:
            message = f"column {name!r} is not an ISO 8601 time: {value!r}"
            raise AnnotationFileError(source, line.line, message) from None

    published = optional("published")
    try:
        published_date = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise AnnotationFileError(source, line.line, f"column 'published' is not a date: {published!r}") from None
    if not cells["quote"]:
        raise AnnotationFileError(source, line.line, "the quote is empty")
    if not cells["analyst"].strip():
        raise AnnotationFileError(source, line.line, "the analyst is empty")
    summary = optional("claim_summary")
    if summary is not None and len(summary) > SUMMARY_MAX_CHARS:
        raise AnnotationFileError(source, line.line, f"the claim summary is longer than {SUMMARY_MAX_CHARS} characters")
    created = when("created_at") or utc_now()
    return StatementRow(
        statement_id=_integer(line, source, "statement_id", optional("statement_id")) or 0,
        article_id=_integer(line, source, "article_id", optional("article_id")) or 0,
        article_title=optional("article_title"),
        outlet=optional("outlet"),
        published=published_date,
        source_file=optional("source_file"),
        start=required_int("start"),
        end=required_int("end"),
        quote=cells["quote"],
        prefix=cells["prefix"],
        suffix=cells["suffix"],
        speaker=optional("speaker"),
        cue=optional("cue"),
        cue_class=optional("cue_class"),
        reporting_stance=optional("reporting_stance"),
        party_alignment=optional("party_alignment"),
        claim_id=_integer(line, source, "claim_id", optional("claim_id")),
        claim_summary=summary,
        status=optional("status"),
        verdict=optional("verdict"),
        rating_value=_integer(line, source, "rating_value", optional("rating_value")),
        explanation=optional("explanation"),
        analyst=cells["analyst"].strip(),
        note=cells["note"],
        created_at=created,
        updated_at=when("updated_at") or created,
    )


@dataclass(frozen=True, slots=True)
class _Line:
    line: int
    row: StatementRow


class CsvImporter:
    """Adds the statements of parsed CSV lines, with their speakers, analysts and claims."""

    def __init__(
        self, writer: Writer, lines: Sequence[_Line], report: ReportBuilder, analyst_id: int | None, source: str
    ) -> None:
        self.writer, self.lines, self.report, self.analyst_id, self.source = writer, lines, report, analyst_id, source
        self.connection = writer.connection
        self.labels = {
            (label_set, key): label_id
            for label_id, label_set, key in self.connection.execute(select(Label.id, Label.label_set, Label.key))
        }
        self._analysts: dict[str, int] = {}
        self._speakers: dict[str, int] = {}
        self._claims: dict[tuple[str, Any], int] = {}

    def run(self) -> None:
        """Check every label key, then place and add each statement."""
        for item in self.lines:
            for column, label_set in _LABEL_COLUMNS.items():
                self._label(item, column, label_set)
            if item.row.claim_id is not None and not item.row.claim_summary:
                raise AnnotationFileError(self.source, item.line, "a row with a claim_id needs its claim_summary")
        articles = self._articles()
        texts = self._texts({a for a in articles.values() if a is not None})
        existing = {
            (row[0], row[1], row[2], row[3], as_utc(row[4])): row[5]
            for row in self.connection.execute(
                select(
                    _STATEMENTS.c.article_id, _STATEMENTS.c.start, _STATEMENTS.c.end,
                    _STATEMENTS.c.analyst_id, _STATEMENTS.c.created_at, _STATEMENTS.c.id,
                )
            )
        }
        placer = Placer()
        pending: list[tuple[_Line, Placed, dict[str, Any]]] = []
        for item in self.lines:
            row = item.row
            article_id = articles[item.line]
            if article_id is None:
                self._unplaced(item, "no article in this database has this title and file name")
                continue
            placed = placer.place(article_id, texts[article_id], row.quote, row.prefix, row.suffix, row.start)
            if placed is None:
                self._unplaced(item, QUOTE_NOT_FOUND)
                continue
            # The row's context may come from another version of the text.
            prefix, suffix = quote_context(texts[article_id], placed.start, placed.end)
            analyst_id = self._analyst(row.analyst)
            key = (article_id, placed.start, placed.end, analyst_id, as_utc(row.created_at))
            if key in existing:
                self.report.present["statement"] += 1
                continue
            values: dict[str, Any] = {
                "article_id": article_id,
                "start": placed.start,
                "end": placed.end,
                "quote": placed.quote,
                "prefix": prefix,
                "suffix": suffix,
                "speaker_id": self._speaker(row.speaker),
                "cue": row.cue,
                "cue_class_id": self._label(item, "cue_class", LabelSet.CUE_CLASS),
                "stance_id": self._label(item, "reporting_stance", LabelSet.REPORTING_STANCE),
                "party_id": self._label(item, "party_alignment", LabelSet.PARTY_ALIGNMENT),
                "claim_id": self._claim(item, analyst_id),
                "analyst_id": analyst_id,
                "note": row.note,
                "created_at": row.created_at,
                "updated_at": row.updated_at,
            }
            existing[key] = 0  # a second line with this key is the same statement
            pending.append((item, placed, values))
        ids = self.writer.insert_new(_STATEMENTS, [values for _item, _placed, values in pending])
        for (item, placed, values), statement_id in zip(pending, ids, strict=True):
            row = item.row
            self.report.statements.add(statement_id)
            self.report.articles.add(values["article_id"])
            self.writer.event(self.analyst_id, "import", "statement", statement_id, new=self.source)
            if placed.start != row.start or placed.quote != row.quote:
                self.report.moved.append(
                    MovedStatement(
                        item.line, statement_id, values["article_id"], row.start, row.end,
                        placed.start, placed.end, row.quote, placed.quote, placed.found.value,
                    )
                )
                self.writer.event(
                    self.analyst_id, "reanchor", "statement", statement_id, "span",
                    [row.start, row.end], [placed.start, placed.end],
                )
        self.report.created["statement"] += len(ids)
        self.writer.flush_events()

    def _unplaced(self, item: _Line, reason: str) -> None:
        row = item.row
        name = row.article_title or row.source_file or f"article {row.article_id}"
        self.report.unplaced.append(UnplacedStatement(item.line, name, row.start, row.end, row.quote, reason))

    def _label(self, item: _Line, column: str, label_set: LabelSet) -> int | None:
        key = getattr(item.row, column)
        if key is None:
            return None
        found = self.labels.get((label_set.value, key))
        if found is None:
            what = label_set.value.replace("_", " ")
            raise AnnotationFileError(self.source, item.line, f"unknown {what} label {key!r} in column {column!r}")
        return found

    def _articles(self) -> dict[int, int | None]:
        """The database article each line belongs to (None when there is none), by line number."""
        by_id: dict[int, tuple[str | None, str | None]] = {}
        by_source: dict[tuple[str, str | None], int] = {}
        by_title: dict[tuple[str, str | None], int] = {}
        for article_id, title, source_file, outlet in self.connection.execute(
            select(_ARTICLES.c.id, _ARTICLES.c.title, _ARTICLES.c.source_file, _ARTICLES.c.outlet).order_by(
                _ARTICLES.c.id
            )
        ):
            by_id[article_id] = (title, source_file)
            if source_file:
                by_source.setdefault((source_file, title), article_id)
            if title:
                by_title.setdefault((title, outlet), article_id)
        found: dict[int, int | None] = {}
        for item in self.lines:
            row = item.row
            if by_id.get(row.article_id) == (row.article_title, row.source_file):
                found[item.line] = row.article_id
            elif row.source_file and (row.source_file, row.article_title) in by_source:
                found[item.line] = by_source[(row.source_file, row.article_title)]
            elif row.article_title and (row.article_title, row.outlet) in by_title:
                found[item.line] = by_title[(row.article_title, row.outlet)]
            else:
                found[item.line] = None
        return found

    def _texts(self, article_ids: set[int]) -> dict[int, str]:
        ids = sorted(article_ids)
        texts: dict[int, str] = {}
        for start in range(0, len(ids), _CHUNK):
            texts.update(select_in(self.connection, "articles", ("id", "text"), "id", ids[start : start + _CHUNK]))
        return texts

    def _analyst(self, name: str) -> int:
        if name not in self._analysts:
            analyst_id = self.writer.analyst_id(name)
            assert analyst_id is not None
            self._analysts[name] = analyst_id
        return self._analysts[name]

    def _speaker(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name not in self._speakers:
            found = self.connection.execute(select(_ENTITIES.c.id).where(_ENTITIES.c.name == name)).scalar()
            if found is None:
                found = self.writer.insert_new(_ENTITIES, [{"name": name, "created_at": utc_now()}])[0]
                self.writer.event(self.analyst_id, "import", "entity", found, new=self.source)
                self.report.created["entity"] += 1
                self.report.entities.add(found)
            self._speakers[name] = int(found)
        return self._speakers[name]

    def _claim(self, item: _Line, analyst_id: int) -> int | None:
        row = item.row
        if row.claim_summary is None:
            return None
        identity = ("id", row.claim_id) if row.claim_id is not None else ("summary", row.claim_summary)
        if identity in self._claims:
            return self._claims[identity]
        found = self.connection.execute(
            select(_CLAIMS.c.id)
            .where(_CLAIMS.c.summary == row.claim_summary, _CLAIMS.c.deleted_at.is_(None))
            .order_by(_CLAIMS.c.id)
        ).scalar()
        if found is not None:
            self.report.present["claim"] += 1
        else:
            status = self._label(item, "status", LabelSet.WORKFLOW_STATUS) or self.labels[
                (LabelSet.WORKFLOW_STATUS.value, INITIAL_WORKFLOW_STATUS)
            ]
            now = utc_now()
            found = self.writer.insert_new(
                _CLAIMS,
                [
                    {
                        "summary": row.claim_summary,
                        "status_id": status,
                        "verdict_id": self._label(item, "verdict", LabelSet.VERDICT),
                        "rating_value": row.rating_value,
                        "explanation": row.explanation or "",
                        "created_by_id": analyst_id,
                        "created_at": now,
                        "updated_at": now,
                    }
                ],
            )[0]
            self.writer.event(self.analyst_id, "import", "claim", found, new=self.source)
            self.report.created["claim"] += 1
            self.report.claims.add(found)
        self._claims[identity] = int(found)
        return int(found)


def import_csv(
    writer: Writer, lines: Sequence[CsvLine], report: ReportBuilder, analyst_id: int | None, source: str
) -> None:
    """Parse and add every line of a statements CSV (nothing is written if a line is refused)."""
    parsed = [_Line(line.line, parse_statement(line, source)) for line in lines]
    CsvImporter(writer, parsed, report, analyst_id, source).run()
