"""Exporting the filtered statements to a CSV file the analyst names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from karabakh_annotator.core.exporters.csv_export import write_statements_csv_file
from karabakh_annotator.core.services import Services

if TYPE_CHECKING:
    from karabakh_annotator.core.services.exports import StatementFilter

SaveChooser = Callable[[QWidget | None, str, str, str], tuple[str, str]]
ErrorShower = Callable[[QWidget | None, str, str], object]
CSV_FILTER = "CSV files (*.csv);;All files (*)"
DEFAULT_NAME = "statements.csv"
_UNCHANGED = "Nothing was written; an existing file of that name is unchanged."


def show_export_error(parent: QWidget | None, title: str, text: str) -> None:
    """A modal error box (the default way `export_csv` reports a failure)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("export_error")
    box.exec()


def export_csv(
    parent: QWidget | None,
    services: Services,
    statement_filter: StatementFilter,
    *,
    start_path: Path | None = None,
    choose_path: SaveChooser = QFileDialog.getSaveFileName,
    show_error: ErrorShower = show_export_error,
) -> Path | None:
    """Ask for a file name and write the filtered statements there; the path, or None.

    The file is written atomically: on any failure the analyst sees why, and
    an existing file of that name is left as it was.
    """
    suggested = str(start_path) if start_path is not None else DEFAULT_NAME
    name, _filter = choose_path(parent, "Export statements as CSV", suggested, CSV_FILTER)
    if not name:
        return None
    target = Path(name)
    if not target.suffix and not target.exists():
        target = target.with_suffix(".csv")
    title = "Export failed"
    if target.is_dir():
        show_error(parent, title, f"{target} is a folder. Choose a file name inside it.")
        return None
    try:
        rows = services.exports.statement_rows(statement_filter)
        write_statements_csv_file(rows, target)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        show_error(parent, title, f"Could not write {target}: {reason}.\n{_UNCHANGED}")
        return None
    except Exception as exc:  # noqa: BLE001 - the UI boundary: report, never crash
        show_error(parent, title, f"Could not export to {target}: {exc}.\n{_UNCHANGED}")
        return None
    return target
