"""kill -9 in the middle of work: the database opens, passes integrity_check, and holds everything acknowledged.

A worker process (crash_worker.py) applies edits or imports articles through
the real services and prints a line for each one the services returned
from. The test reads those lines, kills the worker with SIGKILL while it is
still going, then reopens the database as the app would.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.storage.database import Database, open_database
from karabakh_annotator.core.storage.models import Article, ArticleSketch, Event
from tests.core.robustness.crash_worker import article_text, marker, source_name

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

WORKER = Path(__file__).with_name("crash_worker.py")
REPO = Path(__file__).resolve().parents[3]


def start(*args: str) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        cwd=REPO, env=environment,
    )


def kill_after(worker: subprocess.Popen[str], lines: int, matching: str = "", timeout: float = 60) -> list[str]:
    """Read acknowledgements until `lines` of them start with `matching`; SIGKILL the worker; every line read."""
    assert worker.stdout is not None
    seen: list[str] = []
    counted = 0
    deadline = time.monotonic() + timeout
    try:
        while counted < lines:
            line = worker.stdout.readline()
            if not line:
                stderr = worker.stderr.read() if worker.stderr else ""
                pytest.fail(f"the worker stopped before it was killed:\n{stderr[-3000:]}")
            seen.append(line.rstrip("\n"))
            counted += line.startswith(matching)
            assert time.monotonic() < deadline, "the worker is too slow"
        assert worker.poll() is None, "the worker finished before it could be killed mid-way"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
        if worker.stdout:
            worker.stdout.close()
        if worker.stderr:
            worker.stderr.close()
    assert worker.returncode == -signal.SIGKILL
    return seen


def integrity_check(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


@pytest.fixture
def reopened(tmp_path: Path) -> Iterator[tuple[Path, list[Database]]]:
    """The database path, and a list where each test puts what it opened (disposed at the end)."""
    opened: list[Database] = []
    yield tmp_path / "desk.sqlite3", opened
    for database in opened:
        database.dispose()


def reopen(path: Path, opened: list[Database]) -> Services:
    assert integrity_check(path) == ["ok"]
    database = open_database(str(path))
    opened.append(database)
    return build_services(database)


def test_every_acknowledged_edit_survives_kill_9(reopened: tuple[Path, list[Database]]) -> None:
    path, opened = reopened
    acknowledged: list[list[str]] = []
    # Three sessions on one database, each killed at a different point of its stream.
    for seed, count in ((1, 40), (2, 97), (3, 163)):
        lines = kill_after(start(str(WORKER), "edits", str(path), str(seed)), count)
        acknowledged.extend(line.split() for line in lines)
    services = reopen(path, opened)

    latest_note: dict[int, str] = {}
    latest_explanation: dict[int, str] = {}
    for kind, target, *rest in acknowledged:
        if kind == "mark":
            statement = services.statements.get_statement(int(target))
            assert (statement.start, statement.end) == (int(rest[0]), int(rest[1]))
        elif kind == "note":
            latest_note[int(target)] = f"note {rest[0]}"
        elif kind == "claim":
            assert services.claims.get_claim(int(target)).summary == f"claim {rest[0]}"
        elif kind == "explain":
            latest_explanation[int(target)] = f"explanation {rest[0]}"
    with opened[-1].sessions() as session:
        logged = set(session.scalars(select(Event.new_value)))
    for statement_id, note in latest_note.items():
        # The edit in flight when the worker died may have committed after its last acknowledgement.
        current = services.statements.get_statement(statement_id).note
        assert current == note or _step(current) > _step(note)
    for claim_id, explanation in latest_explanation.items():
        current = services.claims.get_claim(claim_id).explanation
        assert current == explanation or _step(current) > _step(explanation)
    # And the event log holds every acknowledged edit, not only the last of each field.
    for kind, _target, *rest in acknowledged:
        if kind in ("note", "explain"):
            word = "note" if kind == "note" else "explanation"
            assert any(value and f"{word} {rest[0]}" in value for value in logged), (kind, rest)


def _step(value: str) -> tuple[int, int]:
    """(session seed, step) from "note 2-57"."""
    seed, step = value.split()[-1].split("-")
    return int(seed), int(step)


def check_complete_or_absent(services: Services, database: Database) -> set[int]:
    """Every stored article is whole, logged, sketched and searchable; their numbers."""
    numbers: set[int] = set()
    with database.sessions() as session:
        articles = session.execute(select(Article.id, Article.source_file, Article.text)).all()
        events = set(session.scalars(select(Event.entity_id).where(Event.action == "import")))
        sketched = set(session.scalars(select(ArticleSketch.article_id).distinct()))
        indexed = set(session.scalars(text("SELECT rowid FROM search_fts")))
    for article_id, source_file, stored_text in articles:
        number = int(source_file.removeprefix("article-").removesuffix(".txt"))
        numbers.add(number)
        assert stored_text == article_text(number), f"article {number} is not whole"
        assert article_id in events and article_id in sketched and article_id in indexed
    assert indexed == {article_id for article_id, _name, _text in articles}, "index rows without their article"
    for number in sorted(numbers)[:: max(1, len(numbers) // 25)]:
        hits = services.search.search(marker(number))
        assert [hit.article_id for hit in hits] == [
            next(a for a, name, _t in articles if name == source_name(number))
        ]
    return numbers


def test_a_large_import_killed_mid_way_leaves_whole_articles_or_none(reopened: tuple[Path, list[Database]]) -> None:
    path, opened = reopened
    lines = kill_after(start(str(WORKER), "import", str(path), "5000"), 250, matching="imported")
    services = reopen(path, opened)
    numbers = check_complete_or_absent(services, opened[-1])
    acknowledged = {int(line.split()[2].removeprefix("article-").removesuffix(".txt")) for line in lines}
    assert acknowledged <= numbers
    assert len(numbers) < 5000


def test_an_import_killed_mid_file_resumes_without_duplicates(tmp_path: Path, reopened: tuple[Path, list[Database]]) -> None:
    """One large JSON Lines file through the command line: killed mid-file, then imported again."""
    path, opened = reopened
    count = 1200
    export = tmp_path / "export.jsonl"
    with export.open("w", encoding="utf-8") as stream:
        for number in range(1, count + 1):
            stream.write('{"title": "%s", "text": %s}\n' % (source_name(number), _json(article_text(number))))
    command = ("-m", "karabakh_annotator", "import", str(export), "--db", str(path))
    lines = kill_after(start(*command), 150, matching="imported:")
    assert integrity_check(path) == ["ok"]
    first_pass = _imported_titles(path, opened)
    assert first_pass and len(first_pass) < count
    assert sum(line.startswith("imported:") for line in lines) <= len(first_pass)

    finished = subprocess.run(
        [sys.executable, *command], capture_output=True, text=True, encoding="utf-8", cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    outcomes = [line.split(":")[0] for line in finished.stdout.splitlines()]
    assert outcomes.count("duplicate") == len(first_pass)
    assert outcomes.count("imported") == count - len(first_pass)
    titles = _imported_titles(path, opened)
    assert sorted(titles) == sorted(source_name(n) for n in range(1, count + 1))


def _json(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _imported_titles(path: Path, opened: list[Database]) -> list[str]:
    services = reopen(path, opened)
    titles = []
    for summary in services.articles.list_articles():
        number = int((summary.title or "").removeprefix("article-").removesuffix(".txt"))
        # Cleaning may re-wrap the text; the words are what must all be there.
        assert services.articles.get_article(summary.id).text.split() == article_text(number).split()
        titles.append(summary.title or "")
    return titles
