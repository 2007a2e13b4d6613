"""Claims with a verdict as schema.org ClaimReview: shape and values."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.services.patches import ClaimPatch
from tests.core.exchange.conftest import CLAIM_SUMMARY, Desk


def _reviews(exchange: ExchangeService, tmp_path: Path, **options: Any) -> list[dict[str, Any]]:
    path = tmp_path / "claimreview.jsonld"
    count = exchange.export_claimreview(path, **options)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"] == "https://schema.org" and len(document["@graph"]) == count
    reviews: list[dict[str, Any]] = document["@graph"]
    return reviews


def test_a_claim_with_a_verdict_becomes_one_claim_review(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    [review] = _reviews(exchange, tmp_path)  # the open claim has no verdict: no review
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == CLAIM_SUMMARY  # JSON, not a spreadsheet: no apostrophe
    assert review["reviewRating"] == {
        "@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "زائف",
    }
    assert review["reviewBody"] == "صور الأقمار الصناعية لا تظهر تغيرا في خطوط التماس."
    assert review["datePublished"] == utc_now().date().isoformat()  # the day it moved to published
    assert review["inLanguage"] == "ar"


def test_item_reviewed_names_the_speaker_and_every_appearance(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    item = _reviews(exchange, tmp_path)[0]["itemReviewed"]
    assert item["@type"] == "Claim" and item["@id"] == f"urn:karabakh-annotator:claim:{desk.claim}"
    # The first appearance (dated earliest) is the ministry's statement; a ministry is an Organization.
    assert item["author"] == {"@type": "Organization", "name": "وزارة الدفاع الأذربيجانية"}
    assert item["datePublished"] == "2020-10-20"
    assert item["appearance"] == [
        {
            "@type": "NewsArticle",
            "url": "https://example.az/front",
            "headline": "أخبار الجبهة",
            "datePublished": "2020-10-20",
            "publisher": {"@type": "Organization", "name": "وكالة أذرتاج"},
        },
        {
            "@type": "NewsArticle",
            "@id": f"urn:karabakh-annotator:article:{desk.denial}",
            "headline": "نفي أرمني",
            "publisher": {"@type": "Organization", "name": "أرمنبرس"},
        },
    ]


def test_rating_falls_back_to_the_verdict_and_names_follow_the_language(
    services: Services, exchange: ExchangeService, desk: Desk, tmp_path: Path
) -> None:
    services.claims.edit_claim(desk.open_claim, ClaimPatch(verdict="mostly_true", rating_value=None), "عمر")
    reviews = {r["claimReviewed"]: r for r in _reviews(exchange, tmp_path, language="en")}
    talks = reviews["استئناف المحادثات في موسكو"]
    assert talks["reviewRating"]["ratingValue"] == 4  # the claim has none: the verdict label's
    assert talks["reviewRating"]["alternateName"] == "Mostly true" and talks["inLanguage"] == "en"
    assert "author" not in talks["itemReviewed"]  # no speaker marked
    # Not yet published: dated by its verdict.
    assert dt.date.fromisoformat(talks["datePublished"]) == utc_now().date()


def test_verdicts_without_a_rating_omit_the_value(
    services: Services, exchange: ExchangeService, desk: Desk, tmp_path: Path
) -> None:
    services.claims.edit_claim(desk.open_claim, ClaimPatch(verdict="unverifiable"), "عمر")
    reviews = _reviews(exchange, tmp_path, filters=StatementFilter(verdict="unverifiable"))
    assert [r["reviewRating"] for r in reviews] == [
        {"@type": "Rating", "bestRating": 5, "worstRating": 1, "alternateName": "غير محسوم"}
    ]
