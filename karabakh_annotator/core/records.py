"""Plain frozen records that services hand to the CLI and the UI (never ORM rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    """What one user action changed, so each view refreshes only its own rows."""

    articles: frozenset[int] = frozenset()
    statements: frozenset[int] = frozenset()
    claims: frozenset[int] = frozenset()
    entities: frozenset[int] = frozenset()
    labels: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.statements | other.statements,
            self.claims | other.claims,
            self.entities | other.entities,
            self.labels or other.labels,
        )

    def __bool__(self) -> bool:
        return bool(self.articles or self.statements or self.claims or self.entities or self.labels)


@dataclass(frozen=True, slots=True)
class LabelRecord:
    id: int
    label_set: str
    key: str
    name_en: str
    name_ar: str
    color: str
    position: int
    rating_value: int | None
    retired: bool


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    title: str | None
    outlet: str | None
    published: dt.date | None
    published_raw: str | None
    source_file: str | None
    statement_count: int = 0


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: int
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    published_raw: str | None
    source_file: str | None
    content_hash: str


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article as an importer read it, before it is stored."""

    text: str
    raw: bytes
    source_file: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_raw: str | None = None
    raw_encoding: str | None = None
    cleaning_report: str | None = None  # JSON: what cleaning removed, step by step


@dataclass(frozen=True, slots=True)
class ImportFailure:
    """A file an importer could not read; reported, never stored."""

    source_file: str
    reason: str


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: int
    name: str
    aliases: tuple[str, ...] = ()
    source_type: str | None = None
    party: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    id: int
    summary: str
    status: str
    verdict: str | None
    rating_value: int | None
    explanation: str
    deleted: bool = False
    assignee: str | None = None
    drafted_by: str | None = None
    version: int = 1
    """Raised by every change: an edit based on an older version may conflict."""


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """A statement with its labels resolved to keys and names to text."""

    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    speaker_id: int | None
    speaker: str | None
    cue: str | None
    cue_class: str | None
    stance: str | None
    party: str | None
    claim_id: int | None
    analyst: str
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted: bool = False
    claim: ClaimRecord | None = field(default=None)
    version: int = 1
    """Raised by every change: an edit based on an older version may conflict."""


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """The result of storing one parsed article."""

    source_file: str
    status: str  # "imported" | "duplicate" | "failed"
    article_id: int | None = None
    reason: str | None = None
    changes: Changes = Changes()
    near_duplicate_of: int | None = None
    resemblance: float | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of an article taking part in a proposed pair: a statement, or a suggestion not yet accepted."""

    article_id: int
    start: int
    end: int
    text: str
    statement_id: int | None = None
    claim_id: int | None = None


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """Two passages in different articles that report the same fact, or contradict each other."""

    kind: str  # "same" | "contradiction"
    a: Passage
    b: Passage
    score: float


@dataclass(frozen=True, slots=True)
class PairAnswer:
    """What answering a proposed pair did, so that MatchService.take_back can reverse it exactly."""

    match: MatchRecord
    """The pair as answered: both passages with their statement ids, and their claim ids before the answer."""
    decision: str  # "accepted" | "dismissed"
    previous_decision: str | None
    """The pair's answer before this one (None: it had none, so taking back removes the row)."""
    changes: Changes
    created_statements: tuple[int, ...] = ()
    """Statements made from suggestions in the pair."""
    created_claim: int | None = None
    """The claim made to carry both statements (accepting a same-claim pair of unlinked statements)."""
    relinked: tuple[int, int | None] | None = None
    """(statement id, its claim id before) when one statement was linked to the other's claim."""

    @property
    def key(self) -> tuple[str, int, int]:
        """The decision row's key: kind, smaller statement id, larger statement id."""
        a, b = self.match.a.statement_id, self.match.b.statement_id
        assert a is not None and b is not None
        return self.match.kind, min(a, b), max(a, b)


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """A citation, URL, note or statement elsewhere that bears on a claim, with its stance."""

    id: int
    claim_id: int
    stance: str  # evidence_stance label key
    citation: str
    url: str | None
    note: str
    statement_id: int | None
    analyst: str
    created_at: dt.datetime
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One row of the event log: who did what to which record, old and new value (JSON text)."""

    id: int
    at: dt.datetime
    analyst: str | None
    action: str
    entity_type: str
    entity_id: int
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class ClaimOverview:
    """A claim with where it appeared: for the claims view."""

    claim: ClaimRecord
    statement_count: int
    outlets: tuple[str, ...]
    speakers: tuple[str, ...]
    first_appearance: dt.date | None
    evidence_count: int
    created_at: dt.datetime
