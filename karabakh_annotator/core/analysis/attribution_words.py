"""Word classes the attribution parser needs, in normalised spelling.

These are closed classes of Arabic news prose (complementisers, time words,
the nouns that open a circumstance such as "في بيان", role nouns that head
a speaker's description), not names: the parser must work on any article.
Everything is written in ordinary spelling and normalised at import, so the
sets compare directly with tokens of normalize_for_search text.
"""

from __future__ import annotations

import re

from karabakh_annotator.core.text.normalize import normalized_only

__all__ = [
    "ADDRESSEES",
    "ANONYMOUS_HEADS",
    "CIRCUMSTANCE_NOUNS",
    "CIRCUMSTANCE_STARTS",
    "CLAUSE_OPENERS",
    "COMPLEMENTISERS",
    "CONJUNCTION_HEADS",
    "FRAMING_VERBS",
    "FUNCTION_WORDS",
    "MEDIA_HEADS",
    "NOT_SPEAKERS",
    "QUOTE_OPENERS",
    "SAYING_NOUNS",
    "SIDE_WORDS",
    "TIME_WORDS",
    "complementiser_offset",
    "is_definite",
    "is_nisba",
    "role_key",
    "stem",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(normalized_only(word) for word in text.split())


_SUFFIXES = ("", "ه", "ها", "هم", "هما", "نا", "ني", "كم")
# أن / إن with a pronoun suffix or a ب، و، ف prefix (بأن، وإنها، فإنه).
COMPLEMENTISERS: frozenset[str] = frozenset(
    prefix + "ان" + suffix for prefix in ("", "ب", "و", "ف") for suffix in _SUFFIXES
)


# أن after these is a conjunction ("إلا أن"، "بعد أن"), not a report's complementiser.
CONJUNCTION_HEADS: frozenset[str] = _words("إلا غير رغم برغم بعد قبل منذ دون بدون يجب ينبغي يمكن بد حتى")


def complementiser_offset(token: str) -> int | None:
    """Where the reported content starts relative to a complementiser token.

    Bare أن/إن/بأن is skipped entirely (None); with a pronoun suffix the
    pronoun is the content's subject ("إنه غير مستعد"), so the content starts
    at the token, after any ب/و/ف prefix (returned as a character count).
    """
    core = token[1:] if token[0] in "بوف" else token
    if core == "ان":
        return None
    return len(token) - len(core)


# "نقل عن المتحدث قوله إن": the source's words, skipped before the content.
SAYING_NOUNS: frozenset[str] = frozenset("قول" + s for s in _SUFFIXES[1:]) | _words("تأكيده تأكيدها إشارته")

# Time words and sentence adverbs: they end a speaker's name ("ولفت الوزير
# خاصة إلى", "قال اليوم الأربعاء").
TIME_WORDS: frozenset[str] = _words(
    "اليوم أمس الليلة صباح مساء ظهر فجر ليل يوم غدا الآن لاحقا مؤخرا سابقا حاليا أيضا "
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت صباحا مساء ظهرا ليلا "
    "خاصة خصوصا كذلك مجددا بدوره بدورها بدورهم"
)
# Prepositions that open a circumstance, never part of a speaker's name.
CIRCUMSTANCE_STARTS: frozenset[str] = _words("خلال عبر أثناء لدى أمام إثر عقب بعد قبل خلاله")
# Nouns after في that make it a circumstance ("في بيان") rather than part
# of a name ("وزارة الدفاع في أذربيجان").
CIRCUMSTANCE_NOUNS: frozenset[str] = _words(
    "تصريح تصريحات بيان مؤتمر حديث خطاب كلمة مقابلة اتصال لقاء رسالة تغريدة منشور تدوينة "
    "اجتماع جلسة ختام افتتاح سياق وقت معرض رد إيجاز بلاغ تقرير حوار تعليق مداخلة إطار المقابل "
    "حين حينه ذات نفس إفادة"
)
# Addressees after the speaker: "قال لوكالة الأناضول إن", "قال للصحفيين".
ADDRESSEES: frozenset[str] = _words(
    "ل له لها لهم لنا للصحفيين للصحافة لوسائل للتلفزيون لقناة لوكالة لصحيفة لموقع لشبكة "
    "لإذاعة لنظيره لنظيرته لمراسل للمراسلين نظيره نظيرته نظراءه نظيريه"
)
FUNCTION_WORDS: frozenset[str] = COMPLEMENTISERS | _words(
    "و أو ثم قد لقد كما لكن بل حيث الذي التي الذين اللذين اللتين هذا هذه ذلك تلك لا لم لن ما "
    "إذا إذ كان كانت عن إلى على حتى منذ مع بين دون ضد حول بشأن إزاء هو هي هم نحو أي كل وقد "
    "فيما بينما وهو وهي"
)
# "من جانبه، قال": the speaker's side, a discourse opener.
SIDE_WORDS: frozenset[str] = _words("جانبه جانبها جانبهم جهته جهتها جهتهم ناحيته ناحيتها")
# Words that start a new clause: a verb right after one is clause-initial.
CLAUSE_OPENERS: frozenset[str] = COMPLEMENTISERS | SIDE_WORDS | _words(
    "كما قد وقد ثم فيما بينما حين حيث بل لكن ولكن لذا و فقد كذلك أيضا إذ"
)
# Abstract nouns that reporting verbs take as their object (أكد ضرورة،
# أعلن استعداد); they head the content, never a speaker.
NOT_SPEAKERS: frozenset[str] = _words(
    "ضرورة أهمية استعداد رفض التزام حرص دعم تمسك استمرار وجود عدم أن إن مواصلة"
)

# Role and institution nouns that head a speaker's description, mapped to
# one key per role (متحدث and ناطق are the same role).
_ROLES: dict[str, str] = {
    normalized_only(form): normalized_only(key)
    for key, forms in {
        "وزير": "وزير وزيرة",
        "رئيس": "رئيس رئيسة",
        "متحدث": "متحدث متحدثة ناطق ناطقة",
        "سفير": "سفير سفيرة",
        "مندوب": "مندوب مندوبة",
        "ممثل": "ممثل ممثلة",
        "قائد": "قائد",
        "مستشار": "مستشار مستشارة",
        "نائب": "نائب",
        "أمين": "أمين",
        "مدير": "مدير مديرة",
        "مسؤول": "مسؤول مسؤولة مسؤولون مسؤولين",
        "زعيم": "زعيم",
        "مبعوث": "مبعوث مبعوثة",
        "مساعد": "مساعد",
        "خبير": "خبير خبراء",
        "مراسل": "مراسل مراسلة",
        "عضو": "عضو",
        "مصدر": "مصدر مصادر",
        "شاهد": "شاهد شهود",
        "وزارة": "وزارة",
        "حكومة": "حكومة",
        "جيش": "جيش",
        "رئاسة": "رئاسة",
        "إدارة": "إدارة",
        "مكتب": "مكتب",
        "بيان": "بيان",
        "صحيفة": "صحيفة",
        "وكالة": "وكالة وكالات",
        "قناة": "قناة",
        "موقع": "موقع",
        "شبكة": "شبكة",
        "مجموعة": "مجموعة",
        "منظمة": "منظمة",
        "لجنة": "لجنة",
        "سلطات": "سلطات",
    }.items()
    for form in forms.split()
}
ANONYMOUS_HEADS: frozenset[str] = _words("مصدر مصادر مصدرا مصدران")
# Media nouns may be followed by the outlet's name in quotation marks.
MEDIA_HEADS: frozenset[str] = _words("وكالة صحيفة قناة موقع شبكة إذاعة تلفزيون مجلة وكالات")
# "جاء ذلك في مؤتمر صحفي عقده المتحدث": the verb that names the speaker.
FRAMING_VERBS: frozenset[str] = _words(
    "عقده عقدها ألقاه ألقاها أدلى أدلت نشره نشرها نشرته أجراه أجراها أصدره أصدرته أصدرتها نقلته"
)
QUOTE_OPENERS = frozenset('"«“„‹»”')

_NISBA_END = re.compile(r"(?:يه|يين|يون|ين|ي)$")


def role_key(token: str) -> str | None:
    """The role a (normalised) token names, with or without ال; None for other words."""
    if token.startswith("ال") and len(token) > 3:
        token = token[2:]
    return _ROLES.get(token)


def is_definite(token: str) -> bool:
    """Whether a token carries the article (ال, وال، بال، لل), excluding إلى/التي-like words."""
    if token in FUNCTION_WORDS:
        return False
    return (token.startswith("ال") and len(token) > 3) or (
        token[:3] in ("وال", "بال", "فال") and len(token) > 4
    ) or (token.startswith("لل") and len(token) > 3)


def is_nisba(token: str) -> bool:
    """A definite relational adjective (الأذري، الأرمينية): it may follow a role in a back-reference."""
    return token.startswith("ال") and len(token) > 4 and _NISBA_END.search(token) is not None


def stem(token: str) -> str:
    """The token without ال and nisba ending, for comparing place adjectives with names."""
    if token.startswith("ال") and len(token) > 3:
        token = token[2:]
    return _NISBA_END.sub("", token) or token
