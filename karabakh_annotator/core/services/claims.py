"""Creating claims and moving them through status and verdict."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from karabakh_annotator.core import workflow
from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.labels import INITIAL_WORKFLOW_STATUS, LabelSet
from karabakh_annotator.core.records import Changes, ClaimOverview, ClaimRecord
from karabakh_annotator.core.services.patches import ClaimPatch, given_fields
from karabakh_annotator.core.services.to_records import claim_record
from karabakh_annotator.core.services.unit_of_work import (
    ServiceError,
    analyst_named,
    label_by_key,
    record_event,
)
from karabakh_annotator.core.services.versions import check_not_stale
from karabakh_annotator.core.storage.models import (
    SUMMARY_MAX_CHARS,
    Analyst,
    Article,
    Claim,
    Entity,
    Evidence,
    Label,
    Statement,
)
from karabakh_annotator.core.text.normalize import normalize_query


@dataclass(frozen=True, slots=True)
class ClaimEdit:
    """The claim after an edit, what changed, and the patch that undoes it."""

    claim: ClaimRecord
    changes: Changes
    inverse: ClaimPatch


def _summary(text: str) -> str:
    summary = " ".join(text.split())
    if not summary:
        raise ServiceError("a claim needs a summary")
    if len(summary) > SUMMARY_MAX_CHARS:
        raise ServiceError(f"a claim summary is at most {SUMMARY_MAX_CHARS} characters (got {len(summary)})")
    return summary


def _value(claim: Claim, name: str) -> Any:
    if name == "status":
        return claim.status.key
    if name == "verdict":
        return claim.verdict.key if claim.verdict else None
    if name == "assignee":
        return claim.assignee.name if claim.assignee else None
    return getattr(claim, name)


def _check_workflow(claim: Claim, old_status: str, who: Analyst) -> None:
    """The claim after a patch must follow the workflow (refused edits roll back)."""
    new_status = claim.status.key
    try:
        workflow.check_move(old_status, new_status)
        workflow.check_verdict(new_status, claim.verdict.key if claim.verdict else None, claim.explanation or "")
        if new_status == workflow.REVIEWED and old_status != new_status:
            workflow.check_reviewer(who.name, claim.drafted_by.name if claim.drafted_by else None)
    except workflow.WorkflowError as exc:
        raise ServiceError(str(exc)) from exc


def _link_statements(
    session: Session, who: Analyst, claim: Claim, statement_ids: Iterable[int], live_only: bool
) -> set[int]:
    """Make `claim` the claim of each statement, logging the old link; return their ids."""
    linked = set()
    for statement_id in statement_ids:
        statement = session.get(Statement, statement_id)
        if statement is None or (live_only and statement.deleted_at is not None):
            raise ServiceError(f"no statement with id {statement_id}")
        record_event(session, who, "edit", "statement", statement_id, "claim_id", statement.claim_id, claim.id)
        statement.claim = claim
        linked.add(statement_id)
    return linked


class ClaimService:
    """Every change to claims, each in its own transaction with event-log rows."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create_claim(
        self, summary: str, analyst: str, statement_ids: Iterable[int] = ()
    ) -> tuple[ClaimRecord, Changes]:
        """A new claim in the first workflow status, carried by the given statements."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            status = label_by_key(session, LabelSet.WORKFLOW_STATUS, INITIAL_WORKFLOW_STATUS)
            assert status is not None
            claim = Claim(summary=_summary(summary), status=status, created_by_id=who.id)
            session.add(claim)
            session.flush()
            record_event(session, who, "create", "claim", claim.id, new=claim.summary)
            linked = _link_statements(session, who, claim, statement_ids, live_only=True)
            session.flush()
            return claim_record(claim), Changes(claims=frozenset({claim.id}), statements=frozenset(linked))

    def edit_claim(
        self,
        claim_id: int,
        patch: ClaimPatch,
        analyst: str,
        undoing: bool = False,
        based_on: ClaimRecord | None = None,
    ) -> ClaimEdit:
        """Change summary, status, verdict, rating, explanation or assignee; returns the undo patch.

        Status moves follow the workflow (core/workflow.py): from a drafted
        verdict on a claim needs a verdict and an explanation, and 'reviewed'
        is set by someone other than the drafter. `undoing` applies an undo
        patch, which returns the claim to a state it was in, without the
        move check. `based_on` is the claim as the analyst saw it: if someone
        changed a field this patch sets since then, EditConflict is raised and
        nothing is written (services/versions.py).
        """
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            # Locked (on PostgreSQL) so a concurrent edit waits and then sees this one.
            claim = session.get(Claim, claim_id, with_for_update=True)
            if claim is None or claim.deleted_at is not None:
                raise ServiceError(f"no claim with id {claim_id}")
            fields = given_fields(patch)
            mine = fields | ({"summary": _summary(fields["summary"])} if "summary" in fields else {})
            check_not_stale(
                session, "claim", claim.id, based_on, claim.version, mine,
                lambda name: _value(claim, name), lambda: claim_record(claim),
            )
            before = {name: _value(claim, name) for name in fields}
            old_status = claim.status.key
            for name, value in fields.items():
                if name == "status":
                    status = label_by_key(session, LabelSet.WORKFLOW_STATUS, value)
                    if status is None:
                        raise ServiceError("a claim always has a workflow status")
                    claim.status = status
                elif name == "verdict":
                    claim.verdict = label_by_key(session, LabelSet.VERDICT, value)
                    if "rating_value" not in fields:
                        before.setdefault("rating_value", claim.rating_value)
                        claim.rating_value = claim.verdict.rating_value if claim.verdict else None
                elif name == "summary":
                    claim.summary = _summary(value)
                elif name == "assignee":
                    claim.assignee = analyst_named(session, value) if value else None
                else:
                    setattr(claim, name, value)
            if not undoing:
                _check_workflow(claim, old_status, who)
            if claim.status.key == workflow.DRAFTED and old_status != workflow.DRAFTED:
                claim.drafted_by = who
            changed = {name: old for name, old in before.items() if _value(claim, name) != old}
            for name, old in changed.items():
                record_event(session, who, "edit", "claim", claim.id, name, old, _value(claim, name))
            if changed:
                claim.updated_at = utc_now()
            session.flush()
            return ClaimEdit(claim_record(claim), Changes(claims=frozenset({claim.id})), ClaimPatch(**changed))

    def delete_claim(self, claim_id: int, analyst: str) -> tuple[ClaimRecord, Changes, tuple[int, ...]]:
        """Soft-delete a claim and unlink its statements; returns them so undo can relink."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            claim = session.get(Claim, claim_id)
            if claim is None or claim.deleted_at is not None:
                raise ServiceError(f"no claim with id {claim_id}")
            unlinked = tuple(sorted(s.id for s in claim.statements))
            for statement in list(claim.statements):
                record_event(session, who, "edit", "statement", statement.id, "claim_id", claim.id, None)
                statement.claim = None
            claim.deleted_at = utc_now()
            record_event(session, who, "delete", "claim", claim.id)
            session.flush()
            return claim_record(claim), Changes(claims=frozenset({claim.id}), statements=frozenset(unlinked)), unlinked

    def restore_claim(
        self, claim_id: int, analyst: str, statement_ids: Iterable[int] = ()
    ) -> tuple[ClaimRecord, Changes]:
        """Bring back a soft-deleted claim, relinking the given statements."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            claim = session.get(Claim, claim_id)
            if claim is None:
                raise ServiceError(f"no claim with id {claim_id}")
            claim.deleted_at = None
            record_event(session, who, "restore", "claim", claim.id)
            # Undo relinks the statements it unlinked, even if one was deleted since.
            linked = _link_statements(session, who, claim, statement_ids, live_only=False)
            session.flush()
            return claim_record(claim), Changes(claims=frozenset({claim.id}), statements=frozenset(linked))

    def get_claim(self, claim_id: int) -> ClaimRecord:
        """One claim."""
        with self._sessions() as session:
            claim = session.get(Claim, claim_id)
            if claim is None:
                raise ServiceError(f"no claim with id {claim_id}")
            return claim_record(claim)

    def search_claims(self, text: str, limit: int = 20) -> list[ClaimRecord]:
        """Live claims whose summary holds every word of `text` (normalised), newest first."""
        words = normalize_query(text).split()
        with self._sessions() as session:
            claims = session.scalars(select(Claim).where(Claim.deleted_at.is_(None)).order_by(Claim.id.desc()))
            found = []
            for claim in claims:
                summary = normalize_query(claim.summary)
                if all(word in summary for word in words):
                    found.append(claim_record(claim))
                    if len(found) >= limit:
                        break
            return found

    def list_claims(self) -> list[ClaimRecord]:
        """Every live claim, newest first."""
        with self._sessions() as session:
            claims = session.scalars(select(Claim).where(Claim.deleted_at.is_(None)).order_by(Claim.id.desc()))
            return [claim_record(c) for c in claims]

    def overview(self) -> list[ClaimOverview]:
        """Every live claim with its statements' outlets, speakers, first appearance and evidence count."""
        status, verdict = aliased(Label), aliased(Label)
        assignee, drafter = aliased(Analyst), aliased(Analyst)
        # Plain columns, not ORM objects: 10,000 claims load in a fraction of the time.
        listing = (
            select(
                Claim.id,
                Claim.summary,
                status.key,
                verdict.key,
                Claim.rating_value,
                Claim.explanation,
                assignee.name,
                drafter.name,
                Claim.created_at,
            )
            .join(status, Claim.status_id == status.id)
            .outerjoin(verdict, Claim.verdict_id == verdict.id)
            .outerjoin(assignee, Claim.assignee_id == assignee.id)
            .outerjoin(drafter, Claim.drafted_by_id == drafter.id)
            .where(Claim.deleted_at.is_(None))
            .order_by(Claim.id.desc())
        )
        with self._sessions() as session:
            claims = [
                (ClaimRecord(cid, summary, st, vd, rating, explanation or "", False, who, drafted), created)
                for cid, summary, st, vd, rating, explanation, who, drafted, created in session.execute(listing)
            ]
            appearances = session.execute(
                select(Statement.claim_id, Article.outlet, Entity.name, Article.published)
                .join(Article, Statement.article_id == Article.id)
                .outerjoin(Entity, Statement.speaker_id == Entity.id)
                .where(Statement.claim_id.is_not(None), Statement.deleted_at.is_(None))
            )
            counts: Counter[int] = Counter()
            outlets: dict[int, set[str]] = defaultdict(set)
            speakers: dict[int, set[str]] = defaultdict(set)
            first: dict[int, dt.date] = {}
            for claim_id, outlet, speaker, published in appearances:
                if claim_id is None:
                    continue  # excluded by the query; keeps the types honest
                counts[claim_id] += 1
                if outlet:
                    outlets[claim_id].add(outlet)
                if speaker:
                    speakers[claim_id].add(speaker)
                if published is not None and (claim_id not in first or published < first[claim_id]):
                    first[claim_id] = published
            evidence: dict[int, int] = {
                claim_id: n
                for claim_id, n in session.execute(
                    select(Evidence.claim_id, func.count(Evidence.id))
                    .where(Evidence.deleted_at.is_(None))
                    .group_by(Evidence.claim_id)
                )
            }
            return [
                ClaimOverview(
                    record,
                    counts[record.id],
                    tuple(sorted(outlets[record.id])),
                    tuple(sorted(speakers[record.id])),
                    first.get(record.id),
                    evidence.get(record.id, 0),
                    created,
                )
                for record, created in claims
            ]
