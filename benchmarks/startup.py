"""Start-up benchmark: `python -m benchmarks.startup [--articles N] [--repeat N]`.

Two figures for the app on a database of 10,000 articles, each from the
moment the process is launched, against a bare PySide6 window (a QMainWindow
holding a QLabel) launched the same way in the same run:

* shown: the first paint of the real MainWindow, the very window the analyst
  then works in (menus, toolbar, panes; the database still opening behind
  it). The target, at most 3x the bare window's first paint, is checked on
  this figure.
* usable: the article list filled with the 10,000 articles and painted, the
  commands enabled (SQLAlchemy, the services and the migration check loaded
  in the meantime).

The app runs as the bundle's smoke test does (`--smoke-test`: the start-up
of run_gui, without the rolling backup, which is skipped anyway while the
database is unchanged since the last one) and prints the monotonic clock at
both moments; the bare window prints it at its first paint. Both are
measured after each was painted (the paint event, then the event loop), and
run alternately, `--repeat` times each after one warm-up run: the median
is the figure, every run is listed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import article_text
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database

TARGET_RATIO = 3.0
_BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False

def painted():
    print(f"bare: monotonic clock at first paint {time.monotonic():.6f}")
    window.grab().save(sys.argv[1])
    app.quit()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1280, 800)
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
app.exec()
"""
_APP_TIMES = re.compile(r"monotonic clock at first paint ([\d.]+), database shown ([\d.]+)")
_BARE_TIME = re.compile(r"monotonic clock at first paint ([\d.]+)")


def _fill(db_path: Path, count: int) -> None:
    database = open_database(str(db_path))
    services = build_services(database)
    items = (ParsedArticle(article_text(i, 1_500), b"", f"a{i}.txt", title=f"تقرير {i}") for i in range(count))
    for _ in services.articles.import_all(items):
        pass
    database.dispose()


def _launch(argv: list[str], pattern: re.Pattern[str]) -> list[float]:
    """Run `argv` offscreen; seconds from launch to each clock reading it prints, then to its exit."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # time.monotonic is one clock for every process of the machine (CLOCK_MONOTONIC on Linux).
    launched = time.monotonic()
    done = subprocess.run(argv, check=True, env=env, capture_output=True, text=True, timeout=300)
    exited = time.monotonic()
    found = pattern.search(done.stdout)
    if found is None:
        raise RuntimeError(f"no clock readings in the output of {argv[:3]}: {done.stdout!r} {done.stderr!r}")
    return [float(value) - launched for value in found.groups()] + [exited - launched]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ka-startup-") as tmp:
        root = Path(tmp)
        db = root / "big.sqlite3"
        _fill(db, args.articles)
        # An installed app (pip, the bundle) has its bytecode compiled; so must the one timed here,
        # even where PYTHONDONTWRITEBYTECODE keeps Python from writing it.
        compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "karabakh_annotator"), quiet=1)
        app_cmd = [sys.executable, "-m", "karabakh_annotator", "--db", str(db), "--smoke-test", str(root / "app.png")]
        bare_cmd = [sys.executable, "-c", _BARE, str(root / "bare.png")]
        _launch(bare_cmd, _BARE_TIME)  # warm the file cache for both
        _launch(app_cmd, _APP_TIMES)
        bare_runs: list[list[float]] = []
        app_runs: list[list[float]] = []
        for _ in range(args.repeat):  # alternately: a busy moment of the machine weighs on both
            bare_runs.append(_launch(bare_cmd, _BARE_TIME))
            app_runs.append(_launch(app_cmd, _APP_TIMES))
    bare = statistics.median(run[0] for run in bare_runs)
    shown = statistics.median(run[0] for run in app_runs)
    usable = statistics.median(run[1] for run in app_runs)
    print(f"start-up on {args.articles:,} articles, from launch (median of {args.repeat} runs):")
    print(f"  bare PySide6 window painted:          {_ms(bare):>8}")
    verdict = "met" if shown / bare <= TARGET_RATIO else "NOT met"
    print(f"  main window shown (first paint):      {_ms(shown):>8}  ratio {shown / bare:.2f}"
          f"  (target at most {TARGET_RATIO:.0f}: {verdict})")
    print(f"  article list filled, window usable:   {_ms(usable):>8}  ratio {usable / bare:.2f}")
    print("  every run (bare paint | app shown, usable | process exit, bare | app):")
    for (bare_paint, bare_exit), (app_shown, app_usable, app_exit) in zip(bare_runs, app_runs, strict=True):
        print(f"    {_ms(bare_paint):>8} | {_ms(app_shown):>8}, {_ms(app_usable):>8} | {_ms(bare_exit):>8} | {_ms(app_exit):>8}")


if __name__ == "__main__":
    main()
