"""Statements as CSV for spreadsheets: UTF-8 with BOM, RFC 4180, formula-safe."""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

# The column order is a contract (docs/csv-columns.md); add new columns at the end.
COLUMNS: tuple[str, ...] = (
    "statement_id",
    "article_id",
    "article_title",
    "outlet",
    "published",
    "source_file",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "speaker",
    "cue",
    "cue_class",
    "reporting_stance",
    "party_alignment",
    "claim_id",
    "claim_summary",
    "status",
    "verdict",
    "rating_value",
    "explanation",
    "analyst",
    "note",
    "created_at",
    "updated_at",
)

# Spreadsheets run a cell starting with one of these as a formula (OWASP CSV
# injection). A leading apostrophe shows the text as typed; a value that
# already starts with an apostrophe gets one too, so reading back is exact.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
CSV_ENCODING = "utf-8-sig"


@dataclass(frozen=True, slots=True)
class StatementRow:
    """One statement flattened for export; labels are keys, dates are ISO 8601."""

    statement_id: int
    article_id: int
    article_title: str | None
    outlet: str | None
    published: dt.date | None
    source_file: str | None
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    speaker: str | None
    cue: str | None
    cue_class: str | None
    reporting_stance: str | None
    party_alignment: str | None
    claim_id: int | None
    claim_summary: str | None
    status: str | None
    verdict: str | None
    rating_value: int | None
    explanation: str | None
    analyst: str
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime


def neutralise_formula(value: str) -> str:
    """Make a text cell inert in spreadsheets (reversible by `restore_formula`)."""
    return "'" + value if value.startswith(_FORMULA_TRIGGERS) else value


def restore_formula(value: str) -> str:
    """Undo `neutralise_formula`."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_TRIGGERS):
        return value[1:]
    return value


def _cell(value: object) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return neutralise_formula(str(value))


def write_statements_csv(rows: Iterable[StatementRow], stream: TextIO) -> int:
    """Write a header and one line per row; return the number of rows.

    `stream` must be opened with newline="" and encoding CSV_ENCODING.
    """
    writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in COLUMNS])
        count += 1
    return count


def read_statements_csv(stream: TextIO) -> list[Mapping[str, str]]:
    """Read an export back into dicts of column -> text with formulas restored."""
    reader = csv.DictReader(stream)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"not a statements export: missing columns {', '.join(missing)}")
    return [{key: restore_formula(value) for key, value in line.items()} for line in reader]


def write_statements_csv_file(rows: Iterable[StatementRow], target: Path) -> int:
    """Write the CSV to `target` atomically: a complete new file or the old one untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding=CSV_ENCODING, newline="") as stream:
            count = write_statements_csv(rows, stream)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
