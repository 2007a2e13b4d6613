"""Merging a JSONL dump into a database that already holds data.

Each record is matched to one already there by what identifies it, or added
with a new id:

* labels by set and key, analysts by name, entities by name or alias (an
  entity gains the aliases it lacked);
* articles by content hash; failing that by web address, then by source
  file and title, in which case the text differs and the article's
  statements are placed again by quote (core/text/reanchor.py); an article
  matched by nothing is added;
* claims by summary and creation time, statements by article, span, analyst
  and creation time, evidence by claim, analyst and creation time, decisions
  by what they decide on;
* events are copied for the records this import added, and each added
  record gets an "import" event naming the file.

A statement that cannot be placed is listed in the report, never dropped
silently; what depended on it (evidence links, match decisions) is counted
in the report's notes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update

from karabakh_annotator.core.importers.annotations import JsonlDump, JsonlRecord
from karabakh_annotator.core.services.exchange_checks import article_texts
from karabakh_annotator.core.services.exchange_report import (
    LEFT_OUT,
    QUOTE_NOT_FOUND,
    UNLINKED,
    MovedStatement,
    ReportBuilder,
    UnplacedStatement,
)
from karabakh_annotator.core.services.exchange_schema import EVENT_TARGETS, SPEC_BY_TYPE, TableSpec
from karabakh_annotator.core.services.exchange_write import Placer, Writer, as_utc
from karabakh_annotator.core.storage.bulk import select_in
from karabakh_annotator.core.storage.models import EntityAlias
from karabakh_annotator.core.text.anchors import quote_context

_ALIASES = cast(Table, EntityAlias.__table__)
_EVENT_TYPE = {record_type: entity_type for entity_type, record_type in EVENT_TARGETS.items()}
_CHUNK = 900
# Added records of these types get an "import" event naming the file.
_LOGGED = frozenset({"label", "entity", "claim", "statement", "evidence"})

Row = dict[str, Any]
Transform = Callable[[JsonlRecord, Row], Row | None]


class Merger:
    """Matches or adds every record of a dump, type by type, mapping file ids to database ids."""

    def __init__(self, writer: Writer, dump: JsonlDump, report: ReportBuilder, analyst_id: int | None) -> None:
        self.writer, self.dump, self.report, self.analyst_id = writer, dump, report, analyst_id
        self.connection = writer.connection
        self.maps: defaultdict[str, dict[int, int]] = defaultdict(dict)
        self.created: defaultdict[str, set[int]] = defaultdict(set)
        self.file_texts = article_texts(dump)
        # file article id -> (database article id, the text statements are placed in)
        self.targets: dict[int, tuple[int, str]] = {}
        self.placer = Placer()
        self._moved: dict[int, MovedStatement] = {}  # by file statement id, statement_id still the file's
        self._cut_links: Counter[str] = Counter()

    def run(self) -> None:
        """Merge every record type in file order."""
        self._merge("label", ("label_set", "key"))
        self._merge("analyst", ("name",))
        self._merge("entity", ("name",))
        self._add_aliases()
        self._articles()
        self._merge("claim", ("summary", "created_at"))
        self._merge("statement", ("article_id", "start", "end", "analyst_id", "created_at"), self._place_statement)
        self._report_statements()
        self._merge("evidence", ("claim_id", "analyst_id", "created_at"))
        self._merge("suggestion_decision", ("article_id", "start", "end"), self._place_decision)
        self._merge("match_decision", ("statement_a_id", "statement_b_id", "kind"), _ordered_pair)
        self._events()
        for what, count in self._cut_links.items():
            self.report.note_count(count, what)
        self.writer.flush_events()

    # -- generic ------------------------------------------------------------

    def _mapped(self, spec: TableSpec, record: JsonlRecord, raw: Sequence[str] = ()) -> Row | None:
        """The record's column values without its id, references mapped to database ids (except `raw` ones)."""
        row: Row = {}
        for field, value in zip(spec.record.fields[1 : len(spec.columns)], record.values[1:], strict=False):
            if field.references is not None and value is not None and field.name not in raw:
                mapped = self.maps[field.references].get(value)
                if mapped is None:
                    # Only a statement can be missing: one that could not be placed.
                    if not field.nullable:
                        self._cut_links[LEFT_OUT.format(spec.record.type)] += 1
                        return None
                    self._cut_links[UNLINKED.format(spec.record.type)] += 1
                value = mapped
            row[field.name] = value
        return row

    def _existing(self, table: Table, key: Sequence[str]) -> dict[tuple[Any, ...], int]:
        columns = [table.c[name] for name in key]
        found = {
            tuple(as_utc(v) for v in row[:-1]): row[-1]
            for row in self.connection.execute(select(*columns, table.c.id))
        }
        if table.name == "entities":
            # A speaker known here under another spelling is the same speaker.
            for entity_id, alias in self.connection.execute(select(_ALIASES.c.entity_id, _ALIASES.c.alias)):
                found.setdefault((alias,), entity_id)
        return found

    def _merge(self, record_type: str, key: Sequence[str], transform: Transform | None = None) -> None:
        spec = SPEC_BY_TYPE[record_type]
        existing = self._existing(spec.table, key)
        pending: dict[tuple[Any, ...], list[int]] = {}
        rows: list[Row] = []
        for record in self.dump.of(record_type):
            row = self._mapped(spec, record)
            if row is not None and transform is not None:
                row = transform(record, row)
            if row is None:
                continue
            file_id = record.values[0]
            identity = tuple(as_utc(row[name]) for name in key)
            if identity in existing:
                self.maps[record_type][file_id] = existing[identity]
                self.report.present[record_type] += 1
            elif identity in pending:
                pending[identity].append(file_id)
            else:
                pending[identity] = [file_id]
                rows.append(row)
        ids = self.writer.insert_new(spec.table, rows)
        for file_ids, new_id in zip(pending.values(), ids, strict=True):
            for file_id in file_ids:
                self.maps[record_type][file_id] = new_id
                self.created[record_type].add(file_id)
            if record_type in _LOGGED:
                self.writer.event(self.analyst_id, "import", _EVENT_TYPE[record_type], new_id, new=self.dump.source)
        self.report.created[record_type] += len(ids)
        changed = {"statement": self.report.statements, "claim": self.report.claims, "entity": self.report.entities}
        if record_type in changed:
            changed[record_type].update(ids)
        if record_type == "label" and ids:
            self.report.labels = True

    # -- entities and articles --------------------------------------------------

    def _add_aliases(self) -> None:
        spec = SPEC_BY_TYPE["entity"]
        width = len(spec.columns)
        wanted = {self.maps["entity"][r.values[0]]: r.values[width] for r in self.dump.of("entity")}
        have: defaultdict[int, set[str]] = defaultdict(set)
        ids = sorted(wanted)
        for start in range(0, len(ids), _CHUNK):
            for entity_id, alias in select_in(
                self.connection, "entity_aliases", ("entity_id", "alias"), "entity_id", ids[start : start + _CHUNK]
            ):
                have[entity_id].add(alias)
        rows = [
            (entity_id, alias)
            for entity_id, aliases in wanted.items()
            for alias in aliases
            if alias not in have[entity_id]
        ]
        self.writer.insert_exact(_ALIASES, ("entity_id", "alias"), rows)
        self.report.entities.update(entity_id for entity_id, _alias in rows)
        self.report.created["entity alias"] += len(rows)

    def _articles(self) -> None:
        spec = SPEC_BY_TYPE["article"]
        table = spec.table
        by_hash: dict[str, int] = {}
        by_url: dict[str, int] = {}
        by_source: dict[tuple[str, str | None], int] = {}
        for article_id, digest, url, source_file, title in self.connection.execute(
            select(table.c.id, table.c.content_hash, table.c.url, table.c.source_file, table.c.title).order_by(
                table.c.id
            )
        ):
            by_hash[digest] = article_id
            if url:
                by_url.setdefault(url, article_id)
            if source_file:
                by_source.setdefault((source_file, title), article_id)
        new: list[tuple[JsonlRecord, Row]] = []
        differing: dict[int, int] = {}  # file id -> database id, text differs
        for record in self.dump.of("article"):
            # Near-duplicate links name file ids; they are mapped once every article is.
            row = self._mapped(spec, record, raw=("near_duplicate_of_id",))
            assert row is not None
            file_id = record.values[0]
            found = by_hash.get(row["content_hash"])
            if found is not None:
                self.targets[file_id] = (found, row["text"])
            elif row["url"] and row["url"] in by_url:
                differing[file_id] = by_url[row["url"]]
                self._note_differing(record, row, by_url[row["url"]], "web address")
            elif row["source_file"] and (row["source_file"], row["title"]) in by_source:
                found = by_source[(row["source_file"], row["title"])]
                differing[file_id] = found
                self._note_differing(record, row, found, "file name and title")
            else:
                new.append((record, row))
                continue
            self.maps["article"][file_id] = self.targets[file_id][0] if file_id in self.targets else differing[file_id]
            self.report.present["article"] += 1
        self._load_texts(differing)
        self._add_articles(table, new)

    def _note_differing(self, record: JsonlRecord, row: Row, found: int, by: str) -> None:
        name = row["title"] or row["source_file"] or f"article {record.values[0]}"
        self.report.notes.append(
            f"line {record.line}: {name!r} matched article {found} by its {by}; "
            "the texts differ, so its statements were placed again by quote"
        )

    def _load_texts(self, differing: dict[int, int]) -> None:
        ids = sorted(set(differing.values()))
        texts: dict[int, str] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            texts.update((i, t) for i, t in select_in(self.connection, "articles", ("id", "text"), "id", chunk))
        for file_id, article_id in differing.items():
            self.targets[file_id] = (article_id, texts[article_id])

    def _add_articles(self, table: Table, new: list[tuple[JsonlRecord, Row]]) -> None:
        links = [row.pop("near_duplicate_of_id") for _record, row in new]
        ids = self.writer.insert_new(table, [dict(row, near_duplicate_of_id=None) for _record, row in new])
        updates = []
        for (record, row), new_id in zip(new, ids, strict=True):
            file_id = record.values[0]
            self.maps["article"][file_id] = new_id
            self.created["article"].add(file_id)
            self.targets[file_id] = (new_id, row["text"])
            self.writer.event(self.analyst_id, "import", "article", new_id, new=self.dump.source)
        for new_id, link in zip(ids, links, strict=True):
            # A link named by file id: the article it names was matched or added above.
            target = self.file_link(link)
            if target is not None:
                updates.append({"article": new_id, "target": target})
        if updates:
            link = update(table).where(table.c.id == bindparam("article"))
            self.connection.execute(link.values(near_duplicate_of_id=bindparam("target")), updates)
        self.writer.index_articles([(new_id, row["text"]) for (_record, row), new_id in zip(new, ids, strict=True)])
        self.report.created["article"] += len(ids)
        self.report.articles.update(ids)

    def file_link(self, link: int | None) -> int | None:
        """The database id of the article a file article id names."""
        return None if link is None else self.maps["article"].get(link)

    # -- placement ------------------------------------------------------------

    def _article_name(self, file_article_id: int) -> str:
        spec = SPEC_BY_TYPE["article"].record
        for record in self.dump.of("article"):
            if record.values[0] == file_article_id:
                title, source = record.values[spec.position("title")], record.values[spec.position("source_file")]
                return str(title or source or f"article {file_article_id}")
        return f"article {file_article_id}"

    def _place_statement(self, record: JsonlRecord, row: Row) -> Row | None:
        spec = SPEC_BY_TYPE["statement"].record
        file_article = record.values[spec.position("article_id")]
        article_id, target_text = self.targets[file_article]
        start, end, quote = row["start"], row["end"], row["quote"]
        if target_text[start:end] == quote and end - start == len(quote):
            if target_text is self.file_texts[file_article]:
                return row
            # Same offsets in a changed text: the context around them may differ.
            prefix, suffix = quote_context(target_text, start, end)
            return dict(row, prefix=prefix, suffix=suffix)
        placed = self.placer.place(article_id, target_text, quote, row["prefix"], row["suffix"], start)
        if placed is None:
            name = self._article_name(file_article)
            self.report.unplaced.append(UnplacedStatement(record.line, name, start, end, quote, QUOTE_NOT_FOUND))
            return None
        file_id = record.values[0]
        self._moved[file_id] = MovedStatement(
            record.line, file_id, article_id, start, end, placed.start, placed.end, quote, placed.quote,
            placed.found.value,
        )
        return dict(
            row, start=placed.start, end=placed.end, quote=placed.quote, prefix=placed.prefix, suffix=placed.suffix
        )

    def _report_statements(self) -> None:
        statements = self.maps["statement"]
        for file_id, moved in self._moved.items():
            if file_id not in self.created["statement"]:
                continue  # already in the database at its new place
            new_id = statements[file_id]
            self.report.moved.append(
                MovedStatement(
                    moved.line, new_id, moved.article_id, moved.old_start, moved.old_end,
                    moved.start, moved.end, moved.old_quote, moved.quote, moved.found,
                )
            )
            self.writer.event(
                self.analyst_id, "reanchor", "statement", new_id, "span",
                [moved.old_start, moved.old_end], [moved.start, moved.end],
            )
        self.report.articles.update(self.targets[a][0] for a in self.targets)

    def _place_decision(self, record: JsonlRecord, row: Row) -> Row | None:
        spec = SPEC_BY_TYPE["suggestion_decision"].record
        file_article = record.values[spec.position("article_id")]
        article_id, target_text = self.targets[file_article]
        file_text = self.file_texts[file_article]
        if target_text is file_text or target_text == file_text:
            return row
        start, end = row["start"], row["end"]
        prefix, suffix = quote_context(file_text, start, end)
        placed = self.placer.place(article_id, target_text, file_text[start:end], prefix, suffix, start)
        if placed is None:
            self._cut_links["rejected suggestions left out (their text is not in the article any more)"] += 1
            return None
        return dict(row, start=placed.start, end=placed.end)

    # -- events -----------------------------------------------------------------

    def _events(self) -> None:
        spec = SPEC_BY_TYPE["event"]
        kind, target = spec.record.position("entity_type"), spec.record.position("entity_id")
        rows, skipped = [], 0
        for record in self.dump.of("event"):
            record_type = EVENT_TARGETS.get(record.values[kind])
            if record_type is None or record.values[target] not in self.created[record_type]:
                skipped += 1
                continue
            row = self._mapped(spec, record)
            assert row is not None
            row["entity_id"] = self.maps[record_type][record.values[target]]
            rows.append(row)
        self.writer.insert_new(spec.table, rows)
        self.report.created["event"] += len(rows)
        self.report.note_count(
            skipped, "events not copied (about records this database already held, or left out)"
        )


def _ordered_pair(_record: JsonlRecord, row: Row) -> Row | None:
    a, b = row["statement_a_id"], row["statement_b_id"]
    if a == b:
        return None
    return row if a < b else dict(row, statement_a_id=b, statement_b_id=a)


def merge(writer: Writer, dump: JsonlDump, report: ReportBuilder, analyst_id: int | None) -> None:
    """Merge `dump` into the database behind `writer`."""
    Merger(writer, dump, report, analyst_id).run()
