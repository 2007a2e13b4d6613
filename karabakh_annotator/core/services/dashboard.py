"""Figures for the desk's dashboard: claims by verdict, statements by speaker, party, outlet and date."""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVarTuple, Unpack

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.storage.models import Article, Claim, Entity, Label, Statement

_Columns = TypeVarTuple("_Columns")

DEFAULT_TOP = 10
# A timeline longer than this many days is drawn per week, and past the
# second bound per month, so a chart never has thousands of points.
DAILY_UP_TO_DAYS = 62
WEEKLY_UP_TO_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class LabelCount:
    """Claims (or statements) carrying one label of a set; key None means none given yet."""

    key: str | None
    count: int


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """One speaker's live statements, the live claims they carry, and the speaker's party."""

    speaker_id: int
    name: str
    party: str | None  # party_alignment key of the speaker entity
    statements: int
    claims: int


@dataclass(frozen=True, slots=True)
class PartyCount:
    """Live statements serving one party alignment (key None: not set), and their distinct claims."""

    party: str | None
    statements: int
    claims: int


@dataclass(frozen=True, slots=True)
class OutletCount:
    """Live statements in one outlet's articles (outlet None: unknown), and how many articles carry them."""

    outlet: str | None
    statements: int
    articles: int


class Granularity(enum.StrEnum):
    DAY = "day"
    WEEK = "week"  # buckets start on Monday
    MONTH = "month"  # buckets start on the 1st


@dataclass(frozen=True, slots=True)
class TimeBucket:
    """Live statements in articles published from `start` to `end` (both inclusive)."""

    start: dt.date
    end: dt.date
    statements: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """Statements by article publication date, gaps filled with zero buckets."""

    granularity: Granularity
    buckets: tuple[TimeBucket, ...]
    undated: int  # live statements in articles with no publication date (outside any date range)


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    """Everything the dashboard charts, for one range of article publication dates."""

    published_from: dt.date | None
    published_to: dt.date | None
    statements: int
    claims: int
    verdicts: tuple[LabelCount, ...]  # every verdict label in set order, then key None (no verdict yet)
    speakers: tuple[SpeakerCount, ...]  # the top speakers by statements
    unattributed: int  # live statements with no speaker
    parties: tuple[PartyCount, ...]  # every party alignment label in set order, then None if any
    outlets: tuple[OutletCount, ...]  # the top outlets by statements
    timeline: Timeline


class DashboardService:
    """Aggregate figures over live statements and claims, in portable SQL."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def figures(
        self,
        published_from: dt.date | None = None,
        published_to: dt.date | None = None,
        top: int = DEFAULT_TOP,
    ) -> DashboardFigures:
        """The dashboard's figures; a date bound keeps only statements in articles published in range.

        Without bounds every live claim counts (even one no statement carries
        yet); with a bound, a claim counts when at least one of its live
        statements lies in an article published in the range.
        """
        if published_from is not None and published_to is not None and published_from > published_to:
            published_from, published_to = published_to, published_from
        in_range = _date_condition(published_from, published_to)
        with self._sessions() as session:
            verdicts = _verdicts(session, in_range)
            speakers, unattributed = _speakers(session, in_range, top)
            return DashboardFigures(
                published_from=published_from,
                published_to=published_to,
                statements=session.scalar(_live_statements(select(func.count(Statement.id)), in_range)) or 0,
                claims=sum(v.count for v in verdicts),
                verdicts=verdicts,
                speakers=speakers,
                unattributed=unattributed,
                parties=_parties(session, in_range),
                outlets=_outlets(session, in_range, top),
                timeline=_timeline(session, published_from, published_to),
            )


def _date_condition(published_from: dt.date | None, published_to: dt.date | None) -> ColumnElement[bool] | None:
    """The articles' publication-date condition; None without bounds (then no article join is needed)."""
    conditions: list[ColumnElement[bool]] = []
    if published_from is not None:
        conditions.append(Article.published >= published_from)
    if published_to is not None:
        conditions.append(Article.published <= published_to)
    return and_(*conditions) if conditions else None


def _live_statements(
    query: Select[Unpack[_Columns]], in_range: ColumnElement[bool] | None, with_article: bool = False
) -> Select[Unpack[_Columns]]:
    """`query` over live statements, limited to the date range (joined to their article when needed)."""
    query = query.select_from(Statement)
    if in_range is not None or with_article:
        query = query.join(Article, Statement.article_id == Article.id)
    query = query.where(Statement.deleted_at.is_(None))
    return query if in_range is None else query.where(in_range)


def _label_order(session: Session, label_set: LabelSet) -> list[tuple[str, bool]]:
    query = select(Label.key, Label.retired).where(Label.label_set == label_set.value)
    return [(key, retired) for key, retired in session.execute(query.order_by(Label.position, Label.id))]


def _in_label_order(
    session: Session, label_set: LabelSet, counted: dict[str | None, int], always_none: bool
) -> list[tuple[str | None, int]]:
    """Every active label of the set (zeros included) and retired ones that count, in set order, then None."""
    ordered: list[tuple[str | None, int]] = [
        (key, counted.get(key, 0))
        for key, retired in _label_order(session, label_set)
        if not retired or counted.get(key, 0)
    ]
    if always_none or counted.get(None, 0):
        ordered.append((None, counted.get(None, 0)))
    return ordered


def _verdicts(session: Session, in_range: ColumnElement[bool] | None) -> tuple[LabelCount, ...]:
    verdict = aliased(Label)
    query = (
        select(verdict.key, func.count(Claim.id))
        .select_from(Claim)
        .outerjoin(verdict, Claim.verdict_id == verdict.id)
        .where(Claim.deleted_at.is_(None))
    )
    if in_range is not None:
        query = query.where(Claim.id.in_(_live_statements(select(Statement.claim_id), in_range)))
    # Not dict(result): a Result has keys() (its column names), so dict() would treat it as a mapping.
    counted: dict[str | None, int] = {key: n for key, n in session.execute(query.group_by(verdict.key))}
    return tuple(LabelCount(key, n) for key, n in _in_label_order(session, LabelSet.VERDICT, counted, True))


def _counted_claims() -> ColumnElement[int]:
    """Distinct live claims among the grouped statements (the claim is outer-joined only when live)."""
    return func.count(func.distinct(Claim.id))


def _speakers(session: Session, in_range: ColumnElement[bool] | None, top: int) -> tuple[tuple[SpeakerCount, ...], int]:
    party = aliased(Label)
    statements = func.count(Statement.id)
    query = _live_statements(
        select(Entity.id, Entity.name, party.key, statements, _counted_claims()), in_range
    )
    query = (
        query.join(Entity, Statement.speaker_id == Entity.id)
        .outerjoin(party, Entity.party_id == party.id)
        .outerjoin(Claim, and_(Statement.claim_id == Claim.id, Claim.deleted_at.is_(None)))
        .group_by(Entity.id, Entity.name, party.key)
        .order_by(statements.desc(), Entity.name)
        .limit(max(top, 0))
    )
    speakers = tuple(SpeakerCount(*row) for row in session.execute(query))
    unattributed = _live_statements(select(func.count(Statement.id)), in_range).where(Statement.speaker_id.is_(None))
    return speakers, session.scalar(unattributed) or 0


def _parties(session: Session, in_range: ColumnElement[bool] | None) -> tuple[PartyCount, ...]:
    party = aliased(Label)
    query = (
        _live_statements(select(party.key, func.count(Statement.id), _counted_claims()), in_range)
        .outerjoin(party, Statement.party_id == party.id)
        .outerjoin(Claim, and_(Statement.claim_id == Claim.id, Claim.deleted_at.is_(None)))
        .group_by(party.key)
    )
    rows: dict[str | None, tuple[int, int]] = {key: (n, claims) for key, n, claims in session.execute(query)}
    ordered = _in_label_order(session, LabelSet.PARTY_ALIGNMENT, {k: v[0] for k, v in rows.items()}, False)
    return tuple(PartyCount(key, n, rows.get(key, (0, 0))[1]) for key, n in ordered)


def _outlets(session: Session, in_range: ColumnElement[bool] | None, top: int) -> tuple[OutletCount, ...]:
    statements = func.count(Statement.id)
    query = (
        _live_statements(
            select(Article.outlet, statements, func.count(func.distinct(Article.id))), in_range, with_article=True
        )
        .group_by(Article.outlet)
        .order_by(statements.desc(), Article.outlet)
        .limit(max(top, 0))
    )
    return tuple(OutletCount(*row) for row in session.execute(query))


def _timeline(session: Session, published_from: dt.date | None, published_to: dt.date | None) -> Timeline:
    bounds = _date_condition(published_from, published_to)
    per_day_query = _live_statements(
        select(Article.published, func.count(Statement.id)), bounds, with_article=True
    ).group_by(Article.published)
    per_day: dict[dt.date | None, int] = {day: n for day, n in session.execute(per_day_query)}
    if bounds is None:  # the NULL date's row is the undated count
        undated = per_day.pop(None, 0)
    else:
        undated_query = _live_statements(select(func.count(Statement.id)), Article.published.is_(None))
        undated = session.scalar(undated_query) or 0
    dated = {day: n for day, n in per_day.items() if day is not None}
    first = published_from if published_from is not None else min(dated, default=None)
    last = published_to if published_to is not None else max(dated, default=None)
    if first is None or last is None or first > last:
        return Timeline(Granularity.DAY, (), undated)
    granularity = granularity_for(first, last)
    return Timeline(granularity, tuple(buckets(dated.items(), first, last, granularity)), undated)


def granularity_for(first: dt.date, last: dt.date) -> Granularity:
    """Per day for a short range, per week for a long one, per month for years."""
    days = (last - first).days + 1
    if days <= DAILY_UP_TO_DAYS:
        return Granularity.DAY
    return Granularity.WEEK if days <= WEEKLY_UP_TO_DAYS else Granularity.MONTH


def bucket_start(day: dt.date, granularity: Granularity) -> dt.date:
    """The first day of the bucket holding `day`."""
    if granularity is Granularity.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return day


def _next_start(start: dt.date, granularity: Granularity) -> dt.date:
    if granularity is Granularity.MONTH:
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + dt.timedelta(days=7 if granularity is Granularity.WEEK else 1)


def buckets(
    counts: Iterable[tuple[dt.date, int]], first: dt.date, last: dt.date, granularity: Granularity
) -> Sequence[TimeBucket]:
    """Per-day counts summed into consecutive buckets covering first..last, empty ones included."""
    totals: Counter[dt.date] = Counter()
    for day, n in counts:
        if first <= day <= last:
            totals[bucket_start(day, granularity)] += n
    result: list[TimeBucket] = []
    start = bucket_start(first, granularity)
    while start <= last:
        following = _next_start(start, granularity)
        result.append(TimeBucket(start, following - dt.timedelta(days=1), totals[start]))
        start = following
    return result
