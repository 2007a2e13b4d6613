"""The words that surround a speaker's name: titles, roles, nationalities.

Internal to `speakers`.  Everything is written here in ordinary Arabic
spelling and normalised once (the first time it is needed) with the same
rules as the text, so a table entry reads like the news it is meant for.

A mention such as "المتحدث باسم وزارة الدفاع الأذربيجانية أنار أيوازوف" is
split into words of three sorts: role words (what the speaker is: a minister,
a ministry, a news agency, an anonymous source), affiliation words (whom the
speaker belongs to: a country named by its name, its capital or its nisba
adjective, or an organisation such as the United Nations) and everything
else, which is taken to be the name.  The words are looked up in one
dictionary of *surface forms*: each table word is expanded with the clitics
it takes in running text (و ف ب ل ال لل ...) and, for nisbas, the feminine
and plural endings, so classifying a word costs one dict lookup.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache

from karabakh_annotator.core.text.normalize import normalized_only


class Kind(enum.Enum):
    """What a non-name word says about the speaker."""

    GOVERNMENT = "government"  # وزير، رئيس، حكومة، سفير، مسؤول
    PORTFOLIO = "portfolio"  # الخارجية، الدفاع: a ministry when no head word precedes
    SPOKESPERSON = "spokesperson"  # المتحدث، الناطق
    MILITARY = "military"  # جيش، قوات، أركان، عسكري
    MEDIA = "media"  # وكالة، قناة، صحيفة، مراسل
    STATE = "state"  # رسمي، حكومي: marks state media
    ORGANISATION = "organisation"  # منظمة، بعثة، الأمين العام
    NGO = "ngo"  # منظمة غير حكومية، حقوقي
    EXPERT = "expert"  # خبير، محلل، باحث
    EYEWITNESS = "eyewitness"  # شاهد عيان، سكان
    SOCIAL = "social"  # ناشط، مدون، تغريدة
    ANONYMOUS = "anonymous"  # مصدر، مصادر
    QUALIFIER = "qualifier"  # باسم، في، الرسمي، السابق: ignored in keys
    AFFILIATION = "affiliation"  # أذربيجان، الأذري، باكو، الأمم المتحدة


# Role words by kind.  "surface=canonical" folds synonyms and feminine or
# plural forms into one key word (الناطق and المتحدثة are both متحدث).
_ROLE_WORDS: dict[Kind, str] = {
    Kind.GOVERNMENT: """
        وزير وزيرة=وزير وزيرا=وزير وزيري=وزير وزارة رئيس رئيسة=رئيس رئاسة
        حكومة حكومي=حكومة سفير سفيرة=سفير سفارة برلمان نائب نائبة=نائب نواب=نائب
        مستشار مستشارة=مستشار مساعد مبعوث مبعوثة=مبعوث مندوب مندوبة=مندوب ممثل
        ممثلة=ممثل إدارة مكتب مسؤول مسؤولة=مسؤول مسؤولون=مسؤول مسؤولين=مسؤول
        زعيم قادة=زعيم ديوان محافظ حاكم سلطات مجلس هيئة لجنة جهاز قصر رئاسي=رئاسة
        رئاسية=رئاسة
    """,
    Kind.PORTFOLIO: """
        الخارجية=خارجية خارجية الدفاع=دفاع دفاع الداخلية=داخلية داخلية العدل=عدل
        المالية=مالية الاقتصاد=اقتصاد الطاقة=طاقة الصحة=صحة الطوارئ=طوارئ الشؤون=شؤون
        شؤون الأمن=أمن أمن
    """,
    Kind.SPOKESPERSON: "متحدث متحدثة=متحدث ناطق=متحدث ناطقة=متحدث",
    Kind.MILITARY: """
        جيش قوات أركان عسكري عسكرية=عسكري جنرال عقيد ضابط قيادة قائد حرس فيلق وحدات
        دفاعات مسلحة
    """,
    Kind.MEDIA: """
        وكالة أنباء قناة صحيفة جريدة مجلة موقع تلفزيون التلفزيون=تلفزيون إذاعة مراسل
        مراسلة=مراسل شبكة إعلام إعلامي=إعلام إعلامية=إعلام صحفي صحفية=صحفي بوابة
    """,
    Kind.STATE: "رسمي رسمية=رسمي",
    Kind.ORGANISATION: "منظمة بعثة مفوضية محكمة اتحاد دولي دولية=دولي",
    Kind.NGO: "حقوقي حقوقية=حقوقي جمعية مرصد",
    Kind.EXPERT: """
        خبير خبيرة=خبير خبراء=خبير محلل محللة=محلل محللون=محلل باحث باحثة=باحث
        أستاذ أكاديمي مختص متخصص كاتب مفكر
    """,
    Kind.EYEWITNESS: """
        شاهد شهود=شاهد عيان سكان ساكن=سكان مواطن مواطنون=مواطن مواطنين=مواطن
        أهالي لاجئ=لاجئ لاجئون=لاجئ نازح نازحون=نازح
    """,
    Kind.SOCIAL: """
        ناشط ناشطة=ناشط ناشطون=ناشط ناشطين=ناشط مدون مدونون=مدون مغرد مغردون=مغرد
        حساب تغريدة منشور فيسبوك تويتر تلغرام تليغرام=تلغرام يوتيوب إنستغرام
    """,
    Kind.ANONYMOUS: "مصدر مصادر=مصدر مطلع مطلعة=مطلع مطلعون=مطلع",
    # Words that sit inside a title but say nothing about who speaks.
    Kind.QUALIFIER: """
        باسم في عن من لدى إلى العام=عام عام العامة=عام سابق سابقة=سابق حالي جديد أول
        أعلى عليا خاص خاصة=خاص كبير كبار رفيع رفيعة=رفيع المستوى=مستوى بيان تصريح
        تصريحات=تصريح غير الوطني=وطني وطني الوطنية=وطني القومي=قومي قومي
        الأوروبية=أوروبي أوروبي الأوروبي=أوروبي نظير نظيره=نظير نظيرها=نظير
        أوروبا القوقاز آسيا حسب وفقا وفق نقلا لسان
    """,
}

# Titles of two or more words that name one office.  They are matched on
# the words' bare forms (clitics and the article stripped) and stand for a
# single key word, so that "الرئيس" never matches "رئيس الوزراء".
_COMPOUNDS: tuple[tuple[str, str, Kind], ...] = (
    ("رئيس وزراء", "رئيس_الوزراء", Kind.GOVERNMENT),
    ("رئيسة وزراء", "رئيس_الوزراء", Kind.GOVERNMENT),
    ("رئيس حكومة", "رئيس_الوزراء", Kind.GOVERNMENT),
    ("أمين عام", "أمين_عام", Kind.ORGANISATION),
    ("رئيس أركان", "رئيس_الأركان", Kind.MILITARY),
    ("رئيس هيئة أركان", "رئيس_الأركان", Kind.MILITARY),
    ("مجلس أمن", "مجلس_الأمن", Kind.ORGANISATION),
    ("غير حكومية", "غير_حكومية", Kind.NGO),
    ("غير حكومي", "غير_حكومية", Kind.NGO),
    ("حقوق إنسان", "حقوق_الإنسان", Kind.NGO),
    ("شاهد عيان", "شاهد", Kind.EYEWITNESS),
    ("وسائل إعلام", "إعلام", Kind.MEDIA),
    ("مواقع تواصل", "تواصل", Kind.SOCIAL),
    ("وسائل تواصل", "تواصل", Kind.SOCIAL),
)


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A country or organisation a speaker can belong to, with its party guess."""

    key: str  # the normalised display name: what entity keys contain
    display: str
    party: str  # party_alignment label key
    is_country: bool


# name, party, other names and capitals, extra nisbas beyond the regular one.
# Parties are *guesses* for a new entity, confirmed by the analyst: the two
# belligerents, the mediators (the Minsk Group co-chairs, the OSCE, the UN,
# the EU) as neutral, everyone else unclear.
_COUNTRIES: tuple[tuple[str, str, str, str], ...] = (
    ("أذربيجان", "pro_azerbaijan", "باكو", "أذري آذري أذربيجاني"),
    ("أرمينيا", "pro_armenia", "أرمنيا يريفان أرمن", "أرمني"),
    ("آرتساخ", "pro_armenia", "أرتساخ ستيباناكيرت", "انفصالي"),
    ("روسيا", "neutral", "موسكو", ""),
    ("فرنسا", "neutral", "باريس", ""),
    ("أمريكا", "neutral", "أميركا واشنطن", "أميركي"),
    ("تركيا", "unclear", "أنقرة", ""),
    ("إيران", "unclear", "طهران", ""),
    ("جورجيا", "unclear", "تبليسي", ""),
    ("سلوفاكيا", "unclear", "براتيسلافا", ""),
    ("ألمانيا", "unclear", "برلين", ""),
    ("بريطانيا", "unclear", "لندن", ""),
    ("إيطاليا", "unclear", "روما", ""),
    ("الصين", "unclear", "بكين", ""),
    ("باكستان", "unclear", "", ""),
    ("إسرائيل", "unclear", "", ""),
    ("أوكرانيا", "unclear", "كييف", ""),
    ("كازاخستان", "unclear", "", ""),
    ("الهند", "unclear", "نيودلهي", ""),
    ("مصر", "unclear", "القاهرة", ""),
    ("السعودية", "unclear", "الرياض", "سعودي"),
    ("الإمارات", "unclear", "أبوظبي", "إماراتي"),
    ("قطر", "unclear", "الدوحة", ""),
    ("سوريا", "unclear", "دمشق", ""),
    ("لبنان", "unclear", "بيروت", ""),
    ("العراق", "unclear", "بغداد", ""),
    ("الأردن", "unclear", "عمان", ""),
    ("اليونان", "unclear", "أثينا", "يوناني"),
    ("قبرص", "unclear", "نيقوسيا", ""),
    ("كندا", "unclear", "أوتاوا", ""),
)
# Multi-word names of countries and organisations, matched on bare words.
_ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("الأمم المتحدة", "neutral", "أمم متحدة"),
    ("مجموعة مينسك", "neutral", "مجموعة مينسك"),
    ("منظمة الأمن والتعاون", "neutral", "منظمة أمن تعاون"),
    ("الاتحاد الأوروبي", "neutral", "اتحاد أوروبي"),
    ("حلف الناتو", "unclear", "ناتو|حلف شمال أطلسي"),
    ("الصليب الأحمر", "neutral", "صليب أحمر|هلال أحمر"),
)
_COUNTRY_PHRASES: tuple[tuple[str, str], ...] = (
    ("أمريكا", "ولايات متحدة"),
    ("روسيا", "اتحاد روسي"),
)

# Clitics a word takes in running text: conjunctions, prepositions, the
# article, and their combinations (لل = ل + ال).
_PREFIXES_DEFINITE = ("", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال")
_PREFIXES_BARE = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
# Endings of a nisba adjective: feminine, plural, dual.
_NISBA_SUFFIXES = ("", "ه", "ين", "ون", "يين", "يون", "ان")


@dataclass(frozen=True, slots=True)
class Word:
    """A known surface form: its bare key word, its kind, its affiliation."""

    bare: str
    kind: Kind
    affiliation: Affiliation | None = None
    # Length of the clitics in front of the word, so that a proposed name
    # can start after "و" in "ووزارة الدفاع".
    prefix_len: int = 0
    derived: bool = False  # the form has a clitic or the article added


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Surface forms and phrases, built once from the tables above."""

    surface: dict[str, Word]
    # bare-word tuple -> the key word, kind and affiliation it stands for
    phrases: dict[tuple[str, ...], Word]
    max_phrase: int
    # bare forms of every word that appears inside a phrase
    phrase_words: dict[str, str]


def _n(text: str) -> str:
    return normalized_only(text).strip()


def _strip_article(written: str) -> str:
    """Drop the article of a word *as written* (ألمانيا keeps its أل)."""
    return written[2:] if written.startswith("ال") and len(written) > 4 else written


def _nisba(country: str) -> str:
    """The regular nisba of a country name: روسيا → روسي, إيران → إيراني."""
    stem = normalized_only(_strip_article(country))
    if stem.endswith("يا"):
        return stem[:-1]
    if stem.endswith("ا"):
        return stem[:-1] + "ي"
    return stem + "ي"


def _clitic_len(prefix: str) -> int:
    """How much of `prefix` a proposed name drops: the conjunction, not the article."""
    if prefix.endswith("ال"):
        return len(prefix) - 2
    return 0 if prefix.endswith("لل") else len(prefix)


def _add(surface: dict[str, Word], bare: str, word: Word, suffixes: tuple[str, ...] = ("",)) -> None:
    for suffix in suffixes:
        for prefix in _PREFIXES_DEFINITE + _PREFIXES_BARE:
            form = prefix + bare + suffix
            # The first reading of a form wins, except that a table word as
            # written (no clitic) beats a clitic reading of another word.
            known = surface.get(form)
            if known is None or (not prefix and known.derived):
                surface[form] = Word(word.bare, word.kind, word.affiliation, _clitic_len(prefix), bool(prefix))


def _role_words(surface: dict[str, Word]) -> None:
    for kind, text in _ROLE_WORDS.items():
        for item in text.split():
            form, _, canonical = item.partition("=")
            bare = _n(_strip_article(form))
            _add(surface, bare, Word(_n(_strip_article(canonical or form)), kind))


def _countries(surface: dict[str, Word], phrases: dict[tuple[str, ...], Word]) -> None:
    for name, party, others, nisbas in _COUNTRIES:
        aff = Affiliation(_n(name), name, party, True)
        word = Word(aff.key, Kind.AFFILIATION, aff)
        for other in (name, *others.split()):
            _add(surface, _n(_strip_article(other)), word)
        for nisba in (_nisba(name), *(_n(x) for x in nisbas.split())):
            _add(surface, nisba, word, _NISBA_SUFFIXES)
    for name, phrase in _COUNTRY_PHRASES:
        aff = Affiliation(_n(name), name, _party_of(name), True)
        phrases[tuple(_n(phrase).split())] = Word(aff.key, Kind.AFFILIATION, aff)


def _party_of(country: str) -> str:
    return next(p for name, p, _o, _s in _COUNTRIES if name == country)


def _organisations(phrases: dict[tuple[str, ...], Word]) -> None:
    for name, party, variants in _ORGANISATIONS:
        aff = Affiliation(_n(name), name, party, False)
        for variant in variants.split("|"):
            phrases[tuple(_n(variant).split())] = Word(aff.key, Kind.AFFILIATION, aff)


@cache
def lexicon() -> Lexicon:
    """The lexicon, built on first use (a few milliseconds)."""
    surface: dict[str, Word] = {}
    phrases: dict[tuple[str, ...], Word] = {}
    _role_words(surface)
    _countries(surface, phrases)
    _organisations(phrases)
    for text, key, kind in _COMPOUNDS:
        phrases[tuple(_n(text).split())] = Word(_n(key), kind)
    phrase_words: dict[str, str] = {}
    for words in phrases:
        for bare in words:
            phrase_words.setdefault(bare, bare)
    # Words that occur only inside phrases (مينسك، المتحدة) must still be
    # recognised under their clitics; they stay names outside a phrase.
    for bare in list(phrase_words):
        for prefix in _PREFIXES_DEFINITE + _PREFIXES_BARE:
            phrase_words.setdefault(prefix + bare, bare)
        if bare.endswith("ي"):
            phrase_words.setdefault("ال" + bare + "ه", bare)
            phrase_words.setdefault(bare + "ه", bare)
    return Lexicon(surface, phrases, max(map(len, phrases)), phrase_words)
