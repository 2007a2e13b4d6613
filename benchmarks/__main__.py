"""Run the benchmarks: `python -m benchmarks [--articles N]`; prints figures and baseline ratios."""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus
from karabakh_annotator.core.importers.files import collect_files, read_article_file
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database


def _baseline_raw_inserts(paths: list[Path], db_path: Path) -> float:
    """Raw sqlite3: read each file and insert its text in its own transaction, same pragmas."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, text TEXT, raw BLOB)")
    started = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        connection.execute("BEGIN")
        connection.execute("INSERT INTO articles (text, raw) VALUES (?, ?)", (data.decode("utf-8"), data))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def _import(paths_root: Path, db_path: Path) -> tuple[float, int]:
    database = open_database(str(db_path))
    services = build_services(database)
    started = time.perf_counter()
    parsed = (read_article_file(path) for path in collect_files([paths_root]))
    imported = sum(1 for outcome in services.articles.import_all(parsed) if outcome.status == "imported")
    elapsed = time.perf_counter() - started
    database.dispose()
    return elapsed, imported


def bench_import(count: int) -> None:
    """Import `count` generated 5 KB articles, against raw sqlite3 inserts."""
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as tmp:
        root = Path(tmp)
        paths = write_corpus(root / "corpus", count)
        baseline = _baseline_raw_inserts(paths, root / "baseline.sqlite3")
        elapsed, imported = _import(root / "corpus", root / "app.sqlite3")
    assert imported == count, f"only {imported} of {count} imported"
    rate, base_rate = count / elapsed, count / baseline
    print(f"import {count} x 5 KB articles: {elapsed:.2f} s, {rate:,.0f} articles/s")
    print(f"  baseline raw sqlite3 inserts: {baseline:.2f} s, {base_rate:,.0f} articles/s")
    print(f"  ratio application/baseline throughput: {rate / base_rate:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2_000, help="articles to import (default 2000)")
    args = parser.parse_args()
    bench_import(args.articles)


if __name__ == "__main__":
    main()
