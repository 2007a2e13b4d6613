"""Suggested statements: found by the attribution rules, rejected or accepted by the analyst.

Suggestions are computed, not stored: an article's text never changes, so
its suggestions are kept in memory once found. Only the analyst's answers are
stored: a rejection (so the span is not offered again) or, on acceptance, the
statement itself with speaker, cue, stance and party filled in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.records import Changes, EntityRecord, StatementRecord
from karabakh_annotator.core.services.entities import EntityService
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.services.statements import StatementService
from karabakh_annotator.core.services.unit_of_work import ServiceError, analyst_named, record_event
from karabakh_annotator.core.storage.models import Article, Statement, SuggestionDecision

if TYPE_CHECKING:
    from karabakh_annotator.core.analysis.attribution import Suggestion
    from karabakh_annotator.core.analysis.speakers import AliasList, SpeakerResolver

_Span = tuple[int, int]
_CHUNK = 500


def _overlaps(span: _Span, taken: Iterable[_Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


class SuggestionService:
    """Suggestions per article, minus what the analyst rejected or already marked."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        statements: StatementService,
        entities: EntityService,
        variant_files: Iterable[Path] = (),
    ) -> None:
        self._sessions = sessions
        self._statements = statements
        self._entities = entities
        self._variant_files = list(variant_files)
        self._variants: AliasList | None = None
        self._found: dict[int, tuple[Suggestion, ...]] = {}

    # The rules and the speaker lists are loaded on first use, not when the
    # window starts (together about 0.2 s of patterns and tables).

    def _rules(self) -> Callable[[str, str | None], list[Suggestion]]:
        from karabakh_annotator.core.analysis.attribution import suggest_statements  # noqa: PLC0415

        return suggest_statements

    def _alias_list(self) -> AliasList:
        if self._variants is None:
            from karabakh_annotator.core.analysis.speakers import load_alias_list  # noqa: PLC0415

            self._variants = load_alias_list(self._variant_files)
        return self._variants

    # -- reading -----------------------------------------------------------------

    def for_article(self, article_id: int) -> list[Suggestion]:
        """The open suggestions of one article, in text order."""
        for _, suggestions in self.for_articles([article_id]):
            return suggestions
        raise ServiceError(f"no article with id {article_id}")

    def for_articles(self, article_ids: Iterable[int] | None = None) -> Iterator[tuple[int, list[Suggestion]]]:
        """(article id, open suggestions) for the given articles (None: all), in id order."""
        wanted = sorted(set(article_ids)) if article_ids is not None else None
        with self._sessions() as session:
            ids = wanted if wanted is not None else list(session.scalars(select(Article.id).order_by(Article.id)))
            for first in range(0, len(ids), _CHUNK):
                chunk = ids[first : first + _CHUNK]
                taken = self._taken_spans(session, chunk)
                for article_id, suggestions in self._suggest(session, chunk):
                    blocked = taken.get(article_id, ())
                    yield article_id, [s for s in suggestions if not _overlaps((s.start, s.end), blocked)]

    def text_suggestions(self, text: str, outlet: str | None = None) -> list[Suggestion]:
        """Suggestions for a text outside the database (`suggest FILE`)."""
        return self._rules()(text, outlet)

    def _suggest(self, session: Session, ids: list[int]) -> Iterator[tuple[int, tuple[Suggestion, ...]]]:
        missing = [i for i in ids if i not in self._found]
        if missing:
            rows = session.execute(select(Article.id, Article.text, Article.outlet).where(Article.id.in_(missing)))
            suggest = self._rules()
            for article_id, text, outlet in rows:
                self._found[article_id] = tuple(suggest(text, outlet))
        for article_id in ids:
            if article_id in self._found:
                yield article_id, self._found[article_id]

    @staticmethod
    def _taken_spans(session: Session, ids: list[int]) -> dict[int, list[_Span]]:
        # A span the analyst marked (any overlap) or rejected is not offered again.
        taken: dict[int, list[_Span]] = defaultdict(list)
        marked = select(Statement.article_id, Statement.start, Statement.end).where(
            Statement.article_id.in_(ids), Statement.deleted_at.is_(None)
        )
        rejected = select(SuggestionDecision.article_id, SuggestionDecision.start, SuggestionDecision.end).where(
            SuggestionDecision.article_id.in_(ids)
        )
        for query in (marked, rejected):
            for article_id, start, end in session.execute(query):
                taken[article_id].append((start, end))
        return taken

    # -- answers -----------------------------------------------------------------

    def reject(self, article_id: int, start: int, end: int, analyst: str) -> Changes:
        """Do not offer this span of the article again."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            if session.get(Article, article_id) is None:
                raise ServiceError(f"no article with id {article_id}")
            if self._decision(session, article_id, start, end) is None:
                decision = SuggestionDecision(article_id=article_id, start=start, end=end, analyst=who)
                session.add(decision)
                session.flush()
                record_event(session, who, "reject", "suggestion", decision.id, new=[article_id, start, end])
        return Changes(articles=frozenset({article_id}))

    def unreject(self, article_id: int, start: int, end: int, analyst: str) -> Changes:
        """Offer a rejected span again (the undo of `reject`)."""
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            decision = self._decision(session, article_id, start, end)
            if decision is not None:
                record_event(session, who, "unreject", "suggestion", decision.id, old=[article_id, start, end])
                session.delete(decision)
        return Changes(articles=frozenset({article_id}))

    @staticmethod
    def _decision(session: Session, article_id: int, start: int, end: int) -> SuggestionDecision | None:
        return session.scalars(
            select(SuggestionDecision).where(
                SuggestionDecision.article_id == article_id,
                SuggestionDecision.start == start,
                SuggestionDecision.end == end,
            )
        ).first()

    def accept(self, article_id: int, suggestion: Suggestion, analyst: str) -> tuple[StatementRecord, Changes]:
        """Store the suggestion as the analyst's statement, speaker resolved (or created), cue and stance set."""
        return self._accept(article_id, suggestion, analyst, _Speakers(self._entities, self._alias_list()))

    def accept_all(self, article_id: int, analyst: str) -> list[StatementRecord]:
        """Accept every open suggestion of an article (`suggest --save`: bulk pre-annotation)."""
        speakers = _Speakers(self._entities, self._alias_list())
        return [self._accept(article_id, s, analyst, speakers)[0] for s in self.for_article(article_id)]

    def _accept(
        self, article_id: int, suggestion: Suggestion, analyst: str, speakers: _Speakers
    ) -> tuple[StatementRecord, Changes]:
        # Earlier speakers of the article let a surname find the full name given before it.
        earlier = [s.speaker for s in self._found.get(article_id, ()) if s.start < suggestion.start and s.speaker]
        speaker, changes = speakers.entity_for(suggestion, earlier, analyst)
        patch = StatementPatch(
            speaker_id=speaker.id if speaker else None,
            cue=suggestion.cue,
            cue_class=suggestion.cue_class,
            stance=suggestion.stance,
            party=speaker.party if speaker else None,
        )
        statement, marked = self._statements.mark_statement(article_id, suggestion.start, suggestion.end, analyst, patch)
        return statement, changes | marked


class _Speakers:
    """Known entities behind a resolver, built once per accept call (0.1 s per 1,000 entities)."""

    def __init__(self, entities: EntityService, variants: AliasList) -> None:
        self._service = entities
        self._variants = variants
        self._known = {e.id: e for e in entities.list_entities()}
        self._resolver = self._build()

    def _build(self) -> SpeakerResolver:
        from karabakh_annotator.core.analysis.speakers import KnownEntity, SpeakerResolver  # noqa: PLC0415

        entities = (KnownEntity(e.id, e.name, e.aliases, e.source_type, e.party) for e in self._known.values())
        return SpeakerResolver(entities, self._variants)

    def entity_for(
        self, suggestion: Suggestion, earlier: list[str], analyst: str
    ) -> tuple[EntityRecord | None, Changes]:
        """The entity the suggestion's speaker names, created (with guessed type and party) when new."""
        if not suggestion.speaker:
            return None, Changes()
        resolution = self._resolver.resolve(suggestion.speaker, earlier)
        if resolution.entity_id is not None:
            return self._known[resolution.entity_id], Changes()
        existing = self._service.find_entity(resolution.name)
        if existing is not None:
            return existing, Changes()
        aliases = [suggestion.speaker] if suggestion.speaker != resolution.name else []
        created, changes = self._service.create_entity(
            resolution.name, analyst, aliases, source_type=resolution.source_type, party=resolution.party
        )
        self._known[created.id] = created
        self._resolver = self._build()
        return created, changes
