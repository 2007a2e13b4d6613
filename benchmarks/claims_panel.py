"""Claims panel benchmark: `python -m benchmarks.claims_panel [--statements N]`.

Builds a SQLite database with N statements (default 100,000) by bulk insert,
then times what an analyst waits for: a status filter showing its first page
(target 100 ms) and the next pages arriving while the table scrolls to 2,000 rows.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import hashlib  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from sqlalchemy import insert, select  # noqa: E402

from karabakh_annotator.core.labels import LabelSet  # noqa: E402
from karabakh_annotator.core.services import build_services  # noqa: E402
from karabakh_annotator.core.services.exports import StatementFilter  # noqa: E402
from karabakh_annotator.core.storage.database import Database, open_database  # noqa: E402
from karabakh_annotator.core.storage.models import Analyst, Article, Claim, Label, Statement  # noqa: E402

TARGET_MS = 100.0
STATEMENTS_PER_ARTICLE = 50
STATEMENTS_PER_CLAIM = 4
SCROLL_ROWS = 2_000
# Statuses with weights: most claims are early in the workflow, few are reviewed.
STATUS_WEIGHTS = {
    "spotted": 40,
    "check_worthy": 20,
    "out_of_scope": 10,
    "in_progress": 15,
    "verdict_drafted": 8,
    "reviewed": 1,
    "published": 5,
    "corrected": 1,
}
_SENTENCE = "قال المتحدث باسم وزارة الدفاع إن القوات صدت هجوما على مواقعها قرب المدينة صباح الأحد رقم {n}."


def build_database(path: Path, statements: int, seed: int = 2020) -> Database:
    """A database with `statements` statements over articles of 50 sentences, one claim per 4 statements."""
    database = open_database(str(path))
    rng = random.Random(seed)
    now = dt.datetime(2020, 11, 1, tzinfo=dt.UTC)
    with database.engine.begin() as connection:
        analyst_id = connection.execute(insert(Analyst).values(name="bench", created_at=now)).inserted_primary_key[0]
        labels = {
            (row.label_set, row.key): row.id for row in connection.execute(select(Label.label_set, Label.key, Label.id))
        }
        status_keys = list(STATUS_WEIGHTS)
        verdict_ids = [i for (s, _k), i in labels.items() if s == LabelSet.VERDICT.value]
        stance_ids = [i for (s, _k), i in labels.items() if s == LabelSet.REPORTING_STANCE.value]
        n_claims = statements // STATEMENTS_PER_CLAIM
        connection.execute(
            insert(Claim),
            [
                {
                    "id": c + 1,
                    "summary": f"ادعاء رقم {c}",
                    "status_id": labels[(LabelSet.WORKFLOW_STATUS.value, status)],
                    "verdict_id": rng.choice(verdict_ids) if rng.random() < 0.3 else None,
                    "explanation": "",
                    "created_by_id": analyst_id,
                    "created_at": now,
                    "updated_at": now,
                }
                for c, status in enumerate(rng.choices(status_keys, weights=list(STATUS_WEIGHTS.values()), k=n_claims))
            ],
        )
        sentences = [_SENTENCE.format(n=n) for n in range(STATEMENTS_PER_ARTICLE)]
        body = "\n".join(sentences)
        offsets = []
        start = 0
        for sentence in sentences:
            offsets.append((start, start + len(sentence) - 1))
            start += len(sentence) + 1
        n_articles = -(-statements // STATEMENTS_PER_ARTICLE)
        article_rows, statement_rows = [], []
        for a in range(n_articles):
            article_text = f"خبر {a}\n{body}"
            shift = len(f"خبر {a}\n")
            article_rows.append(
                {
                    "id": a + 1,
                    "text": article_text,
                    "raw": article_text.encode(),
                    "content_hash": hashlib.sha256(article_text.encode()).hexdigest(),
                    "title": f"خبر {a}",
                    "outlet": "وكالة",
                    "published": dt.date(2020, 10, 1) + dt.timedelta(days=a % 45),
                    "source_file": f"{a}.txt",
                    "imported_at": now,
                }
            )
            for s_start, s_end in offsets:
                if len(statement_rows) >= statements:
                    break
                sid = len(statement_rows)
                statement_rows.append(
                    {
                        "id": sid + 1,
                        "article_id": a + 1,
                        "start": s_start + shift,
                        "end": s_end + shift,
                        "quote": article_text[s_start + shift : s_end + shift],
                        "prefix": "",
                        "suffix": "",
                        "stance_id": rng.choice(stance_ids),
                        "claim_id": rng.randrange(n_claims) + 1 if rng.random() < 0.8 else None,
                        "analyst_id": analyst_id,
                        "note": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        connection.execute(insert(Article), article_rows)
        connection.execute(insert(Statement), statement_rows)
    return database


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _median_ms(action, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return _ms(statistics.median(times))


def run(statements: int) -> None:
    """Build the database, then time filtering and paging through the table model."""
    from PySide6.QtWidgets import QApplication

    from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
    from karabakh_annotator.ui.claims_panel.statement_table_model import StatementTableModel

    app = QApplication.instance() or QApplication([])  # noqa: F841 (models need an application)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        database = build_database(Path(folder) / "bench.sqlite3", statements)
        print(f"built {statements:,} statements in {time.perf_counter() - started:.1f} s")
        services = build_services(database)
        model = StatementTableModel(services.exports, LabelCatalog.from_service(services.labels))
        print(f"target: first page shown in {TARGET_MS:.0f} ms")
        for label, filters in (
            ("whole database", StatementFilter()),
            ("status in_progress (common)", StatementFilter(status="in_progress")),
            ("status reviewed (rare)", StatementFilter(status="reviewed")),
            ("verdict false", StatementFilter(verdict="false")),
        ):
            page_ms = _median_ms(lambda f=filters: services.exports.statement_rows(f, 0, 200))
            count_ms = _median_ms(lambda f=filters: services.exports.count(f))
            shown_ms = _median_ms(lambda f=filters: model.set_filter(f))
            print(
                f"set_filter {label:<28} {shown_ms:7.1f} ms  (page {page_ms:6.1f} + count {count_ms:6.1f}; "
                f"{model.total():,} rows)  ratio to target {shown_ms / TARGET_MS:5.2f}"
            )
        model.set_filter(StatementFilter(status="in_progress"))
        pages: list[float] = []
        while model.rowCount() < SCROLL_ROWS and model.canFetchMore():
            started = time.perf_counter()
            model.fetchMore()
            pages.append(_ms(time.perf_counter() - started))
        print("page times (ms): " + ", ".join(f"{p:.0f}" for p in pages))
        print(
            f"scrolling to {model.rowCount():,} rows: {len(pages)} pages, "
            f"median {statistics.median(pages):.1f} ms, worst {max(pages):.1f} ms, "
            f"ratio of worst to target {max(pages) / TARGET_MS:.2f}"
        )
        database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    arguments = parser.parse_args()
    run(arguments.statements)


if __name__ == "__main__":
    main()
