"""What the workspace remembers between sessions (QSettings keys in one place)."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QByteArray, QSettings

_GEOMETRY = "main_window/geometry"
_STATE = "main_window/state"
_SPLITTER = "main_window/splitter3"
_POINT_SIZE = "article_view/point_size"
_ANALYST = "analyst/name"
_RECENT = "databases/recent"
_BLIND = "annotation/blind"
MAX_RECENT = 8


class WorkspaceSettings:
    """Typed access to the settings: layout, zoom, analyst name, recent databases."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def layout(self) -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
        """Saved window geometry, window state and splitter state (None when never saved)."""
        values = (self._settings.value(key) for key in (_GEOMETRY, _STATE, _SPLITTER))
        return tuple(v if isinstance(v, QByteArray) else None for v in values)  # type: ignore[return-value]

    def save_layout(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        """Remember the window layout now."""
        self._settings.setValue(_GEOMETRY, geometry)
        self._settings.setValue(_STATE, state)
        self._settings.setValue(_SPLITTER, splitter)
        self._settings.sync()

    def point_size(self) -> int | None:
        """The article text size last chosen."""
        value = self._settings.value(_POINT_SIZE)
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_point_size(self, size: int) -> None:
        """Remember the article text size."""
        self._settings.setValue(_POINT_SIZE, int(size))

    def analyst(self) -> str:
        """The analyst's name; the login name until one is chosen."""
        value = self._settings.value(_ANALYST)
        if isinstance(value, str) and value.strip():
            return value.strip()
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "analyst"

    def has_analyst(self) -> bool:
        """Whether an analyst name was ever chosen (the first start asks for one)."""
        value = self._settings.value(_ANALYST)
        return isinstance(value, str) and bool(value.strip())

    def set_analyst(self, name: str) -> None:
        """Remember the analyst's name."""
        self._settings.setValue(_ANALYST, name)
        self._settings.sync()

    def recent_databases(self) -> list[str]:
        """Databases opened before, most recent first."""
        value = self._settings.value(_RECENT)
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent_database(self, url: str) -> None:
        """Put `url` first in the recent databases."""
        recent = [url] + [r for r in self.recent_databases() if r != url]
        self._settings.setValue(_RECENT, recent[:MAX_RECENT])
        self._settings.sync()

    def blind(self) -> bool:
        """Blind annotation: the other analysts' statements are hidden."""
        value = self._settings.value(_BLIND)
        return value in (True, "true", "1", 1)

    def set_blind(self, blind: bool) -> None:
        """Remember whether annotation is blind."""
        self._settings.setValue(_BLIND, bool(blind))
