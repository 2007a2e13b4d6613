"""The write path of an import: one article, its event, index entry and sketch, all or nothing."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Table, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.records import Changes, ImportOutcome, ParsedArticle
from karabakh_annotator.core.services.unit_of_work import encode_value
from karabakh_annotator.core.storage.models import Article, ArticleSketch, Event
from karabakh_annotator.core.storage.search import SearchIndex
from karabakh_annotator.core.text.anchors import content_hash
from karabakh_annotator.core.text.fingerprint import resemblance, sketch
from karabakh_annotator.core.text.normalize import word_tokens

# An article sharing at least this much of its sketch with a stored one is
# flagged as a near-duplicate (a reprint with another header or footer).
NEAR_DUPLICATE_RESEMBLANCE = 0.5

# Prebuilt Core statements with bound parameters: compiled once and cached,
# where building ORM inserts per article cost more than the writes themselves.
_ARTICLES = cast(Table, Article.__table__)
_EVENTS = cast(Table, Event.__table__)
_SKETCHES = cast(Table, ArticleSketch.__table__)
_FIND_BY_HASH = select(_ARTICLES.c.id).where(_ARTICLES.c.content_hash == bindparam("digest"))
_INSERT_ARTICLE = _ARTICLES.insert().returning(_ARTICLES.c.id)
_INSERT_EVENT = _EVENTS.insert()
_INSERT_SKETCH = _SKETCHES.insert()
_SHARED_SKETCH = (
    select(_SKETCHES.c.article_id, func.count().label("shared"))
    .where(_SKETCHES.c.value.in_(bindparam("values", expanding=True)))
    .group_by(_SKETCHES.c.article_id)
    .order_by(func.count().desc(), _SKETCHES.c.article_id)
    .limit(1)
)


def nearest_article(connection: Connection, values: list[int]) -> tuple[int, float] | None:
    """The stored article sharing most sketch values, with its resemblance, if close enough."""
    if not values:
        return None
    row = connection.execute(_SHARED_SKETCH, {"values": values}).first()
    if row is None:
        return None
    score = resemblance(row.shared, len(values))
    return (row.article_id, score) if score >= NEAR_DUPLICATE_RESEMBLANCE else None


def store_parsed_article(session: Session, index: SearchIndex, parsed: ParsedArticle) -> ImportOutcome:
    """Insert one article inside a savepoint: all of it or nothing of it."""
    text = parsed.text
    if not text.strip():
        return ImportOutcome(parsed.source_file, "failed", reason="no article text left after cleaning")
    digest = content_hash(text)
    connection = session.connection()
    existing = connection.execute(_FIND_BY_HASH, {"digest": digest}).scalar()
    if existing is not None:
        return ImportOutcome(parsed.source_file, "duplicate", article_id=existing)
    words = word_tokens(text)
    values = sketch(words)
    near = nearest_article(connection, values)
    now = utc_now()
    row = {
        "text": text,
        "raw": parsed.raw,
        "content_hash": digest,
        "title": parsed.title,
        "outlet": parsed.outlet,
        "url": parsed.url,
        "published": parsed.published,
        "published_raw": parsed.published_raw,
        "source_file": parsed.source_file,
        "imported_at": now,
        "raw_encoding": parsed.raw_encoding,
        "cleaning_report": parsed.cleaning_report,
        "near_duplicate_of_id": near[0] if near else None,
    }
    try:
        with connection.begin_nested():
            article_id = connection.execute(_INSERT_ARTICLE, row).scalar_one()
            connection.execute(
                _INSERT_EVENT,
                {
                    "at": now,
                    "analyst_id": None,
                    "action": "import",
                    "entity_type": "article",
                    "entity_id": article_id,
                    "field": None,
                    "old_value": None,
                    "new_value": encode_value(parsed.source_file),
                },
            )
            if values:
                connection.execute(_INSERT_SKETCH, [{"article_id": article_id, "value": v} for v in values])
            index.add_article(connection, article_id, words)
    except IntegrityError:
        # Another process stored the same text between our check and insert.
        existing = connection.execute(_FIND_BY_HASH, {"digest": digest}).scalar()
        return ImportOutcome(parsed.source_file, "duplicate", article_id=existing)
    except Exception as exc:  # noqa: BLE001 - the savepoint is rolled back; report and go on
        return ImportOutcome(parsed.source_file, "failed", reason=f"could not be stored ({type(exc).__name__}: {exc})")
    return ImportOutcome(
        parsed.source_file,
        "imported",
        article_id=article_id,
        changes=Changes(articles=frozenset({article_id})),
        near_duplicate_of=near[0] if near else None,
        resemblance=near[1] if near else None,
    )
