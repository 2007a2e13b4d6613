"""Regression: PySide6 6.12.0 on Python < 3.12 dropped a reference to None on every
void-returning Qt call, so None's refcount fell until CPython aborted in none_dealloc
after a few thousand calls. pyproject pins PySide6 < 6.12 on Python < 3.12.

The calls run in a subprocess so an abort fails this test instead of killing pytest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

CALLS = 50_000

_PROBE = textwrap.dedent(
    """
    import json, os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import PySide6
    from PySide6.QtWidgets import QApplication, QLabel, QTextEdit
    from PySide6.QtGui import QTextCursor

    app = QApplication([])
    label = QLabel()
    edit = QTextEdit()
    edit.setPlainText("قال المتحدث إن الهدنة صامدة")
    cursor = QTextCursor(edit.document())
    calls = int(sys.argv[1])
    leak = None
    if sys.argv[2:] == ["simulate-leak"]:
        # What the broken binding did: one reference to None lost per void call.
        import ctypes
        leak = ctypes.pythonapi.Py_DecRef
        leak.argtypes = [ctypes.py_object]
        leak.restype = None

    before = sys.getrefcount(None)
    for i in range(calls):
        label.setText("نص")          # void QLabel::setText
        cursor.setPosition(i % 20)   # void QTextCursor::setPosition
        edit.setReadOnly(i % 2 == 0) # void QTextEdit::setReadOnly
        if leak is not None:
            leak(None)
    after = sys.getrefcount(None)
    print(json.dumps({"before": before, "after": after, "pyside": PySide6.__version__}))
    """
)


def _run_probe(*extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, str(CALLS), *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=300,
        check=False,
    )


def test_void_qt_calls_do_not_drain_none_refcount() -> None:
    result = _run_probe()
    assert result.returncode == 0, (
        f"the probe died (exit {result.returncode}); a none_dealloc abort means this PySide6 "
        f"drops references to None on void calls.\nstderr:\n{result.stderr[-2000:]}"
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    fallen = report["before"] - report["after"]
    # 3 * CALLS void calls were made; a leaking binding loses one reference per call.
    assert fallen < 100, f"None lost {fallen} references over {3 * CALLS} calls (PySide6 {report['pyside']})"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_probe_notices_a_binding_that_drains_none() -> None:
    """The check above can fail: a simulated leak aborts the probe (or shows the fall)."""
    result = _run_probe("simulate-leak")
    if result.returncode == 0:
        report = json.loads(result.stdout.strip().splitlines()[-1])
        assert report["before"] - report["after"] >= CALLS // 2
    else:
        assert "None" in result.stderr  # CPython's "deallocating None" fatal error
