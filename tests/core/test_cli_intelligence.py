"""`suggest` and `match` on the command line: the fields DESIGN.md fixes, text equal to the stored slice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.main import main
from tests.core.test_suggestion_services import BAKU_REPORT, WIRE_REPORT, YEREVAN_DENIAL

SUGGEST_FIELDS = {"article", "start", "end", "text", "speaker", "cue", "cue_class"}
PASSAGE_FIELDS = {"article", "start", "end", "text"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "reports"
    articles.mkdir()
    for name, text in (("baku.txt", BAKU_REPORT), ("wire.txt", WIRE_REPORT), ("yerevan.txt", YEREVAN_DENIAL)):
        (articles / name).write_text(text, encoding="utf-8")
    return articles


def stored_texts(db: str) -> dict[int, str]:
    database = open_database(db)
    try:
        services = build_services(database)
        return {a.id: services.articles.get_article(a.id).text for a in services.articles.list_articles()}
    finally:
        database.dispose()


def test_suggest_files_prints_jsonl_with_exactly_the_contract_fields(
    database_url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", database_url, "suggest", str(folder / "baku.txt"), "--format", "jsonl")
    assert code == 0, err
    objects = [json.loads(line) for line in out.splitlines()]
    assert objects and all(set(o) == SUGGEST_FIELDS for o in objects)
    assert {o["article"] for o in objects} == {"baku.txt"}
    assert all(BAKU_REPORT[o["start"] : o["end"]] == o["text"] for o in objects)
    assert any(o["cue"] == "قال" and o["cue_class"] == "saying" for o in objects)


def test_suggest_stored_article_and_save_as_statements(
    database_url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database_url
    assert run(capsys, "--db", str(db), "import", str(folder))[0] == 0
    texts = stored_texts(db)
    baku = next(i for i, t in texts.items() if t == BAKU_REPORT)
    code, out, _ = run(capsys, "--db", str(db), "suggest", "--article", str(baku), "--json")
    suggested = json.loads(out)
    assert code == 0 and suggested and all(o["text"] == texts[baku][o["start"] : o["end"]] for o in suggested)
    code, out, err = run(
        capsys, "--db", str(db), "suggest", "--article", str(baku), "--save", "--analyst", "سارة", "--format", "jsonl"
    )
    assert code == 0, err
    saved = [json.loads(line) for line in out.splitlines()]
    assert [(o["start"], o["end"]) for o in saved] == [(o["start"], o["end"]) for o in suggested]
    # Saved suggestions are statements now: nothing is left to suggest there.
    assert json.loads(run(capsys, "--db", str(db), "suggest", "--article", str(baku), "--json")[1]) == []


def test_suggest_usage_errors(database_url: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = database_url
    assert run(capsys, "--db", db, "suggest")[0] == 2
    assert run(capsys, "--db", db, "suggest", str(folder), "--article", "1")[0] == 2
    code, _, err = run(capsys, "--db", db, "suggest", "--article", "1", "--save")
    assert code == 2 and "--analyst" in err


def test_match_prints_same_and_contradiction_pairs(
    database_url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database_url
    assert run(capsys, "--db", str(db), "import", str(folder))[0] == 0
    texts = stored_texts(db)
    code, out, err = run(capsys, "--db", str(db), "match", "--format", "jsonl")
    assert code == 0, err
    pairs = [json.loads(line) for line in out.splitlines()]
    assert {p["kind"] for p in pairs} == {"same", "contradiction"}
    for pair in pairs:
        assert set(pair) == {"kind", "a", "b", "score"}
        for side in (pair["a"], pair["b"]):
            assert set(side) == PASSAGE_FIELDS
            assert texts[side["article"]][side["start"] : side["end"]] == side["text"]
        assert pair["a"]["article"] != pair["b"]["article"]
