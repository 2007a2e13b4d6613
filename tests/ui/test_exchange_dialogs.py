"""File ▸ Export As and File ▸ Import Annotations: every format written; a JSONL export read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.ui.dialogs.exchange_dialogs import FORMATS, export_any, import_annotations


@pytest.fixture
def quiet_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_each_format_is_written_from_the_dialog(qapp, services, demo, tmp_path: Path, quiet_boxes, fmt) -> None:  # noqa: ANN001
    target = tmp_path / fmt.default_name
    chooser = lambda *_args: (str(target), f"{fmt.name} — {fmt.file_filter}")  # noqa: E731
    assert export_any(None, services, StatementFilter(), choose_path=chooser) == target
    data = target.read_bytes()
    assert data and "written to" in quiet_boxes[-1]
    if target.suffix in {".jsonl"}:
        assert all(json.loads(line) for line in data.decode("utf-8").splitlines())
    elif target.suffix == ".jsonld":
        assert json.loads(data.decode("utf-8"))


def test_a_jsonl_export_is_imported_into_an_empty_database(qapp, services, demo, tmp_path: Path, quiet_boxes) -> None:  # noqa: ANN001
    target = tmp_path / "all.jsonl"
    jsonl = next(f for f in FORMATS if f.default_name.endswith(".jsonl"))
    export_any(None, services, StatementFilter(), choose_path=lambda *_a: (str(target), jsonl.name))
    fresh_db = open_database(str(tmp_path / "fresh.sqlite3"))
    try:
        fresh = build_services(fresh_db)
        report = import_annotations(None, fresh, "analyst", choose_path=lambda *_a: (str(target), ""))
        assert report is not None and report.complete and report.mode == "restore"
        assert len(fresh.articles.list_articles()) == len(services.articles.list_articles())
        assert fresh.statements.get_statement(demo.plain_statement_id).quote == demo.plain_quote
    finally:
        fresh_db.dispose()


def test_a_broken_file_is_refused_and_changes_nothing(qapp, services, demo, tmp_path: Path, quiet_boxes) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "header"\n', encoding="utf-8")
    before = services.articles.list_articles()
    assert import_annotations(None, services, "analyst", choose_path=lambda *_a: (str(bad), "")) is None
    assert "unchanged" in quiet_boxes[-1] and "bad.jsonl" in quiet_boxes[-1]
    assert services.articles.list_articles() == before
