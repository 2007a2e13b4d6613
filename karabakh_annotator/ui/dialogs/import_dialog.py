"""Choosing what to import, following the run, and the per-file summary afterwards."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.importers.formats import SUPPORTED_SUFFIXES
from karabakh_annotator.core.records import ImportOutcome
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.dialogs.arabic_text import RightToLeftDelegate, dialog_arabic_font, text_item
from karabakh_annotator.ui.dialogs.import_runner import ImportRunner, ImportSummary

FilesChooser = Callable[[QWidget | None, str, str, str], tuple[list[str], str]]
FolderChooser = Callable[[QWidget | None, str, str], str]


def import_file_filter() -> str:
    """The QFileDialog filter listing every importable suffix."""
    patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
    return f"Articles ({patterns});;All files (*)"


def choose_import_paths(
    parent: QWidget | None,
    folder: bool = False,
    *,
    start_dir: str = "",
    get_files: FilesChooser = QFileDialog.getOpenFileNames,
    get_folder: FolderChooser = QFileDialog.getExistingDirectory,
) -> list[Path]:
    """Ask for files (or, with `folder`, one folder) to import; [] when cancelled."""
    if folder:
        chosen = get_folder(parent, "Import a folder of articles", start_dir)
        return [Path(chosen)] if chosen else []
    names, _filter = get_files(parent, "Import articles", start_dir, import_file_filter())
    return [Path(name) for name in names]


def paths_from_mime(mime: QMimeData) -> list[Path]:
    """The local files and folders in dropped data (other URLs are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class ImportProgressDialog(QProgressDialog):
    """Follows an ImportRunner: files read, articles stored; Cancel (or Escape) stops the run."""

    def __init__(self, runner: ImportRunner, parent: QWidget | None = None) -> None:
        super().__init__("Preparing the import…", "&Cancel", 0, 0, parent)
        self.setWindowTitle("Importing articles")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(300)
        self.setMinimumWidth(420)
        self._runner = runner
        self._finished = False
        self.canceled.connect(self._on_dialog_canceled)
        runner.sig_progress.connect(self._on_runner_progress)
        runner.sig_finished.connect(self._on_runner_finished)

    @Slot(int, int, int)
    def _on_runner_progress(self, files_done: int, files_total: int, articles_done: int) -> None:
        if self.wasCanceled():
            return
        self.setMaximum(max(files_total, 1))
        self.setValue(min(files_done, max(files_total, 1)))
        articles = "1 article" if articles_done == 1 else f"{articles_done} articles"
        self.setLabelText(f"Read {files_done} of {files_total} files; {articles} done")

    @Slot()
    def _on_dialog_canceled(self) -> None:
        if self._finished:  # closing the dialog also emits canceled
            return
        self.setLabelText("Cancelling: finishing the file being read…")
        self._runner.cancel()

    @Slot(object)
    def _on_runner_finished(self, _summary: ImportSummary) -> None:
        self._finished = True
        self.close()


class Result(enum.StrEnum):
    """How an outcome reads in the summary table."""

    IMPORTED = "Imported"
    NEAR_DUPLICATE = "Near-duplicate"
    DUPLICATE = "Duplicate"
    FAILED = "Failed"


_RESULT_COLOURS = {
    Result.IMPORTED: "#2e7d32",
    Result.NEAR_DUPLICATE: "#ef6c00",
    Result.DUPLICATE: "#546e7a",
    Result.FAILED: "#c62828",
}


def outcome_result(outcome: ImportOutcome) -> Result:
    """The summary's word for one outcome."""
    if outcome.status == "failed":
        return Result.FAILED
    if outcome.status == "duplicate":
        return Result.DUPLICATE
    return Result.NEAR_DUPLICATE if outcome.near_duplicate_of is not None else Result.IMPORTED


def outcome_details(outcome: ImportOutcome) -> str:
    """The reason of a failure, or what an article duplicates."""
    if outcome.status == "failed":
        return outcome.reason or "failed"
    if outcome.status == "duplicate":
        return f"same text as article {outcome.article_id}"
    if outcome.near_duplicate_of is not None:
        alike = f" ({outcome.resemblance:.0%} alike)" if outcome.resemblance is not None else ""
        return f"resembles article {outcome.near_duplicate_of}{alike}"
    return ""


class ImportSummaryDialog(QDialog):
    """Counts and one row per article or failure: result, file, article id, details."""

    COLUMNS = ("Result", "File", "Article", "Details")

    def __init__(
        self, summary: ImportSummary, parent: QWidget | None = None, arabic_family: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished" if not (summary.cancelled or summary.error) else "Import stopped")
        self.summary = summary
        self.headline = QLabel(summary.headline())
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.table = QTableWidget(len(summary.outcomes), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setItemDelegate(RightToLeftDelegate(self.table))
        arabic = dialog_arabic_font(arabic_family, self.table.font())
        # Failures first: they are what the analyst has to act on.
        order = sorted(summary.outcomes, key=lambda o: (o.status != "failed", o.status != "duplicate"))
        for row, outcome in enumerate(order):
            result = outcome_result(outcome)
            result_item = text_item(result.value, arabic)
            result_item.setForeground(QBrush(QColor(_RESULT_COLOURS[result])))
            article = text_item(str(outcome.article_id) if outcome.article_id is not None else "", arabic)
            article.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name = text_item(Path(outcome.source_file).name, arabic)
            name.setToolTip(outcome.source_file)
            details = text_item(outcome_details(outcome), arabic)
            details.setToolTip(outcome_details(outcome))
            for column, item in enumerate((result_item, name, article, details)):
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 320))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        if summary.error:
            error = QLabel(f"The import stopped: {summary.error}. Articles listed below were stored.")
            error.setWordWrap(True)
            layout.addWidget(error)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def rows(self) -> list[tuple[str, ...]]:
        """The table as text, row by row (what the analyst reads)."""
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [tuple(text(r, c) for c in range(self.table.columnCount())) for r in range(self.table.rowCount())]


def start_import(
    parent: QWidget,
    services: Services,
    paths: Sequence[Path],
    arabic_family: str | None = None,
) -> ImportRunner:
    """Run an import with a progress dialog, then show the summary; returns the runner.

    Connect the returned runner's sig_finished(ImportSummary) to refresh views
    (summary.changes lists the new articles). Keep a reference until it ends.
    """
    runner = ImportRunner(services, parent)
    progress = ImportProgressDialog(runner, parent)

    def show_summary(summary: ImportSummary) -> None:
        progress.deleteLater()
        dialog = ImportSummaryDialog(summary, parent, arabic_family)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    runner.sig_finished.connect(show_summary)
    runner.start(paths)
    return runner
