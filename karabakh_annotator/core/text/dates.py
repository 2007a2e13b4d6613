"""Gregorian dates (and times) written in Arabic news text.

Matching runs on the text normalised by `normalize_for_search`, so hamza,
diacritics, tatweel, Arabic-Indic digits and invisible marks need no special
cases here, and offsets are mapped back to the original with
`span_to_original`.

Recognised:

* numeric ``dd-mm-yyyy`` / ``dd/mm/yyyy`` / ``dd.mm.yyyy`` (day first, as
  in Arabic usage; read month first only when the day-first reading is
  impossible, as in ``09/27/2020``) and ``yyyy-mm-dd`` / ``yyyy/mm/dd``
  (also ISO ``2020-10-09T18:27``);
* day, month name, year: ``27 سبتمبر 2020``, ``4 تشرين الأول/أكتوبر 2020``,
  ``4 أكتوبر، 2020``, ``4 أكتوبر عام 2020``, ``٢٥ / ديسمبر / ٢٠٢٤``, with
  Levantine/Iraqi, Egyptian/Gulf, Maghrebi (Algerian/Tunisian and
  Moroccan) month names; when two names are given (تشرين الأول/أكتوبر) they
  must agree;
* an optional weekday before the date and an optional time after it
  (``06:27 مساءً``, ``9:30 ص``, ``الساعة 15:05``, ``10:00 AM``).

Not recognised, on purpose: two-digit years, day and month without a year
(``27 أيلول/سبتمبر الماضي`` is not a full date), English month names, and
Hijri dates (a numeric date followed by هـ is skipped rather than misread
as Gregorian).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from karabakh_annotator.core.text.normalize import normalize_for_search, normalize_query

__all__ = ["FoundDate", "find_dates", "parse_arabic_date"]


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text; `start`/`end` are offsets into the original string."""

    date: datetime.date
    start: int
    end: int
    raw: str
    time: datetime.time | None = None
    # As written before the date, Monday=0 like date.weekday(); it is not
    # checked against the date (outlets get it wrong, the analyst decides).
    weekday: int | None = None


# Spellings as they are usually written; normalize_query folds hamza, teh
# marbuta and alef maqsura, so the variants without hamza match too.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي"),
    2: ("فبراير", "شباط", "فيفري"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل", "ابريل"),
    5: ("مايو", "أيار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("أغسطس", "آب", "أوت", "غشت"),
    9: ("سبتمبر", "أيلول", "شتنبر"),
    10: ("أكتوبر", "تشرين الأول", "تشرين أول"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "كانون أول", "دجنبر"),
}
_WEEKDAY_NAMES: dict[int, tuple[str, ...]] = {
    0: ("الاثنين", "الإثنين", "الأثنين"),
    1: ("الثلاثاء",),
    2: ("الأربعاء",),
    3: ("الخميس",),
    4: ("الجمعة",),
    5: ("السبت",),
    6: ("الأحد",),
}
# Words after a 12-hour time and the 24-hour hours each can mean; the hour
# is read as h or h+12, whichever falls in the window.
_DAY_PART_WORDS: tuple[tuple[tuple[str, ...], frozenset[int]], ...] = (
    (("ص", "صباحا", "صباحاً", "am", "a.m."), frozenset(range(0, 12))),
    (("م", "مساء", "مساءً", "مساءا", "pm", "p.m."), frozenset(range(12, 24))),
    (("فجرا", "فجراً"), frozenset(range(0, 7))),
    (("ظهرا", "ظهراً", "بعد الظهر"), frozenset(range(11, 16))),
    (("عصرا", "عصراً"), frozenset(range(13, 19))),
    (("ليلا", "ليلاً"), frozenset([*range(18, 24), *range(0, 6)])),
)


def _lookup(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {normalize_query(name): number for number, names in table.items() for name in names}


_MONTHS = _lookup(_MONTH_NAMES)
_WEEKDAYS = _lookup(_WEEKDAY_NAMES)
_DAY_PARTS = {normalize_query(w): hours for words, hours in _DAY_PART_WORDS for w in words}


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so "مايو" wins over "ماي" and "تشرين الثاني" over a prefix.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_MONTH = f"(?:{_alternation(_MONTHS)}){_NOT_LETTER_AFTER}"
_SEP = r"\s*(?:[-/.,،]\s*)?"
_YEAR = r"(?P<{}>\d{{4}})(?!\d)"

# Tried only where a run of digits starts (see _scan), hence no weekday here.
_DATE = re.compile(
    r"(?:"
    # dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy
    rf"(?<!\d)(?P<d1>\d{{1,2}})\s*(?P<s1>[-/.])\s*(?P<m1>\d{{1,2}})\s*(?P=s1)\s*{_YEAR.format('y1')}"
    # yyyy-mm-dd, yyyy/mm/dd
    rf"|(?<!\d){_YEAR.format('y2')}(?P<s2>[-/.])(?P<m2>\d{{1,2}})(?P=s2)(?P<d2>\d{{1,2}})(?!\d)"
    # 4 تشرين الاول/اكتوبر 2020, 25 / ديسمبر / 2024, 4 اكتوبر، 2020
    rf"|(?<!\d)(?P<d3>\d{{1,2}}){_SEP}(?:من\s+)?(?:شهر\s+)?(?P<mn1>{_MONTH})"
    rf"(?:\s*(?:[/-]|\()\s*(?P<mn2>{_MONTH})\s*\)?)?"
    rf"{_SEP}(?:(?:عام|سنه|لعام|لسنه)\s+)?{_YEAR.format('y3')}"
    r")"
    # A Hijri date (1442 هـ) is not a Gregorian one.
    rf"(?!\s*ه{_NOT_LETTER_AFTER})"
    # The Gregorian era marker in 2020م.
    rf"(?:\s*م{_NOT_LETTER_AFTER})?"
    r"(?P<date_end>)"
    r"(?:"
    r"(?:\s*[-|,،–—]?\s*(?:في\s+)?(?:تمام\s+)?(?:الساعه\s+)?|t)"
    r"(?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2}))?(?!\d)"
    rf"(?:\s*(?P<ampm>{_alternation(_DAY_PARTS)})(?![^\W\d_.]))?"
    r")?"
)


_DIGITS = re.compile(r"\d+")
# A weekday name just before the date ("الأحد، 4 أكتوبر 2020").
_WEEKDAY_BEFORE = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:يوم\s+)?(?P<wd>{_alternation(_WEEKDAYS)})\s*[-,،]?\s*$"
)
_WEEKDAY_REACH = 24


def _make_date(m: re.Match[str]) -> datetime.date | None:
    """The date of a match, or None when it does not exist (31 فبراير)."""
    try:
        if m["y1"]:
            day, month, year = int(m["d1"]), int(m["m1"]), int(m["y1"])
            if month > 12 >= day:
                # 09/27/2020: only the month-first reading exists.
                day, month = month, day
        elif m["y2"]:
            day, month, year = int(m["d2"]), int(m["m2"]), int(m["y2"])
        else:
            month = _MONTHS[_squash(m["mn1"])]
            if m["mn2"] and _MONTHS[_squash(m["mn2"])] != month:
                return None
            day, year = int(m["d3"]), int(m["y3"])
        if not 1000 <= year <= 2999:
            return None
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _squash(name: str) -> str:
    return " ".join(name.split())


def _make_time(m: re.Match[str]) -> datetime.time | None:
    """The time of a match, or None when absent or impossible (25:70)."""
    if m["hh"] is None:
        return None
    hour, minute, second = int(m["hh"]), int(m["mi"]), int(m["ss"] or 0)
    if m["ampm"] and 1 <= hour <= 12:
        # "15:05 م" is already a 24-hour time: the marker is redundant.
        window = _DAY_PARTS[_squash(m["ampm"])]
        hour = next((h for h in (hour % 12, hour % 12 + 12) if h in window), hour)
    try:
        return datetime.time(hour, minute, second)
    except ValueError:
        return None


def _scan(text: str) -> list[FoundDate]:
    nt = normalize_for_search(text)
    norm = nt.text
    found: list[FoundDate] = []
    resume = 0
    # Trying the big pattern at every position costs ~1 ms per article;
    # every date starts with a digit, so try it only where a number starts.
    for number in _DIGITS.finditer(norm):
        if number.start() < resume:
            continue
        m = _DATE.match(norm, number.start())
        if m is None:
            continue
        resume = m.end()
        date = _make_date(m)
        if date is None:
            continue
        time = _make_time(m)
        start = m.start()
        weekday = None
        before = _WEEKDAY_BEFORE.search(norm, max(0, start - _WEEKDAY_REACH), start)
        if before is not None:
            start = before.start()
            weekday = _WEEKDAYS[before["wd"]]
        # The end keeps diacritics written on the last letter (مساءً).
        start, end = nt.span_to_original(start, m.end() if time is not None else m.end("date_end"))
        found.append(FoundDate(date, start, end, text[start:end], time, weekday))
    return found


def find_dates(text: str) -> list[FoundDate]:
    """All complete dates in running text, in order of appearance."""
    return _scan(text)


def parse_arabic_date(s: str) -> datetime.date | None:
    """The first complete date in `s` (a dateline or date string), else None."""
    found = _scan(s)
    return found[0].date if found else None


_ISO_DATE_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", re.ASCII)


def iso_date_prefix(value: str) -> datetime.date | None:
    """The date of an ISO 8601 date or datetime string, as written (no time-zone shift)."""
    match = _ISO_DATE_PREFIX.match(value)
    if not match:
        return None
    try:
        return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
