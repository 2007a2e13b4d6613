"""File ▸ Export (every exchange format) and File ▸ Import Annotations, over the exchange service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exchange_report import ImportReport
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.services.unit_of_work import ServiceError

SaveChooser = Callable[[QWidget | None, str, str, str], tuple[str, str]]
OpenChooser = Callable[[QWidget | None, str, str, str], tuple[str, str]]
_UNCHANGED = "Nothing was written; an existing file of that name is unchanged."


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One exchange format: its file filter, default name, and whether the panel's filters apply."""

    name: str
    file_filter: str
    default_name: str
    filtered: bool


FORMATS = (
    ExportFormat("Statements (CSV)", "CSV files (*.csv)", "statements.csv", True),
    ExportFormat("Claims (CSV)", "CSV files (*.csv)", "claims.csv", True),
    ExportFormat("Whole database (JSONL)", "JSON Lines (*.jsonl)", "annotations.jsonl", False),
    ExportFormat("W3C Web Annotation (JSON-LD)", "JSON-LD (*.jsonld *.json)", "annotations.jsonld", True),
    ExportFormat("ClaimReview (JSON-LD)", "JSON-LD (*.jsonld *.json)", "claimreview.jsonld", True),
)


def write_export(services: Services, fmt: ExportFormat, target: Path, filters: StatementFilter) -> str:
    """Write one format to `target`; a sentence saying what was written."""
    exchange = services.exchange
    if fmt is FORMATS[0]:
        return f"{exchange.export_csv(target, filters)} statements"
    if fmt is FORMATS[1]:
        return f"{exchange.export_claims_csv(target, filters)} claims"
    if fmt is FORMATS[2]:
        counts = exchange.export_jsonl(target)
        return ", ".join(f"{n} {kind}" for kind, n in counts.items())
    if fmt is FORMATS[3]:
        return f"{exchange.export_web_annotation(target, filters)} annotations"
    return f"{exchange.export_claimreview(target, filters)} claim reviews"


def export_any(
    parent: QWidget | None,
    services: Services,
    filters: StatementFilter,
    *,
    choose_path: SaveChooser = QFileDialog.getSaveFileName,
) -> Path | None:
    """Ask for a format (by file type) and a file, write it atomically, say what was written."""
    file_filter = ";;".join(f"{fmt.name} — {fmt.file_filter}" for fmt in FORMATS)
    name, chosen = choose_path(parent, "Export", FORMATS[0].default_name, file_filter)
    if not name:
        return None
    fmt = next((f for f in FORMATS if chosen.startswith(f.name)), FORMATS[0])
    target = Path(name)
    if target.is_dir():
        QMessageBox.warning(parent, "Export failed", f"{target} is a folder. Choose a file name inside it.")
        return None
    try:
        written = write_export(services, fmt, target, filters)
    except (OSError, ServiceError) as exc:
        QMessageBox.warning(parent, "Export failed", f"Could not write {target}: {exc}.\n{_UNCHANGED}")
        return None
    scope = " (the panel's filters applied)" if fmt.filtered else ""
    QMessageBox.information(parent, "Exported", f"{fmt.name}: {written} written to {target}{scope}.")
    return target


def report_text(report: ImportReport) -> str:
    """What an import took over, moved and could not place, for the analyst."""
    lines = [f"{report.source}: {report.format.upper()} read ({report.mode})."]
    if report.created:
        lines.append("Added: " + ", ".join(f"{n} {kind}" for kind, n in report.created.items()))
    if report.present:
        lines.append("Already there: " + ", ".join(f"{n} {kind}" for kind, n in report.present.items()))
    if report.moved:
        lines.append(f"{len(report.moved)} statements re-anchored in changed article texts.")
    for u in report.unplaced:
        lines.append(f"Could not place (line {u.line}, {u.article} {u.start}-{u.end}): «{u.quote}» — {u.reason}")
    lines.extend(report.notes)
    return "\n".join(lines)


def import_annotations(
    parent: QWidget | None,
    services: Services,
    analyst: str,
    *,
    choose_path: OpenChooser = QFileDialog.getOpenFileName,
) -> ImportReport | None:
    """Read a JSONL or statements CSV export back in; the report (shown), or None."""
    name, _ = choose_path(parent, "Import Annotations", "", "Exports (*.jsonl *.csv);;All files (*)")
    if not name:
        return None
    try:
        report = services.exchange.import_annotations(Path(name), analyst)
    except (OSError, ServiceError) as exc:
        QMessageBox.warning(parent, "Import failed", f"{exc}\nThe database is unchanged.")
        return None
    box = QMessageBox.information if report.complete else QMessageBox.warning
    box(parent, "Annotations imported", report_text(report))
    return report
