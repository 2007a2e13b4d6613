"""The JSONL exchange format: one JSON object per line, enough to rebuild a database.

A file is a header line, then records grouped by type in a fixed order, each
group in id order, then an end line with the number of records of each type
(so a file cut short at a line boundary is noticed):

    {"type":"header","format":"karabakh-annotator","version":1,"schema":"0007"}
    {"type":"label","id":1,"label_set":"verdict","key":"true",...}
    ...
    {"type":"end","counts":{"label":50,"analyst":2,...}}

Each record holds its table's columns in declaration order. Values: ids and
numbers as JSON integers, text as JSON strings (non-ASCII written as is),
bytes in base64, dates as YYYY-MM-DD, times as ISO 8601 in UTC with
microseconds. The output of the same database is byte-for-byte the same.
This module only formats; which record types and fields exist is described
by `RecordSpec`s (core/exchange_format.py) the export service derives from
the schema.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from karabakh_annotator.core.exchange_format import (
    END_TYPE,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_TYPE,
    FieldKind,
    RecordSpec,
    utc_iso,
)

def _bytes(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _date(value: dt.date) -> str:
    return value.isoformat()


def _as_list(value: Sequence[str]) -> list[str]:
    return list(value)


_ENCODERS: dict[FieldKind, Callable[[Any], Any] | None] = {
    FieldKind.INTEGER: None,
    FieldKind.TEXT: None,
    FieldKind.BOOLEAN: bool,
    FieldKind.BYTES: _bytes,
    FieldKind.DATE: _date,
    FieldKind.DATETIME: utc_iso,
    FieldKind.TEXT_LIST: _as_list,
}


# One encoder for every line: json.dumps with options builds a new one per call.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


class RecordEncoder:
    """Turns value tuples of one record type into JSON lines."""

    def __init__(self, spec: RecordSpec) -> None:
        self.spec = spec
        self._names = [field.name for field in spec.fields]
        self._encoders = [_ENCODERS[field.kind] for field in spec.fields]

    def line(self, values: Sequence[Any]) -> str:
        """The JSON text of one record (no line end)."""
        record: dict[str, Any] = {"type": self.spec.type}
        for name, encode, value in zip(self._names, self._encoders, values, strict=True):
            record[name] = value if encode is None or value is None else encode(value)
        return _dumps(record)


def header_line(schema: str) -> str:
    """The first line: format name and version, and the database schema revision."""
    return _dumps({"type": HEADER_TYPE, "format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": schema})


def end_line(counts: dict[str, int]) -> str:
    """The last line: how many records of each type came before it."""
    return _dumps({"type": END_TYPE, "counts": counts})


def write_jsonl(
    stream: TextIO, schema: str, sections: Iterable[tuple[RecordSpec, Iterable[Sequence[Any]]]]
) -> dict[str, int]:
    """Write header, every section's records and the end line; return the counts per type.

    `stream` should be opened with newline="" so lines end in a bare "\\n".
    """
    stream.write(header_line(schema) + "\n")
    counts: dict[str, int] = {}
    for spec, rows in sections:
        encoder = RecordEncoder(spec)
        count = 0
        write = stream.write
        for values in rows:
            write(encoder.line(values) + "\n")
            count += 1
        counts[spec.type] = counts.get(spec.type, 0) + count
    stream.write(end_line(counts) + "\n")
    return counts
