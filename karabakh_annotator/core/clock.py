"""The one place that reads the wall clock, so tests can reason about time."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Return the current time as an aware UTC datetime."""
    return dt.datetime.now(dt.UTC)
