"""Synonym families of general news vocabulary, so that reworded statements share terms.

Outlets report one fact with different verbs (حررت / سيطرت / استعادت),
a verb or its noun (ينسحب / الانسحاب, تتواصل / مواصلة / مستمرة), a
singular or a broken plural (منطقة / مناطق / قرى), or a capital for its
country (واشنطن / الولايات المتحدة).  Each word of a family becomes one
term (FAMILY_MARK + the family's name), so the rewordings meet; a capital
becomes the term of its country's name.

Entries are written in ordinary spelling, as the perfect verb or the
noun, and reduced here with the rules the statements go through
(matching_words.strip_suffixes); a word of a statement is looked up with
lemma_candidates, so imperfect forms, participles and verbal nouns of a
listed verb (تسيطر، مستمرة، انسحاب) find it without being listed.
"""

from __future__ import annotations

from karabakh_annotator.core.analysis.matching_words import ARTICLE_PREFIXES, FAMILY_MARK, strip_suffixes
from karabakh_annotator.core.text.normalize import normalized_only


def stem_of(word: str) -> str:
    """The term a list word gets in a statement: normalised, article off, one suffix off."""
    form = normalized_only(word)
    for prefix in ARTICLE_PREFIXES:
        if form.startswith(prefix) and len(form) - len(prefix) >= 2:
            form = form[len(prefix) :]
            break
    return strip_suffixes(form)


def _lemmas(word: str) -> tuple[str, ...]:
    """A list word as looked up: its stem, and, when it starts with ال, its stem with the ال kept
    (التقى is a verb, not ال + تقى: its imperfect تلتقي has the ل)."""
    form = normalized_only(word)
    return (stem_of(word), strip_suffixes(form)) if form.startswith("ال") else (stem_of(word),)


# Each family: its name and its words.  What some of them say of an
# outcome or of how a side is doing is told below.
_FAMILIES: tuple[tuple[str, str], ...] = (
    # Military actions and their outcomes.
    ("take", "حرر تحرير سيطر سيطرة استعاد استعادة استولى استيلاء اقتحم اقتحام"),
    ("retreat", "انسحب انسحاب تراجع خسر تقهقر"),
    ("repel", "صد صدت يصد تصد تصدى التصدي أحبط إحباط دحر اندحر"),
    ("strike", "قصف استهدف استهداف ضرب ضربة غارة غارات"),
    ("attack", "هاجم هجوم هجمات اعتداء اعتداءات اعتدى"),
    ("kill", "قتل مقتل قتلى قتيل"),
    ("wound", "أصيب إصابة إصابات جرحى جريح"),
    ("clash", "اشتباك اشتباكات اشتبك معركة معارك قتال"),
    ("occupy", "احتل احتلال محتل"),
    # Diplomacy.
    ("agree", "اتفق اتفاق اتفاقية اتفاقيات"),
    ("talks", "اجتمع اجتماع التقى لقاء لقاءات بحث مباحثات محادثات مفاوضات تفاوض"),
    ("call", "دعا دعت يدعو تدعو دعوة دعوات طالب مطالبة ناشد حث يحث مبادرة"),
    # Course of events.
    ("continue", "استمر استمرار واصل مواصلة تواصل زال يزال تزال برح"),
    ("advance", "تقدم إنجاز إنجازات انتصار انتصارات مكاسب"),
    ("decline", "انخفاض تدهور انهيار هزيمة انهزم"),
    # Nouns that reports use for one another.
    ("territory", "منطقة مناطق أرض أراضي قرية قرى"),
    ("front", "جبهة جبهات محور محاور"),
    # مدني stems as مدن, "cities": shelled cities and civilian areas are one accusation.
    ("civilian", "مدني مدنية مدنيين سكني سكنية سكاني سكانية مأهول مأهولة"),
    ("forces", "جيش جيوش قوات"),
)

FAMILIES: dict[str, str] = {
    lemma: FAMILY_MARK + name for name, words in _FAMILIES for word in words.split() for lemma in _lemmas(word)
}

# Two-word expressions, each as its two words (matching_forms.py turns them
# into the terms those words get): the front line, a country's long name.
TWO_WORD_TERMS: tuple[tuple[str, str, str], ...] = (
    *((line, of, FAMILY_MARK + "front") for line in ("خط", "خطوط") for of in ("المواجهة", "التماس", "الجبهة", "الاشتباك")),
    ("الولايات", "المتحدة", "أمريكا"),
    ("البيت", "الأبيض", "أمريكا"),
)

# What a family says about the outcome of a military action (contradictions.py):
# "gain" a place taken, "repel" an attack stopped, "loss" people or equipment lost.
FAMILY_OUTCOMES: dict[str, str] = {
    FAMILY_MARK + "take": "gain",
    FAMILY_MARK + "retreat": "repel",
    FAMILY_MARK + "repel": "repel",
    FAMILY_MARK + "kill": "loss",
    FAMILY_MARK + "wound": "loss",
}
# How a side is doing: a side's claim that it advances, achieves, wins
# ("up"), or the other side's that it falls back, declines, is defeated
# ("down").  Withdrawing from one place is an outcome, not a trend.
TRENDS: dict[str, str] = {
    **{lemma: "up" for word in "تقدم إنجاز إنجازات انتصار انتصارات مكاسب".split() for lemma in _lemmas(word)},
    **{lemma: "down" for word in "تراجع انخفاض تدهور انهيار هزيمة انهزم".split() for lemma in _lemmas(word)},
}

# Countries of the region and the powers that mediate, and how news names
# their governments: the capital, the seat of government.
_COUNTRIES: tuple[tuple[str, str], ...] = (
    ("أذربيجان", "باكو"),
    ("أرمينيا", "يريفان"),
    ("روسيا", "موسكو الكرملين"),
    ("تركيا", "أنقرة"),
    ("إيران", "طهران"),
    ("فرنسا", "باريس الإليزيه"),
    ("أمريكا", "واشنطن"),
    ("بريطانيا", "لندن"),
    ("جورجيا", "تبليسي"),
    ("أوكرانيا", "كييف"),
    ("الصين", "بكين"),
)
COUNTRIES: tuple[str, ...] = tuple(country for country, _ in _COUNTRIES)
CAPITALS: dict[str, str] = {
    stem_of(capital): stem_of(country) for country, capitals in _COUNTRIES for capital in capitals.split()
}
