"""The outlet or agency credit (signature) of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import line_spans

__all__ = ["AGENCIES", "Signature", "extract_signature", "find_credits", "is_credit_line"]


@dataclass(frozen=True, slots=True)
class Signature:
    """An outlet or agency credit found in cleaned article text."""

    outlet: str  # the first credited name, e.g. "الجزيرة"
    agencies: tuple[str, ...]  # known news agencies named in the credit
    kind: str  # "source_line" | "closing_line" | "dateline"
    start: int  # span of the credit line in the text
    end: int


AGENCIES: tuple[str, ...] = (
    "وكالة الأناضول", "الأناضول", "الاناضول", "رويترز", "فرانس برس", "فرانس بريس", "أ ف ب", "ا ف ب",
    "أ.ف.ب", "أسوشيتد برس", "اسوشيتد برس", "أ ب", "د ب أ", "د.ب.أ", "سبوتنيك", "تاس", "نوفوستي",
    "ريا نوفوستي", "إنترفاكس", "انترفاكس", "شينخوا", "وام", "واس", "قنا", "كونا", "بترا", "سانا",
    "واع", "إرنا", "ارنا", "تسنيم", "أذرتاج", "اذرتاج", "أذرنيوز", "ترند", "أرمين برس",
    "آرمين برس", "وكالات",
)
_AGENCY_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True)) + r")(?!\w)"
)
_SOURCE_LINE = re.compile(r"(?m)^(?:المصدر|المصادر|مصدر الخبر|source)\s*[:：\-–]+\s*([^\n]{2,80})$", re.I)
_CLOSING_FORMS = re.compile(r"[(\[]([^()\[\]\n]{2,40})[)\]]|[-–—]\s*([^\n]{2,40})")
_DATELINE = re.compile(r"([^\n:.،]{2,30}?)\s*:\s*-\s")
_CREDIT_WORDS = re.compile(r"وكالات|وكالة|نيوز|news|agency|برس|press", re.I)
_CREDIT_SPLIT = re.compile(r"\s*(?:[+_/،,|]|\s[-–—]\s?|(?<=\S)[-–—]\s)\s*")


def is_credit_line(line: str) -> bool:
    """True when the line is a closing credit or an "المصدر:" source line."""
    return _closing_credit(line) is not None or _SOURCE_LINE.fullmatch(line) is not None


def _closing_credit(line: str) -> str | None:
    if len(line) > 50 or len(line.split()) > 6 or line[-1:] in ".،؟?!":
        return None
    form = _CLOSING_FORMS.fullmatch(line)
    if form is not None:
        return (form.group(1) or form.group(2)).strip()
    if _AGENCY_RE.search(line) or _CREDIT_WORDS.search(line):
        return line.strip()
    return None


def _signature(credit: str, kind: str, start: int, end: int) -> Signature:
    names = [part for part in _CREDIT_SPLIT.split(credit.strip(" -–—()")) if part]
    agencies = tuple(m.group() for m in _AGENCY_RE.finditer(credit))
    outlet = names[0] if names else credit.strip()
    return Signature(outlet=outlet, agencies=agencies, kind=kind, start=start, end=end)


def find_credits(text: str) -> tuple[Signature, ...]:
    """All outlet/agency credits: source lines, closing lines and datelines."""
    found: list[Signature] = []
    for m in _SOURCE_LINE.finditer(text):
        found.append(_signature(m.group(1), "source_line", m.start(), m.end()))
    spans = [s for s in line_spans(text) if s[1] > s[0]]
    for a, b in spans[-3:]:
        line = text[a:b]
        if _SOURCE_LINE.fullmatch(line):
            continue
        credit = _closing_credit(line)
        if credit is not None:
            found.append(_signature(credit, "closing_line", a, b))
    for a, b in spans[:6]:
        dateline = _DATELINE.match(text, a, b)
        if dateline is not None and len(dateline.group(1).split()) <= 4:
            found.append(_signature(dateline.group(1), "dateline", a, dateline.end(1)))
            break
    return tuple(found)


def extract_signature(text: str) -> Signature | None:
    """The most explicit credit: an "المصدر:" line, else a closing line, else a dateline."""
    credits = find_credits(text)
    return credits[0] if credits else None
