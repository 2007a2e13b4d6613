"""Relative dates of news text ("اليوم", "أمس الخميس", "الاثنين المقبل") as days, from the publication date.

A report published on Friday 9 October says "عقد اليوم الجمعة اجتماع";
another, published later, says "في 9 أكتوبر".  With the publication date
known, the first statement is dated too, and the two share their day.

Conventions of Arabic news: a weekday alone is the last such day up to
the publication date ("الخميس" in Friday's paper is yesterday); with
المقبل / القادم it is the next one, with الماضي the previous one.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from karabakh_annotator.core.text.normalize import normalized_only

_RELATIVE = {normalized_only(word): offset for word, offset in (("اليوم", 0), ("أمس", -1), ("البارحة", -1))}
# Python's weekday numbers: Monday is 0.
_WEEKDAYS = {
    normalized_only(word): day
    for word, day in (
        ("الاثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2), ("الخميس", 3), ("الجمعة", 4), ("السبت", 5), ("الأحد", 6),
    )
}
# "الاثنين" is also "the two": a weekday only after "يوم" or before المقبل / الماضي.
_AMBIGUOUS = frozenset({normalized_only("الاثنين")})
_DAY_WORDS = frozenset(normalized_only(word) for word in ("يوم", "صباح", "مساء", "ليلة", "فجر", "ظهر"))
_NEXT = frozenset(normalized_only(word) for word in ("المقبل", "القادم"))
_PREVIOUS = frozenset(normalized_only(word) for word in ("الماضي", "المنصرم"))
# "اليوم الأول" is the first day of something, not today.
_NOT_TODAY_AFTER = frozenset(
    normalized_only(word) for word in ("الأول", "الثاني", "الثالث", "التالي", "نفسه", "ذاته", "السابق", "الموعود")
)


def _bare(form: str) -> str:
    """Without a leading و / ف (واليوم، وأمس)."""
    return form[1:] if len(form) > 3 and form[0] in "وف" else form


def date_at(forms: Sequence[str], i: int, published: datetime.date) -> datetime.date | None:
    """The day that the normalised word forms[i] names in a text published on `published`, if any."""
    form = _bare(forms[i])
    following = forms[i + 1] if i + 1 < len(forms) else ""
    if form in _RELATIVE:
        if following in _NOT_TODAY_AFTER:
            return None
        return published + datetime.timedelta(days=_RELATIVE[form])
    weekday = _WEEKDAYS.get(form)
    if weekday is None:
        return None
    before = _bare(forms[i - 1]) if i else ""
    if before in _RELATIVE:
        return None  # "اليوم الجمعة": dated by "اليوم"
    if following in _NEXT:
        return published + datetime.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if following in _PREVIOUS:
        return published - datetime.timedelta(days=(published.weekday() - weekday) % 7 or 7)
    if form in _AMBIGUOUS and before not in _DAY_WORDS:
        return None
    return published - datetime.timedelta(days=(published.weekday() - weekday) % 7)
