"""Benchmarks: `python -m benchmarks [import|search|all] [--articles N] [--search-articles N]`.

Each prints its figures and the ratio against its baseline.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus
from karabakh_annotator.core.importers.files import collect_files, read_article_file
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.storage.database import open_database

SEARCH_TARGET_MS = 20.0
IMPORT_TARGET_PER_S = 500.0
QUERIES = ["القوات", "وزارة الدفاع", '"وقف إطلاق النار"', "شوشا", "هجوم*", "المسيرة الذخيرة", "2020", "لاتشين"]


def _baseline_raw_inserts(paths: list[Path], db_path: Path) -> float:
    """Raw sqlite3: read each file and insert its text, one transaction per 100 (as the import does)."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, text TEXT, raw BLOB)")
    started = time.perf_counter()
    for start in range(0, len(paths), 100):
        connection.execute("BEGIN")
        for path in paths[start : start + 100]:
            data = path.read_bytes()
            connection.execute("INSERT INTO articles (text, raw) VALUES (?, ?)", (data.decode("utf-8"), data))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def _import(services: Services, folder: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of this process, and how many articles were imported."""
    started, cpu_started = time.perf_counter(), time.process_time()
    items = (item for path in collect_files([folder]) for item in read_article_file(path))
    imported = sum(1 for outcome in services.articles.import_all(items) if outcome.status == "imported")
    return time.perf_counter() - started, time.process_time() - cpu_started, imported


def bench_import(count: int, repeat: int) -> None:
    """Import `count` generated 5 KB articles (decode, clean, metadata, sketch, FTS) against raw inserts.

    This machine's CPU speed varies by 20% from run to run, so each figure is
    the median of `repeat` runs, each into a new database.
    """
    walls, cpus, baselines = [], [], []
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as tmp:
        root = Path(tmp)
        paths = write_corpus(root / "corpus", count)
        for run in range(repeat):
            baselines.append(_baseline_raw_inserts(paths, root / f"baseline{run}.sqlite3"))
            database = open_database(str(root / f"app{run}.sqlite3"))
            elapsed, cpu, imported = _import(build_services(database), root / "corpus")
            database.dispose()
            assert imported == count, f"only {imported} of {count} imported"
            walls.append(elapsed)
            cpus.append(cpu)
    elapsed, cpu, baseline = statistics.median(walls), statistics.median(cpus), statistics.median(baselines)
    rate, base_rate = count / elapsed, count / baseline
    runs = ", ".join(f"{count / w:,.0f}" for w in walls)
    print(f"import {count:,} x 5 KB articles (clean, normalise, index), median of {repeat}: "
          f"{elapsed:.2f} s = {rate:,.0f} articles/s (runs: {runs})")
    print(f"  CPU time on one core: {cpu:.2f} s = {count / cpu:,.0f} articles per CPU-second")
    print(f"  baseline raw sqlite3 inserts of the same files: {baseline:.2f} s = {base_rate:,.0f} articles/s")
    print(f"  ratio application/baseline throughput: {rate / base_rate:.3f}")
    print(f"  ratio to the {IMPORT_TARGET_PER_S:.0f} articles/s target: {rate / IMPORT_TARGET_PER_S:.2f}")


def bench_search(count: int, rounds: int = 5) -> None:
    """Median query time over `count` articles against the 20 ms target and a raw FTS5 MATCH."""
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as tmp:
        root = Path(tmp)
        write_corpus(root / "corpus", count)
        database = open_database(str(root / "app.sqlite3"))
        services = build_services(database)
        _import(services, root / "corpus")
        timings: list[float] = []
        raw_timings: list[float] = []
        hits = 0
        raw = sqlite3.connect(root / "app.sqlite3")
        for _ in range(rounds):
            for query in random.Random(7).sample(QUERIES, len(QUERIES)):
                started = time.perf_counter()
                hits += len(services.search.search(query, limit=50))
                timings.append(time.perf_counter() - started)
                started = time.perf_counter()
                raw.execute(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 50",
                    ('"القوات"',),
                ).fetchall()
                raw_timings.append(time.perf_counter() - started)
        raw.close()
        database.dispose()
    median_ms = statistics.median(timings) * 1000
    raw_ms = statistics.median(raw_timings) * 1000
    print(f"search over {count:,} articles, {len(timings)} queries: median {median_ms:.1f} ms, "
          f"p90 {statistics.quantiles(timings, n=10)[-1] * 1000:.1f} ms, {hits:,} hits")
    print(f"  baseline raw FTS5 MATCH (ids only): median {raw_ms:.2f} ms; ratio {median_ms / raw_ms:.1f}")
    print(f"  ratio to the {SEARCH_TARGET_MS:.0f} ms target: {median_ms / SEARCH_TARGET_MS:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("which", nargs="?", choices=["import", "search", "all"], default="all")
    parser.add_argument("--articles", type=int, default=10_000, help="articles to import (default 10000)")
    parser.add_argument("--search-articles", type=int, default=20_000, help="articles to search (default 20000)")
    parser.add_argument("--repeat", type=int, default=3, help="import runs to take the median of (default 3)")
    args = parser.parse_args()
    if args.which in ("import", "all"):
        bench_import(args.articles, args.repeat)
    if args.which in ("search", "all"):
        bench_search(args.search_articles)


if __name__ == "__main__":
    main()
