"""Line helpers shared by the steps: line spans, sentence ends, dates, headlines."""

from __future__ import annotations

import re

from .edits import Edit

__all__ = [
    "BULLET",
    "DANGLING_WORDS",
    "LIST_ITEM",
    "delete_line",
    "ends_sentence",
    "is_date_like",
    "is_headline_like",
    "line_spans",
]


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without its ``\\n``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def delete_line(text: str, span: tuple[int, int], reason: str) -> Edit:
    """An edit deleting the line at ``span`` together with its line end."""
    a, b = span
    return Edit(a, b + 1 if b < len(text) else b, "", reason)


# Characters after which a line ends a sentence (so the next line is new).
_SENTENCE_END = frozenset('.!?؟…:»"”؛')
# A line ending in one of these words or a comma was cut by a hard wrap; a
# headline or a link title never ends that way.
DANGLING_WORDS = frozenset(
    "من في على إلى الى عن مع بين أن إن ان الذي التي الذين اللذين و ثم أو او لدى حتى "
    "منذ خلال بعد قبل عند نحو ضد عبر حول لـ بـ ما لا لم لن قد هذا هذه ذلك تلك كل أي "
    "وفق بحسب حسب إثر اثر لكن بل كما فيما بينما عن".split()
)
LIST_ITEM = re.compile(r"(?:[-•*·▪►◄–—]|\d{1,3}[.)\-]|[(]\d{1,3}[)])\s")

_MONTHS = (
    "يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|"
    "نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين"
)
_WEEKDAYS = "الأحد|الاحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت"
# A date line is what is left of dates, times and "published" words: at
# most a few words (a section name glued to the date, "مساءً").
_DATE_TOKENS = re.compile(
    r"\d+(?:\s*[:/.\-]\s*\d+)*"
    rf"|(?<!\w)(?:{_MONTHS}|{_WEEKDAYS}|تم نشره|نشر في|نشر بتاريخ|آخر تحديث|اخر تحديث|تاريخ النشر"
    r"|مساء|مساءً|مساءا|صباحا|صباحاً|ص|م|GMT|UTC)(?!\w)"
)
_HAS_DIGIT = re.compile(r"\d")


def ends_sentence(line: str) -> bool:
    """True when the line ends in sentence punctuation."""
    return bool(line) and line[-1] in _SENTENCE_END


def is_date_like(line: str) -> bool:
    """True when the line is a date or time with at most a few other words."""
    if len(line) > 120 or _HAS_DIGIT.search(line) is None:
        return False
    rest = _DATE_TOKENS.sub(" ", line)
    return sum(1 for word in rest.split() if any(ch.isalpha() for ch in word)) <= 3


def is_headline_like(line: str, max_words: int = 25) -> bool:
    """Short, no full stop or comma at the end, not cut off mid-phrase."""
    words = line.split()
    if not 2 <= len(words) <= max_words or len(line) > 220:
        return False
    if line[-1] in ".،,؛;:":
        return False
    return words[-1] not in DANGLING_WORDS


# A leading bullet before a headline or a breadcrumb item.
BULLET = re.compile(r"[•·▪►◄*]\s*")
