"""Whether a sentence in the outlet's own voice states something checkable.

Fact-checkers look first at concrete claims: numbers, dates, casualties and
military outcomes ("حررت", "قصفت", "أسقطت").  A sentence with none of these
is context or commentary and is not suggested.  Datelines and menu debris
("تم نشره الجمعة 09 أكتوبر 2020 06:27") are mostly numbers and month names,
so a sentence must also have enough ordinary words.
"""

from __future__ import annotations

import re

from karabakh_annotator.core.analysis.cue_trie import trie_pattern
from karabakh_annotator.core.text.normalize import normalized_only

__all__ = ["is_check_worthy"]


def _stems(words: str) -> list[str]:
    return sorted({normalized_only(w) for w in words.split()})


# Months: Gregorian names and the Levantine/Iraqi ones (آب is left out: it
# is also "father").
_MONTHS = _stems(
    "يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار نيسان أيار حزيران تموز أيلول تشرين "
    # Weekdays date an event as well ("صباح الخميس", "اليوم الجمعة").
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت"
)
# Stems of military and casualty vocabulary; matched at a word start after
# the usual clitics, with any ending (قصف، قصفت، القصف، بقصف).
_EVENTS = _stems(
    "حرر تحرير قصف دمر تدمير دمار أسقط إسقاط قتل قتلى مقتل جرحى جريح إصابة أصيب استهدف "
    "استهداف سيطر سيطرة هاجم هجوم هجمات اشتباك ضحايا أسرى انسحب انسحاب احتل غارة غارات "
    "صاروخ صواريخ قذائف قذيفة دبابة دبابات مدفعية هدنة معارك معركة اقتحم اقتحام صدت تصدى"
)
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل")
_MONTH_RE = re.compile(
    "\\b(?:" + trie_pattern([c + m for c in ("", "و", "ب", "ل", "ال", "وال") for m in _MONTHS]) + ")\\b"
)
_EVENT_RE = re.compile("\\b(?:" + trie_pattern([c + e for c in _CLITICS for e in _EVENTS]) + ")")
_NUMBER_OR_MONTH = re.compile("\\d|" + _MONTH_RE.pattern)
_DIGITS = re.compile(r"\d+")
_MIN_WORDS = 5
_DATELINE_WORDS = 16  # longer sentences are never just a dateline


def is_check_worthy(normalized: str) -> float:
    """A score in 0..1 for a (normalised) sentence in the outlet's voice; 0 means not worth suggesting.

    0.6 with a military or casualty word, 0.5 with a number or a month.
    """
    if _EVENT_RE.search(normalized) is not None:
        score = 0.6
    elif _NUMBER_OR_MONTH.search(normalized) is not None:
        score = 0.5
    else:
        return 0.0
    stripped = normalized.rstrip()
    if stripped[-1:] in ("؟", "?"):
        return 0.0
    words = len(normalized.split())
    if words < _MIN_WORDS:
        return 0.0
    if words < _DATELINE_WORDS:
        # A dateline: as many numbers and month names as other words.
        dateish = len(_DIGITS.findall(normalized)) + len(_MONTH_RE.findall(normalized))
        if dateish * 2 >= words:
            return 0.0
    return score
