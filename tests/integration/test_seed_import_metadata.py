"""Issue 3's 'done when' on the real seeds: clean text, metadata, and findable words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.main import main

# prefix: (title, outlet, published, published_raw contains)
EXPECTED = {
    "000": (None, "أذرتاج", None, None),
    "001": ('أذربيجان تشترط "تسليم القوات الأرمينية لأسلحتها" لوقف العملية العسكرية في قره باغ', "ليفانت نيوز", None, "٢٠٢٤"),
    "002": ("أذربيجان وروسيا تبحثان الوضع في قره باغ", None, dt.date(2023, 9, 23), "23-9-2023"),
    "003": (None, None, None, None),
    "004": (
        "بعد بدء المحادثات بين أرمينيا وأذربيجان .. الرئيس الأذري يقول إن بلاده لن تقدم تنازلات",
        "الجزيرة",
        dt.date(2020, 10, 9),
        "2020",
    ),
}


@pytest.fixture
def imported(seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "seeds.sqlite3")
    assert main(["import", str(seeds), "--db", db]) == 0
    capsys.readouterr()
    return db


def test_seed_metadata_is_found_where_the_text_states_it(imported: str) -> None:
    database = open_database(imported)
    services = build_services(database)
    for summary in services.articles.list_articles():
        title, outlet, published, raw = EXPECTED[summary.source_file[:3]]
        assert (summary.title, summary.outlet, summary.published) == (title, outlet, published), summary.source_file
        if raw is None:
            assert summary.published_raw is None
        else:
            assert summary.published_raw is not None and raw in summary.published_raw
        text = services.articles.get_article(summary.id).text
        assert "\r" not in text and "\u200f" not in text and "\ufeff" not in text
    database.dispose()


@pytest.mark.parametrize(("query", "original"), [("عقد اليوم", "عُقد اليوم"), ("الـ78", "الـ78"), ("78", "78")])
def test_plain_words_find_vocalised_and_stretched_forms_at_the_right_offsets(
    imported: str, capsys: pytest.CaptureFixture[str], query: str, original: str
) -> None:
    assert main(["search", f'"{query}"', "--json", "--db", imported]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits
    assert main(["articles", "--json", "--text", "--db", imported]) == 0
    texts = {a["id"]: a["text"] for a in json.loads(capsys.readouterr().out)}
    found = {texts[h["article"]][h["start"] : h["end"]] for h in hits}
    assert original in found, found
