"""Suggest benchmark: `python -m benchmarks.suggest [--articles N]`.

Suggested statements for every article of a database of 10,000 generated
articles (~5,000 characters each, as the seeds are), read from the database
as `suggest --article` does; target at least 200 articles/s. The rules alone
(no database) are timed too.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import article_text
from karabakh_annotator.core.analysis.attribution import suggest_statements
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database

TARGET_PER_S = 200.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=5_000, help="characters per article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ka-suggest-") as tmp:
        db_path = Path(tmp) / "bench.sqlite3"
        database = open_database(str(db_path))
        items = (
            ParsedArticle(article_text(i, args.size), b"", f"a{i}.txt", title=f"تقرير {i}", outlet="وكالة")
            for i in range(args.articles)
        )
        for _ in build_services(database).articles.import_all(items):
            pass
        texts = [article_text(i, args.size) for i in range(min(args.articles, 2_000))]
        started = time.perf_counter()
        rule_count = sum(len(suggest_statements(text, "وكالة")) for text in texts)
        rules = time.perf_counter() - started

        services = build_services(database)  # a cold cache: every article is read and analysed
        started = time.perf_counter()
        articles = suggestions = 0
        for _, found in services.suggestions.for_articles():
            articles += 1
            suggestions += len(found)
        elapsed = time.perf_counter() - started
        database.dispose()
    rate = articles / elapsed
    print(f"suggest over {articles:,} stored articles: {elapsed:.1f} s, {rate:,.0f} articles/s, {suggestions:,} suggestions")
    print(f"  rules alone on {len(texts):,} texts: {len(texts) / rules:,.0f} articles/s ({rule_count:,} suggestions)")
    print(f"  ratio {rate / TARGET_PER_S:.1f}x the target of {TARGET_PER_S:.0f} articles/s")


if __name__ == "__main__":
    main()
