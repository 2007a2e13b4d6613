"""The Arabic reporting-cue lexicon and the cue finder.

A cue is the word (or fixed phrase) through which an article attributes a
statement: a reporting verb (قال، أكد، نفى), its participle used as a
continuation (مشيرا، مؤكدة), a prepositional source (بحسب، نقلا عن) or an
anonymous-source noun (مصدر، مصادر).  Each lemma belongs to one of the cue
classes of the design (the `cue_class` label keys of core/labels.py), which
also fixes the reporting stance the cue implies.

The lexicon is written in ordinary spelling and matched on text normalised
by core/text/normalize.py, so hamza, alef maqsura, tanwin ("قائلًا") and
tatweel variants all match without listing them.  Every form may carry the
conjunction prefixes و or ف.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cache

from karabakh_annotator.core.text.normalize import normalize_for_search, normalized_only
from karabakh_annotator.core.analysis.cue_trie import trie_pattern

__all__ = [
    "Cue",
    "CueClass",
    "CueLemma",
    "find_cues",
    "find_normalized_cues",
    "is_prefixed",
    "lemma_info",
    "stance_for",
]


class CueClass(enum.StrEnum):
    """How a cue attributes; values are the cue_class label keys."""

    SAYING = "saying"
    ASSERTING = "asserting"
    ANNOUNCING = "announcing"
    DENYING = "denying"
    DISTANCING = "distancing"
    PREPOSITIONAL = "prepositional"
    ANONYMOUS = "anonymous"


def stance_for(cue_class: CueClass | None) -> str:
    """The reporting_stance label key a cue class implies (None: the outlet's own voice)."""
    if cue_class is None:
        return "asserts"
    if cue_class is CueClass.DENYING:
        return "refutes"
    if cue_class is CueClass.DISTANCING:
        return "distances"
    return "reports"


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue found in a text."""

    start: int  # the cue word(s) as written, with its prefixes
    end: int
    surface: str  # text[start:end]
    lemma: str  # base form: "قال" for وقالت / قائلا
    cue_class: CueClass
    form: str  # "verb" | "participle" | "preposition" | "noun"


@dataclass(frozen=True, slots=True)
class CueLemma:
    """What the attribution parser needs to know about a lemma besides its class.

    `markers` are the (normalised) prepositions that introduce the reported
    content after the speaker: أشار إلى، شدد على، كشف عن، طالب بـ.  A
    complementiser (أن/إن), a colon or a quotation always may.
    `direct_object`: the content may follow the speaker with no marker at all
    (أكد تدمير، نفى قصف).  `strict`: the surface is also an everyday word
    (بيّن "between", عبر "via", طالب "student"), so it only counts as a cue
    when a complementiser or one of its markers follows within a short
    speaker phrase.
    """

    lemma: str
    cue_class: CueClass
    markers: tuple[str, ...] = ()
    direct_object: bool = False
    strict: bool = False


# lemma, class, markers, direct object, strict, finite forms, participles.
# Present-tense forms are listed only where they report (يقول، تؤكد); the
# impersonal "يذكر أن / يشار إلى أن" introduce the outlet's own background
# and are deliberately absent.
_VERBS: tuple[tuple[str, CueClass, str, bool, bool, str, str], ...] = (
    ("قال", CueClass.SAYING, "", False, False, "قال قالت قالوا قالا قالتا يقول تقول يقولون", "قائلا قائلة قائلين"),
    ("أضاف", CueClass.SAYING, "", False, False, "أضاف أضافت أضافوا أضافا يضيف تضيف", "مضيفا مضيفة مضيفين"),
    ("أوضح", CueClass.SAYING, "", False, False, "أوضح أوضحت أوضحوا يوضح توضح", "موضحا موضحة موضحين"),
    ("أشار", CueClass.SAYING, "إلى", False, False, "أشار أشارت أشاروا يشير تشير", "مشيرا مشيرة مشيرين"),
    ("ذكر", CueClass.SAYING, "", False, False, "ذكر ذكرت ذكروا", ""),
    ("تابع", CueClass.SAYING, "", False, True, "تابع تابعت", ""),
    ("أردف", CueClass.SAYING, "", False, False, "أردف أردفت", "مردفا مردفة"),
    ("لفت", CueClass.SAYING, "إلى على", False, True, "لفت لفتت", "لافتا لافتة"),
    ("بيّن", CueClass.SAYING, "", False, True, "بين بينت", "مبينا مبينة"),
    ("نوّه", CueClass.SAYING, "إلى ب", False, False, "نوه نوهت", "منوها منوهة"),
    ("أعرب", CueClass.SAYING, "عن", False, True, "أعرب أعربت أعربوا", "معربا معربة"),
    ("عبّر", CueClass.SAYING, "عن", False, True, "عبر عبرت عبروا", "معبرا معبرة"),
    ("دعا", CueClass.SAYING, "إلى ل", False, True, "دعا دعت دعوا يدعو تدعو", "داعيا داعية"),
    ("طالب", CueClass.SAYING, "ب", False, True, "طالب طالبت طالبوا يطالب تطالب", "مطالبا مطالبة"),
    ("حذّر", CueClass.SAYING, "من", False, True, "حذر حذرت حذروا يحذر تحذر", "محذرا محذرة"),
    # "أطلع الوزير نظيره على ...": briefed his counterpart on.
    ("أطلع", CueClass.SAYING, "على", False, True, "أطلع أطلعت", "مطلعا مطلعة"),
    ("أكد", CueClass.ASSERTING, "على", True, False, "أكد أكدت أكدوا أكدا يؤكد تؤكد يؤكدون", "مؤكدا مؤكدة مؤكدين"),
    ("شدد", CueClass.ASSERTING, "على", False, False, "شدد شددت شددوا يشدد تشدد", "مشددا مشددة"),
    ("أصر", CueClass.ASSERTING, "على", False, True, "أصر أصرت", ""),
    ("اتهم", CueClass.ASSERTING, "", True, False, "اتهم اتهمت اتهموا يتهم تتهم", "متهما متهمة"),
    ("أعلن", CueClass.ANNOUNCING, "عن", True, False, "أعلن أعلنت أعلنوا يعلن تعلن", "معلنا معلنة"),
    ("صرّح", CueClass.ANNOUNCING, "ب", False, False, "صرح صرحت يصرح تصرح", "مصرحا مصرحة"),
    ("كشف", CueClass.ANNOUNCING, "عن", False, False, "كشف كشفت كشفوا يكشف تكشف", "كاشفا كاشفة"),
    # The participles مفيدا/مفيدة mostly mean "useful": left out.
    ("أفاد", CueClass.ANNOUNCING, "ب", False, False, "أفاد أفادت أفادوا يفيد تفيد أفيد", ""),
    ("أورد", CueClass.ANNOUNCING, "", False, False, "أورد أوردت", ""),
    ("نفى", CueClass.DENYING, "", True, False, "نفى نفت نفوا ينفي تنفي", "نافيا نافية"),
    ("كذّب", CueClass.DENYING, "", True, False, "كذب كذبت", "مكذبا مكذبة"),
    ("فنّد", CueClass.DENYING, "", True, False, "فند فندت", "مفندا مفندة"),
    ("دحض", CueClass.DENYING, "", True, False, "دحض دحضت", ""),
    ("زعم", CueClass.DISTANCING, "", False, False, "زعم زعمت زعموا يزعم تزعم", "زاعما زاعمة"),
    ("ادعى", CueClass.DISTANCING, "", False, False, "ادعى ادعت ادعوا يدعي تدعي", "مدعيا مدعية"),
    ("اعتبر", CueClass.DISTANCING, "", True, False, "اعتبر اعتبرت اعتبروا يعتبر تعتبر", "معتبرا معتبرة"),
    ("رجّح", CueClass.DISTANCING, "", True, False, "رجح رجحت يرجح ترجح", "مرجحا مرجحة"),
    ("رأى", CueClass.DISTANCING, "", False, True, "رأى رأت رأوا يرى ترى", ""),
    # "نقل X عن Y أن": X relays, Y speaks; عن introduces the source.
    ("نقل", CueClass.PREPOSITIONAL, "", False, True, "نقل نقلت نقلوا ينقل", ""),
    # Impersonal: "وجاء في البيان أن"، "وورد في التقرير".
    ("جاء", CueClass.SAYING, "", False, True, "جاء ورد", ""),
)

# Prepositional cues: surface phrase (words separated by spaces), lemma.
# "وفقا" and "طبقا" need a following ل-word and "وفق" a following ما
# (bare "وفق خطة" means "according to plan"); the parser checks that.
_PREPOSITIONS: tuple[tuple[str, str], ...] = (
    ("بحسب", "بحسب"),
    ("حسب", "حسب"),
    ("وفقا", "وفقا لـ"),
    ("طبقا", "طبقا لـ"),
    ("وفق ما", "وفق ما"),
    ("نقلا عن", "نقلا عن"),
    ("على لسان", "على لسان"),
    ("استنادا إلى", "استنادا إلى"),
)
_NOUNS: tuple[tuple[str, str], ...] = (("مصدر مصدرا مصدران مصادر", "مصدر"),)

# normalised surface (without prefix) -> (lemma, form)
_SURFACES: dict[str, tuple[str, str]] = {}
_LEMMAS: dict[str, CueLemma] = {}


def _register() -> None:
    for lemma, cls, markers, direct, strict, finite, participles in _VERBS:
        _LEMMAS[lemma] = CueLemma(
            lemma, cls, tuple(normalized_only(m) for m in markers.split()), direct, strict
        )
        for word in finite.split():
            _SURFACES.setdefault(normalized_only(word), (lemma, "verb"))
        for word in participles.split():
            _SURFACES.setdefault(normalized_only(word), (lemma, "participle"))
    for phrase, lemma in _PREPOSITIONS:
        _LEMMAS[lemma] = CueLemma(lemma, CueClass.PREPOSITIONAL)
        _SURFACES[normalized_only(phrase)] = (lemma, "preposition")
    for words, lemma in _NOUNS:
        _LEMMAS[lemma] = CueLemma(lemma, CueClass.ANONYMOUS)
        for word in words.split():
            _SURFACES[normalized_only(word)] = (lemma, "noun")


_register()


def _build_pattern() -> re.Pattern[str]:
    # Phrases match with any run of spaces between their words.  The
    # prefixed forms are spelled out in the trie rather than matched by an
    # optional [وف] group, and the word boundaries are \b: both keep the
    # regex engine's fast scan for a possible first letter (three times
    # faster than lookarounds on a 1,500-character article).
    words = [surface.replace(" ", "\u0001") for surface in _SURFACES]
    words += [prefix + word for prefix in "وف" for word in words]
    body = trie_pattern(words).replace("\u0001", " +")
    return re.compile(f"\\b(?:{body})\\b")


_PATTERN = _build_pattern()
_SPACES = re.compile(" +")
_COMPLEMENTISER = r"[بوف]?ان(?:ه|ها|هم|هما|نا|ني)?"
# أن after these is a conjunction (إلا أن، رغم أن، بعد أن), not a report's.
_NOT_AFTER = "".join(
    f"(?<!{normalized_only(w)} )" for w in "إلا غير رغم برغم بعد قبل منذ دون بدون يجب ينبغي يمكن بد حتى".split()
)


def _confirmation(info: CueLemma) -> re.Pattern[str]:
    """What must follow a strict cue within eight words: its marker, or أن/إن, a colon, a quotation.

    For نقل, عن may: it introduces the original source of a relayed report
    ("نقل مراسل الجزيرة عن المتحدث ... أن").
    """
    if info.lemma == "جاء":
        # Impersonal "وجاء في البيان"، "وجاء ذلك في مؤتمر": only these frames.
        return re.compile(" +(?:في|ذلك|هذا|هذه)(?!\\w)")
    # A verb with its own preposition (عبّر عن، طالب بـ، دعا إلى) needs
    # that preposition: "عبر بيان ... إنه" is "via a statement".
    words = [m for m in info.markers if len(m) > 1] + (["عن"] if info.lemma == "نقل" else [])
    prefixes = "".join(m for m in info.markers if len(m) == 1)
    alternatives = words + ([f"[{prefixes}]\\w+"] if prefixes else [])
    direct = ""
    if not info.markers:
        alternatives.append(_NOT_AFTER + _COMPLEMENTISER)
        direct = ':|[\"«“]|'
    return re.compile(
        "(?: *[،,]? +[^\\s:،,.\"«“]+){0,8}? *[،,]? *"
        "(?:" + direct + "(?<![^\\s،,])(?:" + "|".join(alternatives) + ")(?!\\w))"
    )


_CONFIRM: dict[str, re.Pattern[str]] = {
    lemma: _confirmation(info) for lemma, info in _LEMMAS.items() if info.strict
}


@cache
def _is_prefixed_surface(surface: str) -> bool:
    return _SPACES.sub(" ", normalized_only(surface)) not in _SURFACES


def is_prefixed(cue: Cue) -> bool:
    """Whether the cue carries the conjunction و or ف (وقال، فأكد), so it opens a clause."""
    return _is_prefixed_surface(cue.surface)


def lemma_info(lemma: str) -> CueLemma:
    """The lexicon entry of a cue lemma (as given in Cue.lemma)."""
    return _LEMMAS[lemma]


@cache
def _lookup(matched: str) -> tuple[str, str] | None:
    """The lemma and form of a matched surface, with or without its و/ف prefix."""
    word = _SPACES.sub(" ", matched)
    found = _SURFACES.get(word)
    if found is None and word[:1] in "وف":
        found = _SURFACES.get(word[1:])
    return found


def find_normalized_cues(normalized: str) -> list[Cue]:
    """Cues in text already normalised by normalize_for_search; offsets into that text."""
    found: list[Cue] = []
    for m in _PATTERN.finditer(normalized):
        entry = _lookup(m.group())
        if entry is None:
            continue
        lemma, form = entry
        confirm = _CONFIRM.get(lemma)
        if confirm is not None and confirm.match(normalized, m.end()) is None:
            continue
        found.append(Cue(m.start(), m.end(), m.group(), lemma, _LEMMAS[lemma].cue_class, form))
    return found


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Reporting cues in text[start:end], in order, with offsets into `text`."""
    part = text[start:end]
    nt = normalize_for_search(part)
    aligned = len(nt.text) == len(part)
    cues: list[Cue] = []
    for cue in find_normalized_cues(nt.text):
        s, e = (cue.start, cue.end) if aligned else nt.span_to_original(cue.start, cue.end)
        cues.append(Cue(start + s, start + e, text[start + s : start + e], cue.lemma, cue.cue_class, cue.form))
    return cues
