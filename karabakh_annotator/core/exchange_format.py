"""What the JSONL exchange format holds: record types, their fields and how values are written.

Shared by the exporter (core/exporters/jsonl_export.py) and the importer
(core/importers/annotations.py); the export service derives the specs from
the database schema, so a column added by a migration is exported and read
back without changes here.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FORMAT_NAME = "karabakh-annotator"
FORMAT_VERSION = 1
HEADER_TYPE = "header"
END_TYPE = "end"


class FieldKind(enum.StrEnum):
    """How a field's value is written in JSON."""

    INTEGER = "integer"
    TEXT = "text"
    BOOLEAN = "boolean"
    BYTES = "bytes"
    DATE = "date"
    DATETIME = "datetime"
    TEXT_LIST = "text list"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record type."""

    name: str
    kind: FieldKind
    nullable: bool = False
    # A field written by an older schema may be missing: `missing` supplies
    # its value then; a field without one must be present.
    missing: Callable[[], Any] | None = None
    # The record type this field holds the id of, if any.
    references: str | None = None


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """A record type: its name in the "type" field, its fields, and which fields are unique together."""

    type: str
    fields: tuple[FieldSpec, ...]
    unique: tuple[tuple[str, ...], ...] = ()

    def position(self, name: str) -> int:
        """Index of field `name` in a record's values."""
        for i, spec in enumerate(self.fields):
            if spec.name == name:
                return i
        raise KeyError(f"{self.type} records have no field {name!r}")


def utc_iso(value: dt.datetime) -> str:
    """A time as ISO 8601 in UTC with microseconds (naive times are taken as UTC, as SQLite returns them)."""
    if value.tzinfo is None:
        return value.isoformat(timespec="microseconds") + "+00:00"
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
