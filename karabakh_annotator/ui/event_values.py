"""Reading event-log values for display: field names, stored JSON decoded, stored UTC times made local."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


FIELD_NAMES = {
    # claim fields
    "summary": "Summary",
    "status": "Status",
    "verdict": "Verdict",
    "rating_value": "Rating",
    "explanation": "Explanation",
    "assignee": "Assignee",
    # statement fields
    "speaker_id": "Speaker",
    "cue": "Cue",
    "cue_class": "Cue class",
    "stance": "Reporting stance",
    "party": "Party alignment",
    "claim_id": "Claim",
    "note": "Note",
    "span": "Span",
}
"""What the analyst reads for a field of a claim or statement (history, conflicts)."""


def field_name(field: str) -> str:
    """A field's name for people; one not listed reads as its words."""
    return FIELD_NAMES.get(field, field.replace("_", " ").capitalize())


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
