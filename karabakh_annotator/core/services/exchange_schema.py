"""The JSONL record types, derived from the database schema, and the rows an export writes.

Every column of every exported table becomes a field, in declaration order,
so a column a migration adds travels through export and import without a
change here. A table added to the schema must be named below, either as
exported or as derived (a test checks this).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    select,
    text,
)

from karabakh_annotator.core.exchange_format import FieldKind, FieldSpec, RecordSpec
from karabakh_annotator.core.storage.database import SCHEMA_HEAD
from karabakh_annotator.core.storage.models import Base, EntityAlias

# Table -> record type, in the order a file lists them: every table a record
# refers to comes before it.
EXPORTED_TABLES: tuple[tuple[str, str], ...] = (
    ("labels", "label"),
    ("analysts", "analyst"),
    ("entities", "entity"),
    ("articles", "article"),
    ("claims", "claim"),
    ("statements", "statement"),
    ("evidence", "evidence"),
    ("suggestion_decisions", "suggestion_decision"),
    ("match_decisions", "match_decision"),
    ("events", "event"),
)
# Tables not written as records of their own, and why.
NOT_EXPORTED: dict[str, str] = {
    "entity_aliases": "listed in each entity record as `aliases`",
    "article_sketches": "computed again from the article text on import",
}
ALIASES_FIELD = "aliases"

# Event log rows name what they changed by type and id (no foreign key).
EVENT_TARGETS: dict[str, str] = {
    "article": "article",
    "statement": "statement",
    "claim": "claim",
    "entity": "entity",
    "evidence": "evidence",
    "label": "label",
    "analyst": "analyst",
    "suggestion": "suggestion_decision",
    "match": "match_decision",
}

_ALIASES = cast(Table, EntityAlias.__table__)


def _kind(column: Column[Any]) -> FieldKind:
    # DateTime before Date and Boolean before Integer: order matters for subclasses.
    for sql_type, kind in (
        (DateTime, FieldKind.DATETIME),
        (Date, FieldKind.DATE),
        (Boolean, FieldKind.BOOLEAN),
        (Integer, FieldKind.INTEGER),
        (LargeBinary, FieldKind.BYTES),
        (String, FieldKind.TEXT),
    ):
        if isinstance(column.type, sql_type):
            return kind
    raise TypeError(f"no JSONL kind for column {column.table.name}.{column.name} ({column.type!r})")


def _missing(column: Column[Any]) -> Callable[[], Any] | None:
    default = column.default
    if default is None or column.primary_key:
        return None
    arg: Any = getattr(default, "arg", None)
    if getattr(default, "is_callable", False):
        return lambda: arg(None)
    if getattr(default, "is_scalar", False):
        return lambda: arg
    return None


@dataclass(frozen=True, slots=True)
class TableSpec:
    """An exported table: its record type and the columns its fields come from."""

    table: Table
    record: RecordSpec
    columns: tuple[str, ...]  # the first len(columns) fields; any further field is nested


def _record_spec(table: Table, record_type: str, types: dict[str, str]) -> TableSpec:
    fields = []
    for column in table.columns:
        target = next(iter(column.foreign_keys), None)
        fields.append(
            FieldSpec(
                column.name,
                _kind(column),
                nullable=bool(column.nullable) and not column.primary_key,
                missing=_missing(column),
                references=types.get(target.column.table.name) if target is not None else None,
            )
        )
    columns = tuple(f.name for f in fields)
    if table.name == "entities":
        fields.append(FieldSpec(ALIASES_FIELD, FieldKind.TEXT_LIST, missing=list))
    unique: list[tuple[str, ...]] = [("id",)]
    unique += [(c.name,) for c in table.columns if c.unique]
    unique += [
        tuple(c.name for c in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    return TableSpec(table, RecordSpec(record_type, tuple(fields), tuple(unique)), columns)


def build_specs() -> tuple[TableSpec, ...]:
    """Every exported table's spec, in file order."""
    types = dict(EXPORTED_TABLES)
    return tuple(_record_spec(Base.metadata.tables[name], kind, types) for name, kind in EXPORTED_TABLES)


SPECS: tuple[TableSpec, ...] = build_specs()
SPEC_BY_TYPE: dict[str, TableSpec] = {spec.record.type: spec for spec in SPECS}


def schema_revision(connection: Connection) -> str:
    """The revision the database is stamped with (the application's head if unstamped)."""
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(revision) if revision else SCHEMA_HEAD


def table_rows(connection: Connection, spec: TableSpec) -> Iterator[Sequence[Any]]:
    """The rows of one exported table in id order, nested fields appended."""
    table = spec.table
    rows = connection.execute(select(*table.columns).order_by(table.c.id))
    if table.name != "entities":
        yield from rows
        return
    aliases: defaultdict[int, list[str]] = defaultdict(list)
    for entity_id, alias in connection.execute(
        select(_ALIASES.c.entity_id, _ALIASES.c.alias).order_by(_ALIASES.c.id)
    ):
        aliases[entity_id].append(alias)
    for row in rows:
        yield (*row, aliases.get(row.id, []))
