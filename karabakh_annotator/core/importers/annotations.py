"""Reading exports back: JSONL dumps (checked record by record) and CSV rows with their line numbers.

Everything here only reads and checks the file; nothing touches a database.
Every problem is raised as an `AnnotationFileError` naming the file and the
line, so a bad file is refused before anything of it is written.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from karabakh_annotator.core.exchange_format import (
    END_TYPE,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_TYPE,
    FieldKind,
    FieldSpec,
    RecordSpec,
)

BOM = b"\xef\xbb\xbf"
# A JSON escape that decodes to a character no database stores: NUL, or half
# of a surrogate pair. Lines without one skip the per-string check.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


_CUT_SHORT = "the file ends in the middle of a line: it was cut short"


class AnnotationFileError(ValueError):
    """A file that cannot be imported, with where and why."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source, self.line, self.message = source, line, message
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class JsonlRecord:
    """One record: the line it came from and its values in field order."""

    line: int
    values: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class JsonlDump:
    """A whole JSONL file, checked: records by type, in file order."""

    source: str
    schema: str
    version: int
    records: dict[str, list[JsonlRecord]]

    def of(self, record_type: str) -> list[JsonlRecord]:
        """The records of one type (empty when the file holds none)."""
        return self.records.get(record_type, [])


def detect_format(head: bytes) -> str:
    """"jsonl" when the file starts like our JSONL, else "csv"."""
    return "jsonl" if head.removeprefix(BOM).lstrip().startswith(b"{") else "csv"


# -- JSONL ------------------------------------------------------------------


def _describe(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("text")
    return value


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("an integer")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("true or false")
    return value


def _bytes(value: Any) -> bytes:
    if not isinstance(value, str):
        raise TypeError("base64 text")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise TypeError("base64 text") from None


def _date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise TypeError("a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TypeError("a date (YYYY-MM-DD)") from None


def parse_time(value: str) -> dt.datetime:
    """An ISO 8601 time as an aware UTC datetime (a time without offset is taken as UTC)."""
    parsed = dt.datetime.fromisoformat(value)
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def _datetime(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise TypeError("an ISO 8601 time")
    try:
        return parse_time(value)
    except ValueError:
        raise TypeError("an ISO 8601 time") from None


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError("a list of texts")
    return value


_DECODERS: dict[FieldKind, Callable[[Any], Any]] = {
    FieldKind.INTEGER: _integer,
    FieldKind.TEXT: _text,
    FieldKind.BOOLEAN: _boolean,
    FieldKind.BYTES: _bytes,
    FieldKind.DATE: _date,
    FieldKind.DATETIME: _datetime,
    FieldKind.TEXT_LIST: _text_list,
}


class _RecordDecoder:
    """Checks and converts the JSON object of one record type."""

    def __init__(self, spec: RecordSpec, source: str) -> None:
        self.spec, self.source = spec, source
        self._fields = [(f, _DECODERS[f.kind]) for f in spec.fields]
        self._known = {f.name for f in spec.fields} | {"type"}

    def decode(self, line: int, obj: dict[str, Any], suspect: bool) -> JsonlRecord:
        values: list[Any] = []
        for field, decode in self._fields:
            if field.name not in obj:
                values.append(self._missing(line, field))
                continue
            raw = obj[field.name]
            if raw is None:
                if not field.nullable:
                    self._fail(line, f"{self.spec.type} field {field.name!r} must not be null")
                values.append(None)
                continue
            try:
                value = decode(raw)
            except TypeError as exc:
                self._fail(line, f"{self.spec.type} field {field.name!r} must be {exc}, not {_describe(raw)}")
            if suspect:
                self._check_storable(line, field, value)
            values.append(value)
        if not obj.keys() <= self._known:
            unknown = sorted(set(obj) - self._known)
            self._fail(line, f"unknown field {unknown[0]!r} in a {self.spec.type} record")
        return JsonlRecord(line, tuple(values))

    def _missing(self, line: int, field: FieldSpec) -> Any:
        if field.missing is not None:
            return field.missing()
        if field.nullable:
            return None
        self._fail(line, f"{self.spec.type} record has no {field.name!r} field")

    def _check_storable(self, line: int, field: FieldSpec, value: Any) -> None:
        texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for text in texts:
            bad = _UNSTORABLE.search(text)
            if bad is not None:
                what = "a NUL character" if bad.group() == "\x00" else "half of a surrogate pair"
                self._fail(line, f"{self.spec.type} field {field.name!r} holds {what}, which cannot be stored")

    def _fail(self, line: int, message: str) -> Any:
        raise AnnotationFileError(self.source, line, message)


def _lines(stream: BinaryIO, source: str) -> Iterable[tuple[int, str, bool]]:
    """(line number, text without its line end, whether it ended in a newline)."""
    for number, raw in enumerate(stream, start=1):
        if number == 1:
            raw = raw.removeprefix(BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AnnotationFileError(source, number, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        complete = text.endswith("\n")
        yield number, text[:-1] if complete else text, complete


def _load(source: str, number: int, text: str, complete: bool) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if not complete:
            raise AnnotationFileError(source, number, _CUT_SHORT) from None
        raise AnnotationFileError(source, number, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        # json.loads recurses per nesting level; escaping, it crashed the import.
        raise AnnotationFileError(source, number, "JSON nested too deeply (about a thousand levels)") from None
    if not isinstance(obj, dict):
        raise AnnotationFileError(source, number, "each line must be one JSON object")
    return obj


def _revision_number(revision: str) -> int:
    return int(revision) if revision.isdigit() else -1


def _header(source: str, number: int, obj: dict[str, Any], newest_schema: str) -> tuple[str, int]:
    if obj.get("type") != HEADER_TYPE or obj.get("format") != FORMAT_NAME:
        raise AnnotationFileError(source, number, f"not a {FORMAT_NAME} JSONL export (no header line)")
    version, schema = obj.get("version"), obj.get("schema")
    if type(version) is not int or not isinstance(schema, str):
        raise AnnotationFileError(source, number, "the header needs an integer version and a schema revision")
    if version > FORMAT_VERSION or _revision_number(schema) > _revision_number(newest_schema):
        raise AnnotationFileError(
            source,
            number,
            f"written by a newer Karabakh Annotator (format {version}, schema {schema}); update to import it",
        )
    return schema, version


def read_jsonl(stream: BinaryIO, specs: Sequence[RecordSpec], source: str, newest_schema: str) -> JsonlDump:
    """Read and check a whole JSONL export: every field, every id reference, every unique key."""
    decoders = {spec.type: _RecordDecoder(spec, source) for spec in specs}
    records: dict[str, list[JsonlRecord]] = {spec.type: [] for spec in specs}
    header: tuple[str, int] | None = None
    ended: int | None = None
    last = 0
    for number, text, complete in _lines(stream, source):
        last = number
        if not text.strip():
            continue
        if ended is not None:
            raise AnnotationFileError(source, number, f"a record after the end line (line {ended})")
        obj = _load(source, number, text, complete)
        if header is None:
            header = _header(source, number, obj, newest_schema)
            continue
        kind = obj.get("type")
        if kind == END_TYPE:
            _check_counts(source, number, obj.get("counts"), records)
            ended = number
            continue
        decoder = decoders.get(kind) if isinstance(kind, str) else None
        if decoder is None:
            raise AnnotationFileError(source, number, f"unknown record type {_describe(kind)}")
        assert isinstance(kind, str)
        suspect = "\\u" in text and _SUSPECT_ESCAPE.search(text) is not None
        records[kind].append(decoder.decode(number, obj, suspect))
    if header is None:
        raise AnnotationFileError(source, None, "the file is empty")
    if ended is None:
        raise AnnotationFileError(source, last, "the file ends without its end line: it was cut short")
    _check_identity(source, specs, records)
    return JsonlDump(source, header[0], header[1], records)


def _check_counts(source: str, number: int, counts: Any, records: dict[str, list[JsonlRecord]]) -> None:
    if not isinstance(counts, dict):
        raise AnnotationFileError(source, number, "the end line needs the record counts")
    for kind in sorted(set(counts) | {k for k, v in records.items() if v}):
        expected, found = counts.get(kind, 0), len(records.get(kind, []))
        if expected != found:
            raise AnnotationFileError(
                source, number, f"the end line counts {expected} {kind} records but the file holds {found}"
            )


def _check_identity(source: str, specs: Sequence[RecordSpec], records: dict[str, list[JsonlRecord]]) -> None:
    """Ids unique per type, unique keys unique, and every reference pointing at a record in the file."""
    ids: dict[str, set[Any]] = {}
    for spec in specs:
        for key in spec.unique:
            positions = [spec.position(name) for name in key]
            seen: dict[tuple[Any, ...], int] = {}
            for record in records[spec.type]:
                value = tuple(record.values[p] for p in positions)
                if None in value:
                    continue
                if value in seen:
                    shown = ", ".join(f"{name} {_describe(v)}" for name, v in zip(key, value, strict=True))
                    raise AnnotationFileError(
                        source, record.line, f"a second {spec.type} with {shown} (first on line {seen[value]})"
                    )
                seen[value] = record.line
            if key == ("id",):
                ids[spec.type] = {value[0] for value in seen}
        for field_index, field in enumerate(spec.fields):
            if field.kind is FieldKind.TEXT_LIST:
                for record in records[spec.type]:
                    items = record.values[field_index]
                    if len(set(items)) != len(items):
                        raise AnnotationFileError(source, record.line, f"{spec.type} {field.name} lists a value twice")
    for spec in specs:
        for field_index, field in enumerate(spec.fields):
            if field.references is None:
                continue
            known = ids.get(field.references, set())
            for record in records[spec.type]:
                target = record.values[field_index]
                if target is not None and target not in known:
                    raise AnnotationFileError(
                        source,
                        record.line,
                        f"{spec.type} field {field.name!r} refers to {field.references} {target}, "
                        "which the file does not hold",
                    )


# -- CSV --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CsvLine:
    """One CSV record: the line it starts on and its cells by column name."""

    line: int
    cells: dict[str, str]


def read_csv_lines(stream: TextIO, source: str, required: Sequence[str]) -> list[CsvLine]:
    """Read a CSV file with a header row; each record with the line it starts on.

    `stream` should be opened with encoding "utf-8-sig" and newline="".
    """
    reader = csv.reader(stream, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise AnnotationFileError(source, None, "the file is empty")
        missing = [column for column in required if column not in header]
        if missing:
            raise AnnotationFileError(
                source, 1, f"not a statements export: missing columns {', '.join(missing)}"
            )
        lines: list[CsvLine] = []
        starts = reader.line_num + 1
        for row in reader:
            if row:
                if len(row) != len(header):
                    raise AnnotationFileError(
                        source, starts, f"{len(row)} cells where the header has {len(header)}"
                    )
                lines.append(CsvLine(starts, dict(zip(header, row, strict=True))))
            starts = reader.line_num + 1
    except csv.Error as exc:
        raise AnnotationFileError(source, reader.line_num, f"not valid CSV ({exc})") from None
    except UnicodeDecodeError as exc:
        raise AnnotationFileError(source, None, f"not UTF-8 text ({exc.reason})") from None
    return lines
