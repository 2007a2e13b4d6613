"""The command-line contract of DESIGN.md, through the entry function and a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from karabakh_annotator.core.exporters.csv_export import CSV_ENCODING, COLUMNS
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.services.patches import ClaimPatch
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.main import main
from tests.core.conftest import ARTICLE_TEXT, OTHER_TEXT, span_of


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "مقالات يوم الأحد"
    (articles / "sub").mkdir(parents=True)
    (articles / "وقف اطلاق النار.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (articles / "sub" / "talks.txt").write_bytes("\ufeff".encode() + OTHER_TEXT.replace("\n", "\r\n").encode())
    (articles / "ignored.pdf").write_bytes(b"%PDF-1.4")
    return articles


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_folder_lists_each_file_then_reports_duplicates(
    database_url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database_url
    code, out, err = run(capsys, "import", str(folder), "--db", db)
    assert code == 0
    assert out.splitlines() == ["imported: talks.txt (article 1)", "imported: وقف اطلاق النار.txt (article 2)"]
    assert "2 imported, 0 duplicate, 0 failed" in err
    code, out, _ = run(capsys, "--db", db, "import", str(folder / "sub" / "talks.txt"))
    assert code == 0 and out == "duplicate: talks.txt (article 1)\n"


def test_bad_files_are_reported_and_the_rest_imported(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database_url
    good = tmp_path / "good.txt"
    good.write_text(OTHER_TEXT, encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)))
    latin = tmp_path / "broken.txt"
    latin.write_bytes("قال الوزير".encode() + b"\xff\xfe bad" + "نص".encode())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, "import", str(binary), str(latin), str(good), str(empty), str(tmp_path / "missing.txt"), "--db", str(db))
    lines = out.splitlines()
    assert code == 1
    assert lines[2] == "imported: good.txt (article 1)"
    failed = {line.split(": ")[1]: line for line in lines if line.startswith("failed: ")}
    assert set(failed) == {str(binary), str(latin), str(empty), str(tmp_path / "missing.txt")}
    assert "UTF-8" in failed[str(latin)] and "empty" in failed[str(empty)] and "no such file" in failed[str(tmp_path / "missing.txt")]
    code, out, _ = run(capsys, "articles", "--json", "--db", str(db))
    assert [a["file"] for a in json.loads(out)] == ["good.txt"]


def test_articles_json_fields_and_text(database_url: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = database_url
    run(capsys, "import", str(folder), "--db", db)
    code, out, _ = run(capsys, "articles", "--json", "--text", "--db", db)
    items = json.loads(out)
    assert code == 0 and [set(item) for item in items] == [{"id", "title", "outlet", "published", "file", "text"}] * 2
    by_file = {item["file"]: item for item in items}
    assert by_file["talks.txt"]["text"] == OTHER_TEXT  # BOM and CRLF gone
    assert by_file["وقف اطلاق النار.txt"]["title"] == "وزارة الدفاع تعلن وقف إطلاق النار"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["import"], ["export", "--format", "pdf", "--out", "x"], ["no-such-command"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    capsys.readouterr()


def test_not_a_database_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello")
    code, _, err = run(capsys, "articles", "--db", str(bogus))
    assert code == 1 and f"{bogus} is not a SQLite database" in err


def test_export_csv_with_filters_and_stats(
    tmp_path: Path, database_url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = database_url
    run(capsys, "import", str(folder), "--db", db_path)
    db = open_database(db_path)
    services = build_services(db)
    article = next(a for a in services.articles.list_articles() if a.source_file.startswith("وقف"))
    first, _ = services.statements.mark_statement(article.id, *span_of(ARTICLE_TEXT, "القوات صدت هجوما"), "rania")
    second, _ = services.statements.mark_statement(article.id, *span_of(ARTICLE_TEXT, "المدينة لم تتعرض لأي هجوم"), "omar")
    claim, _ = services.claims.create_claim("هجوم قرب شوشا", "rania", [first.id])
    services.claims.edit_claim(claim.id, ClaimPatch(verdict="false"), "rania")
    db.dispose()

    out_file = tmp_path / "out" / "statements.csv"
    code, _, err = run(capsys, "export", "--format", "csv", "--out", str(out_file), "--db", db_path)
    assert code == 0 and "exported 2 statements" in err
    with out_file.open(encoding=CSV_ENCODING, newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(COLUMNS)
    assert [(r["quote"], r["verdict"], r["analyst"]) for r in rows] == [
        ("القوات صدت هجوما", "false", "rania"),
        ("المدينة لم تتعرض لأي هجوم", "", "omar"),
    ]
    code, _, _ = run(capsys, "export", "--format", "csv", "--out", str(out_file), "--verdict", "false", "--db", db_path)
    with out_file.open(encoding=CSV_ENCODING, newline="") as stream:
        assert [r["statement_id"] for r in csv.DictReader(stream)] == [str(first.id)]
    code, _, _ = run(capsys, "export", "--format", "csv", "--out", str(out_file), "--analyst", "omar", "--db", db_path)
    with out_file.open(encoding=CSV_ENCODING, newline="") as stream:
        assert [r["statement_id"] for r in csv.DictReader(stream)] == [str(second.id)]

    code, out, _ = run(capsys, "stats", "--json", "--db", db_path)
    counts = {(row["dimension"], row["value"]): row["count"] for row in json.loads(out)}
    assert counts[("total", "articles")] == 2 and counts[("total", "statements")] == 2
    assert counts[("verdict", "false")] == 1 and counts[("verdict", None)] == 1
    assert counts[("status", "spotted")] == 1


def test_installed_entry_point_runs_in_a_subprocess_with_env_database(database_url: str, folder: Path) -> None:
    env = {**os.environ, "KARABAKH_ANNOTATOR_DB": database_url, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "karabakh_annotator", "import", str(folder)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "imported: وقف اطلاق النار.txt (article 2)" in done.stdout
    listed = subprocess.run(
        [sys.executable, "-m", "karabakh_annotator", "articles", "--json"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )
    assert len(json.loads(listed.stdout)) == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_import_shows_progress_on_a_terminal_and_a_summary(database_url: str, folder: Path) -> None:
    from karabakh_annotator.cli.commands import run_command
    from karabakh_annotator.cli.parser import build_parser

    db = open_database(database_url)
    out, err = io.StringIO(), _Terminal()
    code = run_command(build_services(db), build_parser().parse_args(["import", str(folder)]), out, err)
    db.dispose()
    assert code == 0
    assert "\r\x1b[K2/2 files, 2 articles" in err.getvalue()
    assert err.getvalue().endswith("2 imported, 0 duplicate, 0 failed\n")
    assert out.getvalue().count("imported: ") == 2
