"""Article exports with one record per article: JSON, JSON Lines and CSV.

A problem with the whole file (not JSON, no header row) raises ValueError, as
the other parsers do; a problem with one record becomes an ImportFailure in the
returned list, in record order, so the rest still import. Each record's
``source_file`` names it: ``export.json#3`` and ``export.csv#3`` by 1-based
record number, ``export.jsonl:17`` by line number (what an editor shows).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from karabakh_annotator.core.importers.utf8 import decode_utf8_cut_short
from karabakh_annotator.core.text.dates import iso_date_prefix
from karabakh_annotator.core.records import ImportFailure, ParsedArticle

ParseResult = list[ParsedArticle | ImportFailure]

_LIST_KEYS = ("articles", "items", "data", "records", "results", "documents", "docs")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
_CSV_DELIMITERS = (",", ";", "\t")
_TOO_DEEP = "nested too deeply (about a thousand levels) to be an article"


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Candidate field names for each article attribute, tried in order (case-insensitive)."""

    text: tuple[str, ...] = (
        "text", "body", "content", "article", "articleBody", "نص", "النص", "المحتوى",
    )
    title: tuple[str, ...] = ("title", "headline", "عنوان", "العنوان")
    date: tuple[str, ...] = (
        "date", "published", "published_at", "datePublished", "publish_date", "pubdate", "تاريخ", "التاريخ",
    )
    url: tuple[str, ...] = ("url", "link", "href", "الرابط", "رابط")
    outlet: tuple[str, ...] = (
        "outlet", "source", "site", "publisher", "site_name", "المصدر", "مصدر", "الموقع",
    )


DEFAULT_FIELDS = FieldMap()


def parse_json_articles(data: bytes, source_file: str, fields: FieldMap = DEFAULT_FIELDS) -> ParseResult:
    """Articles from a .json export (array, wrapped list or one object) or a .jsonl file."""
    if source_file.lower().endswith(_JSONL_SUFFIXES):
        return parse_jsonl_articles(data, source_file, fields)
    text = _decode(data)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            return parse_jsonl_articles(data, source_file, fields)  # JSON Lines saved as .json
        raise ValueError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    except RecursionError as exc:
        raise ValueError(f"JSON {_TOO_DEEP}") from exc
    records = _record_list(parsed)
    results: ParseResult = []
    for number, record in enumerate(records, start=1):
        name = f"{source_file}#{number}"
        results.append(_article_from_json(record, None, name, fields))
    return results


def parse_jsonl_articles(data: bytes, source_file: str, fields: FieldMap = DEFAULT_FIELDS) -> ParseResult:
    """Articles from JSON Lines: one object per line; a bad line is a failure naming its line."""
    if not data.strip():
        raise ValueError("file is empty")
    results: ParseResult = []
    raw_lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    for line_number, raw_line in enumerate(raw_lines, start=1):
        raw_line = raw_line.rstrip(b"\r")
        if not raw_line.strip():
            continue
        name = f"{source_file}:{line_number}"
        try:
            record = json.loads(raw_line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            results.append(ImportFailure(name, f"line {line_number} is not valid UTF-8 (byte {exc.start})"))
            continue
        except json.JSONDecodeError as exc:
            reason = f"line {line_number} is not valid JSON: {exc.msg} (column {exc.colno})"
            results.append(ImportFailure(name, reason))
            continue
        except RecursionError:
            results.append(ImportFailure(name, f"line {line_number} is JSON {_TOO_DEEP}"))
            continue
        results.append(_article_from_json(record, raw_line, name, fields))
    if not results:
        raise ValueError("file holds no records")
    return results


def parse_csv_articles(data: bytes, source_file: str, fields: FieldMap = DEFAULT_FIELDS) -> ParseResult:
    """Articles from a CSV export with a header row (delimiter `,` `;` or tab, sniffed)."""
    text = _decode_csv(data)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ValueError(f"unreadable CSV header row: {exc}") from exc
    if header is None or not any(cell.strip() for cell in header):
        raise ValueError("CSV file has no header row")
    columns = [cell.strip() for cell in header]
    if _pick(dict.fromkeys(columns, ""), fields.text) is None:
        raise ValueError(
            f"CSV header has no text column (looked for {_names(fields.text)}; found {_names(columns)})"
        )
    results: ParseResult = []
    number = 0
    last: int | None = None  # where the file's final record is in `results`
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            reason = f"unreadable CSV record near line {reader.line_num}: {exc}"
            results.append(ImportFailure(f"{source_file}#{number}", reason))
            last = None
            break  # the reader cannot resynchronise after a broken quote
        if not any(cell.strip() for cell in row):
            last = None
            continue
        number += 1
        record = dict(zip(columns, row))
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8")
        results.append(_article_from_record(record, raw, f"{source_file}#{number}", fields))
        last = len(results) - 1
    if last is not None and _ends_inside_quotes(text, delimiter):
        # The lenient reader hands back a field left open at the end of the
        # file as if it were complete: a cut-short article, or every record
        # after a missing quote run together into one.
        results[last] = ImportFailure(
            f"{source_file}#{number}",
            f"record {number} opens a quoted field that is never closed "
            "(the file was cut short, or a quote is missing)",
        )
    if not results:
        raise ValueError("CSV file has a header row but no records")
    return results


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    """Whether the CSV ends inside a quoted field (a strict reader says so; a lenient one does not)."""
    try:
        for _row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ValueError("file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 text (byte {exc.start}: {exc.reason}); JSON must be UTF-8") from exc


def _decode_csv(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode text"), else windows-1256."""
    if not data.strip():
        raise ValueError("file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"not valid UTF-16 text although it starts with a UTF-16 byte order mark (byte {exc.start}: {exc.reason})"
            ) from exc
    if b"\x00" in data:
        raise ValueError("file contains NUL bytes: binary data, not CSV")
    text = decode_utf8_cut_short(data)  # a file cut short stays UTF-8 (its last record is checked)
    if text is not None:
        return text
    # Excel on Arabic Windows saves "CSV" in the ANSI code page.
    return data.decode("cp1256", errors="replace")


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most columns (ties: comma)."""
    first_record = text.lstrip("\n")[:65536]
    best, best_count = ",", 1
    for delimiter in _CSV_DELIMITERS:
        try:
            header = next(csv.reader(io.StringIO(first_record, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(header) > best_count:
            best, best_count = delimiter, len(header)
    return best


def _record_list(parsed: Any) -> list[Any]:
    """The list of records in a parsed .json file."""
    if isinstance(parsed, list):
        if not parsed:
            raise ValueError("the JSON array is empty: no articles")
        return parsed
    if isinstance(parsed, dict):
        for key in _LIST_KEYS:
            value = parsed.get(key)
            if isinstance(value, list):
                return value
            if isinstance(value, dict):
                for inner in _LIST_KEYS:  # {"data": {"items": [...]}}
                    if isinstance(value.get(inner), list):
                        return list(value[inner])
        return [parsed]  # a single article object
    raise ValueError(f"JSON holds a {_json_type(parsed)}, not articles (expected an array or an object)")


def _article_from_json(record: Any, raw: bytes | None, name: str, fields: FieldMap) -> ParsedArticle | ImportFailure:
    """One JSON record as an article; a record too deeply nested to read fails alone."""
    try:
        if raw is None:
            # surrogatepass: a record holding an unpaired surrogate is refused by
            # name when it is finished, rather than failing the whole file here.
            raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        return _article_from_record(record, raw, name, fields)
    except RecursionError:
        return ImportFailure(name, f"record is {_TOO_DEEP}")


def _article_from_record(
    record: Any, raw: bytes, name: str, fields: FieldMap
) -> ParsedArticle | ImportFailure:
    if not isinstance(record, dict):
        return ImportFailure(name, f"record is a {_json_type(record)}, not an object")
    text_key = _pick(record, fields.text)
    if text_key is None:
        return ImportFailure(name, f"record has no text field (looked for {_names(fields.text)})")
    text = _as_text(record[text_key], paragraphs=True)
    if not text:
        return ImportFailure(name, f"record's text field {text_key!r} is empty")
    published_raw = _field(record, fields.date)
    return ParsedArticle(
        text=text,
        raw=raw,
        source_file=name,
        title=_field(record, fields.title),
        outlet=_field(record, fields.outlet),
        url=_field(record, fields.url),
        published=iso_date_prefix(published_raw) if published_raw else None,
        published_raw=published_raw,
    )


def _pick(record: Mapping[str, Any], candidates: Sequence[str]) -> str | None:
    """The record's key for the first candidate name present (exact, then case-insensitive)."""
    folded = {key.strip().casefold(): key for key in record if isinstance(key, str)}
    for candidate in candidates:
        if candidate in record:
            return candidate
        key = folded.get(candidate.casefold())
        if key is not None:
            return key
    return None


def _field(record: Mapping[str, Any], candidates: Sequence[str]) -> str | None:
    key = _pick(record, candidates)
    if key is None:
        return None
    value = _as_text(record[key], paragraphs=False)
    return " ".join(value.split()) or None


def _as_text(value: Any, paragraphs: bool) -> str:
    """A field value as text: strings as they are, lists joined, objects by their name or text."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        parts = [_as_text(item, paragraphs) for item in value]
        return ("\n" if paragraphs else ", ").join(part for part in parts if part)
    if isinstance(value, dict):
        for key in ("name", "text", "value", "@value", "url"):
            if key in value:
                return _as_text(value[key], paragraphs)
    return ""


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def _json_type(value: Any) -> str:
    names = {list: "array", dict: "object", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
