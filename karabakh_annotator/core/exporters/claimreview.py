"""Claims with a verdict as schema.org ClaimReview (JSON-LD), the markup fact-checkers publish.

One ClaimReview per claim: `claimReviewed` is the claim's short summary,
`reviewRating` carries the rating value (1 worst .. 5 best by default), the
scale's best and worst values and the verdict's name as `alternateName`;
`itemReviewed` is the Claim, with the speaker as `author` and every article
that carried it as an `appearance` (its web address, or an urn with its id
when the address is unknown), the outlet as publisher.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from karabakh_annotator.core.exporters.web_annotation import urn

SCHEMA_CONTEXT = "https://schema.org"


@dataclass(frozen=True, slots=True)
class Appearance:
    """An article that carried the claim."""

    article_id: int
    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """What a ClaimReview states about one claim."""

    claim_id: int
    summary: str
    verdict_name: str
    rating_value: int | None
    best_rating: int | None
    worst_rating: int | None
    explanation: str
    author: str | None
    author_type: str  # "Person" | "Organization"
    appearances: tuple[Appearance, ...]
    first_appearance: dt.date | None
    date_published: dt.date


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in (None, "")}


def _appearance(item: Appearance) -> dict[str, Any]:
    where: dict[str, Any] = {"url": item.url} if item.url else {"@id": urn("article", item.article_id)}
    publisher = {"@type": "Organization", "name": item.outlet} if item.outlet else None
    return _present(
        {
            "@type": "NewsArticle",
            **where,
            "headline": item.title,
            "datePublished": item.published.isoformat() if item.published else None,
            "publisher": publisher,
        }
    )


def claim_review(claim: ReviewedClaim, language: str = "ar") -> dict[str, Any]:
    """One ClaimReview object (without @context: the document declares it)."""
    rating = _present(
        {
            "@type": "Rating",
            "ratingValue": claim.rating_value,
            "bestRating": claim.best_rating,
            "worstRating": claim.worst_rating,
            "alternateName": claim.verdict_name,
        }
    )
    author = {"@type": claim.author_type, "name": claim.author} if claim.author else None
    item = _present(
        {
            "@type": "Claim",
            "@id": urn("claim", claim.claim_id),
            "author": author,
            "datePublished": claim.first_appearance.isoformat() if claim.first_appearance else None,
            "appearance": [_appearance(a) for a in claim.appearances] or None,
        }
    )
    return _present(
        {
            "@type": "ClaimReview",
            "@id": urn("claim", claim.claim_id) + "#review",
            "claimReviewed": claim.summary,
            "datePublished": claim.date_published.isoformat(),
            "inLanguage": language,
            "reviewBody": claim.explanation,
            "reviewRating": rating,
            "itemReviewed": item,
        }
    )


def write_claimreview(claims: Iterable[ReviewedClaim], stream: TextIO, language: str = "ar") -> int:
    """Write one JSON-LD document with a ClaimReview per claim in @graph; return how many."""
    reviews = [claim_review(claim, language) for claim in claims]
    json.dump({"@context": SCHEMA_CONTEXT, "@graph": reviews}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
    return len(reviews)
