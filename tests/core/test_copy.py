"""`copy`: a whole project from SQLite to a team server and back, nothing lost (the JSONL exports are the same bytes).

The middle database of the round trip is on the test's backend: PostgreSQL
when KARABAKH_TEST_POSTGRES_URL names a server, SQLite always. The texts are
short fixtures written for these tests (not taken from any outlet).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.engine import make_url

from karabakh_annotator.cli.copy_command import copy
from karabakh_annotator.cli.parser import build_parser
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import MatchRecord, ParsedArticle, Passage
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services import database_copy
from karabakh_annotator.core.services.copy_tables import COPIED_TABLES, CopyProgress, TableCopier
from karabakh_annotator.core.services.database_copy import TargetNotEmpty, copy_database
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import SCHEMA_HEAD, open_database
from karabakh_annotator.core.storage.models import Analyst, Article, ArticleSketch, Base, EntityAlias
from karabakh_annotator.main import main
from tests.core.conftest import span_of

FRONT = (
    "أخبار الجبهة 🛰️ صباح الثلاثاء 𝔸\n"
    "قال المتحدث باسم وزارة الدفاع إن الوحدات سيطرت على قرية جديدة قرب فضولي 💥 بعد معارك ليلية.\n"
    "وأضاف أن العملية مستمرة وأن الخسائر طفيفة.\n"
    "وأشار إلى أن فرق الهندسة بدأت إزالة الألغام من الطرق المؤدية إلى القرية.\n"
    "وختم بأن السكان سيعودون حين تسمح الظروف الأمنية بذلك."
)
REPRINT = FRONT + "\nنقلا عن وكالة محلية."
DENIAL = (
    "نفت وزارة الدفاع الأرمنية سيطرة القوات على أي قرية قرب فضولي.\n"
    "وأكدت مصادر محلية أن الاشتباكات تواصلت حتى المساء، بحسب مراسلنا."
)
CLEANING = json.dumps([{"step": "boilerplate", "removed": 2}])


def _store(services: Services, article: ParsedArticle) -> tuple[int, int | None]:
    outcome = services.articles.store_article(article)
    assert outcome.article_id is not None
    return outcome.article_id, outcome.near_duplicate_of


def _mark(services: Services, article_id: int, body: str, quote: str, analyst: str, **patch: object) -> int:
    start, end = span_of(body, quote)
    statement, _ = services.statements.mark_statement(
        article_id, start, end, analyst, StatementPatch(**patch) if patch else None  # type: ignore[arg-type]
    )
    return int(statement.id)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A local SQLite project holding every kind of record."""
    path = tmp_path / "local" / "project.sqlite3"
    database = open_database(str(path))
    services = build_services(database)
    front, _ = _store(
        services,
        ParsedArticle(FRONT, FRONT.encode(), "الجبهة.txt", title="الجبهة", outlet="أذرتاج", cleaning_report=CLEANING),
    )
    reprint, near = _store(services, ParsedArticle(REPRINT, REPRINT.encode(), "reprint.txt"))
    assert near == front, "the fixture needs a near-duplicate link"
    denial, _ = _store(
        services, ParsedArticle(DENIAL, DENIAL.encode("cp1256"), "نفي.html", raw_encoding="windows-1256")
    )
    ministry, _ = services.entities.create_entity(
        "وزارة الدفاع", "ليلى", ["الدفاع", "وزارة دفاع أذربيجان"], source_type="government", party="pro_azerbaijan"
    )
    quote = "إن الوحدات سيطرت على قرية جديدة قرب فضولي 💥"
    said = _mark(services, front, FRONT, quote, "ليلى", speaker_id=ministry.id, cue="قال")
    quote = "سيطرة القوات على أي قرية قرب فضولي"
    denied = _mark(services, denial, DENIAL, quote, "عمر", cue="نفت", stance="refutes")
    services.statements.edit_statement(said, StatementPatch(note="تحقق من الخريطة"), "ليلى")  # version 2
    gone = _mark(services, reprint, REPRINT, "العملية مستمرة", "ليلى")
    services.statements.delete_statement(gone, "ليلى")
    claim, _ = services.claims.create_claim("سيطرة على قرية قرب فضولي", "ليلى", [said, denied])
    services.claims.edit_claim(claim.id, ClaimPatch(status="in_progress"), "ليلى")
    services.claims.edit_claim(claim.id, ClaimPatch(verdict="false", explanation="صور الأقمار الصناعية"), "ليلى")
    services.claims.edit_claim(claim.id, ClaimPatch(status="verdict_drafted"), "ليلى")
    services.claims.edit_claim(claim.id, ClaimPatch(assignee="عمر"), "ليلى")
    services.evidence.add_evidence(claim.id, "refutes", "عمر", citation="بيان", url="https://example.am/s")
    services.evidence.add_evidence(claim.id, "refutes", "عمر", statement_id=denied, note="نفي مباشر")
    start, end = span_of(DENIAL, "وأكدت مصادر محلية")
    services.suggestions.reject(denial, start, end, "عمر")
    pair = Passage(front, 0, 1, "", statement_id=said), Passage(denial, 0, 1, "", statement_id=denied)
    services.matches.dismiss(MatchRecord("contradiction", *pair, 0.9), "عمر")
    staged, _ = services.labels.add_label(LabelSet.VERDICT, "staged", "Staged", "مفبرك", "#123456", "ليلى")
    services.labels.edit_label(staged.id, "ليلى", retired=True)
    first_verdict = services.labels.labels(LabelSet.VERDICT)[0]
    services.labels.edit_label(first_verdict.id, "ليلى", color="#abcdef")
    with database.sessions.begin() as session:
        session.execute(update(Analyst).where(Analyst.name == "عمر").values(db_role="omar_role"))
    database.dispose()
    return path


def _export(path_or_url: str | Path, out: Path) -> bytes:
    database = open_database(str(path_or_url))
    try:
        ExchangeService(database.sessions).export_jsonl(out)
    finally:
        database.dispose()
    return out.read_bytes()


def _derived(path_or_url: str | Path) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Rows the export does not hold: sketches and aliases (with their ids)."""
    database = open_database(str(path_or_url))
    try:
        with database.sessions() as session:
            sketch = select(ArticleSketch.article_id, ArticleSketch.value)
            sketch = sketch.order_by(ArticleSketch.article_id, ArticleSketch.value)
            sketches = [(r[0], r[1]) for r in session.execute(sketch)]
            alias = select(EntityAlias.id, EntityAlias.entity_id, EntityAlias.alias).order_by(EntityAlias.id)
            aliases = [(r[0], r[1], r[2]) for r in session.execute(alias)]
    finally:
        database.dispose()
    return sketches, aliases


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_round_trip_through_the_backend_loses_nothing(
    project: Path, make_database_url: Callable[[str], str], tmp_path: Path
) -> None:
    server = make_database_url("server")
    back = tmp_path / "back" / "project.sqlite3"
    original = _export(project, tmp_path / "original.jsonl")
    before = _digest(project)

    there = copy_database(str(project), server)
    again = copy_database(server, str(back))

    assert _digest(project) == before, "the source file was written"
    assert _export(server, tmp_path / "server.jsonl") == original
    assert _export(back, tmp_path / "back.jsonl") == original
    expected = {
        "label": 52, "analyst": 2, "entity": 1, "article": 3, "claim": 1, "statement": 3, "evidence": 2,
        "suggestion_decision": 1, "match_decision": 1,
    }
    assert {kind: count for kind, count in there.counts.items() if kind != "event"} == expected
    assert there.counts == again.counts and there.counts["event"] > 10
    assert _derived(back) == _derived(server) == _derived(project)
    header = json.loads(original.split(b"\n")[0])
    assert header["schema"] == SCHEMA_HEAD
    needles = ("🛰", "𝔸", "omar_role", "windows-1256", "boilerplate", '"retired":true', "#abcdef", '"version":2')
    for needle in (*needles, '"near_duplicate_of_id":1', '"deleted_at":"20', '"assignee_id":2'):
        assert needle.encode() in original, needle


@pytest.mark.parametrize("where", ["server", "back"])
def test_the_copy_works_as_a_project(
    project: Path, make_database_url: Callable[[str], str], tmp_path: Path, where: str
) -> None:
    server = make_database_url("server")
    copy_database(str(project), server)
    target = server
    if where == "back":
        target = str(tmp_path / "back.sqlite3")
        copy_database(server, target)
    database = open_database(target)
    try:
        services = build_services(database)
        assert {hit.article_id for hit in services.search.search("فضولي")} == {1, 2, 3}
        assert [hit.article_id for hit in services.search.search('"السكان سيعودون"')] == [2, 1]
        with database.sessions() as session:
            denial = session.get(Article, 3)
            assert denial is not None and denial.raw == DENIAL.encode("cp1256") and denial.text == DENIAL
        said = services.statements.get_statement(1)
        assert said.note == "تحقق من الخريطة" and said.speaker == "وزارة الدفاع"
        assert services.statements.get_statement(3).deleted
        claim = services.claims.get_claim(1)
        assert (claim.status, claim.verdict, claim.assignee) == ("verdict_drafted", "false", "عمر")
        assert claim.drafted_by == "ليلى"
        # New work gets ids after the copied ones (the id sequences moved on PostgreSQL).
        new, _ = services.statements.mark_statement(2, 0, 5, "سارة")
        label, _ = services.labels.add_label(LabelSet.VERDICT, "doctored", "Doctored", "معدل", "#654321", "سارة")
        speaker, _ = services.entities.create_entity("وزارة الخارجية", "سارة", aliases=["الخارجية"])
        outcome = services.articles.store_article(ParsedArticle("نص جديد تماما عن المحادثات.", b"x", "new.txt"))
        assert (new.id, label.id, speaker.id, outcome.article_id) == (4, 53, 2, 4)
    finally:
        database.dispose()


def test_a_target_that_holds_work_is_refused_and_left_alone(
    project: Path, make_database_url: Callable[[str], str], tmp_path: Path
) -> None:
    target = make_database_url("busy")
    database = open_database(target)
    build_services(database).articles.store_article(ParsedArticle(DENIAL, DENIAL.encode(), "busy.txt"))
    database.dispose()
    before = _export(target, tmp_path / "before.jsonl")

    with pytest.raises(TargetNotEmpty) as refused:
        copy_database(str(project), target)

    message = str(refused.value)
    assert "not empty" in message and "1 articles" in message and "nothing was changed" in message
    shown = make_url(target).render_as_string(hide_password=True) if "://" in target else target
    assert message.startswith(f"target {shown} is not empty")
    assert _export(target, tmp_path / "after.jsonl") == before


def test_a_failure_half_way_leaves_the_target_as_it_was(
    project: Path, make_database_url: Callable[[str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = TableCopier._copy

    def fail_at_statements(self: TableCopier, table: object) -> None:
        if getattr(table, "name", "") == "statements":
            raise ServiceError("the server went away")
        real(self, table)  # type: ignore[arg-type]

    monkeypatch.setattr(TableCopier, "_copy", fail_at_statements)
    empty = make_database_url("empty")
    open_database(empty).dispose()
    fresh_export = _export(empty, tmp_path / "fresh.jsonl")
    with pytest.raises(ServiceError, match="the server went away; nothing was written to"):
        copy_database(str(project), empty)
    assert _export(empty, tmp_path / "after.jsonl") == fresh_export

    new_file = tmp_path / "new" / "copy.sqlite3"
    with pytest.raises(ServiceError, match=f"the new file {new_file} was removed"):
        copy_database(str(project), str(new_file))
    assert not new_file.parent.exists(), "the file and the folder the copy made are left behind"


def test_a_copy_whose_export_differs_is_not_committed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digests = iter([("aaaa", {"label": 52}), ("bbbb", {})])
    monkeypatch.setattr(database_copy, "export_digest", lambda *args: next(digests))
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(ServiceError, match="export differs from the source's.*was removed"):
        copy_database(str(project), str(target))
    assert not target.exists()


def test_wrong_sources_and_targets_name_the_database(project: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "missing.sqlite3"
    with pytest.raises(ServiceError, match=f"source database {missing} does not exist"):
        copy_database(str(missing), str(tmp_path / "a.sqlite3"))
    assert not missing.parent.exists() and not (tmp_path / "a.sqlite3").exists()

    with pytest.raises(ServiceError, match="cannot open database postgresql://nobody@/no_such_db"):
        copy_database(str(project), "postgresql://nobody@/no_such_db?host=/nonexistent/socket")
    with pytest.raises(ServiceError, match="cannot open database nosuchdriver://somewhere/db"):
        copy_database(str(project), "nosuchdriver://somewhere/db")
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("ملاحظات", encoding="utf-8")
    with pytest.raises(ServiceError, match=str(not_a_database)):
        copy_database(str(project), str(not_a_database))
    assert not_a_database.read_text(encoding="utf-8") == "ملاحظات"
    with pytest.raises(ServiceError, match="the source and the target are the same database"):
        copy_database(str(project), f"sqlite:///{project}")


def test_the_source_may_be_in_use_while_it_is_copied(project: Path, tmp_path: Path) -> None:
    database = open_database(str(project))
    try:
        with database.engine.connect() as editing, editing.begin():
            editing.execute(insert(Analyst).values(name="سارة", created_at=dt.datetime.now(dt.UTC)))
            report = copy_database(str(project), str(tmp_path / "copy.sqlite3"))
    finally:
        database.dispose()
    assert report.counts["analyst"] == 2, "the copy is of the last committed state"


def test_a_backup_file_is_read_without_a_byte_written(project: Path, tmp_path: Path) -> None:
    # Backups use a rollback journal; opening them as usual would switch them to WAL.
    with sqlite3.connect(project) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    before = _digest(project)
    copy_database(str(project), str(tmp_path / "copy.sqlite3"))
    assert _digest(project) == before
    assert sorted(p.name for p in project.parent.iterdir()) == ["project.sqlite3"]


def test_an_older_source_is_refused_untouched(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "data" / "schema_0008.sqlite3", old)
    before = _digest(old)
    with pytest.raises(ServiceError, match=f"source {old} has schema 0008, this version {SCHEMA_HEAD}"):
        copy_database(str(old), str(tmp_path / "new.sqlite3"))
    assert _digest(old) == before and not (tmp_path / "new.sqlite3").exists()


def test_progress_reaches_every_row(project: Path, tmp_path: Path) -> None:
    seen: list[CopyProgress] = []
    copy_database(str(project), str(tmp_path / "copy.sqlite3"), seen.append)
    copying = [step for step in seen if step.stage == "copying"]
    assert copying[-1].done == copying[-1].total > 100
    assert [step.done for step in copying] == sorted(step.done for step in copying)
    assert {step.table for step in copying} == {table.name for table in COPIED_TABLES}


def test_every_table_is_copied() -> None:
    assert {table.name for table in COPIED_TABLES} == set(Base.metadata.tables)


def test_cli_copies_and_refuses_through_the_entry_point(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "team" / "copy.sqlite3"
    code = main(["copy", "--from", str(project), "--to", str(target)])
    out, err = capsys.readouterr()
    assert code == 0 and out == ""
    assert err == (
        "copied 52 label, 2 analyst, 1 entity, 3 article, 1 claim, 3 statement, 2 evidence, "
        f"1 suggestion_decision, 1 match_decision, {err.split(', ')[-1].split()[0]} event "
        f"from {project} to {target}\n"
    )
    code = main(["copy", "--from", str(project), "--to", str(target)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith(f"error: target {target} is not empty (") and err.endswith("nothing was changed\n")
    code = main(["copy", "--from", str(project), "--to", "nosuchdriver://team-server/db"])
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and err.startswith("error: cannot open database nosuchdriver://team-server/db: ")


def test_cli_in_a_subprocess(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    command = [sys.executable, "-m", "karabakh_annotator", "copy", "--from", str(project), "--to", str(target)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("copied 52 label") and done.stdout == ""
    missing = subprocess.run(
        [sys.executable, "-m", "karabakh_annotator", "copy", "--to", str(target)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert missing.returncode == 2 and "--from" in missing.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_shows_progress_on_a_terminal_then_clears_it(project: Path, tmp_path: Path) -> None:
    args = build_parser().parse_args(["copy", "--from", str(project), "--to", str(tmp_path / "copy.sqlite3")])
    out, err = io.StringIO(), _Terminal()
    assert copy(args, out, err) == 0 and out.getvalue() == ""
    shown = err.getvalue()
    assert "\r\x1b[Kcopying: 0/" in shown and "rows (articles)" in shown
    # The progress line is wiped before the summary, the only line that stays.
    assert re.search(r"\r\x1b\[Kcopied 52 label, 2 analyst, [^\r\n]* to \S+copy.sqlite3\n$", shown)
