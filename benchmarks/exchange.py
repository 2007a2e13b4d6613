"""Exchange benchmark: `python -m benchmarks.exchange [--statements N] [--repeat R]`.

Builds a SQLite database with N statements (default 100,000: 2,000 articles
of 50 sentences, one statement per sentence with speaker, cue and labels, one
claim per 4 statements, a create event per statement), then times:

* the statements CSV export (ExchangeService.export_csv: query, formula
  neutralisation, atomic write; target: within 2x of the csv module) against
  two baselines: the same 26 columns read with one joined SELECT through raw
  sqlite3 and written straight with csv.writer (what a hand-written script
  does, like the import benchmark's raw-insert baseline), and the very same
  rows, already in memory, written with csv.writer (no database at all);
* the JSONL round trip: export the whole database, import it into a new
  database, and check that exporting that one gives the same bytes
  (target: under 30 s).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, select

from karabakh_annotator.core.exporters.csv_export import COLUMNS, CSV_ENCODING
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.exchange_rows import statement_cell_batches
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.storage.database import Database, open_database
from karabakh_annotator.core.storage.models import Analyst, Article, Claim, Entity, Event, Label, Statement
from karabakh_annotator.core.text.anchors import quote_context

CSV_RATIO_TARGET = 2.0
ROUND_TRIP_TARGET_S = 30.0
STATEMENTS_PER_ARTICLE = 50
STATEMENTS_PER_CLAIM = 4
SPEAKERS = ["وزارة الدفاع الأذربيجانية", "وزارة الدفاع الأرمنية", "الخارجية الروسية", "مصدر عسكري", "=مصدر محلي"]
CUES = ["قال", "أكد", "أعلن", "نفى", "زعم"]
_SENTENCE = "قال المتحدث باسم الوزارة إن القوات صدت هجوما على مواقعها قرب المدينة 🛰️ صباح الأحد رقم {n}."


def build_database(path: Path, statements: int, seed: int = 2020) -> Database:
    """A database with `statements` statements, written by bulk insert."""
    database = open_database(str(path))
    rng = random.Random(seed)
    now = dt.datetime(2020, 11, 1, 8, 30, tzinfo=dt.UTC)
    with database.engine.begin() as connection:
        labels = {(r.label_set, r.key): r.id for r in connection.execute(select(Label.label_set, Label.key, Label.id))}

        def of(label_set: LabelSet) -> list[int]:
            return [i for (s, _k), i in labels.items() if s == label_set.value]

        connection.execute(insert(Analyst), [{"id": 1, "name": "ليلى", "created_at": now}, {"id": 2, "name": "عمر", "created_at": now}])
        connection.execute(
            insert(Entity), [{"id": i + 1, "name": name, "created_at": now} for i, name in enumerate(SPEAKERS)]
        )
        n_claims = max(1, statements // STATEMENTS_PER_CLAIM)
        connection.execute(
            insert(Claim),
            [
                {
                    "id": c + 1,
                    "summary": f"ادعاء رقم {c} حول القتال قرب المدينة",
                    "status_id": rng.choice(of(LabelSet.WORKFLOW_STATUS)),
                    "verdict_id": rng.choice(of(LabelSet.VERDICT)) if c % 3 == 0 else None,
                    "explanation": "شرح الحكم مع المصادر" if c % 3 == 0 else "",
                    "created_by_id": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for c in range(n_claims)
            ],
        )
        sentences = [_SENTENCE.format(n=n) for n in range(STATEMENTS_PER_ARTICLE)]
        article_rows, statement_rows, event_rows = [], [], []
        for a in range(-(-statements // STATEMENTS_PER_ARTICLE)):
            text = f"خبر رقم {a} من الجبهة\n" + "\n".join(sentences)
            article_rows.append(
                {
                    "id": a + 1,
                    "text": text,
                    "raw": text.encode(),
                    "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                    "title": f"خبر رقم {a}",
                    "outlet": rng.choice(["وكالة أذرتاج", "أرمنبرس", "وكالة الأنباء"]),
                    "url": f"https://example.org/news/{a}",
                    "published": dt.date(2020, 9, 27) + dt.timedelta(days=a % 45),
                    "source_file": f"{a}.txt",
                    "imported_at": now,
                }
            )
            start = text.index("\n") + 1
            for sentence in sentences:
                if len(statement_rows) >= statements:
                    break
                end = start + len(sentence) - 1
                prefix, suffix = quote_context(text, start, end)
                sid = len(statement_rows) + 1
                statement_rows.append(
                    {
                        "id": sid,
                        "article_id": a + 1,
                        "start": start,
                        "end": end,
                        "quote": text[start:end],
                        "prefix": prefix,
                        "suffix": suffix,
                        "speaker_id": rng.randrange(len(SPEAKERS)) + 1,
                        "cue": rng.choice(CUES),
                        "cue_class_id": rng.choice(of(LabelSet.CUE_CLASS)),
                        "stance_id": rng.choice(of(LabelSet.REPORTING_STANCE)),
                        "party_id": rng.choice(of(LabelSet.PARTY_ALIGNMENT)),
                        "claim_id": rng.randrange(n_claims) + 1 if rng.random() < 0.8 else None,
                        "analyst_id": 1 + sid % 2,
                        "note": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                event_rows.append(
                    {
                        "at": now,
                        "analyst_id": 1 + sid % 2,
                        "action": "create",
                        "entity_type": "statement",
                        "entity_id": sid,
                        "new_value": f"[{start}, {end}]",
                    }
                )
                start += len(sentence) + 1
        connection.execute(insert(Article), article_rows)
        connection.execute(insert(Statement), statement_rows)
        connection.execute(insert(Event), event_rows)
    return database


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _write_rows(rows: list[list[object]], target: Path) -> None:
    """Write `rows` (already in memory) with csv.writer, as the export formats its file."""
    with target.open("w", encoding=CSV_ENCODING, newline="") as stream:
        writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


_DIRECT_SQL = """
SELECT s.id, s.article_id, a.title, a.outlet, a.published, a.source_file, s.start, s."end", s.quote, s.prefix,
       s.suffix, e.name, s.cue, lc.key, ls.key, lp.key, s.claim_id, c.summary, st.key, v.key, c.rating_value,
       c.explanation, an.name, s.note, s.created_at, s.updated_at
FROM statements s
JOIN articles a ON a.id = s.article_id
JOIN analysts an ON an.id = s.analyst_id
LEFT JOIN entities e ON e.id = s.speaker_id
LEFT JOIN labels lc ON lc.id = s.cue_class_id
LEFT JOIN labels ls ON ls.id = s.stance_id
LEFT JOIN labels lp ON lp.id = s.party_id
LEFT JOIN claims c ON c.id = s.claim_id
LEFT JOIN labels st ON st.id = c.status_id
LEFT JOIN labels v ON v.id = c.verdict_id
WHERE s.deleted_at IS NULL
ORDER BY s.article_id, s.start, s.id
"""


def _write_direct(database_file: Path, target: Path) -> None:
    """One joined SELECT through raw sqlite3, every row straight into csv.writer."""
    connection = sqlite3.connect(database_file)
    with target.open("w", encoding=CSV_ENCODING, newline="") as stream:
        writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(connection.execute(_DIRECT_SQL))
    connection.close()


def bench_csv(database: Database, folder: Path, count: int, repeat: int) -> None:
    """Median export time against the median csv-module write of the same rows."""
    exchange = ExchangeService(database.sessions)
    with database.sessions() as session:
        rows = [row for batch in statement_cell_batches(session.connection(), StatementFilter()) for row in batch]
    database_file = Path(str(database.engine.url.database))
    runs: dict[str, list[tuple[float, float]]] = {"export": [], "direct": [], "memory": []}
    for run in range(repeat):  # interleaved, so a busy moment hits all three alike
        runs["memory"].append(_timed(lambda run=run: _write_rows(rows, folder / f"memory{run}.csv")))  # type: ignore[misc]
        runs["direct"].append(_timed(lambda run=run: _write_direct(database_file, folder / f"direct{run}.csv")))  # type: ignore[misc]
        runs["export"].append(_timed(lambda run=run: exchange.export_csv(folder / f"export{run}.csv")))  # type: ignore[misc]
    same = (folder / "export0.csv").read_bytes() == (folder / "memory0.csv").read_bytes()
    wall = {name: statistics.median(w for w, _c in times) for name, times in runs.items()}
    cpu = {name: statistics.median(c for _w, c in times) for name, times in runs.items()}
    print(f"statements CSV, {count:,} statements, median of {repeat} (wall / CPU seconds):")
    print(f"  export (query + neutralise + atomic write): {wall['export']:.2f} / {cpu['export']:.2f} s  "
          f"(wall runs: {', '.join(f'{w:.2f}' for w, _c in runs['export'])})")
    print(f"  baseline 1, raw sqlite3 joined SELECT -> csv.writer: {wall['direct']:.2f} / {cpu['direct']:.2f} s")
    print(f"  baseline 2, csv.writer of the same rows already in memory: {wall['memory']:.2f} / {cpu['memory']:.2f} s  "
          f"(same bytes as the export: {same})")
    for name, label in (("direct", "baseline 1"), ("memory", "baseline 2")):
        print(f"  ratio export/{label}: {wall['export'] / wall[name]:.2f} wall, {cpu['export'] / cpu[name]:.2f} CPU "
              f"(target <= {CSV_RATIO_TARGET:.1f})")


def bench_round_trip(database: Database, folder: Path, count: int) -> None:
    """Export JSONL, import it into a new database, export again and compare."""
    exchange = ExchangeService(database.sessions)
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    started = time.perf_counter()
    counts = exchange.export_jsonl(first)
    exported = time.perf_counter()
    target = open_database(str(folder / "restored.sqlite3"))
    opened = time.perf_counter()
    report = ExchangeService(target.sessions).import_annotations(first)
    imported = time.perf_counter()
    ExchangeService(target.sessions).export_jsonl(second)
    target.dispose()
    identical = first.read_bytes() == second.read_bytes()
    assert report.created.get("statement") == count and not report.unplaced
    total = imported - started
    print(f"JSONL round trip, {count:,} statements ({sum(counts.values()):,} records, "
          f"{first.stat().st_size / 1e6:.0f} MB):")
    print(f"  export {exported - started:.2f} s + new database {opened - exported:.2f} s "
          f"+ import {imported - opened:.2f} s = {total:.2f} s")
    print(f"  export -> import -> export byte-identical: {identical}")
    print(f"  ratio to the {ROUND_TRIP_TARGET_S:.0f} s target: {total / ROUND_TRIP_TARGET_S:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="CSV runs to take the median of (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        database = build_database(folder / "bench.sqlite3", args.statements)
        print(f"built {args.statements:,} statements in {time.perf_counter() - started:.1f} s")
        bench_csv(database, folder, args.statements, args.repeat)
        bench_round_trip(database, folder, args.statements)
        database.dispose()


if __name__ == "__main__":
    main()
