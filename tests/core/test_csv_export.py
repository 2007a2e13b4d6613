"""CSV for spreadsheets: BOM, RFC 4180 quoting, formula-safe, lossless through csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from karabakh_annotator.core.exporters.csv_export import (
    COLUMNS,
    CSV_ENCODING,
    StatementRow,
    neutralise_formula,
    read_statements_csv,
    restore_formula,
    write_statements_csv,
)

NOW = dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.UTC)


def _row(**overrides: object) -> StatementRow:
    values: dict[str, object] = dict(
        statement_id=7, article_id=3, article_title="عنوان، مع فاصلة", outlet="وكالة \"الأنباء\"",
        published=dt.date(2020, 9, 27), source_file="خبر 1.txt", start=10, end=20, quote="قال الوزير",
        prefix="", suffix="", speaker="الوزير", cue="قال", cue_class="saying", reporting_stance="reports",
        party_alignment="neutral", claim_id=None, claim_summary=None, status=None, verdict=None,
        rating_value=None, explanation=None, analyst="rania", note="", created_at=NOW, updated_at=NOW,
    )
    values.update(overrides)
    return StatementRow(**values)  # type: ignore[arg-type]


def _export(rows: list[StatementRow]) -> bytes:
    buffer = io.BytesIO()
    with io.TextIOWrapper(buffer, encoding=CSV_ENCODING, newline="", write_through=True) as stream:
        write_statements_csv(rows, stream)
        stream.flush()
        return buffer.getvalue()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tتبويب", "'\tتبويب"),
        ("\rسطر", "'\rسطر"),
        ("'=quoted", "''=quoted"),
        ("'plain apostrophe", "''plain apostrophe"),
        ("قال = يساوي", "قال = يساوي"),
        ("", ""),
    ],
)
def test_formula_triggers_are_neutralised_reversibly(value: str, expected: str) -> None:
    assert neutralise_formula(value) == expected
    assert restore_formula(expected) == value


def test_file_starts_with_bom_and_uses_crlf() -> None:
    data = _export([_row()])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 2 and b"\n" not in data.replace(b"\r\n", b"")


def test_header_is_the_documented_column_order() -> None:
    first_line = _export([]).decode(CSV_ENCODING).split("\r\n")[0]
    assert first_line.split(",") == list(COLUMNS)


def test_arabic_commas_quotes_newlines_and_formulas_survive_a_csv_reader() -> None:
    tricky = {
        "quote": "قال: \"لن ننسحب\"، وأضاف\nسطرا ثانيا",
        "note": "=HYPERLINK(\"http://evil.example\",\"اضغط\")",
        "speaker": "-وزير الدفاع",
        "claim_summary": "القوات، كما يقول، \"صدت\" الهجوم",
        "explanation": "سطر\r\nوسطر",
    }
    data = _export([_row(**tricky), _row(statement_id=8)])
    rows = list(csv.reader(io.StringIO(data.decode(CSV_ENCODING), newline="")))
    assert rows[0] == list(COLUMNS) and len(rows) == 3
    raw = dict(zip(COLUMNS, rows[1], strict=True))
    assert raw["note"].startswith("'=") and raw["speaker"].startswith("'-")  # inert in a spreadsheet
    back = read_statements_csv(io.StringIO(data.decode(CSV_ENCODING), newline=""))
    for column, value in tricky.items():
        assert back[0][column] == value
    assert back[0]["published"] == "2020-09-27" and back[0]["start"] == "10"
    assert back[0]["claim_id"] == "" and back[0]["outlet"] == "وكالة \"الأنباء\""


def test_reading_a_file_that_is_not_an_export_names_the_missing_columns() -> None:
    with pytest.raises(ValueError, match="missing columns statement_id"):
        read_statements_csv(io.StringIO("a,b\r\n1,2\r\n"))


def test_documented_column_order_matches_the_code() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "csv-columns.md").read_text(encoding="utf-8")
    documented = [line.split("|")[2].strip().strip("`") for line in doc.splitlines() if line.startswith("| ") and line.split("|")[1].strip().isdigit()]
    assert documented == list(COLUMNS)
