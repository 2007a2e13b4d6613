"""The five real seed articles import, carry statements and export to a readable CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from karabakh_annotator.core.exporters.csv_export import CSV_ENCODING, read_statements_csv
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.main import main


def test_seed_articles_import_then_export_with_arabic_intact(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = str(tmp_path / "seeds.sqlite3")
    files = sorted(seeds.glob("*.txt"))
    assert main(["import", str(seeds), "--db", db_path]) == 0
    out = capsys.readouterr().out
    assert out.count("imported: ") == len(files)

    assert main(["import", str(seeds), "--db", db_path]) == 0
    assert capsys.readouterr().out.count("duplicate: ") == len(files)

    db = open_database(db_path)
    services = build_services(db)
    marked = {}
    for article in services.articles.list_articles():
        text = services.articles.get_article(article.id).text
        # Mark each article's first sentence-like line: a real Arabic span.
        line = max(text.split("\n")[:6], key=len)
        start = text.index(line)
        statement, _ = services.statements.mark_statement(article.id, start, start + len(line), "seed-analyst")
        marked[statement.id] = line
    db.dispose()

    target = tmp_path / "x.csv"
    assert main(["export", "--format", "csv", "--out", str(target), "--db", db_path]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding=CSV_ENCODING, newline="") as stream:
        rows = read_statements_csv(stream)
    assert len(rows) == len(files)
    for row in rows:
        assert row["quote"] == marked[int(row["statement_id"])]
        assert any("\u0600" <= ch <= "\u06ff" for ch in row["quote"])

    assert main(["articles", "--json", "--db", db_path]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(item["file"] for item in listed) == [f.name for f in files]
