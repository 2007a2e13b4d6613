"""Creating claims and moving them through status and verdict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.labels import INITIAL_WORKFLOW_STATUS, LabelSet
from karabakh_annotator.core.records import Changes, ClaimRecord
from karabakh_annotator.core.services.patches import ClaimPatch, given_fields
from karabakh_annotator.core.services.to_records import claim_record
from karabakh_annotator.core.services.unit_of_work import (
    ServiceError,
    analyst_named,
    label_by_key,
    record_event,
)
from karabakh_annotator.core.storage.models import SUMMARY_MAX_CHARS, Analyst, Claim, Statement
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
    return getattr(claim, name)


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

    def edit_claim(self, claim_id: int, patch: ClaimPatch, analyst: str) -> ClaimEdit:
        """Change summary, status, verdict, rating or explanation; returns the undo patch."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            claim = session.get(Claim, claim_id)
            if claim is None or claim.deleted_at is not None:
                raise ServiceError(f"no claim with id {claim_id}")
            fields = given_fields(patch)
            before = {name: _value(claim, name) for name in fields}
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
                else:
                    setattr(claim, name, value)
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
