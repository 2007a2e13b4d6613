"""Exporting statements to CSV from the GUI: the chosen file, and clear failures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from karabakh_annotator.core.exporters.csv_export import CSV_ENCODING, read_statements_csv
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.ui.dialogs.export_dialog import export_csv


def chooser(path: Path | str, seen: list[str] | None = None):
    def choose(_parent, _title, suggested, _filters):
        if seen is not None:
            seen.append(suggested)
        return str(path), "CSV files (*.csv)"

    return choose


def no_error(_parent, title, text):
    raise AssertionError(f"unexpected error box: {title}: {text}")


def test_export_writes_the_filtered_statements(services: Services, demo, tmp_path: Path) -> None:
    target = tmp_path / "out" / "تقرير.csv"
    seen: list[str] = []
    result = export_csv(
        None, services, StatementFilter(verdict="false"), choose_path=chooser(target, seen), show_error=no_error
    )
    assert result == target
    assert seen == ["statements.csv"]
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding=CSV_ENCODING, newline="") as stream:
        rows = read_statements_csv(stream)
    assert [row["quote"] for row in rows] == [demo.emoji_quote]
    assert rows[0]["verdict"] == "false"


def test_a_name_without_suffix_gets_csv(services: Services, demo, tmp_path: Path) -> None:
    result = export_csv(None, services, StatementFilter(), choose_path=chooser(tmp_path / "report"), show_error=no_error)
    assert result == tmp_path / "report.csv"
    assert result.is_file()


def test_cancelled_chooser_writes_nothing(services: Services, tmp_path: Path) -> None:
    assert export_csv(None, services, StatementFilter(), choose_path=chooser(""), show_error=no_error) is None
    assert not list(tmp_path.glob("*.csv"))
    assert not (Path.cwd() / "statements.csv").exists()


def test_a_folder_is_refused_with_a_clear_message(services: Services, demo, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    errors: list[tuple[str, str]] = []
    result = export_csv(
        None, services, StatementFilter(), choose_path=chooser(folder), show_error=lambda _p, t, m: errors.append((t, m))
    )
    assert result is None
    assert errors == [("Export failed", f"{folder} is a folder. Choose a file name inside it.")]
    assert list(folder.iterdir()) == []


def test_a_failure_mid_write_leaves_the_old_file_and_no_temp_file(
    services: Services, demo, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old export\n", encoding="utf-8")
    rows = services.exports.statement_rows(StatementFilter())

    def broken_rows(_filter):
        yield rows[0]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services.exports, "statement_rows", broken_rows)
    errors: list[str] = []
    result = export_csv(
        None, services, StatementFilter(), choose_path=chooser(target), show_error=lambda _p, _t, m: errors.append(m)
    )
    assert result is None
    assert errors and errors[0].startswith(f"Could not write {target}: No space left on device.")
    assert "unchanged" in errors[0]
    assert target.read_text(encoding="utf-8") == "old export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv")) == []


def test_the_default_error_box_is_shown_and_closes(qtbot, services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.reject()
        else:
            QTimer.singleShot(10, close_box)

    QTimer.singleShot(0, close_box)
    assert export_csv(None, services, StatementFilter(), choose_path=chooser(folder)) is None
    assert seen == [f"{folder} is a folder. Choose a file name inside it."]
