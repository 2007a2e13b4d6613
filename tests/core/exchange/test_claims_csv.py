"""The claims table and the statements table as CSV: spreadsheet-safe, one row per claim or statement."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karabakh_annotator.core.exporters.claims_csv import CLAIM_COLUMNS
from karabakh_annotator.core.exporters.csv_export import (
    CSV_ENCODING,
    neutralise_formula,
    read_statements_csv,
    write_statements_csv,
)
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.exchange_rows import _quick_safe
from karabakh_annotator.core.services.exports import StatementFilter
from tests.core.exchange.conftest import CLAIM_SUMMARY, DENIAL_QUOTE, Desk


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=CSV_ENCODING, newline="") as stream:
        return list(csv.DictReader(stream))


def test_claims_table_has_one_row_per_claim(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    assert exchange.export_claims_csv(path) == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 3
    rows = _rows(path)
    assert list(rows[0]) == list(CLAIM_COLUMNS)
    assert rows[0] == {
        "claim_id": str(desk.claim),
        "summary": "'" + CLAIM_SUMMARY,  # starts with "=": neutralised
        "status": "published",
        "verdict": "false",
        "rating_value": "1",
        "explanation": "صور الأقمار الصناعية لا تظهر تغيرا في خطوط التماس.",
        "statements": "2",
        "outlets": "أرمنبرس; وكالة أذرتاج",
        "first_appearance": "2020-10-20",
        "assignee": "",
    }
    assert rows[1] == {
        "claim_id": str(desk.open_claim),
        "summary": "استئناف المحادثات في موسكو",
        "status": "spotted",
        "verdict": "",
        "rating_value": "",
        "explanation": "",
        "statements": "1",
        "outlets": "وكالة أذرتاج",
        "first_appearance": "",  # that article has no date
        "assignee": "ليلى",
    }


def test_claims_table_follows_filters_and_skips_deleted_claims(
    services: Services, exchange: ExchangeService, desk: Desk, tmp_path: Path
) -> None:
    path = tmp_path / "claims.csv"
    assert exchange.export_claims_csv(path, StatementFilter(status="published")) == 1
    assert [r["claim_id"] for r in _rows(path)] == [str(desk.claim)]
    assert exchange.export_claims_csv(path, StatementFilter(analyst="عمر")) == 2  # عمر marked one of each
    assert exchange.export_claims_csv(path, StatementFilter(article_ids=frozenset({desk.talks}))) == 1
    services.claims.delete_claim(desk.open_claim, "عمر")
    assert exchange.export_claims_csv(path) == 1


def test_deleted_statements_are_not_counted(services: Services, exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    services.statements.delete_statement(desk.denial_statement, "عمر")
    path = tmp_path / "claims.csv"
    exchange.export_claims_csv(path)
    assert (_rows(path)[0]["statements"], _rows(path)[0]["outlets"]) == ("1", "وكالة أذرتاج")


@pytest.mark.parametrize(
    "filters",
    [StatementFilter(), StatementFilter(analyst="عمر"), StatementFilter(verdict="false"), StatementFilter(include_deleted=True)],
)
def test_statements_csv_matches_the_row_by_row_export(
    services: Services, exchange: ExchangeService, desk: Desk, tmp_path: Path, filters: StatementFilter
) -> None:
    """The fast export writes exactly what write_statements_csv writes for ExportService rows."""
    path = tmp_path / "statements.csv"
    count = exchange.export_csv(path, filters)
    expected = io.StringIO(newline="")
    assert write_statements_csv(services.exports.statement_rows(filters), expected) == count
    assert path.read_bytes() == expected.getvalue().encode(CSV_ENCODING)


def test_statements_csv_reads_back_with_formulas_restored(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "statements.csv"
    exchange.export_csv(path)
    assert ",'-نفت وزارة" in path.read_text(encoding=CSV_ENCODING)  # neutralised in the file
    with path.open(encoding=CSV_ENCODING, newline="") as stream:
        rows = read_statements_csv(stream)
    assert rows[1]["quote"] == DENIAL_QUOTE and rows[0]["claim_summary"] == CLAIM_SUMMARY


@given(st.text(max_size=4))
def test_quick_neutralisation_equals_the_exporters(value: str) -> None:
    assert _quick_safe(value) == neutralise_formula(value)
