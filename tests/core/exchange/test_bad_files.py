"""A bad file is refused with its name, the line and why, and changes nothing in the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from karabakh_annotator.core.exporters.csv_export import CSV_ENCODING
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.exchange_write import Writer
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import Database
from tests.core.exchange.conftest import Desk


@pytest.fixture
def good_file(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> Path:
    path = tmp_path / "good.jsonl"
    exchange.export_jsonl(path)
    return path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def _line_of(lines: list[str], record_type: str, nth: int = 0) -> int:
    """0-based index of the nth record of a type."""
    return [i for i, line in enumerate(lines) if json.loads(line)["type"] == record_type][nth]


def _snapshot(database: Database, folder: Path) -> bytes:
    path = folder / f"snapshot-{id(database)}.jsonl"
    ExchangeService(database.sessions).export_jsonl(path)
    return path.read_bytes()


def _edit(
    record_type: str, change: Callable[[dict[str, object]], None], nth: int = 0
) -> Callable[[list[str]], tuple[list[str], int]]:
    def apply(lines: list[str]) -> tuple[list[str], int]:
        index = _line_of(lines, record_type, nth)
        record = json.loads(lines[index])
        change(record)
        lines[index] = json.dumps(record, ensure_ascii=False)
        return lines, index + 1

    return apply


CASES: dict[str, tuple[Callable[[list[str]], tuple[list[str], int]], str]] = {
    "wrong type": (_edit("statement", lambda r: r.update(start="73")), "statement field 'start' must be an integer, not \"73\""),
    "null where required": (_edit("claim", lambda r: r.update(summary=None)), "claim field 'summary' must not be null"),
    "bad base64": (_edit("article", lambda r: r.update(raw="***")), "article field 'raw' must be base64 text"),
    "bad time": (_edit("event", lambda r: r.update(at="yesterday")), "event field 'at' must be an ISO 8601 time"),
    "unknown field": (_edit("entity", lambda r: r.update(colour="red")), "unknown field 'colour' in a entity record"),
    "missing field": (_edit("statement", lambda r: r.pop("quote")), "statement record has no 'quote' field"),
    "dangling reference": (_edit("statement", lambda r: r.update(claim_id=99)), "refers to claim 99, which the file does not hold"),
    "duplicate id": (_edit("claim", lambda r: r.update(id=1), nth=1), "a second claim with id 1"),
    "hash mismatch": (_edit("article", lambda r: r.update(text="نص آخر")), "content_hash does not match its text"),
    "long summary": (_edit("claim", lambda r: r.update(summary="ا" * 76)), "a claim summary must have 1 to 75 characters"),
    "nul character": (_edit("statement", lambda r: r.update(note="a\u0000b")), "holds a NUL character"),
    "unknown type": (_edit("evidence", lambda r: r.update(type="proof")), "unknown record type \"proof\""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_record_names_file_and_line_and_changes_nothing(
    good_file: Path, database: Database, fresh: Database, tmp_path: Path, case: str
) -> None:
    damage, message = CASES[case]
    lines, line_number = damage(_lines(good_file))
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for target in (fresh, database):  # restore into an empty database, merge into one with data
        before = _snapshot(target, tmp_path)
        with pytest.raises(ServiceError) as refused:
            ExchangeService(target.sessions).import_annotations(bad)
        assert str(refused.value).startswith(f"{bad}, line {line_number}: ")
        assert message in str(refused.value)
        assert _snapshot(target, tmp_path) == before


def test_a_file_cut_in_the_middle_of_a_line(good_file: Path, fresh: Database, tmp_path: Path) -> None:
    before = _snapshot(fresh, tmp_path)
    data = good_file.read_bytes()
    cut = data.index(b'{"type":"statement"') + 40
    bad = tmp_path / "cut.jsonl"
    bad.write_bytes(data[:cut])
    line = data[:cut].count(b"\n") + 1
    with pytest.raises(ServiceError, match=rf"cut\.jsonl, line {line}: the file ends in the middle of a line"):
        ExchangeService(fresh.sessions).import_annotations(bad)
    assert _snapshot(fresh, tmp_path) == before


def test_a_file_cut_at_a_line_end(good_file: Path, fresh: Database, tmp_path: Path) -> None:
    lines = _lines(good_file)
    bad = tmp_path / "cut.jsonl"
    bad.write_text("\n".join(lines[:-5]) + "\n", encoding="utf-8")
    with pytest.raises(ServiceError, match=rf"line {len(lines) - 5}: the file ends without its end line"):
        ExchangeService(fresh.sessions).import_annotations(bad)


def test_counts_that_disagree_with_the_records(good_file: Path, fresh: Database, tmp_path: Path) -> None:
    lines = _lines(good_file)
    del lines[_line_of(lines, "statement", 1)]
    bad = tmp_path / "short.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ServiceError, match=rf"line {len(lines)}: the end line counts 4 statement records but the file holds 3"):
        ExchangeService(fresh.sessions).import_annotations(bad)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ('{"type":"header","format":"karabakh-annotator","version":1,"schema":"9999"}', "written by a newer Karabakh Annotator"),
        ('{"type":"label","id":1}', "not a karabakh-annotator JSONL export"),
        ('{"type": "header",', "the file ends in the middle of a line"),
    ],
)
def test_headers_that_are_refused(fresh: Database, tmp_path: Path, header: str, message: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(header + ("\n" if not header.endswith(",") else ""), encoding="utf-8")
    with pytest.raises(ServiceError, match=rf"bad\.jsonl, line 1: {message}"):
        ExchangeService(fresh.sessions).import_annotations(bad)


def test_a_line_that_is_no_object(good_file: Path, fresh: Database, tmp_path: Path) -> None:
    lines = _lines(good_file)
    lines[2] = "[1, 2]"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ServiceError, match=r"bad\.jsonl, line 3: each line must be one JSON object"):
        ExchangeService(fresh.sessions).import_annotations(bad)


def test_bytes_that_are_not_utf8(good_file: Path, fresh: Database, tmp_path: Path) -> None:
    data = good_file.read_bytes().split(b"\n")
    index = next(i for i, line in enumerate(data) if b'"type":"analyst"' in line)
    data[index] = data[index].replace("ليلى".encode(), b"\xff\xfe")
    bad = tmp_path / "latin.jsonl"
    bad.write_bytes(b"\n".join(data))
    with pytest.raises(ServiceError, match=rf"latin\.jsonl, line {index + 1}: not UTF-8 text"):
        ExchangeService(fresh.sessions).import_annotations(bad)


def test_a_failure_while_writing_rolls_everything_back(
    good_file: Path, fresh: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Writer, articles: object) -> None:
        raise OperationalError("INSERT INTO article_sketches", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Writer, "index_articles", broken)
    before = _snapshot(fresh, tmp_path)
    with pytest.raises(ServiceError, match=r"good\.jsonl: could not be imported, nothing was changed \(disk I/O error\)"):
        ExchangeService(fresh.sessions).import_annotations(good_file)
    assert _snapshot(fresh, tmp_path) == before


def test_a_missing_file(fresh: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="cannot read .*absent.jsonl"):
        ExchangeService(fresh.sessions).import_annotations(tmp_path / "absent.jsonl")


# -- CSV ------------------------------------------------------------------------


@pytest.fixture
def good_csv(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> Path:
    path = tmp_path / "good.csv"
    exchange.export_csv(path)
    return path


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("reporting_stance", "shouts", "unknown reporting stance label 'shouts' in column 'reporting_stance'"),
        ("start", "ثلاثة", "column 'start' must be a whole number, not 'ثلاثة'"),
        ("created_at", "أمس", "column 'created_at' is not an ISO 8601 time"),
        ("quote", "", "the quote is empty"),
    ],
)
def test_a_bad_csv_row_names_file_and_line_and_changes_nothing(
    good_csv: Path, database: Database, tmp_path: Path, column: str, value: str, message: str
) -> None:
    with good_csv.open(encoding=CSV_ENCODING, newline="") as stream:
        text = stream.read()
    header, first, second, *rest = text.split("\r\n")
    # The first row spans two lines (its suffix holds a line break): the second row starts on line 4.
    assert "\n" in first
    columns = header.split(",")
    cells = second.split(",")
    cells[columns.index(column)] = value
    bad = tmp_path / "bad.csv"
    bad.write_bytes(("\r\n".join([header, first, ",".join(cells), *rest])).encode(CSV_ENCODING))
    before = _snapshot(database, tmp_path)
    with pytest.raises(ServiceError) as refused:
        ExchangeService(database.sessions).import_annotations(bad)
    assert str(refused.value).startswith(f"{bad}, line 4: ") and message in str(refused.value)
    assert _snapshot(database, tmp_path) == before


def test_a_csv_that_is_not_a_statements_export(fresh: Database, tmp_path: Path) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("name,age\r\nليلى,30\r\n", encoding="utf-8")
    with pytest.raises(ServiceError, match=r"other\.csv, line 1: not a statements export: missing columns statement_id"):
        ExchangeService(fresh.sessions).import_annotations(bad)
