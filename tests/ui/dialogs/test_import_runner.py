"""The import runner and its dialogs, over real services and files written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from karabakh_annotator.core.records import ImportOutcome
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.dialogs.import_dialog import (
    ImportProgressDialog,
    ImportSummaryDialog,
    choose_import_paths,
    paths_from_mime,
    start_import,
)
from karabakh_annotator.ui.dialogs.import_runner import ImportRunner, ImportSummary

SIGNAL_TIMEOUT_MS = 20_000

ARTICLES = {
    "هدنة.txt": "هدنة جديدة في الإقليم\nقال المتحدث إن الهدنة صامدة منذ يومين في كل القرى الحدودية.",
    "قصف.txt": "قصف قرب خط التماس\nأعلنت الوزارة أن وحداتها صدت هجوما على مواقعها قرب البلدة ليلة السبت.",
    "وساطة.txt": "دعوة إلى التفاوض\nدعت مجموعة الوساطة الدولية الطرفين إلى العودة إلى طاولة المفاوضات فورا.",
}
BAD_NAME = "تالف.txt"
BINARY_REASON = "binary data, not a text file"


def write_folder(folder: Path) -> Path:
    """Three Arabic articles, an exact copy of one, and a binary file named .txt."""
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "يوم-مكرر.txt").write_text(ARTICLES["هدنة.txt"], encoding="utf-8")
    (folder / BAD_NAME).write_bytes(b"\x00\x01\x02\xff" * 64)
    return folder


def write_many(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        text = f"خبر رقم {i}\nقال المراسل إن الاشتباك رقم {i} وقع في القرية {i * 7} قبل {i % 13} ساعات."
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def run_import(qtbot, runner: ImportRunner, paths: list[Path]) -> ImportSummary:
    with qtbot.waitSignal(runner.sig_finished, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        runner.start(paths)
    assert not runner.is_running()
    summary = blocker.args[0]
    assert isinstance(summary, ImportSummary)
    return summary


def test_runner_imports_a_folder_and_reports_each_file(qtbot, services: Services, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "مقالات")
    runner = ImportRunner(services)
    progress: list[tuple[int, int, int]] = []
    outcomes: list[ImportOutcome] = []
    runner.sig_progress.connect(lambda *args: progress.append(args))
    runner.sig_outcome.connect(outcomes.append)

    summary = run_import(qtbot, runner, [folder])

    assert (summary.imported, summary.duplicates, summary.failed) == (3, 1, 1)
    assert not summary.cancelled and summary.error is None
    assert summary.files_total == summary.files_done == 5
    assert list(summary.outcomes) == outcomes
    failure = next(o for o in summary.outcomes if o.status == "failed")
    assert failure.source_file.endswith(BAD_NAME)
    assert BINARY_REASON in (failure.reason or "")
    assert progress[-1] == (5, 5, 5)
    stored = {a.source_file for a in services.articles.list_articles()}
    assert stored == set(ARTICLES)
    assert summary.changes.articles == {o.article_id for o in summary.outcomes if o.status == "imported"}
    assert summary.headline() == "3 imported, 1 duplicate, 1 failed"


def test_cancel_keeps_what_was_committed_and_says_cancelled(qtbot, services: Services, tmp_path: Path) -> None:
    folder = write_many(tmp_path / "many", 400)
    runner = ImportRunner(services)
    # Cancel on the first report that a file was read (delivered in the GUI thread).
    runner.sig_progress.connect(lambda done, _total, _articles: runner.cancel() if done >= 1 else None)

    summary = run_import(qtbot, runner, [folder])

    assert summary.cancelled
    assert summary.headline().startswith("Import cancelled after")
    assert 1 <= summary.files_done < summary.files_total == 400
    stored = {a.id for a in services.articles.list_articles()}
    reported = {o.article_id for o in summary.outcomes if o.status == "imported"}
    assert stored == reported
    assert 1 <= len(stored) < 400


def test_runner_can_run_again_after_finishing(qtbot, services: Services, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a")
    runner = ImportRunner(services)
    run_import(qtbot, runner, [folder])
    again = run_import(qtbot, runner, [folder])
    assert (again.imported, again.duplicates, again.failed) == (0, 4, 1)


def test_missing_path_is_a_reported_failure(qtbot, services: Services, tmp_path: Path) -> None:
    summary = run_import(qtbot, ImportRunner(services), [tmp_path / "nowhere.txt"])
    assert summary.failed == 1
    assert summary.outcomes[0].reason == "no such file"


def test_progress_dialog_follows_and_cancel_button_cancels(qtbot, services: Services, tmp_path: Path) -> None:
    folder = write_many(tmp_path / "many", 400)
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = ImportRunner(services)
    dialog = ImportProgressDialog(runner, parent)
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "&Cancel"
    runner.sig_progress.connect(lambda done, _t, _a: cancel.click() if done >= 1 and cancel.isEnabled() else None)

    summary = run_import(qtbot, runner, [folder])

    assert summary.cancelled
    assert dialog.wasCanceled()
    assert not dialog.isVisible()


def test_summary_dialog_lists_failures_first_with_reason(qtbot, services: Services, tmp_path: Path) -> None:
    summary = run_import(qtbot, ImportRunner(services), [write_folder(tmp_path / "f")])
    dialog = ImportSummaryDialog(summary)
    qtbot.addWidget(dialog)

    rows = dialog.rows()
    assert dialog.headline.text() == "3 imported, 1 duplicate, 1 failed"
    assert rows[0][0] == "Failed" and rows[0][1] == BAD_NAME and BINARY_REASON in rows[0][3]
    assert rows[1][0] == "Duplicate" and rows[1][1] == "يوم-مكرر.txt" and rows[1][3].startswith("same text as article")
    assert sorted(r[1] for r in rows if r[0] == "Imported") == sorted(ARTICLES)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.isDefault()


def test_summary_dialog_shows_near_duplicates() -> None:
    near = ImportOutcome("reprint.txt", "imported", article_id=9, near_duplicate_of=4, resemblance=0.87)
    summary = ImportSummary(outcomes=(near,), files_total=1, files_done=1)
    dialog = ImportSummaryDialog(summary)
    assert dialog.rows() == [("Near-duplicate", "reprint.txt", "9", "resembles article 4 (87% alike)")]
    assert dialog.headline.text() == "1 imported (1 near-duplicate), 0 duplicate, 0 failed"
    dialog.deleteLater()


def test_start_import_shows_the_summary_when_done(qtbot, services: Services, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = start_import(parent, services, [write_folder(tmp_path / "f")])
    with qtbot.waitSignal(runner.sig_finished, timeout=SIGNAL_TIMEOUT_MS):
        pass
    qtbot.waitUntil(lambda: parent.findChild(ImportSummaryDialog) is not None)
    dialog = parent.findChild(ImportSummaryDialog)
    assert dialog.isVisible()
    assert dialog.summary.imported == 3
    dialog.close()


def test_paths_from_mime_keeps_local_files_and_folders(tmp_path: Path) -> None:
    mime = QMimeData()
    file = tmp_path / "خبر.txt"
    mime.setUrls(
        [QUrl.fromLocalFile(str(file)), QUrl.fromLocalFile(str(tmp_path)), QUrl("https://example.com/a.txt")]
    )
    assert paths_from_mime(mime) == [file, tmp_path]
    text_only = QMimeData()
    text_only.setText("just text")
    assert paths_from_mime(text_only) == []


@pytest.mark.parametrize(("folder", "expected"), [(False, ["/a/x.txt", "/a/y.html"]), (True, ["/a"])])
def test_choose_import_paths(folder: bool, expected: list[str]) -> None:
    seen: list[str] = []

    def get_files(_parent, _title, _start, filters):
        seen.append(filters)
        return ["/a/x.txt", "/a/y.html"], filters

    paths = choose_import_paths(None, folder, get_files=get_files, get_folder=lambda *_: "/a")
    assert paths == [Path(p) for p in expected]
    if not folder:
        assert "*.txt" in seen[0] and "*.zip" in seen[0] and "*.sgml" in seen[0]


def test_choose_import_paths_cancelled() -> None:
    assert choose_import_paths(None, get_files=lambda *_: ([], "")) == []
    assert choose_import_paths(None, True, get_folder=lambda *_: "") == []
