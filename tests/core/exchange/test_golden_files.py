"""The exporters over plain objects, checked against golden files in tests/data/exchange/.

The files are the formats' contract with other tools: a change here must be
deliberate. Run with KA_UPDATE_GOLDEN=1 to rewrite them, then read the diff.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from karabakh_annotator.core.exchange_format import FieldKind, FieldSpec, RecordSpec
from karabakh_annotator.core.exporters.claimreview import Appearance, ReviewedClaim, write_claimreview
from karabakh_annotator.core.exporters.claims_csv import ClaimRow, write_claims_csv
from karabakh_annotator.core.exporters.csv_export import CSV_ENCODING, StatementRow
from karabakh_annotator.core.exporters.jsonl_export import write_jsonl
from karabakh_annotator.core.exporters.web_annotation import AnnotatedStatement, write_web_annotation

DATA = Path(__file__).resolve().parents[2] / "data" / "exchange"
AT = dt.datetime(2020, 10, 20, 8, 30, 15, 250000, tzinfo=dt.UTC)
TEXT = "قال المتحدث 🛰️ إن القوات صدت الهجوم."


def _check(name: str, produced: bytes) -> None:
    path = DATA / name
    if os.environ.get("KA_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced)
    assert produced == path.read_bytes(), f"{name} changed; if deliberate, rerun with KA_UPDATE_GOLDEN=1"


def _text(write: object) -> str:
    stream = io.StringIO(newline="")
    write(stream)  # type: ignore[operator]
    return stream.getvalue()


def test_web_annotation() -> None:
    start = TEXT.index("إن")
    row = StatementRow(
        statement_id=7, article_id=3, article_title="خبر", outlet="وكالة", published=dt.date(2020, 10, 20),
        source_file="a.txt", start=start, end=len(TEXT) - 1, quote=TEXT[start:-1], prefix=TEXT[:start], suffix=".",
        speaker="المتحدث", cue="قال", cue_class="saying", reporting_stance="reports", party_alignment=None,
        claim_id=2, claim_summary="صد هجوم", status="published", verdict="false", rating_value=1,
        explanation="لا دليل", analyst="ليلى", note="", created_at=AT, updated_at=AT,
    )
    item = AnnotatedStatement(row, "https://example.org/a", 4)
    _check("statement.webannotation.json", _text(lambda s: write_web_annotation([item], s)).encode())


def test_claimreview() -> None:
    claim = ReviewedClaim(
        claim_id=2, summary="صد هجوم قرب شوشا", verdict_name="زائف", rating_value=1, best_rating=5, worst_rating=1,
        explanation="صور الأقمار الصناعية لا تظهر قتالا.", author="وزارة الدفاع", author_type="Organization",
        appearances=(
            Appearance(3, "https://example.org/a", "خبر", "وكالة", dt.date(2020, 10, 20)),
            Appearance(5, None, None, None, None),
        ),
        first_appearance=dt.date(2020, 10, 20), date_published=dt.date(2020, 11, 2),
    )
    _check("claim.claimreview.json", _text(lambda s: write_claimreview([claim], s)).encode())


def test_claims_csv() -> None:
    rows = [
        ClaimRow(2, "=صد هجوم", "published", "false", 1, "سطر\nثان، مع فاصلة", 3, ("أرمنبرس", "وكالة"), dt.date(2020, 10, 20), None),
        ClaimRow(4, "محادثات", "spotted", None, None, "", 0, (), None, "ليلى"),
    ]
    _check("claims.csv", _text(lambda s: write_claims_csv(rows, s)).encode(CSV_ENCODING))


def test_jsonl_records() -> None:
    spec = RecordSpec(
        "article",
        (
            FieldSpec("id", FieldKind.INTEGER),
            FieldSpec("text", FieldKind.TEXT),
            FieldSpec("raw", FieldKind.BYTES),
            FieldSpec("published", FieldKind.DATE, nullable=True),
            FieldSpec("imported_at", FieldKind.DATETIME),
            FieldSpec("retired", FieldKind.BOOLEAN),
            FieldSpec("aliases", FieldKind.TEXT_LIST),
        ),
    )
    rows = [
        (1, TEXT + "\n\t\"\\\u2028", TEXT.encode(), dt.date(2020, 10, 20), AT, False, ["قره باغ", "كاراباخ"]),
        (2, "x", b"\x00\xff", None, AT.replace(tzinfo=None), True, []),
    ]
    _check("records.jsonl", _text(lambda s: write_jsonl(s, "0007", [(spec, rows)])).encode())


@pytest.mark.parametrize("name", ["statement.webannotation.json", "claim.claimreview.json", "records.jsonl"])
def test_arabic_is_written_as_text_not_escapes(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert "صد" in text and "\\u06" not in text
