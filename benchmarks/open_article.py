"""Benchmark: open an article with 1,000 statements, from `show_article` to the first paint of the text.

Run: `python -m benchmarks.open_article [--statements N] [--repeat R]`. Prints the
median, the breakdown (plain text, highlighting, paint) and the ratio to the target.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.corpus import article_text  # noqa: E402
from karabakh_annotator.core.records import ParsedArticle  # noqa: E402
from karabakh_annotator.core.services import build_services  # noqa: E402
from karabakh_annotator.core.storage.database import open_database  # noqa: E402
from karabakh_annotator.core.text.selection import snap_to_words  # noqa: E402

TARGET_MS = 100.0
ANALYST = "bench"


class _PaintWatch(QObject):
    """Notes when the watched widget has finished a paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            result = watched.event(event)  # paint now, then stop the clock
            self.painted_at = time.perf_counter()
            return result
        return False


def _spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """`count` word-snapped spans of 3-12 words; about one in five nests inside or overlaps another."""
    words = [i for i in range(1, len(text)) if text[i - 1].isspace() and not text[i].isspace()]
    spans: set[tuple[int, int]] = set()
    while len(spans) < count:
        first = rng.randrange(len(words) - 12)
        start = words[first]
        end = words[first + rng.randint(3, 12)] - 1
        spans.add(snap_to_words(text, start, end))
    return sorted(spans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--statements", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    from karabakh_annotator.ui.article_view import ArticleView
    from karabakh_annotator.ui.fonts import load_fonts
    from karabakh_annotator.ui.statement_colors import StatementColors

    rng = random.Random(1000)
    text = "\n".join(article_text(seed, 6_000) for seed in range(10))
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as tmp:
        database = open_database(str(Path(tmp) / "open.sqlite3"))
        services = build_services(database)
        outcome = services.articles.store_article(ParsedArticle(text=text, raw=text.encode(), source_file="long.txt"))
        assert outcome.article_id is not None
        article_id = outcome.article_id
        short_text = "مقال قصير."
        other = services.articles.store_article(
            ParsedArticle(text=short_text, raw=short_text.encode(), source_file="short.txt")
        )
        started = time.perf_counter()
        for start, end in _spans(text, args.statements, rng):
            services.statements.mark_statement(article_id, start, end, ANALYST)
        marked_s = time.perf_counter() - started
        article = services.articles.get_article(article_id)
        short = services.articles.get_article(other.article_id)
        statements = services.statements.statements_for_article(article_id)
        colors = StatementColors.from_labels(services.labels)
        database.dispose()

    view = ArticleView(load_fonts())
    view.resize(900, 800)
    view.show()
    app.processEvents()
    timings = []
    for _ in range(args.repeat):
        view.show_article(short, [], colors)  # a real switch each time, as when the analyst picks it
        app.processEvents()
        watch = _PaintWatch()
        view.text_edit().viewport().installEventFilter(watch)
        started = time.perf_counter()
        view.show_article(article, statements, colors)
        shown = time.perf_counter()
        while watch.painted_at is None:
            app.processEvents()
        view.text_edit().viewport().removeEventFilter(watch)
        timings.append(((watch.painted_at - started) * 1000, (shown - started) * 1000))
    total = statistics.median(t for t, _ in timings)
    show = statistics.median(s for _, s in timings)
    print(
        f"open article: {len(text):,} characters, {len(statements):,} statements "
        f"(marked through the service in {marked_s:.1f} s)"
    )
    print(f"  show_article -> first paint, median of {args.repeat}: {total:.1f} ms "
          f"(show_article {show:.1f} ms, layout + paint {total - show:.1f} ms)")
    print(f"  runs: {', '.join(f'{t:.0f}' for t, _ in timings)} ms")
    print(f"  ratio to the {TARGET_MS:.0f} ms target: {total / TARGET_MS:.2f}")


if __name__ == "__main__":
    main()
