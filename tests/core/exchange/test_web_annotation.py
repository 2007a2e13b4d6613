"""Statements as W3C Web Annotations: quote and position selectors, a body with speaker, cue, stance, claim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.text.anchors import quote_context
from tests.core.conftest import span_of
from tests.core.exchange.conftest import CLAIM_SUMMARY, DENIAL_QUOTE, DENIAL_TEXT, FRONT_QUOTE, FRONT_TEXT, Desk


def _export(exchange: ExchangeService, tmp_path: Path, filters: StatementFilter | None = None) -> dict[str, Any]:
    path = tmp_path / "annotations.jsonld"
    exchange.export_web_annotation(path, filters)
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _selectors(annotation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {selector["type"]: selector for selector in annotation["target"]["selector"]}


def test_collection_holds_one_annotation_per_live_statement(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    document = _export(exchange, tmp_path)
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection" and document["total"] == 3
    page = document["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    ids = [item["id"] for item in page["items"]]
    assert ids == [f"urn:karabakh-annotator:statement:{i}" for i in (desk.front_statement, desk.denial_statement, desk.talks_statement)]
    assert all(item["type"] == "Annotation" for item in page["items"])


def test_selectors_anchor_the_quote_in_code_points(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    front = _export(exchange, tmp_path)["first"]["items"][0]
    start, end = span_of(FRONT_TEXT, FRONT_QUOTE)
    prefix, suffix = quote_context(FRONT_TEXT, start, end)
    selectors = _selectors(front)
    assert selectors["TextQuoteSelector"] == {
        "type": "TextQuoteSelector", "exact": FRONT_QUOTE, "prefix": prefix, "suffix": suffix,
    }
    assert selectors["TextPositionSelector"] == {"type": "TextPositionSelector", "start": start, "end": end}
    # Code points, not UTF-16 units: the emoji before and inside the quote count once.
    utf16_start = len(FRONT_TEXT[:start].encode("utf-16-le")) // 2
    assert utf16_start > start and FRONT_TEXT[start:end] == FRONT_QUOTE
    assert front["target"]["source"] == f"urn:karabakh-annotator:article:{desk.front}"
    assert front["target"]["scope"] == "https://example.az/front"


def test_body_carries_speaker_cue_stance_and_claim(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    items = _export(exchange, tmp_path)["first"]["items"]
    front, denial, talks = items
    assert front["body"] == {
        "type": "Statement",
        "speaker": {"id": f"urn:karabakh-annotator:entity:{desk.ministry}", "name": "وزارة الدفاع الأذربيجانية"},
        "cue": "قال",
        "cueClass": "saying",
        "stance": "reports",
        "partyAlignment": "pro_azerbaijan",
        "claim": {
            "id": f"urn:karabakh-annotator:claim:{desk.claim}",
            "type": "Claim",
            "summary": CLAIM_SUMMARY,
            "status": "published",
            "verdict": "false",
            "ratingValue": 1,
        },
        "note": "=تحقق من الخريطة",  # JSON is no spreadsheet: kept as typed
    }
    assert front["creator"] == {"type": "Person", "name": "ليلى"} and front["motivation"] == "classifying"
    assert front["created"].endswith("Z")
    assert _selectors(denial)["TextQuoteSelector"]["exact"] == DENIAL_QUOTE
    assert denial["body"]["stance"] == "refutes" and denial["body"]["cueClass"] == "denying"
    assert "scope" not in denial["target"]  # no web address known
    # Unset fields are left out rather than written as null.
    assert talks["body"] == {
        "type": "Statement",
        "cue": "أعلنت",
        "claim": {"id": f"urn:karabakh-annotator:claim:{desk.open_claim}", "type": "Claim", "summary": "استئناف المحادثات في موسكو", "status": "spotted"},
    }


def test_filters_narrow_the_collection(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    by_analyst = _export(exchange, tmp_path, StatementFilter(analyst="عمر"))
    assert by_analyst["total"] == 2
    by_verdict = _export(exchange, tmp_path, StatementFilter(verdict="false"))
    assert [i["id"].rsplit(":", 1)[1] for i in by_verdict["first"]["items"]] == [str(desk.front_statement), str(desk.denial_statement)]
    nothing = _export(exchange, tmp_path, StatementFilter(article_ids=frozenset({999})))
    assert nothing["total"] == 0 and "first" not in nothing


def test_quote_selector_finds_the_span_in_the_stored_text(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    for item in _export(exchange, tmp_path)["first"]["items"][:2]:
        quote, position = _selectors(item)["TextQuoteSelector"], _selectors(item)["TextPositionSelector"]
        text = FRONT_TEXT if item["target"]["source"].endswith(f":{desk.front}") else DENIAL_TEXT
        found = text.index(quote["prefix"] + quote["exact"] + quote["suffix"]) + len(quote["prefix"])
        assert (found, found + len(quote["exact"])) == (position["start"], position["end"])
