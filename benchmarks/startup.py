"""Start-up benchmark: `python -m benchmarks.startup [--articles N]`.

Time from process start to a shown, rendered main window on a database of
10,000 articles, against a bare PySide6 window started the same way (both
render to PNG and exit; median of 3 runs each).
"""

from __future__ import annotations

import argparse
import compileall
import os
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
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab().save(sys.argv[1])
"""


def _fill(db_path: Path, count: int) -> None:
    database = open_database(str(db_path))
    services = build_services(database)
    items = (ParsedArticle(article_text(i, 1_500), b"", f"a{i}.txt", title=f"تقرير {i}") for i in range(count))
    for _ in services.articles.import_all(items):
        pass
    database.dispose()


def _timed(argv: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run(argv, check=True, env=env, capture_output=True, timeout=300)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
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
        _timed(bare_cmd)  # warm the file cache for both
        _timed(app_cmd)
        bare = statistics.median(_timed(bare_cmd) for _ in range(args.repeat))
        app = statistics.median(_timed(app_cmd) for _ in range(args.repeat))
    print(f"start-up to a rendered main window, {args.articles:,} articles: {app * 1000:.0f} ms")
    print(f"  bare PySide6 window, same way: {bare * 1000:.0f} ms")
    print(f"  ratio {app / bare:.2f} (target at most {TARGET_RATIO:.0f})")


if __name__ == "__main__":
    main()
