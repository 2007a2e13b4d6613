"""Running an import in a worker thread, with progress, per-article outcomes and cancel."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from karabakh_annotator.core.records import Changes, ImportFailure, ImportOutcome, ParsedArticle
from karabakh_annotator.core.services import Services

if TYPE_CHECKING:
    # The importers (lxml, cleaning rules) load on the first import, not at start-up.
    from karabakh_annotator.core.importers.files import ImportOptions

# Outcomes arrive hundreds a second; the progress line needs a few updates a second.
_PROGRESS_INTERVAL_S = 0.1


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import run did: every outcome, counts, and whether it was cancelled."""

    outcomes: tuple[ImportOutcome, ...] = ()
    files_total: int = 0
    files_done: int = 0
    cancelled: bool = False
    error: str | None = None  # an unexpected failure that stopped the run (the database, not a file)
    changes: Changes = field(default_factory=Changes)

    def count(self, status: str) -> int:
        """How many outcomes have `status` (imported / duplicate / failed)."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def imported(self) -> int:
        return self.count("imported")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def near_duplicates(self) -> int:
        """Imported articles that closely resemble one already stored."""
        return sum(1 for outcome in self.outcomes if outcome.near_duplicate_of is not None)

    def headline(self) -> str:
        """One line for a status bar or the summary dialog."""
        near = f" ({self.near_duplicates} near-duplicate)" if self.near_duplicates else ""
        line = f"{self.imported} imported{near}, {self.duplicates} duplicate, {self.failed} failed"
        if self.error:
            return f"Import stopped by an error after {self.files_done} of {self.files_total} files: {line}"
        if self.cancelled:
            return f"Import cancelled after {self.files_done} of {self.files_total} files: {line}"
        return line


class ImportWorker(QObject):
    """Reads files and stores articles; lives in the worker thread and touches no widget."""

    sig_progress = Signal(int, int, int)
    sig_outcome = Signal(object)
    sig_finished = Signal(object)

    def __init__(self, services: Services, paths: Sequence[Path], options: ImportOptions) -> None:
        super().__init__()
        self._services = services
        self._paths = list(paths)
        self._options = options
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the run to stop reading files (safe to call from any thread)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        """Import everything (or until cancelled); always ends with sig_finished."""
        from karabakh_annotator.core.importers import files as files_module

        outcomes: list[ImportOutcome] = []
        files: list[Path] = []
        files_done = 0
        error: str | None = None
        last_emit = 0.0

        def parsed_items() -> Iterator[ParsedArticle | ImportFailure]:
            # Stopping the feed (rather than closing import_all) lets the
            # batch already read be committed and reported: what the summary
            # lists is exactly what the database holds.
            nonlocal files_done
            for path in files:
                if self._cancel.is_set():
                    return
                for item in files_module.read_article_file(path, self._options):
                    if self._cancel.is_set():
                        return
                    yield item
                files_done += 1
                self.sig_progress.emit(files_done, len(files), len(outcomes))

        try:
            files = list(files_module.collect_files(self._paths))
            self.sig_progress.emit(0, len(files), 0)
            for outcome in self._services.articles.import_all(parsed_items()):
                outcomes.append(outcome)
                self.sig_outcome.emit(outcome)
                now = time.monotonic()
                if now - last_emit >= _PROGRESS_INTERVAL_S:
                    last_emit = now
                    self.sig_progress.emit(files_done, len(files), len(outcomes))
        except Exception as exc:  # noqa: BLE001 - reported in the summary, never a crash in a thread
            error = f"{type(exc).__name__}: {exc}"
        changes = Changes()
        for outcome in outcomes:
            changes = changes | outcome.changes
        self.sig_progress.emit(files_done, len(files), len(outcomes))
        self.sig_finished.emit(
            ImportSummary(
                outcomes=tuple(outcomes),
                files_total=len(files),
                files_done=files_done,
                cancelled=self._cancel.is_set() and files_done < len(files),
                error=error,
                changes=changes,
            )
        )


class ImportRunner(QObject):
    """Starts one import at a time in a QThread and relays its signals to the GUI thread.

    sig_progress(files_done, files_total, articles_done), sig_outcome(ImportOutcome)
    and sig_finished(ImportSummary) are delivered in the runner's (GUI) thread.
    """

    sig_progress = Signal(int, int, int)
    sig_outcome = Signal(object)
    sig_finished = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None

    def start(self, paths: Sequence[Path], options: ImportOptions | None = None) -> None:
        """Begin importing `paths` (files and folders); refused while a run is going."""
        if self.is_running():
            raise RuntimeError("an import is already running")
        thread = QThread(self)
        thread.setObjectName("import-worker")
        from karabakh_annotator.core.importers.files import ImportOptions

        worker = ImportWorker(self._services, paths, options or ImportOptions())
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Signal-to-signal connections across threads are queued: the runner's
        # signals fire in the GUI thread, in the order the worker emitted them.
        worker.sig_progress.connect(self.sig_progress)
        worker.sig_outcome.connect(self.sig_outcome)
        worker.sig_finished.connect(self._on_worker_finished)
        # Direct: the GUI thread waits for the thread in _on_worker_finished,
        # so quit must not be queued behind it (QThread.quit is thread-safe).
        worker.sig_finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        self._thread, self._worker = thread, worker
        thread.start()

    def is_running(self) -> bool:
        """Whether a run has started and its thread has not ended."""
        return self._thread is not None and not self._thread.isFinished()

    def cancel(self) -> None:
        """Stop after the file being read; its articles and those before it stay stored."""
        if self._worker is not None:
            self._worker.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the worker thread ends; True when it did."""
        return self._thread is None or self._thread.wait(milliseconds)

    def shutdown(self, milliseconds: int = 30_000) -> bool:
        """Cancel and wait (call before the window closes: a running QThread must not be destroyed)."""
        self.cancel()
        return self.wait(milliseconds)

    @Slot(object)
    def _on_worker_finished(self, summary: ImportSummary) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        self.sig_finished.emit(summary)
