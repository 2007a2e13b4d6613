"""Evidence on claims: citations, URLs, notes and statements in other articles, each with a stance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlparse

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes, EvidenceRecord
from karabakh_annotator.core.services.unit_of_work import ServiceError, analyst_named, label_by_key, record_event
from karabakh_annotator.core.storage.models import Analyst, Claim, Evidence, Label, Statement


def evidence_record(evidence: Evidence, analyst: Analyst) -> EvidenceRecord:
    """An evidence row as a plain record."""
    return EvidenceRecord(
        evidence.id,
        evidence.claim_id,
        evidence.stance.key,
        evidence.citation,
        evidence.url,
        evidence.note,
        evidence.statement_id,
        analyst.name,
        evidence.created_at,
        evidence.deleted_at is not None,
    )


def _check_url(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise ServiceError(f"not a web address: {url!r} (expected http:// or https://)")
    return url


class EvidenceService:
    """Add, remove and list a claim's evidence; every change is logged."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add_evidence(
        self,
        claim_id: int,
        stance: str,
        analyst: str,
        citation: str = "",
        url: str | None = None,
        note: str = "",
        statement_id: int | None = None,
    ) -> tuple[EvidenceRecord, Changes]:
        """New evidence for a claim; it must cite something (text, a URL or a statement)."""
        url = _check_url(url)
        citation, note = citation.strip(), note.strip()
        if not (citation or url or note or statement_id):
            raise ServiceError("evidence needs a citation, a URL, a note or a statement")
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            claim = session.get(Claim, claim_id)
            if claim is None or claim.deleted_at is not None:
                raise ServiceError(f"no claim with id {claim_id}")
            if statement_id is not None:
                statement = session.get(Statement, statement_id)
                if statement is None or statement.deleted_at is not None:
                    raise ServiceError(f"no statement with id {statement_id}")
            stance_label = label_by_key(session, LabelSet.EVIDENCE_STANCE, stance)
            if stance_label is None:
                raise ServiceError("evidence needs a stance (supports, refutes, discusses, unrelated)")
            evidence = Evidence(
                claim_id=claim_id,
                stance=stance_label,
                citation=citation,
                url=url,
                note=note,
                statement_id=statement_id,
                analyst_id=who.id,
            )
            session.add(evidence)
            session.flush()
            record_event(
                session, who, "create", "evidence", evidence.id, new=[claim_id, stance, citation, url, statement_id]
            )
            return evidence_record(evidence, who), Changes(claims=frozenset({claim_id}))

    def delete_evidence(self, evidence_id: int, analyst: str) -> tuple[EvidenceRecord, Changes]:
        """Withdraw evidence (soft: the history keeps it, restore brings it back)."""
        return self._set_deleted(evidence_id, analyst, deleted=True)

    def restore_evidence(self, evidence_id: int, analyst: str) -> tuple[EvidenceRecord, Changes]:
        """Bring withdrawn evidence back."""
        return self._set_deleted(evidence_id, analyst, deleted=False)

    def _set_deleted(self, evidence_id: int, analyst: str, deleted: bool) -> tuple[EvidenceRecord, Changes]:
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            evidence = session.get(Evidence, evidence_id)
            if evidence is None:
                raise ServiceError(f"no evidence with id {evidence_id}")
            if (evidence.deleted_at is not None) == deleted:
                # Refused, not ignored: an undo of a no-op would otherwise undo someone else's change.
                state = "withdrawn" if deleted else "in use"
                raise ServiceError(f"evidence {evidence_id} is already {state}")
            evidence.deleted_at = utc_now() if deleted else None
            record_event(session, who, "delete" if deleted else "restore", "evidence", evidence.id)
            session.flush()
            author = session.get(Analyst, evidence.analyst_id)
            assert author is not None
            return evidence_record(evidence, author), Changes(claims=frozenset({evidence.claim_id}))

    def evidence_for_claim(self, claim_id: int, include_deleted: bool = False) -> list[EvidenceRecord]:
        """A claim's evidence, oldest first."""
        with self._sessions() as session:
            query = (
                select(Evidence, Analyst)
                .join(Analyst, Evidence.analyst_id == Analyst.id)
                .where(Evidence.claim_id == claim_id)
                .order_by(Evidence.id)
            )
            if not include_deleted:
                query = query.where(Evidence.deleted_at.is_(None))
            return [evidence_record(evidence, author) for evidence, author in session.execute(query)]

    def counts(self, claim_ids: Iterable[int] | None = None) -> dict[int, Counter[str]]:
        """Live evidence per claim, counted by stance."""
        query = (
            select(Evidence.claim_id, Label.key, func.count(Evidence.id))
            .join(Label, Evidence.stance_id == Label.id)
            .where(Evidence.deleted_at.is_(None))
            .group_by(Evidence.claim_id, Label.key)
        )
        if claim_ids is not None:
            query = query.where(Evidence.claim_id.in_(list(claim_ids)))
        counted: dict[int, Counter[str]] = {}
        with self._sessions() as session:
            for claim_id, stance, count in session.execute(query):
                counted.setdefault(claim_id, Counter())[stance] = count
        return counted
