"""Is every edit the services acknowledged during a load run in the database? (see load_scenario)

Read back after the workers stopped: each acknowledged edit must have left
its event-log row (no more, no fewer), each marked statement and created
claim must be there (and nothing else), every own statement must hold the
values its analyst last set, every own claim the status it was last moved
to, and each hot row must carry every acknowledged token exactly once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from benchmarks.load_scenario import TOKEN, Outcome, Seeded
from karabakh_annotator.core.records import StatementRecord
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.core.storage.models import Analyst, Event

_FIELDS = ("note", "speaker_id", "stance", "party", "claim_id")


@dataclass
class Verdict:
    """What is missing (lost) and what is there twice or from nowhere (unexpected)."""

    acknowledged: int
    lost: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.lost and not self.unexpected


def _compare(verdict: Verdict, what: str, expected: Counter[str], found: Counter[str]) -> None:
    verdict.lost += [f"{what}: {item} missing" for item in sorted((expected - found).elements())]
    verdict.unexpected += [f"{what}: {item} not acknowledged" for item in sorted((found - expected).elements())]


def verify(url: str, seeded: Seeded, outcomes: list[Outcome]) -> Verdict:
    """Check the database at `url` against the workers' outcomes."""
    verdict = Verdict(sum(o.acknowledged for o in outcomes))
    database = open_database(url)
    try:
        services = build_services(database)
        statements: dict[int, StatementRecord] = {
            s.id: s
            for article_id in seeded.article_ids
            for s in services.statements.statements_for_article(article_id, include_deleted=True)
        }
        claims = {c.id: c for c in services.claims.list_claims()}
        analysts = [o.analyst for o in outcomes]
        with database.sessions() as session:
            rows = session.execute(
                select(Analyst.name, Event.entity_type, Event.entity_id, Event.field)
                .join(Analyst, Event.analyst_id == Analyst.id)
                .where(Analyst.name.in_(analysts))
            ).all()
    finally:
        database.dispose()

    _compare(
        verdict, "event",
        Counter(f"{o.analyst} {kind} {entity_id} {name}" for o in outcomes for kind, entity_id, name in o.events),
        Counter(f"{name} {kind} {entity_id} {field_}" for name, kind, entity_id, field_ in rows),
    )
    _compare(
        verdict, "statement",
        Counter([f"{s} by {o.analyst}" for o in outcomes for s in o.marked]
                + [f"{s} by seed" for s in seeded.hot_statements]),
        Counter(f"{s.id} by {s.analyst}" for s in statements.values() if not s.deleted),
    )
    _compare(
        verdict, "claim",
        Counter([f"{c} {summary}" for o in outcomes for c, summary in o.claims.items()]
                + [f"{c} {claims[c].summary if c in claims else '?'}" for c in seeded.hot_claims]),
        Counter(f"{c.id} {c.summary}" for c in claims.values()),
    )
    for outcome in outcomes:
        for statement_id, fields in outcome.statements.items():
            record = statements.get(statement_id)
            for name in _FIELDS:
                found = getattr(record, name, "?")
                if found != fields[name]:
                    verdict.lost.append(
                        f"statement {statement_id} {name}: {found!r}, {outcome.analyst} set {fields[name]!r}"
                    )
        for claim_id, status in outcome.statuses.items():
            found = claims[claim_id].status if claim_id in claims else "?"
            if found != status:
                verdict.lost.append(f"claim {claim_id} status: {found!r}, {outcome.analyst} set {status!r}")
    hot = {f"statement:{s}": statements[s].note if s in statements else "" for s in seeded.hot_statements}
    hot |= {f"claim:{c}": claims[c].explanation if c in claims else "" for c in seeded.hot_claims}
    for key, value in hot.items():
        _compare(
            verdict, f"token on {key}",
            Counter(token for o in outcomes for token in o.hot_tokens.get(key, [])),
            Counter(TOKEN.findall(value)),
        )
    return verdict
