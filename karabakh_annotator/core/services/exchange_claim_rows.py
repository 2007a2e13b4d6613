"""The rows of the claim exports: the claims table and the ClaimReview of each claim with a verdict."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Connection, Row, Select, Table, select

from karabakh_annotator.core.exporters.claimreview import Appearance, ReviewedClaim
from karabakh_annotator.core.exporters.claims_csv import ClaimRow
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services.exchange_rows import Lookups, time_value
from karabakh_annotator.core.services.exports import StatementFilter, _filtered
from karabakh_annotator.core.storage.models import Article, Claim, Entity, Event, Label, Statement

# Speakers of these source types are named as a Person in ClaimReview; the
# rest (ministries, media, organisations) as an Organization.
PERSON_SOURCE_TYPES = frozenset(
    {"military_spokesperson", "expert", "eyewitness", "social_media", "anonymous", "unknown"}
)

_CLAIMS = cast(Table, Claim.__table__)


def claim_query(filters: StatementFilter) -> Select[Any]:
    """Live claims matching `filters`: status and verdict on the claim, the rest through its statements."""
    query = select(*_CLAIMS.columns).where(Claim.deleted_at.is_(None))
    labels = {
        LabelSet.WORKFLOW_STATUS: (filters.status, Claim.status_id),
        LabelSet.VERDICT: (filters.verdict, Claim.verdict_id),
    }
    for label_set, (key, column) in labels.items():
        if key:
            label_id = select(Label.id).where(Label.label_set == label_set.value, Label.key == key)
            query = query.where(column == label_id.scalar_subquery())
    by_statement = replace(filters, status=None, verdict=None)
    if by_statement != StatementFilter(include_deleted=filters.include_deleted):
        query = query.where(Claim.id.in_(_filtered(select(Statement.claim_id), by_statement)))
    return query.order_by(Claim.id)


@dataclass(frozen=True, slots=True)
class _Carried:
    """One live statement of a claim, with what the claim exports need of its article."""

    statement_id: int
    speaker_id: int | None
    article: Appearance


def _carriers(connection: Connection) -> dict[int, list[_Carried]]:
    """Live statements by claim, earliest appearance first (undated articles last)."""
    rows = connection.execute(
        select(
            Statement.claim_id,
            Statement.id,
            Statement.speaker_id,
            Article.id,
            Article.url,
            Article.title,
            Article.outlet,
            Article.published,
        )
        .join(Article, Article.id == Statement.article_id)
        .where(Statement.claim_id.is_not(None), Statement.deleted_at.is_(None))
    )
    carried: defaultdict[int, list[_Carried]] = defaultdict(list)
    for claim_id, statement_id, speaker_id, article_id, url, title, outlet, published in rows:
        assert claim_id is not None
        carried[claim_id].append(
            _Carried(statement_id, speaker_id, Appearance(article_id, url, title, outlet, published))
        )
    for items in carried.values():
        items.sort(key=lambda c: (c.article.published is None, c.article.published or dt.date.min, c.statement_id))
    return carried


def claim_rows(connection: Connection, filters: StatementFilter) -> list[ClaimRow]:
    """The claims table: one row per live claim matching `filters`, by id."""
    look = Lookups(connection)
    carried = _carriers(connection)
    rows = []
    for claim in connection.execute(claim_query(filters)):
        items = carried.get(claim.id, [])
        dates = [c.article.published for c in items if c.article.published is not None]
        rows.append(
            ClaimRow(
                claim_id=claim.id,
                summary=claim.summary,
                status=look.labels[claim.status_id],
                verdict=look.label(claim.verdict_id),
                rating_value=claim.rating_value,
                explanation=claim.explanation,
                statements=len(items),
                outlets=tuple(sorted({c.article.outlet for c in items if c.article.outlet})),
                first_appearance=min(dates) if dates else None,
                assignee=_assignee(claim, look),
            )
        )
    return rows


def _assignee(claim: Row[Any], look: Lookups) -> str | None:
    assignee_id = getattr(claim, "assignee_id", None)
    return look.analysts.get(assignee_id) if assignee_id is not None else None


def _published_dates(connection: Connection) -> dict[int, dt.date]:
    """When each claim last became published (or, failing that, last got its verdict), from the event log."""
    rows = connection.execute(
        select(Event.entity_id, Event.field, Event.new_value, Event.at)
        .where(Event.entity_type == "claim", Event.field.in_(["status", "verdict"]))
        .order_by(Event.id)
    )
    published: dict[int, dt.date] = {}
    verdict_set: dict[int, dt.date] = {}
    for claim_id, field, new_value, at in rows:
        if field == "status" and new_value is not None and json.loads(new_value) == "published":
            published[claim_id] = at.date()
        elif field == "verdict" and new_value is not None:
            verdict_set[claim_id] = at.date()
    return verdict_set | published


def reviewed_claims(connection: Connection, filters: StatementFilter, language: str) -> list[ReviewedClaim]:
    """Every live claim with a verdict (matching `filters`) as what its ClaimReview says."""
    verdicts = {
        row.id: row
        for row in connection.execute(
            select(Label.id, Label.name_ar, Label.name_en, Label.rating_value, Label.retired).where(
                Label.label_set == LabelSet.VERDICT.value
            )
        )
    }
    scale = [row.rating_value for row in verdicts.values() if row.rating_value is not None and not row.retired]
    speakers = {
        row.id: (row.name, row.source_type_id)
        for row in connection.execute(select(Entity.id, Entity.name, Entity.source_type_id))
    }
    labels = {row[0]: row[1] for row in connection.execute(select(Label.id, Label.key))}
    carried = _carriers(connection)
    dates = _published_dates(connection)
    reviews = []
    for claim in connection.execute(claim_query(filters).where(Claim.verdict_id.is_not(None))):
        verdict = verdicts[claim.verdict_id]
        items = carried.get(claim.id, [])
        speaker_id = next((c.speaker_id for c in items if c.speaker_id is not None), None)
        author, author_type = None, "Person"
        if speaker_id is not None:
            author, source_type_id = speakers[speaker_id]
            source_type = labels.get(source_type_id) if source_type_id is not None else None
            if source_type is not None and source_type not in PERSON_SOURCE_TYPES:
                author_type = "Organization"
        appearances: dict[int, Appearance] = {}
        for item in items:
            appearances.setdefault(item.article.article_id, item.article)
        first = [a.published for a in appearances.values() if a.published is not None]
        reviews.append(
            ReviewedClaim(
                claim_id=claim.id,
                summary=claim.summary,
                verdict_name=verdict.name_ar if language == "ar" else verdict.name_en,
                rating_value=claim.rating_value if claim.rating_value is not None else verdict.rating_value,
                best_rating=max(scale) if scale else None,
                worst_rating=min(scale) if scale else None,
                explanation=claim.explanation,
                author=author,
                author_type=author_type,
                appearances=tuple(appearances.values()),
                first_appearance=min(first) if first else None,
                date_published=dates.get(claim.id, time_value(claim.updated_at).date()),
            )
        )
    return reviews
