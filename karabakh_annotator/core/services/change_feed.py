"""Changes other analysts (or other windows) made, read from the event log by polling.

Every change writes event-log rows in its own transaction, so a window that
remembers the newest event it has seen can ask what happened since and
refresh just those rows. On PostgreSQL event ids are handed out when rows are
inserted, not when they commit, so a transaction that started earlier may
commit a smaller id after a larger one was seen: the mark keeps the ids seen
in a window below the newest, and the next poll looks back over that window.
Imports write no events; article ids tell of new articles, looked at the same way.
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
"""How far below the newest seen id a late commit is still noticed."""


@dataclass(frozen=True, slots=True)
class Seen:
    """The newest id seen in a table, and the ids seen just below it."""

    newest: int = 0
    recent: frozenset[int] = frozenset()

    def after(self, ids: Iterable[int]) -> tuple[list[int], Seen]:
        """Of the ids now at or above `newest - LOOKBACK`: the new ones, and what is seen then."""
        present = sorted(ids)
        fresh = [i for i in present if i not in self.recent]
        newest = max([self.newest, *fresh])
        return fresh, Seen(newest, frozenset(i for i in present if i > newest - LOOKBACK))


@dataclass(frozen=True, slots=True)
class ChangeMark:
    """What a window has seen of the event log and of the articles."""

    events: Seen = Seen()
    articles: Seen = Seen()


@dataclass(frozen=True, slots=True)
class OutsideChanges:
    """What changed since a mark: rows to refresh, whether articles arrived, and by whom."""

    mark: ChangeMark
    changes: Changes
    new_articles: bool
    analysts: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.changes) or self.new_articles


def _seen_now(session: Session, id_column: Any) -> Seen:
    # max() of a primary key and a range of it: index look-ups, however large the table.
    newest = session.scalar(select(func.max(id_column))) or 0
    return Seen(newest, frozenset(session.scalars(select(id_column).where(id_column > newest - LOOKBACK))))


def current_mark(session: Session) -> ChangeMark:
    """A mark at the present: nothing before it counts as new."""
    return ChangeMark(_seen_now(session, Event.id), _seen_now(session, Article.id))


def changes_since(session: Session, mark: ChangeMark, ignore_analyst: str | None = None) -> OutsideChanges:
    """Events committed since `mark` (late commits included) as the rows they touch.

    Events by `ignore_analyst` (the window's own analyst, whose edits it has
    shown already) move the mark on but are not reported.
    """
    rows = {
        row.id: row
        for row in session.execute(
            select(Event.id, Event.entity_type, Event.entity_id, Event.old_value, Event.new_value, Analyst.name)
            .outerjoin(Analyst, Event.analyst_id == Analyst.id)
            .where(Event.id > mark.events.newest - LOOKBACK)
        )
    }
    fresh_events, events = mark.events.after(rows)
    fresh = [rows[i] for i in fresh_events if ignore_analyst is None or rows[i].name != ignore_analyst]
    article_ids = session.scalars(select(Article.id).where(Article.id > mark.articles.newest - LOOKBACK))
    new_articles, articles = mark.articles.after(article_ids)
    changes = _touched(session, fresh) | Changes(articles=frozenset(new_articles))
    analysts = tuple(sorted({row.name for row in fresh if row.name}))
    return OutsideChanges(ChangeMark(events, articles), changes, bool(new_articles), analysts)


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
