"""Reading event-log values for display: stored JSON decoded, stored UTC times made local."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def local_moment(moment: dt.datetime) -> dt.datetime:
    """A stored time in the computer's time zone (naive times are UTC, as SQLite returns them)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone()


def decode_value(raw: str | None) -> Any:
    """The value an event stored as JSON text (the text itself if it is not JSON)."""
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw
