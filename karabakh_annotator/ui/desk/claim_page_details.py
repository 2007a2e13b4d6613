"""Everything the claim page shows about one claim, read from the services in one place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from karabakh_annotator.core.records import (
    ArticleSummary,
    ClaimRecord,
    EventRecord,
    EvidenceRecord,
    StatementRecord,
)
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.unit_of_work import ServiceError


@dataclass(frozen=True)
class ClaimDetails:
    """One claim with its statements (and their articles), live evidence and event history."""

    claim: ClaimRecord
    statements: Sequence[StatementRecord] = ()
    articles: Mapping[int, ArticleSummary] = field(default_factory=dict)
    evidence: Sequence[EvidenceRecord] = ()
    cited_statements: Mapping[int, StatementRecord] = field(default_factory=dict)
    history: Sequence[EventRecord] = ()


def load_claim_details(services: Services, claim_id: int) -> ClaimDetails | None:
    """Read one claim's page; None when it no longer exists or was deleted."""
    try:
        claim = services.claims.get_claim(claim_id)
    except ServiceError:
        return None
    if claim.deleted:
        return None
    statements = services.statements.statements_for_claim(claim_id)
    evidence = services.evidence.evidence_for_claim(claim_id)
    cited: dict[int, StatementRecord] = {}
    for item in evidence:
        if item.statement_id is not None and item.statement_id not in cited:
            try:
                cited[item.statement_id] = services.statements.get_statement(item.statement_id)
            except ServiceError:
                continue  # the statement is gone: the evidence still shows its id
    article_ids = {s.article_id for s in statements} | {s.article_id for s in cited.values()}
    articles = {a.id: a for a in services.articles.article_summaries(article_ids)} if article_ids else {}
    return ClaimDetails(claim, statements, articles, evidence, cited, services.history.for_claim(claim_id))
