"""Run something once a widget has been painted: a new window's first frame, a filled list.

A zero timer started next to `show()` fires before the first paint (the
expose and paint events come later), so work queued that way would keep a
new window blank. This waits for the widget's next paint event and queues
the callback behind it: the widget and its children are drawn and flushed
before the callback runs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _PaintWatch(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            # Queued: the children paint after their parent, in the same pass.
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def after_next_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` from the event loop once `widget` has next been painted (a window not yet shown: its first paint)."""
    widget.installEventFilter(_PaintWatch(widget, callback))
