"""`export --format ...` and `import-annotations`, through their argument grammar and command functions."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from karabakh_annotator.cli.exchange_arguments import add_export_arguments, add_import_annotations_arguments
from karabakh_annotator.cli.exchange_commands import export, import_annotations
from karabakh_annotator.core.exporters.csv_export import CSV_ENCODING
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.storage.database import Database
from tests.core.exchange.conftest import Desk


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="karabakh-annotator")
    commands = parser.add_subparsers(dest="command")
    add_export_arguments(commands.add_parser("export"))
    add_import_annotations_arguments(commands.add_parser("import-annotations"))
    return parser


def _run(exchange: ExchangeService, *argv: str) -> tuple[int, str, str]:
    args = _parser().parse_args(list(argv))
    services: Any = SimpleNamespace(exchange=exchange)  # the lead wires Services.exchange
    command = export if args.command == "export" else import_annotations
    out, err = io.StringIO(), io.StringIO()
    code = command(services, args, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("file_format", "message"),
    [
        ("csv", "exported 3 statements"),
        ("claims-csv", "exported 2 claims"),
        ("webannotation", "exported 3 annotations"),
        ("claimreview", "exported 1 claim reviews"),
        ("jsonl", "exported 52 label, 2 analyst, 2 entity, 3 article, 2 claim, 4 statement"),
    ],
)
def test_export_writes_every_format(
    exchange: ExchangeService, desk: Desk, tmp_path: Path, file_format: str, message: str
) -> None:
    target = tmp_path / "out" / f"export.{file_format}"
    code, _out, err = _run(exchange, "export", "--format", file_format, "--out", str(target))
    assert code == 0 and err.startswith(message) and err.rstrip().endswith(str(target))
    assert target.stat().st_size > 0


def test_export_filters_apply_and_jsonl_refuses_them(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    target = tmp_path / "filtered.csv"
    code, _out, err = _run(exchange, "export", "--format", "csv", "--out", str(target), "--analyst", "عمر", "--to", "2021-01-01")
    assert code == 0 and err.startswith("exported 0 statements")  # عمر's articles carry no date
    code, _out, err = _run(exchange, "export", "--format", "claimreview", "--out", str(target), "--status", "spotted")
    assert code == 0 and err.startswith("exported 0 claim reviews")
    code, _out, err = _run(exchange, "export", "--format", "jsonl", "--out", str(target), "--article", "1")
    assert code == 2 and "whole database" in err
    assert _parser().parse_args(["export", "--format", "claimreview", "--out", "x", "--language", "en"]).language == "en"
    with pytest.raises(SystemExit):
        _parser().parse_args(["export", "--format", "pdf", "--out", "x"])


def test_export_to_a_folder_is_a_usage_error(exchange: ExchangeService, tmp_path: Path) -> None:
    code, _out, err = _run(exchange, "export", "--format", "csv", "--out", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_import_annotations_reports_what_it_did(
    exchange: ExchangeService, desk: Desk, fresh: Database, tmp_path: Path
) -> None:
    path = tmp_path / "desk.jsonl"
    exchange.export_jsonl(path)
    code, out, err = _run(ExchangeService(fresh.sessions), "import-annotations", str(path))
    assert code == 0 and out == ""
    assert err.startswith(f"{path}: restored into the empty database; added 52 label, 2 analyst")
    assert err.rstrip().endswith("0 moved, 0 not placed")


def test_import_annotations_lists_unplaced_statements_and_exits_1(
    services: Services, exchange: ExchangeService, desk: Desk, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "statements.csv"
    exchange.export_csv(path)
    # Quote and context no longer in the article: nowhere to place it.
    text = path.read_text(encoding=CSV_ENCODING).replace("جولة جديدة من المحادثات ستعقد في موسكو", "هدنة شاملة")
    text = text.replace("الخارجية الروسية", "الرئاسة")
    path.write_text(text, encoding=CSV_ENCODING)
    code, out, err = _run(exchange, "import-annotations", str(path), "--analyst", "سارة")
    assert code == 1
    assert out.splitlines() == [
        "not placed: line 7: محادثات موسكو 26-64: «هدنة شاملة» (quote not found in the article text)"
    ]
    assert "merged; added nothing; already present 2 statement" in err


def test_import_of_a_bad_file_prints_the_reason(exchange: ExchangeService, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type":"header","format":"karabakh-annotator","version":1,"schema":"0001"}\n{"type":', encoding="utf-8")
    code, _out, err = _run(exchange, "import-annotations", str(bad))
    assert code == 1 and err == f"error: {bad}, line 2: the file ends in the middle of a line: it was cut short\n"


def test_jsonl_lines_are_json_objects(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "desk.jsonl"
    _run(exchange, "export", "--format", "jsonl", "--out", str(path))
    assert all(isinstance(json.loads(line), dict) for line in path.read_text(encoding="utf-8").splitlines())
