"""Same claim across articles, and contradictions: proposed pairs and the analyst's answers.

The pairs are computed over every live statement plus the open suggestions
of every article, and kept until the database changes. Accepting a same-claim
pair puts both statements on one claim; dismissing remembers the answer so
the pair is not proposed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from karabakh_annotator.core.records import Changes, MatchRecord, Passage
from karabakh_annotator.core.services.claims import ClaimService
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.services.statements import StatementService
from karabakh_annotator.core.services.suggestions import SuggestionService
from karabakh_annotator.core.services.unit_of_work import ServiceError, analyst_named, record_event
from karabakh_annotator.core.storage.models import (
    SUMMARY_MAX_CHARS,
    Article,
    Entity,
    Label,
    MatchDecision,
    Statement,
    SuggestionDecision,
)

if TYPE_CHECKING:
    from karabakh_annotator.core.analysis.attribution import Suggestion
    from karabakh_annotator.core.analysis.matching import ClaimText, Pair

KINDS = ("same", "contradiction")
SUGGESTION_SCAN_LIMIT = 2_000


@dataclass(frozen=True, slots=True)
class _Item:
    passage: Passage
    claim_text: ClaimText
    suggestion: Suggestion | None


def claim_summary(text: str) -> str:
    """A claim summary from a statement: its first words, within the summary limit."""
    words = " ".join(text.split())
    if len(words) <= SUMMARY_MAX_CHARS:
        return words
    cut = words[: SUMMARY_MAX_CHARS - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


class MatchService:
    """Proposed pairs across articles, cached until statements or answers change."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        suggestions: SuggestionService,
        statements: StatementService,
        claims: ClaimService,
    ) -> None:
        self._sessions = sessions
        self._suggestions = suggestions
        self._statements = statements
        self._claims = claims
        self._cache: tuple[tuple[object, ...], list[MatchRecord], dict[tuple[int, int, int], Suggestion]] | None = None

    # -- reading -----------------------------------------------------------------

    def find(self, kinds: Iterable[str] = KINDS, include_suggestions: bool = True) -> list[MatchRecord]:
        """Open proposals (not answered, not already on one claim), best first."""
        wanted = set(kinds)
        return [m for m in self._proposals(include_suggestions) if m.kind in wanted]

    def related(self, statement_id: int, include_suggestions: bool | None = None) -> list[MatchRecord]:
        """Open proposals involving one statement, with that statement as `a`.

        By default the open suggestions of other articles take part only in
        databases of up to SUGGESTION_SCAN_LIMIT articles: beyond that, reading
        every article for them (200 articles/s) would hold up the window.
        """
        if include_suggestions is None:
            with self._sessions() as session:
                include_suggestions = (session.scalar(select(func.count(Article.id))) or 0) <= SUGGESTION_SCAN_LIMIT
        related = []
        for match in self._proposals(include_suggestions):
            if match.a.statement_id == statement_id:
                related.append(match)
            elif match.b.statement_id == statement_id:
                related.append(replace(match, a=match.b, b=match.a))
        return related

    def _proposals(self, include_suggestions: bool) -> list[MatchRecord]:
        with self._sessions() as session:
            key = (include_suggestions, *self._state(session))
            if self._cache is not None and self._cache[0] == key:
                return self._cache[1]
            items = self._statement_items(session)
            if include_suggestions:
                items += self._suggestion_items(session, start_key=len(items))
            answered = self._answered(session)
        # Loaded on first use: the matching tables are not needed at start-up.
        from karabakh_annotator.core.analysis.contradictions import find_related  # noqa: PLC0415

        pairs: list[Pair] = find_related(item.claim_text for item in items)
        proposals = [self._record(p, items) for p in pairs]
        proposals = [m for m in proposals if not self._settled(m, answered)]
        proposals.sort(key=lambda m: (-m.score, m.kind, m.a.article_id, m.a.start, m.b.article_id, m.b.start))
        found = {(i.passage.article_id, i.passage.start, i.passage.end): i.suggestion for i in items if i.suggestion}
        self._cache = (key, proposals, found)
        return proposals

    @staticmethod
    def _state(session: Session) -> tuple[object, ...]:
        # Cheap aggregates that change whenever a statement, an answer or an article does.
        statements = session.execute(select(func.count(Statement.id), func.max(Statement.updated_at))).one()
        deleted = session.scalar(select(func.count(Statement.id)).where(Statement.deleted_at.is_not(None)))
        answers = session.scalar(select(func.count(MatchDecision.id)))
        rejections = session.scalar(select(func.count(SuggestionDecision.id)))
        articles = session.scalar(select(func.max(Article.id)))
        return (*statements, deleted, answers, rejections, articles)

    @staticmethod
    def _statement_items(session: Session) -> list[_Item]:
        from karabakh_annotator.core.analysis.matching import ClaimText  # noqa: PLC0415

        cue_class, stance = aliased(Label), aliased(Label)
        rows = session.execute(
            select(
                Statement.id,
                Statement.article_id,
                Statement.start,
                Statement.end,
                Statement.quote,
                Statement.claim_id,
                cue_class.key,
                stance.key,
                Entity.name,
                Article.published,
            )
            .join(Article, Statement.article_id == Article.id)
            .outerjoin(cue_class, Statement.cue_class_id == cue_class.id)
            .outerjoin(stance, Statement.stance_id == stance.id)
            .outerjoin(Entity, Statement.speaker_id == Entity.id)
            .where(Statement.deleted_at.is_(None))
            .order_by(Statement.id)
        )
        items: list[_Item] = []
        for key, (sid, article_id, start, end, quote, claim_id, cue, stance_key, speaker, published) in enumerate(rows):
            passage = Passage(article_id, start, end, quote, sid, claim_id)
            text = ClaimText(key, article_id, quote, cue, stance_key, speaker, published)
            items.append(_Item(passage, text, None))
        return items

    def _suggestion_items(self, session: Session, start_key: int) -> list[_Item]:
        from karabakh_annotator.core.analysis.matching import ClaimText  # noqa: PLC0415

        rows = session.execute(select(Article.id, Article.published))
        published: dict[int, dt.date | None] = {article_id: date for article_id, date in rows}
        items: list[_Item] = []
        for article_id, suggestions in self._suggestions.for_articles():
            for s in suggestions:
                key = start_key + len(items)
                passage = Passage(article_id, s.start, s.end, s.text)
                text = ClaimText(key, article_id, s.text, s.cue_class, s.stance, s.speaker, published.get(article_id))
                items.append(_Item(passage, text, s))
        return items

    @staticmethod
    def _answered(session: Session) -> set[tuple[str, int, int]]:
        rows = session.execute(select(MatchDecision.kind, MatchDecision.statement_a_id, MatchDecision.statement_b_id))
        return {(kind, a, b) for kind, a, b in rows}

    @staticmethod
    def _record(pair: Pair, items: list[_Item]) -> MatchRecord:
        a, b = items[pair.a].passage, items[pair.b].passage
        if (a.article_id, a.start) > (b.article_id, b.start):
            a, b = b, a
        return MatchRecord(pair.kind, a, b, round(pair.score, 4))

    @staticmethod
    def _settled(match: MatchRecord, answered: set[tuple[str, int, int]]) -> bool:
        a, b = match.a.statement_id, match.b.statement_id
        if a is None or b is None:
            return False
        if match.kind == "same" and match.a.claim_id is not None and match.a.claim_id == match.b.claim_id:
            return True
        return (match.kind, min(a, b), max(a, b)) in answered

    # -- answers -----------------------------------------------------------------

    def accept(self, match: MatchRecord, analyst: str) -> Changes:
        """Confirm a pair: a same-claim pair ends on one claim; a contradiction is recorded as confirmed."""
        a, changes_a = self._as_statement(match.a, analyst)
        b, changes_b = self._as_statement(match.b, analyst)
        changes = changes_a | changes_b
        if match.kind == "same":
            changes |= self._join_claims(a, b, analyst)
        return changes | self._answer(match.kind, a.statement_id, b.statement_id, "accepted", analyst)

    def dismiss(self, match: MatchRecord, analyst: str) -> Changes:
        """Do not propose this pair again (suggestions in it are accepted as statements first)."""
        a, changes_a = self._as_statement(match.a, analyst)
        b, changes_b = self._as_statement(match.b, analyst)
        return changes_a | changes_b | self._answer(match.kind, a.statement_id, b.statement_id, "dismissed", analyst)

    def _as_statement(self, passage: Passage, analyst: str) -> tuple[Passage, Changes]:
        if passage.statement_id is not None:
            return passage, Changes()
        found = self._cache[2] if self._cache is not None else {}
        suggestion = found.get((passage.article_id, passage.start, passage.end))
        if suggestion is None:
            raise ServiceError("that suggestion is no longer open; search again")
        statement, changes = self._suggestions.accept(passage.article_id, suggestion, analyst)
        return replace(passage, statement_id=statement.id, claim_id=statement.claim_id), changes

    def _join_claims(self, a: Passage, b: Passage, analyst: str) -> Changes:
        assert a.statement_id is not None and b.statement_id is not None
        if a.claim_id is not None and b.claim_id is not None and a.claim_id != b.claim_id:
            raise ServiceError(
                f"statements {a.statement_id} and {b.statement_id} already carry different claims "
                f"(#{a.claim_id}, #{b.claim_id}); link them by hand"
            )
        claim_id = a.claim_id or b.claim_id
        if claim_id is None:
            _, changes = self._claims.create_claim(claim_summary(a.text), analyst, [a.statement_id, b.statement_id])
            return changes
        other = b.statement_id if a.claim_id is not None else a.statement_id
        return self._statements.edit_statement(other, StatementPatch(claim_id=claim_id), analyst).changes

    def _answer(self, kind: str, a: int | None, b: int | None, decision: str, analyst: str) -> Changes:
        assert a is not None and b is not None
        if a == b:
            raise ServiceError("a statement cannot pair with itself")
        first, second = min(a, b), max(a, b)
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            row = session.scalars(
                select(MatchDecision).where(
                    MatchDecision.kind == kind,
                    MatchDecision.statement_a_id == first,
                    MatchDecision.statement_b_id == second,
                )
            ).first()
            old = row.decision if row else None
            if row is None:
                row = MatchDecision(kind=kind, statement_a_id=first, statement_b_id=second, analyst=who)
                session.add(row)
            row.decision = decision
            row.analyst = who
            session.flush()
            record_event(session, who, decision, "match", row.id, "decision", old, [kind, first, second])
        return Changes(statements=frozenset({first, second}))
