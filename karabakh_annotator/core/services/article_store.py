"""The write path of an import: articles, events, sketches and index entries, all or nothing.

A batch is written with one multi-row statement per table inside a SAVEPOINT.
If anything in it fails, the savepoint is rolled back and the batch is
written again one article per savepoint, so a bad article fails alone and
nothing of it is left behind.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select

from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.records import Changes, ImportFailure, ImportOutcome, ParsedArticle
from karabakh_annotator.core.services.unit_of_work import encode_value
from karabakh_annotator.core.storage.bulk import insert_rows, select_in
from karabakh_annotator.core.storage.models import Article, Event
from karabakh_annotator.core.storage.search import SearchIndex
from karabakh_annotator.core.text.anchors import content_hash
from karabakh_annotator.core.text.fingerprint import resemblance, sketch
from karabakh_annotator.core.text.normalize import normalized_only, token_pattern

# An article sharing at least this much of its sketch with a stored one is
# flagged as a near-duplicate (a reprint with another header or footer).
NEAR_DUPLICATE_RESEMBLANCE = 0.5
# A sketch value found in more articles than this is a stock phrase
# ("وزير الخارجية الأذربيجاني جيهون"), not evidence of a reprint; skipping it
# keeps the lookup cost flat as the database grows.
MAX_POSTINGS = 50
_LOOKUP_CHUNK = 900  # bound parameters per query, under every SQLite build's limit

_ARTICLES = cast(Table, Article.__table__)
_EVENTS = cast(Table, Event.__table__)
_FIND_HASHES = select(_ARTICLES.c.content_hash, _ARTICLES.c.id).where(
    _ARTICLES.c.content_hash.in_(bindparam("digests", expanding=True))
)
_INSERT_ARTICLES = _ARTICLES.insert().returning(_ARTICLES.c.id, sort_by_parameter_order=True)


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """A parsed article with everything computed that its rows need."""

    parsed: ParsedArticle
    digest: str
    words: list[str]
    sketch: list[int]


def prepare(parsed: ParsedArticle) -> PreparedArticle | ImportOutcome:
    """Hash, tokens and sketch of an article, or a failure when no text is left."""
    if not parsed.text.strip():
        return ImportOutcome(parsed.source_file, "failed", reason="no article text left after cleaning")
    normalized = normalized_only(parsed.text)
    words = token_pattern().findall(normalized)
    return PreparedArticle(parsed, content_hash(parsed.text), words, sketch(normalized))


def store_batch(
    connection: Connection, index: SearchIndex, items: Sequence[ParsedArticle | ImportFailure]
) -> list[ImportOutcome]:
    """Store a batch in the caller's transaction; one outcome per item, in order."""
    slots: list[PreparedArticle | ImportOutcome] = [
        ImportOutcome(item.source_file, "failed", reason=item.reason)
        if isinstance(item, ImportFailure)
        else prepare(item)
        for item in items
    ]
    try:
        with connection.begin_nested():
            return _write(connection, index, slots)
    except Exception:  # noqa: BLE001 - retried one by one below, where it is reported
        return [slot if isinstance(slot, ImportOutcome) else _write_alone(connection, index, slot) for slot in slots]


def _write_alone(connection: Connection, index: SearchIndex, article: PreparedArticle) -> ImportOutcome:
    try:
        with connection.begin_nested():
            return _write(connection, index, [article])[0]
    except Exception as exc:  # noqa: BLE001 - the savepoint is rolled back; report and go on
        return ImportOutcome(
            article.parsed.source_file, "failed", reason=f"could not be stored ({type(exc).__name__}: {exc})"
        )


def _write(
    connection: Connection, index: SearchIndex, slots: Sequence[PreparedArticle | ImportOutcome]
) -> list[ImportOutcome]:
    articles = [slot for slot in slots if isinstance(slot, PreparedArticle)]
    stored = dict(connection.execute(_FIND_HASHES, {"digests": [a.digest for a in articles]}).all())
    postings = _postings(connection, {value for a in articles for value in a.sketch})

    new: list[PreparedArticle] = []
    first_of: dict[str, PreparedArticle] = {}  # digest -> the batch article that stores it
    for article in articles:
        if article.digest not in stored and article.digest not in first_of:
            first_of[article.digest] = article
            new.append(article)

    now = utc_now()
    nearest = _nearest_articles(new, postings)
    ids = _insert_articles(connection, new, now, nearest)
    stored.update({a.digest: ids[i] for i, a in enumerate(new)})
    _insert_companions(connection, index, new, ids, now)
    position = {id(a): i for i, a in enumerate(new)}

    outcomes: list[ImportOutcome] = []
    for slot in slots:
        if isinstance(slot, ImportOutcome):
            outcomes.append(slot)
            continue
        article_id = stored[slot.digest]
        source = slot.parsed.source_file
        if first_of.get(slot.digest) is not slot:
            outcomes.append(ImportOutcome(source, "duplicate", article_id=article_id))
            continue
        near = nearest.get(position[id(slot)])
        near_id = _resolve(near[0], ids) if near else None
        outcomes.append(
            ImportOutcome(
                source,
                "imported",
                article_id=article_id,
                changes=Changes(articles=frozenset({article_id})),
                near_duplicate_of=near_id,
                resemblance=near[1] if near else None,
            )
        )
    return outcomes


def _postings(connection: Connection, values: set[int]) -> dict[int, list[int]]:
    """Stored articles holding each sketch value (stock phrases dropped)."""
    found: defaultdict[int, list[int]] = defaultdict(list)
    ordered = sorted(values)
    for start in range(0, len(ordered), _LOOKUP_CHUNK):
        chunk = ordered[start : start + _LOOKUP_CHUNK]
        for value, article_id in select_in(connection, "article_sketches", ("value", "article_id"), "value", chunk):
            found[value].append(article_id)
    return {value: ids for value, ids in found.items() if len(ids) <= MAX_POSTINGS}


# A near-duplicate target is a stored article id (>= 1) or, for an article
# earlier in the same batch, -(its position + 1).
Target = int


def _resolve(target: Target, ids: dict[int, int]) -> int:
    return target if target > 0 else ids[-target - 1]


def _nearest_articles(new: Sequence[PreparedArticle], postings: dict[int, list[int]]) -> dict[int, tuple[Target, float]]:
    """By batch position: the stored or earlier batch article each new one most resembles, if close."""
    batch_postings: dict[int, list[int]] = {}
    nearest: dict[int, tuple[Target, float]] = {}
    for position, article in enumerate(new):
        # Gather first, count once: Counter.update per value cost more than the rest.
        candidates: list[int] = []
        for value in article.sketch:
            stored = postings.get(value)
            if stored:
                candidates.extend(stored)
            earlier = batch_postings.get(value)
            if earlier:
                candidates.extend(earlier)
                earlier.append(-position - 1)
            else:
                batch_postings[value] = [-position - 1]
        if candidates:
            best, count = Counter(candidates).most_common(1)[0]
            score = resemblance(count, len(article.sketch))
            if score >= NEAR_DUPLICATE_RESEMBLANCE:
                nearest[position] = (best, score)
    return nearest


def _insert_articles(
    connection: Connection, new: Sequence[PreparedArticle], now: Any, nearest: dict[int, tuple[Target, float]]
) -> dict[int, int]:
    """Insert the new articles in order; map batch position -> article id."""
    ids: dict[int, int] = {}
    # A row can only point at a near-duplicate already inserted: flush the
    # multi-row insert before an article whose target is still pending.
    pending: list[int] = []

    def flush() -> None:
        if not pending:
            return
        rows = [
            _article_row(new[p], now, _resolve(nearest[p][0], ids) if p in nearest else None) for p in pending
        ]
        result = connection.execute(_INSERT_ARTICLES, rows).scalars().all()
        ids.update(zip(pending, result, strict=True))
        pending.clear()

    for position in range(len(new)):
        target = nearest.get(position)
        if target is not None and target[0] < 0 and -target[0] - 1 not in ids:
            flush()
        pending.append(position)
    flush()
    return ids


def _article_row(article: PreparedArticle, now: Any, near_id: int | None) -> dict[str, Any]:
    parsed = article.parsed
    return {
        "text": parsed.text,
        "raw": parsed.raw,
        "content_hash": article.digest,
        "title": parsed.title,
        "outlet": parsed.outlet,
        "url": parsed.url,
        "published": parsed.published,
        "published_raw": parsed.published_raw,
        "source_file": parsed.source_file,
        "imported_at": now,
        "raw_encoding": parsed.raw_encoding,
        "cleaning_report": parsed.cleaning_report,
        "near_duplicate_of_id": near_id,
    }


def _insert_companions(
    connection: Connection, index: SearchIndex, new: Sequence[PreparedArticle], ids: dict[int, int], now: Any
) -> None:
    """Event-log rows, sketch rows and index entries of the inserted articles."""
    events: list[tuple[Any, ...]] = []
    sketches: list[tuple[int, int]] = []
    entries: list[tuple[int, list[str]]] = []
    at = _EVENTS.c.at.type.bind_processor(connection.dialect)
    stamp = at(now) if at is not None else now
    for position, article in enumerate(new):
        article_id = ids[position]
        events.append((stamp, "import", "article", article_id, encode_value(article.parsed.source_file)))
        sketches.extend((value, article_id) for value in article.sketch)
        entries.append((article_id, article.words))
    insert_rows(connection, "events", ("at", "action", "entity_type", "entity_id", "new_value"), events)
    insert_rows(connection, "article_sketches", ("value", "article_id"), sketches)
    index.add_articles(connection, entries)
