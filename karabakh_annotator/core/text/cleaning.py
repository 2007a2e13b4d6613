"""Clean scraped Arabic news text, reporting every removal with raw offsets.

The pipeline is a sequence of pure steps. Each step looks at the current text
and proposes edits (delete or replace a span); applying them also updates an
offset map, so every character of the cleaned text can be traced back to the
raw input (statements are anchored on the cleaned text, provenance on the raw
one). Boilerplate rules are data tables: add a row to handle a new site.

Line rules only ever match a *whole* short line, never words inside a
sentence, so an article sentence that mentions "تعليق" or "شعار" survives.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "CleanResult",
    "CleanStep",
    "LineRule",
    "OffsetMap",
    "PhraseRule",
    "RemovedSpan",
    "Signature",
    "clean_article_text",
    "extract_signature",
    "find_credits",
    "guess_title",
]


# --------------------------------------------------------------------------
# Result types


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A span of the raw input that a step removed or replaced."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanStep:
    """One pipeline step and what it removed."""

    name: str
    removed: tuple[RemovedSpan, ...]


_COPY, _REPLACE, _JOIN = 0, 1, 2
# (clean_start, clean_end, raw_start, raw_end, kind); COPY segments map one to
# one, REPLACE/JOIN segments map as a whole onto their raw span.
_Segment = tuple[int, int, int, int, int]


class OffsetMap:
    """Maps offsets in the cleaned text back to offsets in the raw text."""

    __slots__ = ("_segments", "_starts", "_raw_len")

    def __init__(self, segments: Sequence[_Segment], raw_len: int) -> None:
        self._segments: tuple[_Segment, ...] = tuple(segments)
        self._starts: tuple[int, ...] = tuple(s[0] for s in self._segments)
        self._raw_len = raw_len

    def _segment(self, index: int) -> _Segment:
        end = self._segments[-1][1] if self._segments else 0
        if not 0 <= index < end:
            raise IndexError(f"cleaned offset {index} out of range 0..{end - 1}")
        return self._segments[bisect_right(self._starts, index) - 1]

    def to_raw(self, index: int) -> int:
        """Raw offset of the character at cleaned offset ``index``."""
        c0, _, r0, _, kind = self._segment(index)
        return r0 + index - c0 if kind == _COPY else r0

    def raw_extent(self, index: int) -> tuple[int, int]:
        """Raw span the cleaned character at ``index`` was produced from."""
        c0, _, r0, r1, kind = self._segment(index)
        if kind == _COPY:
            return r0 + index - c0, r0 + index - c0 + 1
        return r0, r1

    def is_joined(self, index: int) -> bool:
        """True when the character is a space inserted to re-join a wrapped line."""
        return self._segment(index)[4] == _JOIN

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the cleaned span ``[start, end)``."""
        if start >= end:
            raw = self.to_raw(start) if self._segments and start < self._segments[-1][1] else self._raw_len
            return raw, raw
        return self.raw_extent(start)[0], self.raw_extent(end - 1)[1]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Cleaned text (NFC, ``\\n`` line ends), the steps taken and an offset map."""

    text: str
    steps: tuple[CleanStep, ...]
    offsets: OffsetMap

    def to_raw(self, index: int) -> int:
        """Raw offset of the cleaned character at ``index``."""
        return self.offsets.to_raw(index)

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the cleaned span ``[start, end)``."""
        return self.offsets.to_raw_span(start, end)

    def is_joined(self, index: int) -> bool:
        """True when the cleaned character was inserted to join wrapped lines."""
        return self.offsets.is_joined(index)

    @property
    def removed(self) -> tuple[RemovedSpan, ...]:
        """Everything removed, over all steps, in step order."""
        return tuple(span for step in self.steps for span in step.removed)


# --------------------------------------------------------------------------
# Edits and their application


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    replacement: str
    reason: str
    joined: bool = False


def _apply(
    text: str, segments: list[_Segment], raw: str, edits: Sequence[_Edit]
) -> tuple[str, list[_Segment], list[RemovedSpan]]:
    starts = [s[0] for s in segments]
    pieces: list[str] = []
    out: list[_Segment] = []
    removed: list[RemovedSpan] = []
    pos = 0
    new_len = 0

    def raw_start(i: int) -> int:
        c0, _, r0, _, kind = segments[bisect_right(starts, i) - 1]
        return r0 + i - c0 if kind == _COPY else r0

    def raw_end(i: int) -> int:
        c0, _, r0, r1, kind = segments[bisect_right(starts, i - 1) - 1]
        return r0 + i - c0 if kind == _COPY else r1

    def push(seg: _Segment) -> None:
        if out:
            c0, c1, r0, r1, kind = out[-1]
            if kind == _COPY == seg[4] and c1 == seg[0] and r1 == seg[2]:
                out[-1] = (c0, seg[1], r0, seg[3], _COPY)
                return
        out.append(seg)

    def keep(a: int, b: int) -> None:
        nonlocal new_len
        if a >= b:
            return
        pieces.append(text[a:b])
        k = bisect_right(starts, a) - 1
        shift = new_len - a
        while a < b:
            c0, c1, r0, r1, kind = segments[k]
            hi = min(c1, b)
            if kind == _COPY:
                push((a + shift, hi + shift, r0 + a - c0, r0 + hi - c0, _COPY))
            else:
                push((a + shift, hi + shift, r0, r1, kind))
            a = hi
            k += 1
        new_len = b + shift

    for edit in edits:
        keep(pos, edit.start)
        r0, r1 = raw_start(edit.start), raw_end(edit.end)
        removed.append(RemovedSpan(r0, r1, raw[r0:r1], edit.reason))
        if edit.replacement:
            pieces.append(edit.replacement)
            kind = _JOIN if edit.joined else _REPLACE
            push((new_len, new_len + len(edit.replacement), r0, r1, kind))
            new_len += len(edit.replacement)
        pos = edit.end
    keep(pos, len(text))
    return "".join(pieces), out, removed


# --------------------------------------------------------------------------
# Character-level steps


def _nfc_edits(text: str) -> list[_Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    edits: list[_Edit] = []
    line_start = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            edits.extend(_nfc_line_edits(line, line_start))
        line_start += len(line) + 1
    return edits


def _nfc_line_edits(line: str, offset: int) -> list[_Edit]:
    # Compose per cluster (a starter and its combining marks) so that only the
    # few changed characters lose their one-to-one mapping to the raw text.
    bounds = [i for i, ch in enumerate(line) if i == 0 or unicodedata.combining(ch) == 0]
    bounds.append(len(line))
    edits: list[_Edit] = []
    composed: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        cluster = line[a:b]
        nfc = unicodedata.normalize("NFC", cluster)
        composed.append(nfc)
        if nfc != cluster:
            edits.append(_Edit(offset + a, offset + b, nfc, "Unicode NFC composition"))
    if "".join(composed) != unicodedata.normalize("NFC", line):
        # Compositions across starters (Hangul jamo): treat the line as one unit.
        return [_Edit(offset, offset + len(line), unicodedata.normalize("NFC", line),
                      "Unicode NFC composition")]
    return edits


_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")


def _line_end_edits(text: str) -> list[_Edit]:
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return []
    edits: list[_Edit] = []
    for m in _LINE_BREAKS.finditer(text):
        if m.group() == "\r\n":
            edits.append(_Edit(m.start(), m.start() + 1, "", "CRLF line end"))
        else:
            edits.append(_Edit(m.start(), m.end(), "\n", "non-LF line break"))
    return edits


_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
# Bidi marks, embeddings/overrides/isolates, zero-width space, word joiner,
# BOM and soft hyphen are invisible and split words for search. ZWNJ between
# two Arabic-script letters shapes Persian/Urdu/Kurdish names, so it stays;
# elsewhere it is debris. ZWJ stays only inside emoji sequences.
# Every alternative starts with the literal character so the scan is fast.
_INVISIBLE = re.compile(
    "[\u200b\u200e\u200f\u061c\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]"
    f"|\u200c(?:(?<![{_ARABIC_LETTER}\u064b-\u065f\u0670]\u200c)|(?![{_ARABIC_LETTER}]))"
    f"|\u200d(?:(?<=[\\s{_ARABIC_LETTER}\x00-\x7f]\u200d)|(?=[\\s{_ARABIC_LETTER}\x00-\x7f])|\\Z)"
    "|(?<!.)\u200d"
)
_ANY_INVISIBLE = re.compile(
    "[\u200b-\u200f\u061c\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]"
)


def _invisible_edits(text: str) -> list[_Edit]:
    if _ANY_INVISIBLE.search(text) is None:
        return []
    return [
        _Edit(m.start(), m.end(), "", f"invisible control U+{ord(m.group()):04X}")
        for m in _INVISIBLE.finditer(text)
    ]


_HSPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f]"
# Only runs that need work: two or more spaces, an exotic space, or a single
# space at a line edge. Python then decides per run; no backtracking.
_SPACE_RUNS = re.compile(
    f"{_HSPACE}{{2,}}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f]| (?=\n|\\Z)|(?<![^\n]) "
)


_EXOTIC_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f]")


def _space_edits(text: str) -> list[_Edit]:
    # Substring tests run at C speed; most clean articles skip the regex.
    if not (
        "  " in text
        or " \n" in text
        or "\n " in text
        or text.startswith(" ")
        or text.endswith(" ")
        or _EXOTIC_SPACE.search(text)
    ):
        return []
    edits: list[_Edit] = []
    n = len(text)
    for m in _SPACE_RUNS.finditer(text):
        a, b = m.span()
        if a == 0 or text[a - 1] == "\n" or b == n or text[b] == "\n":
            edits.append(_Edit(a, b, "", "space at line edge"))
        elif text[a] == " ":
            edits.append(_Edit(a + 1, b, "", "run of spaces"))
        else:
            edits.append(_Edit(a, b, " ", "non-standard or repeated space"))
    return edits


# --------------------------------------------------------------------------
# Line helpers


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _delete_line(text: str, span: tuple[int, int], reason: str) -> _Edit:
    a, b = span
    return _Edit(a, b + 1 if b < len(text) else b, "", reason)


# Characters after which a line ends a sentence (so the next line is new).
_SENTENCE_END = frozenset('.!?؟…:»"”؛')
# A line ending in one of these words or a comma was cut by a hard wrap; a
# headline or a link title never ends that way.
_DANGLING_WORDS = frozenset(
    "من في على إلى الى عن مع بين أن إن ان الذي التي الذين اللذين و ثم أو او لدى حتى "
    "منذ خلال بعد قبل عند نحو ضد عبر حول لـ بـ ما لا لم لن قد هذا هذه ذلك تلك كل أي "
    "وفق بحسب حسب إثر اثر لكن بل كما فيما بينما عن".split()
)
_LIST_ITEM = re.compile(r"(?:[-•*·▪►◄–—]|\d{1,3}[.)\-]|[(]\d{1,3}[)])\s")

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


def _ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in _SENTENCE_END


def _is_date_like(line: str) -> bool:
    if len(line) > 120 or _HAS_DIGIT.search(line) is None:
        return False
    rest = _DATE_TOKENS.sub(" ", line)
    return sum(1 for word in rest.split() if any(ch.isalpha() for ch in word)) <= 3


def _is_headline_like(line: str, max_words: int = 25) -> bool:
    """Short, no full stop or comma at the end, not cut off mid-phrase."""
    words = line.split()
    if not 2 <= len(words) <= max_words or len(line) > 220:
        return False
    if line[-1] in ".،,؛;:":
        return False
    return words[-1] not in _DANGLING_WORDS


# --------------------------------------------------------------------------
# Boilerplate rules (data). Each pattern must match a whole line, so it can
# never cut words out of an article sentence; patterns use (?:...) only.


@dataclass(frozen=True, slots=True)
class LineRule:
    """A whole-line pattern and why such a line is debris."""

    reason: str
    pattern: str


_ALSO = r"(?:أيضا|أيضاً|أيضًا|ايضا|ايضاً|ايضًا|إيضا)"
_READ = r"(?:اقرأ|اقرا|إقرأ|إقرا|أقرأ)"
_SOCIAL = (
    r"(?:فيسبوك|فيس بوك|تويتر|إكس|اكس|واتساب|واتس اب|واتس آب|تلغرام|تليغرام|تيليجرام|"
    r"تلجرام|لينكد ?إن|لينكدإن|يوتيوب|إنستغرام|انستغرام|انستجرام|تيك توك|"
    r"(?i:facebook|twitter|x|whatsapp|telegram|linkedin|youtube|instagram|tiktok|email|e-mail))"
)
_SHARE_TOKEN = (
    rf"(?:شارك(?: المقال| الخبر| هذا المقال| هذا الخبر)?(?: على| عبر)?|مشاركة(?: الخبر| المقال)?(?: على| عبر)?"
    rf"|انشر|طباعة|اطبع|نسخ الرابط|انسخ الرابط|أرسل|ارسل|إرسال|البريد الإلكتروني|حفظ|(?i:share|print)|{_SOCIAL})"
)
_SEP = r"[\s|•·/،,:\-–]"

# Lines that end the article and start a list of links to other stories.
BLOCK_HEADERS: tuple[LineRule, ...] = (
    LineRule("related-links list", rf"{_READ} {_ALSO}|شاهد {_ALSO}|طالع {_ALSO}"),
    LineRule("related-links list", r"مواضيع ساخنة(?: أخرى| اخرى)?|أخبار ساخنة|اخبار ساخنة"),
    LineRule(
        "related-links list",
        r"(?:أخبار|اخبار|مواضيع|موضوعات|مقالات|روابط|قصص)"
        r" (?:ذات صلة|ذات علاقة|متعلقة|مشابهة|مقترحة|مرتبطة|قد تهمك|أخرى|اخرى)",
    ),
    LineRule("related-links list", r"(?:الأكثر|الاكثر) (?:قراءة|قراءةً|مشاهدة|تداولا|تداولاً|شعبية|تعليقا)"),
    LineRule("related-links list", r"(?:آخر|اخر|أحدث|احدث|المزيد من) (?:الأخبار|الاخبار|المقالات)|قد يهمك(?: أيضا| أيضاً)?"),
)

LINE_RULES: tuple[LineRule, ...] = (
    LineRule("related link", rf"(?:{_READ}|شاهد|طالع) (?:{_ALSO}|المزيد)\s*[:：\-–]?.+|{_READ} المزيد"),
    LineRule("comment prompt", r"(?:أضف|اضف|أكتب|اكتب|إضافة|اضافة|اترك|أترك) (?:تعليق|تعليقك|تعليقا|تعليقاً|ردا|رداً)(?: على (?:الخبر|المقال|الموضوع))?\s*[:!.]?"),
    LineRule("comment prompt", r"(?:\d+\s*)?(?:تعليق|تعليقات|التعليقات)(?:\s*[(]\d+[)])?|لا توجد تعليقات|كن أول من يعلق"),
    LineRule("share buttons", rf"{_SHARE_TOKEN}(?:{_SEP}+{_SHARE_TOKEN})*{_SEP}*"),
    LineRule(
        "newsletter prompt",
        r"(?:اشترك|إشترك|اشتركوا|اشترك الآن|سجل|سجّل|للاشتراك)[^\n]{0,120}?"
        r"(?:النشرة|نشرت|البريدية|البريد الإلكتروني|القائمة البريدية|قائمتنا)[^\n]{0,150}",
    ),
    LineRule("newsletter prompt", r"(?:النشرة|نشرتنا) (?:الإخبارية|الاخبارية|البريدية|اليومية)|اشترك الآن|اشترك"),
    LineRule("social follow prompt", rf"(?:تابعونا|تابعنا|تابعوا) (?:على|عبر)[^\n]{{0,80}}"),
    LineRule(
        "dark/light mode toggle",
        r"(?:الوضع|النمط|الثيم|المظهر) (?:الليلي|المظلم|الداكن|النهاري|الفاتح|العادي)|(?i:(?:dark|light|night) mode)",
    ),
    LineRule("logo alt text", r"(?:(?i:logo)|شعار)(?:\s+[^\s.!?؟…]+){0,4}"),
    LineRule("cookie notice", r"موافق|أوافق|اوافق|قبول|قبول الكل|رفض|(?i:accept|accept all|ok)"),
    LineRule(
        "tag list",
        r"(?:مواضيع|الكلمات المفتاحية|كلمات مفتاحية|كلمات دلالية|الوسوم|وسوم|الوسم|(?i:tags))"
        r"(?:\s*[:：][^\n]{0,150})?",
    ),
)



@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A short line containing one of ``phrases`` (and of ``requires``, if given) is debris."""

    reason: str
    phrases: tuple[str, ...]
    max_words: int
    requires: tuple[str, ...] = ()


PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule(
        "copyright footer",
        ("جميع الحقوق محفوظة", "الحقوق محفوظة", "حقوق النشر محفوظة", "all rights reserved", "©", "copyright"),
        max_words=25,
    ),
    PhraseRule(
        "cookie notice",
        ("ملفات تعريف الارتباط", "الكوكيز", "ملفات كوكي", "cookies"),
        max_words=60,
        requires=("نستخدم", "يستخدم", "نستعمل", "يستعمل", "باستخدامك", "بمواصلة", "باستمرارك", "we use", "this site"),
    ),
)
_PHRASE_RES: tuple[tuple[PhraseRule, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (
        rule,
        # Matched against the lower-cased line: IGNORECASE slows Arabic down.
        re.compile("|".join(re.escape(p.lower()) for p in rule.phrases)),
        re.compile("|".join(re.escape(p.lower()) for p in rule.requires)) if rule.requires else None,
    )
    for rule in PHRASE_RULES
)


def _match_phrase_rule(line: str) -> str | None:
    words = len(line.split())
    line = line.lower()
    for rule, phrases, requires in _PHRASE_RES:
        if words <= rule.max_words and phrases.search(line) and (requires is None or requires.search(line)):
            return rule.reason
    return None


# One-line menu labels and site chrome that never stand alone in an article.
NAV_LABELS: frozenset[str] = frozenset(
    """الرئيسية|الصفحة الرئيسية|كاريكاتير|كاريكاتور|اتصل بنا|من نحن|أعلن معنا|اعلن معنا|
    سياسة الخصوصية|شروط الاستخدام|تسجيل الدخول|القائمة|القائمة الرئيسية|بحث|ابحث|إغلاق|اغلاق|
    فيديو|فيديوهات|صور|ألبوم الصور|إنفوغراف|انفوغراف|انفوجراف|بودكاست|المزيد|عاجل|
    English|Français|Menu|Home|Search|Logo""".replace("\n", "").replace(" |", "|").replace("| ", "|").split("|")
)
# Section names: debris when two or more form a menu, plausible alone.
NAV_SECTIONS: frozenset[str] = frozenset(
    """سياسة|اقتصاد|رياضة|ثقافة|فن|فنون|منوعات|تكنولوجيا|علوم|صحة|مجتمع|محليات|محلي|عربي|دولي|
    عرب وعالم|عربي ودولي|العالم|أخبار|اخبار|الأخبار|آراء|مقالات|رأي|تقارير|حوارات|سيارات|
    ثقافة وفنون|اقتصاد وأعمال|أعمال|تحقيقات|ملفات|شؤون دولية|الشرق الأوسط|مال وأعمال""".replace(
        "\n", ""
    ).replace(" |", "|").replace("| ", "|").split("|")
)


def _compile_rules(rules: Sequence[LineRule]) -> re.Pattern[str]:
    for rule in rules:
        # A capturing group would hide which rule matched (lastgroup).
        if re.compile(rule.pattern).groups:
            raise ValueError(f"rule pattern must use (?:...) groups only: {rule.pattern}")
    alternatives = "|".join(f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(rules))
    # Case-insensitivity is scoped to the Latin words with (?i:...): the
    # global flag makes every Arabic comparison several times slower.
    return re.compile(alternatives)


# One combined pattern: one regex call per line; headers come first.
_ALL_RULES: tuple[LineRule, ...] = BLOCK_HEADERS + LINE_RULES
_ALL_RULES_RE = _compile_rules(_ALL_RULES)
_MAX_RULE_LINE = 400  # longer lines are article paragraphs; skip the rule scan
_MENU_SEPARATOR = re.compile(r"[|•·/]")
_MENU_SPLIT = re.compile(r"\s*[|•·/]\s*|\s{2,}")
_RELATED_TARGET = re.compile(rf"^(?:{_READ}|شاهد|طالع) {_ALSO}\s*[:：\-–]?\s*(.+)$")


def _match_rule(line: str) -> tuple[str, bool] | None:
    """(reason, starts a related-links block) for a debris line, else None."""
    if len(line) > _MAX_RULE_LINE:
        return None
    m = _ALL_RULES_RE.fullmatch(line.rstrip(":： "))
    if m is None or m.lastgroup is None:
        return None
    index = int(m.lastgroup[1:])
    return _ALL_RULES[index].reason, index < len(BLOCK_HEADERS)


def _is_nav_line(line: str) -> tuple[bool, bool]:
    """(all items are menu labels, at least one is a never-alone label)."""
    if len(line) > 80 or (len(line) > 25 and not _MENU_SEPARATOR.search(line)):
        return False, False
    items = [item for item in _MENU_SPLIT.split(line.strip(" :")) if item]
    if not items:
        return False, False
    strong = any(item in NAV_LABELS for item in items)
    return all(item in NAV_LABELS or item in NAV_SECTIONS for item in items), strong


def _is_doubled(line: str) -> bool:
    """A link rendered as "title title" (anchor text plus title attribute)."""
    n = len(line)
    half = n // 2
    return n >= 9 and n % 2 == 1 and line[half] == " " and line[:half] == line[half + 1 :]


def _is_link_like(line: str) -> bool:
    return _is_doubled(line) or (
        len(line.split()) <= 30 and not line.endswith((".", "،", ","))
    )


def _boilerplate_edits(text: str) -> list[_Edit]:
    spans = _lines(text)
    edits: list[_Edit] = []
    related_targets: set[str] = set()
    seen_headlines: set[str] = set()
    in_block = False
    block_items = 0
    nav_run: list[tuple[int, int]] = []

    def flush_nav_run() -> None:
        if len(nav_run) >= 2:
            edits.extend(_delete_line(text, s, "navigation menu") for s in nav_run)
        nav_run.clear()

    for span in spans:
        line = text[span[0] : span[1]]
        if not line:
            flush_nav_run()
            if in_block and block_items:
                in_block = False  # a blank line after items ends the list
            continue
        if in_block:
            if _is_link_like(line):
                block_items += 1
                edits.append(_delete_line(text, span, "related-links list"))
                continue
            in_block = False
        all_nav, strong = _is_nav_line(line)
        if all_nav:
            if strong or len(_MENU_SPLIT.split(line.strip())) >= 2:
                flush_nav_run()
                edits.append(_delete_line(text, span, "navigation menu"))
            else:
                nav_run.append(span)
            continue
        flush_nav_run()
        matched = _match_rule(line)
        if matched is not None and matched[1]:
            in_block, block_items = True, 0
            edits.append(_delete_line(text, span, matched[0]))
            continue
        reason = matched[0] if matched is not None else _match_phrase_rule(line)
        if reason is None and _is_doubled(line):
            reason = "repeated link text"
        if reason is None and line in related_targets:
            reason = "repeated related link"
        if reason is None and line in seen_headlines and _is_headline_like(line):
            reason = "repeated headline"
        if reason is not None:
            target = _RELATED_TARGET.match(line)
            if target:
                related_targets.add(target.group(1).strip())
            edits.append(_delete_line(text, span, reason))
            continue
        if _is_headline_like(line):
            seen_headlines.add(line)
    flush_nav_run()
    edits.sort(key=lambda e: e.start)
    return edits


# --------------------------------------------------------------------------
# Header and footer zones: around the article body, short labels, repeats of
# the headline and trailing link titles are debris.


def _groups(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """Line indexes grouped into would-be paragraphs (a sentence end closes one)."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, (a, b) in enumerate(spans):
        line = text[a:b]
        if not line:
            if current:
                groups.append(current)
                current = []
            continue
        current.append(i)
        if _ends_sentence(line):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _is_body(text: str, spans: list[tuple[int, int]], group: list[int]) -> bool:
    last = text[spans[group[-1]][0] : spans[group[-1]][1]]
    words = sum(len(text[spans[i][0] : spans[i][1]].split()) for i in group)
    return words >= 6 and _ends_sentence(last)


_BULLET = re.compile(r"[•·▪►◄*]\s*")


def _header_footer_edits(text: str) -> list[_Edit]:
    spans = _lines(text)
    groups = _groups(text, spans)
    body = [g for g in groups if _is_body(text, spans, g)]
    if not body:
        return []  # no recognisable body: guessing the edges would be reckless
    edits = _header_edits(text, spans, body[0][0])
    edits.extend(_footer_edits(text, spans, [g for g in groups if g[0] > body[-1][-1]]))
    return edits


def _header_edits(text: str, spans: list[tuple[int, int]], first_body: int) -> list[_Edit]:
    edits: list[_Edit] = []
    title: str | None = None
    for i in range(first_body):
        a, b = spans[i]
        line = text[a:b]
        if not line or _is_date_like(line):
            continue
        bullet = _BULLET.match(line)
        bare = line[bullet.end() :] if bullet else line
        if title is None and len(bare.split()) >= 3 and _is_headline_like(bare):
            title = bare
            if bullet:
                edits.append(_Edit(a, a + bullet.end(), "", "breadcrumb bullet"))
            continue
        if title is not None and bare != title and title.startswith(bare):
            edits.append(_delete_line(text, (a, b), "truncated repeat of the headline"))
        elif title is not None and bare.startswith(title):
            edits.append(_delete_line(text, (a, b), "headline repeated with photo caption"))
        elif len(bare.split()) <= 3 and not _ends_sentence(bare):
            edits.append(_delete_line(text, (a, b), "header label (section, tag or caption)"))
    return edits


def _footer_edits(
    text: str, spans: list[tuple[int, int]], groups: list[list[int]]
) -> list[_Edit]:
    edits: list[_Edit] = []
    for n, group in enumerate(groups):
        first = text[spans[group[0]][0] : spans[group[0]][1]]
        if _credit_in_line(first) or (n == 0 and len(first.split()) <= 4):
            group = group[1:]  # the outlet or agency credit that closes the article
        lines = [text[spans[i][0] : spans[i][1]] for i in group]
        if lines and all(_is_headline_like(line) for line in lines):
            edits.extend(
                _delete_line(text, spans[i], "trailing link or caption after the article")
                for i in group
            )
    return edits


# --------------------------------------------------------------------------
# Re-joining hard-wrapped lines

_MIN_WRAPPED_LINE = 30  # shorter lines are titles, captions or menu items


def _join_edits(text: str) -> list[_Edit]:
    spans = _lines(text)
    edits: list[_Edit] = []
    first = next((i for i, (a, b) in enumerate(spans) if b > a), None)
    for i in range(len(spans) - 1):
        a, b = spans[i]
        c, d = spans[i + 1]
        if b == a or d == c:
            continue
        line, nxt = text[a:b], text[c:d]
        if _ends_sentence(line):
            continue
        # A comma or a preposition at the end means a cut, whatever the length.
        cut = line[-1] in "،," or line.rsplit(" ", 1)[-1] in _DANGLING_WORDS
        if len(line) < _MIN_WRAPPED_LINE and not cut:
            continue
        if i == first and not cut and _is_headline_like(line, max_words=15):
            continue  # the title line directly followed by the body
        if _is_date_like(line) or _is_date_like(nxt) or _LIST_ITEM.match(nxt):
            continue
        next_is_last = i + 2 >= len(spans) or spans[i + 2][0] == spans[i + 2][1]
        if next_is_last and len(nxt.split()) <= 3 and not _ends_sentence(nxt):
            continue  # a caption or label standing on its own
        edits.append(_Edit(b, c, " ", "hard-wrapped line joined", joined=True))
    return edits


_EXTRA_BLANKS = re.compile(r"\n{3,}")


def _blank_line_edits(text: str) -> list[_Edit]:
    head = len(text) - len(text.lstrip("\n"))
    tail = len(text.rstrip("\n"))
    if head == len(text):
        return [_Edit(0, len(text), "", "blank lines at the edge")]
    edits = [_Edit(0, head, "", "blank lines at the edge")] if head else []
    edits.extend(
        _Edit(m.start() + 2, m.end(), "", "extra blank lines")
        for m in _EXTRA_BLANKS.finditer(text, head, tail)
    )
    if tail < len(text):
        edits.append(_Edit(tail, len(text), "", "blank lines at the edge"))
    return edits


# --------------------------------------------------------------------------
# Pipeline

_STEPS: tuple[tuple[str, Callable[[str], list[_Edit]]], ...] = (
    # Invisible controls go before NFC: removing one can bring two combining
    # marks together, which NFC must then put in canonical order.
    ("line_ends", _line_end_edits),
    ("invisible_controls", _invisible_edits),
    ("nfc", _nfc_edits),
    ("spaces", _space_edits),
    ("boilerplate", _boilerplate_edits),
    ("header_footer", _header_footer_edits),
    ("wrapped_lines", _join_edits),
    ("blank_lines", _blank_line_edits),
)


def clean_article_text(raw: str) -> CleanResult:
    """Clean scraped article text; every removal is reported with raw offsets."""
    text = raw
    segments: list[_Segment] = [(0, len(raw), 0, len(raw), _COPY)] if raw else []
    steps: list[CleanStep] = []
    for name, step in _STEPS:
        edits = step(text) if text else []
        if edits:
            text, segments, removed = _apply(text, segments, raw, edits)
        else:
            removed = []
        steps.append(CleanStep(name=name, removed=tuple(removed)))
    return CleanResult(text=text, steps=tuple(steps), offsets=OffsetMap(segments, len(raw)))


# --------------------------------------------------------------------------
# Signature (outlet / agency credit) and title


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


def _credit_in_line(line: str) -> bool:
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
    spans = [s for s in _lines(text) if s[1] > s[0]]
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


_PHOTO_MARKER = re.compile(r"\s*(?:[(\[]\s*(?:صورة|الصورة|تصوير|صور)|(?:الصورة|صورة|تصوير)\s*[:：])")


def guess_title(cleaned_text: str) -> str | None:
    """The first line if it reads like a headline (short, no final full stop)."""
    for line in cleaned_text.split("\n")[:4]:
        line = line.strip()
        if not line or _is_date_like(line):
            continue
        marker = _PHOTO_MARKER.search(line)
        if marker is not None and marker.start() > 0:
            line = line[: marker.start()].rstrip(" -–—|")
        line = _BULLET.sub("", line, count=1) if _BULLET.match(line) else line
        if 2 <= len(line.split()) <= 25 and len(line) <= 200 and line[-1] not in ".،,؛;:":
            return line
        return None
    return None
