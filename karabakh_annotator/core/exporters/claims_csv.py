"""The claims table as CSV: one row per claim, with the same spreadsheet rules as the statements CSV."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from karabakh_annotator.core.exporters.csv_export import neutralise_formula

# The column order is a contract (docs/exchange-formats.md); add new columns at the end.
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "summary",
    "status",
    "verdict",
    "rating_value",
    "explanation",
    "statements",
    "outlets",
    "first_appearance",
    "assignee",
)
# Several outlets share one cell; an outlet name holding this is still readable.
OUTLET_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim flattened for the table; labels are keys, the date ISO 8601."""

    claim_id: int
    summary: str
    status: str
    verdict: str | None
    rating_value: int | None
    explanation: str
    statements: int
    outlets: tuple[str, ...]
    first_appearance: dt.date | None
    assignee: str | None


def _text(value: str | None) -> str:
    return "" if value is None else neutralise_formula(value)


def claim_cells(row: ClaimRow) -> list[str | int]:
    """The cells of one row in CLAIM_COLUMNS order, formula-safe."""
    return [
        row.claim_id,
        _text(row.summary),
        _text(row.status),
        _text(row.verdict),
        "" if row.rating_value is None else row.rating_value,
        _text(row.explanation),
        row.statements,
        _text(OUTLET_SEPARATOR.join(row.outlets)),
        row.first_appearance.isoformat() if row.first_appearance else "",
        _text(row.assignee),
    ]


def write_claims_csv(rows: Iterable[ClaimRow], stream: TextIO) -> int:
    """Write a header and one line per claim; return the number of claims.

    `stream` must be opened with newline="" and encoding CSV_ENCODING (UTF-8 with BOM).
    """
    writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CLAIM_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(claim_cells(row))
        count += 1
    return count
