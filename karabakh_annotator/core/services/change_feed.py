"""Changes other analysts (or other windows) made, read from the event log by polling.

Every change writes event-log rows in its own transaction, so a window that
remembers the newest event it has seen can ask what happened since and
refresh just those rows. On PostgreSQL event ids are handed out when rows are
inserted, not when they commit, so a transaction that started earlier may
commit a smaller id after a larger one was seen: the mark keeps the ids seen
in a window below the newest, and the next poll looks back over that window.
Imports write no events; the article count and newest id tell of new articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.storage.models import Analyst, Article, Event, Evidence, Statement

LOOKBACK = 200
"""How far below the newest seen event id a late commit is still noticed."""


@dataclass(frozen=True, slots=True)
class ChangeMark:
    """What a window has seen: the newest event, the recent ones, and the articles."""

    event_id: int = 0
    recent_events: frozenset[int] = frozenset()
    articles: tuple[int, int] = (0, 0)  # count, newest id


@dataclass(frozen=True, slots=True)
class OutsideChanges:
    """What changed since a mark: rows to refresh, whether articles arrived, and by whom."""

    mark: ChangeMark
    changes: Changes
    new_articles: bool
    analysts: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.changes) or self.new_articles


def _article_mark(session: Session) -> tuple[int, int]:
    count, newest = session.execute(select(func.count(Article.id), func.max(Article.id))).one()
    return int(count), int(newest or 0)


def current_mark(session: Session) -> ChangeMark:
    """A mark at the present: nothing before it counts as new."""
    newest = session.scalar(select(func.max(Event.id))) or 0
    recent = session.scalars(select(Event.id).where(Event.id > newest - LOOKBACK))
    return ChangeMark(newest, frozenset(recent), _article_mark(session))


def changes_since(session: Session, mark: ChangeMark, ignore_analyst: str | None = None) -> OutsideChanges:
    """Events committed since `mark` (late commits included) as the rows they touch.

    Events by `ignore_analyst` (the window's own analyst, whose edits it has
    shown already) move the mark on but are not reported.
    """
    rows = session.execute(
        select(Event.id, Event.entity_type, Event.entity_id, Event.old_value, Event.new_value, Analyst.name)
        .outerjoin(Analyst, Event.analyst_id == Analyst.id)
        .where(Event.id > mark.event_id - LOOKBACK)
        .order_by(Event.id)
    ).all()
    fresh = [row for row in rows if row.id not in mark.recent_events]
    newest = max([mark.event_id, *(row.id for row in fresh)])
    seen = {row.id for row in rows if row.id > newest - LOOKBACK}
    articles = _article_mark(session)
    fresh = [row for row in fresh if ignore_analyst is None or row.name != ignore_analyst]
    changes = _touched(session, fresh)
    if articles != mark.articles:
        added = session.scalars(select(Article.id).where(Article.id > mark.articles[1]))
        changes = changes | Changes(articles=frozenset(added))
    analysts = tuple(sorted({row.name for row in fresh if row.name}))
    return OutsideChanges(ChangeMark(newest, frozenset(seen), articles), changes, articles != mark.articles, analysts)


def _touched(session: Session, events: Iterable[Any]) -> Changes:
    ids: dict[str, set[int]] = {}
    articles: set[int] = set()
    for event in events:
        kind, entity_id = event.entity_type, event.entity_id
        ids.setdefault(kind, set()).add(entity_id)
        if kind == "suggestion":  # the value names [article, start, end]
            value = event.new_value or event.old_value
            if value:
                articles.add(int(json.loads(value)[0]))
    statements = ids.get("statement", set())
    claims = set(ids.get("claim", set()))
    if statements:
        for article_id, claim_id in session.execute(
            select(Statement.article_id, Statement.claim_id).where(Statement.id.in_(statements))
        ):
            articles.add(article_id)
            if claim_id is not None:
                claims.add(claim_id)
    if ids.get("evidence"):
        claims.update(session.scalars(select(Evidence.claim_id).where(Evidence.id.in_(ids["evidence"]))))
    return Changes(
        articles=frozenset(articles),
        statements=frozenset(statements),
        claims=frozenset(claims),
        entities=frozenset(ids.get("entity", set())),
        labels=bool(ids.get("label")),
    )
