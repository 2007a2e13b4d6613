"""Which date in an article's text is its publication date, if any."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from karabakh_annotator.core.text.dates import FoundDate, find_dates

# Words that introduce a publication date ("published on", "last updated").
_MARKER = re.compile(r"(?:تم\s+نشر[هـ]?|نُ?شر\s+(?:في|بتاريخ)|تاريخ\s+النشر|آخر\s+تحديث|published|updated)\s*[:：]?", re.I)
_MARKER_WINDOW = 40
# Substring pre-check: a regex scan of every article for the markers costs
# more than the rest of date finding.
_MARKER_WORDS = ("نشر", "تحديث", "ublish", "pdate", "PUBLISH", "UPDATE")
# Dates this close to the start belong to the page header (dateline, byline).
_HEADER_CHARS = 600
# A dateline is a short line: the date and at most a few words (section, time).
_DATELINE_EXTRA_WORDS = 4


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """The parsed date (None when unsure) and the raw string it came from."""

    date: dt.date | None
    raw: str | None


def choose_publication_date(text: str, title: str | None) -> PublicationDate:
    """Prefer a date after "تم نشره"-style markers, then a dateline after the title.

    A date printed *before* the headline is the page's "today" (site chrome
    of the day it was saved), not the article's: its raw string is kept but
    no date is claimed. Dates deeper in the body are events, not publication.
    """
    # Only two places can hold a publication date: after a marker, and in
    # the header. Scanning just those keeps this cheap on long articles.
    markers = _MARKER.finditer(text) if any(word in text for word in _MARKER_WORDS) else ()
    for marker in markers:
        after = find_dates(text[marker.end() : marker.end() + _MARKER_WINDOW + 40])
        if after and after[0].start <= _MARKER_WINDOW:
            return PublicationDate(after[0].date, after[0].raw.strip())
    found = find_dates(text[:_HEADER_CHARS])
    title_at = text.find(title) if title else -1
    page_today: FoundDate | None = None
    for candidate in found:
        if not _is_dateline(text, candidate):
            continue
        if title_at > candidate.start:
            page_today = page_today or candidate
            continue
        return PublicationDate(candidate.date, candidate.raw.strip())
    if page_today is not None:
        return PublicationDate(None, page_today.raw.strip())
    return PublicationDate(None, None)


def _is_dateline(text: str, found: FoundDate) -> bool:
    """True when the date stands on a short line of its own, not inside a sentence."""
    line_start = text.rfind("\n", 0, found.start) + 1
    line_end = text.find("\n", found.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    rest = line[: found.start - line_start] + line[found.end - line_start :]
    return len(rest.split()) <= _DATELINE_EXTRA_WORDS
