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
_DATE_WORDS = (
    f"{_MONTHS}|{_WEEKDAYS}|تم نشره|نشر في|نشر بتاريخ|آخر تحديث|اخر تحديث|تاريخ النشر"
    "|مساء|مساءً|مساءا|صباحا|صباحاً|ص|م|GMT|UTC"
)
_DATE_TOKENS = re.compile(rf"\d+(?:\s*[:/.\-]\s*\d+)*|(?<!\w)(?:{_DATE_WORDS})(?!\w)")
# Every \w-run of the date words. A name token needs \w boundaries, so it only
# ever removes whole runs from this set; digit tokens remove no letters.
_DATE_RUNS = frozenset(re.findall(r"\w+", _DATE_WORDS))
_HAS_DIGIT = re.compile(r"\d")


def ends_sentence(line: str) -> bool:
    """True when the line ends in sentence punctuation."""
    return bool(line) and line[-1] in _SENTENCE_END


def is_date_like(line: str) -> bool:
    """True when the line is a date or time with at most a few other words."""
    if len(line) > 120 or _HAS_DIGIT.search(line) is None:
        return False
    # Exact shortcut for prose (the substitution below is slow): an all-letter
    # word that is no date run keeps its letters through the substitution, and
    # stays a word of its own, so four such words already mean "not a date".
    plain = 0
    for word in line.split():
        if word.isalpha() and word not in _DATE_RUNS:
            plain += 1
            if plain > 3:
                return False
    # Count words holding a letter, stopping at the fourth; word.isalpha() is
    # the C-speed answer for the usual all-letter word.
    count = 0
    for word in _DATE_TOKENS.sub(" ", line).split():
        if word.isalpha() or any(ch.isalpha() for ch in word):
            count += 1
            if count > 3:
                return False
    return True


def is_headline_like(line: str, max_words: int = 25) -> bool:
    """Short, no full stop or comma at the end, not cut off mid-phrase."""
    if len(line) > 220:
        return False  # checked first: splitting a long paragraph is the costly part
    # split(None, max_words) stops early; it has more than max_words items
    # exactly when the line has more than max_words words.
    words = line.split(None, max_words)
    if not 2 <= len(words) <= max_words:
        return False
    if line[-1] in ".،,؛;:":
        return False
    return words[-1] not in DANGLING_WORDS


# A leading bullet before a headline or a breadcrumb item.
BULLET = re.compile(r"[•·▪►◄*]\s*")
