"""Same claim across articles, and contradictions: proposed pairs and the analyst's answers.

The pairs are computed over every live statement plus the open suggestions
of every article, and kept until the database changes. Accepting a same-claim
pair puts both statements on one claim; dismissing remembers the answer so
the pair is not proposed again. Each answer returns a PairAnswer, which
`take_back` reverses through the same services (the window's undo).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from karabakh_annotator.core.records import Changes, MatchRecord, PairAnswer, Passage
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

    def accept(self, match: MatchRecord, analyst: str) -> PairAnswer:
        """Confirm a pair: a same-claim pair ends on one claim; a contradiction is recorded as confirmed.

        Returns what was done, for `take_back`.
        """
        return self._answer_pair(match, "accepted", analyst)

    def dismiss(self, match: MatchRecord, analyst: str) -> PairAnswer:
        """Do not propose this pair again (suggestions in it are accepted as statements first)."""
        return self._answer_pair(match, "dismissed", analyst)

    def answer_again(self, answer: PairAnswer, analyst: str) -> PairAnswer:
        """Redo a taken-back answer: bring back the statements it made from suggestions, then answer again."""
        restored = Changes()
        for statement_id in answer.created_statements:
            restored |= self._statements.restore_statement(statement_id, analyst)[1]
        try:
            again = self._answer_pair(answer.match, answer.decision, analyst)
        except ServiceError:
            for statement_id in answer.created_statements:
                self._statements.delete_statement(statement_id, analyst)
            raise
        return replace(again, created_statements=answer.created_statements, changes=again.changes | restored)

    def take_back(self, answer: PairAnswer, analyst: str) -> Changes:
        """Reverse an answer: the pair's previous decision (or none), the claim link, the statements made."""
        changes = self._restore_decision(answer, analyst)
        if answer.created_claim is not None:
            changes |= self._claims.delete_claim(answer.created_claim, analyst)[1]
        elif answer.relinked is not None:
            statement_id, before = answer.relinked
            changes |= self._statements.edit_statement(statement_id, StatementPatch(claim_id=before), analyst).changes
        # Soft-deleted, the span is free again, so the suggestion is offered again.
        for statement_id in reversed(answer.created_statements):
            changes |= self._statements.delete_statement(statement_id, analyst)[1]
        return changes

    def _answer_pair(self, match: MatchRecord, decision: str, analyst: str) -> PairAnswer:
        # The claim ids as they are now, not as they were when the pair was proposed.
        first, second = self._current(match.a), self._current(match.b)
        joining = decision == "accepted" and match.kind == "same"
        self._check(first, second, joining)
        created: list[int] = []
        try:
            a, changes_a = self._as_statement(first, analyst, created)
            b, changes_b = self._as_statement(second, analyst, created)
            changes = changes_a | changes_b
            claim: int | None = None
            relinked: tuple[int, int | None] | None = None
            if joining:
                joined, claim, relinked = self._join_claims(a, b, analyst)
                changes |= joined
            answered, previous = self._answer(match.kind, a.statement_id, b.statement_id, decision, analyst)
        except ServiceError:
            # Nothing half done: the statements just made from suggestions go again.
            for statement_id in created:
                self._statements.delete_statement(statement_id, analyst)
            raise
        pair = replace(match, a=replace(a, claim_id=first.claim_id), b=replace(b, claim_id=second.claim_id))
        return PairAnswer(pair, decision, previous, changes | answered, tuple(created), claim, relinked)

    def _current(self, passage: Passage) -> Passage:
        if passage.statement_id is None:
            return passage
        statement = self._statements.get_statement(passage.statement_id)
        if statement.deleted:
            raise ServiceError(f"statement {statement.id} was deleted; search again")
        return replace(passage, claim_id=statement.claim_id)

    @staticmethod
    def _check(a: Passage, b: Passage, joining: bool) -> None:
        """Refuse before anything is written (suggestions accepted, claims made)."""
        if a.statement_id is not None and a.statement_id == b.statement_id:
            raise ServiceError("a statement cannot pair with itself")
        if joining and a.claim_id is not None and b.claim_id is not None and a.claim_id != b.claim_id:
            raise ServiceError(
                f"statements {a.statement_id} and {b.statement_id} already carry different claims "
                f"(#{a.claim_id}, #{b.claim_id}); link them by hand"
            )

    def _as_statement(self, passage: Passage, analyst: str, created: list[int]) -> tuple[Passage, Changes]:
        if passage.statement_id is not None:
            return passage, Changes()
        found = self._cache[2] if self._cache is not None else {}
        suggestion = found.get((passage.article_id, passage.start, passage.end))
        if suggestion is None:
            raise ServiceError("that suggestion is no longer open; search again")
        statement, changes = self._suggestions.accept(passage.article_id, suggestion, analyst)
        created.append(statement.id)
        return replace(passage, statement_id=statement.id, claim_id=statement.claim_id), changes

    def _join_claims(
        self, a: Passage, b: Passage, analyst: str
    ) -> tuple[Changes, int | None, tuple[int, int | None] | None]:
        """Both statements on one claim: (changes, the claim created, or (statement relinked, its claim before))."""
        assert a.statement_id is not None and b.statement_id is not None
        claim_id = a.claim_id or b.claim_id
        if claim_id is None:
            claim, changes = self._claims.create_claim(
                claim_summary(a.text), analyst, [a.statement_id, b.statement_id]
            )
            return changes, claim.id, None
        other = b if a.claim_id is not None else a
        assert other.statement_id is not None
        edit = self._statements.edit_statement(other.statement_id, StatementPatch(claim_id=claim_id), analyst)
        return edit.changes, None, (other.statement_id, other.claim_id)

    def _answer(
        self, kind: str, a: int | None, b: int | None, decision: str, analyst: str
    ) -> tuple[Changes, str | None]:
        assert a is not None and b is not None
        if a == b:
            raise ServiceError("a statement cannot pair with itself")
        first, second = min(a, b), max(a, b)
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            row = self._decision(session, kind, first, second)
            old = row.decision if row else None
            if row is None:
                row = MatchDecision(kind=kind, statement_a_id=first, statement_b_id=second, analyst=who)
                session.add(row)
            row.decision = decision
            row.analyst = who
            session.flush()
            record_event(session, who, decision, "match", row.id, "decision", old, [kind, first, second])
        return Changes(statements=frozenset({first, second})), old

    def _restore_decision(self, answer: PairAnswer, analyst: str) -> Changes:
        kind, first, second = answer.key
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            row = self._decision(session, kind, first, second)
            if row is not None and row.decision != answer.previous_decision:
                old, new = row.decision, answer.previous_decision
                record_event(session, who, "take back", "match", row.id, "decision", old, new)
                if answer.previous_decision is None:
                    session.delete(row)
                else:
                    row.decision = answer.previous_decision
                    row.analyst = who
        return Changes(statements=frozenset({first, second}))

    @staticmethod
    def _decision(session: Session, kind: str, first: int, second: int) -> MatchDecision | None:
        return session.scalars(
            select(MatchDecision).where(
                MatchDecision.kind == kind,
                MatchDecision.statement_a_id == first,
                MatchDecision.statement_b_id == second,
            )
        ).first()
