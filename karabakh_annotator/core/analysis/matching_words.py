"""Words for matching: tokens, numbers, light stems, consonant skeletons, spelling variants.

Pure functions on normalised forms (normalize.py has already folded alef
forms, taa marbuta, hamza carriers and Arabic-Indic digits), kept apart
from matching_features.py, which puts them together per statement.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from karabakh_annotator.core.text.normalize import normalized_only, token_pattern

# Numbers keep their decimal or thousands separators (3.5, 1,200, ٣٫٥);
# token_pattern alone would split them into two numbers.
_NUMBER = r"\d+(?:[.,\u066b\u066c]\d+)*"
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,\u066c]\d{3})+")
ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
LETTER_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
# A possessive pronoun (قواتها), then one inflection (ات، ون، ة، nisba ي،
# tanwin alef, "يا" of country names so أرمينيا meets الأرمينية); longest
# first, and a stem keeps three letters.  One inflection only: a second
# round would cut real letters (أرمينية -> أرمين -> أرم).
_PRONOUNS = ("هما", "ها", "هم")
_SUFFIXES = ("يين", "يون", "يه", "يا", "ات", "ون", "ين", "وا", "ه", "ي", "ا", "ت")
MIN_STEM = 3
_MASDAR = re.compile("ت([^اوي])([^اوي])ي([^اوي])")
# Consonant classes of transliterated names: g/q/k/kh are written ق ك غ خ ج
# by different outlets, and long vowels and a final ه come and go.
_DOUBLE_TABLE = str.maketrans(
    {"ق": "ك", "غ": "ك", "خ": "ك", "ج": "ك", "ط": "ت", "ص": "س", "ث": "س", "ظ": "ز", "ض": "ز", "ذ": "ز"}
)
_VOWEL_TABLE = str.maketrans({"ا": None, "و": None, "ي": None, "ه": None, "ء": None})
_SKELETON_MIN = 3
_ARABIC = re.compile(r"[\u0621-\u064a]+")
SKELETON_MARK = "~"  # skeleton keys share the index with terms; terms never start with it
PLACE_MARK = "^"
OUTCOME_MARK = "!"  # "^كرب!gain": a place with what happened there (an index key)
FAMILY_MARK = "="  # "=take": one term for the words of a synonym family (matching_families.py)
TREND_MARK = "%"  # "%اذربيجان": an index key of statements saying how a side is doing
NUMBER_MARK = "#"
BREAK = "|"  # a clause break among the tokens (tokenize with breaks)
_BREAKS = "،,؛;:.!?؟"
MONTH_MARK = "@"


@cache
def _token_re() -> re.Pattern[str]:
    return re.compile(f"{_NUMBER}|{token_pattern().pattern}")


@cache
def _clause_re() -> re.Pattern[str]:
    return re.compile(f"{_NUMBER}|{token_pattern().pattern}|[{_BREAKS}]+")


def tokenize(text: str, breaks: bool = False) -> list[str]:
    """The normalised words and numbers of `text`, in order.

    With `breaks`, each run of clause punctuation (، ؛ : . and their Latin
    forms) is a BREAK token as well, so clauses can be told apart.
    """
    if not breaks:
        return _token_re().findall(normalized_only(text))
    return [BREAK if token[0] in _BREAKS else token for token in _clause_re().findall(normalized_only(text))]


def number_value(token: str) -> str:
    """One spelling per number: "1,200" and "1.200" -> "1200", "3٫50" -> "3.5", "07" -> "7"."""
    if _THOUSANDS.fullmatch(token):
        return str(int(re.sub(r"\D", "", token)))
    whole, _, fraction = re.sub(r"[,\u066b\u066c]", ".", token).partition(".")
    fraction = re.sub(r"\D", "", fraction).rstrip("0")
    return f"{int(whole)}.{fraction}" if fraction else str(int(whole))


def strip_suffixes(word: str) -> str:
    """A possessive pronoun, then one inflection suffix off, keeping three letters."""
    for suffixes in (_PRONOUNS, _SUFFIXES):
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
    # The verbal noun of a form-II verb (تحرير، تدمير، تحييد) reports the same
    # action as the verb (حرر، دمر، حيد): one rewording turns into the other.
    masdar = _MASDAR.fullmatch(word)
    return "".join(masdar.groups()) if masdar else word


def lemma_candidates(stem: str) -> tuple[str, ...]:
    """The stem and the verb lemmas it may be a form of, for look-ups in word lists only.

    The imperfect prefix off (يسيطر -> سيطر, تتواصل -> تواصل), with the
    alef of forms VII-X back (ينسحب -> انسحب, يستمر -> استمر); the م of a
    participle or verbal noun off (متراجع -> تراجع, مواصل -> واصل, مستمر ->
    استمر); the verbal noun of forms VII-X to its verb (انسحاب -> انسحب,
    استمرار -> استمر).  Wrong guesses are harmless: they are only looked up.
    """
    found = [stem]
    if len(stem) >= 4 and stem[0] in _IMPERFECT_OR_PARTICIPLE:
        found += (stem[1:], "ا" + stem[1:])
    if len(stem) >= 5 and stem[0] == "ا" and stem[-2] == "ا":
        verb = stem[:-2] + stem[-1]
        found.append(verb)
        if verb[-1] == verb[-2]:  # a doubled root: احتلال -> احتل
            found.append(verb[:-1])
    return tuple(found)


_IMPERFECT_OR_PARTICIPLE = frozenset("يتنام")


def _consonants(stem: str) -> str:
    """The stem's consonants by class, doubled letters once, long vowels dropped (كاراباخ -> كربك).

    Doubling is undone before the vowels go, so ناناجا keeps both nuns.
    """
    return _collapse(stem.translate(_DOUBLE_TABLE)).translate(_VOWEL_TABLE)


def skeleton(stem: str) -> str | None:
    """Consonant key of an Arabic stem, or None when too short to tell words apart."""
    if len(stem) < 4 or not _ARABIC.fullmatch(stem):
        return None
    key = _consonants(stem)
    return SKELETON_MARK + key if len(key) >= _SKELETON_MIN else None


def place_key(stem: str) -> str:
    """Key of a place name: its consonants even when short (توخو / تواخو), else the stem.

    Places are only compared with places, so a short key collides with few.
    """
    key = _consonants(stem) if _ARABIC.fullmatch(stem) else ""
    return PLACE_MARK + (key if len(key) >= 2 else stem)


@lru_cache(maxsize=1 << 16)
def similar_spelling(first: str, second: str) -> bool:
    """True when two stems are spellings of one name, not two names with the same consonants.

    Outlets add or drop a long vowel (بايراموف / بيراموف, كاراباخ / قراباغ,
    تواخو / توخو) and write a final ا or ة (شوشا / شوشة); two different
    names with the same consonants differ by replaced vowels (ليميكو /
    ليماقا).  Consonants (by class) must agree; each vowel added or
    dropped between them costs 0.5, a replaced one 1 (a drop and an add).
    One vowel added or dropped is a variant; a replaced vowel or two
    changes only in a long name (ناغورني / ناغورنو).
    """
    if first == second:
        return True
    a, b = _VOWEL_GAPS.split(_spelling_classes(first)), _VOWEL_GAPS.split(_spelling_classes(second))
    # re.split with a group alternates vowel runs (even places) and consonants (odd places).
    if a[1::2] != b[1::2]:
        return False
    cost = sum(_gap_cost(x, y) for x, y in zip(a[::2], b[::2]))
    return cost <= (1.0 if len(a) // 2 >= 4 else 0.5)


_VOWEL_CLASS = str.maketrans({"ا": "A", "ه": "A", "ء": "A", "و": "W", "ي": "Y"})
_VOWEL_GAPS = re.compile("([^AWY])")


def _spelling_classes(stem: str) -> str:
    return _collapse(stem.translate(_DOUBLE_TABLE)).translate(_VOWEL_CLASS)


def _gap_cost(x: str, y: str) -> float:
    """Half the letters of two vowel runs not in their longest common subsequence."""
    if x == y:
        return 0.0
    return 0.5 * (len(x) + len(y) - 2 * _common(x, y))


@lru_cache(maxsize=1024)
def _common(x: str, y: str) -> int:
    """Length of the longest common subsequence of two short strings."""
    if not x or not y:
        return 0
    if x[0] == y[0]:
        return 1 + _common(x[1:], y[1:])
    return max(_common(x[1:], y), _common(x, y[1:]))


def _collapse(letters: str) -> str:
    return "".join(ch for i, ch in enumerate(letters) if i == 0 or ch != letters[i - 1])


def prefix_variants(form: str) -> list[str]:
    """The form and every way of taking a proclitic off it (for list look-ups)."""
    found = [form]
    for prefix in ARTICLE_PREFIXES + LETTER_PREFIXES:
        if form.startswith(prefix) and len(form) - len(prefix) >= 2:
            found.append(form[len(prefix) :])
    return found


@lru_cache(maxsize=1 << 16)
def compound_key(first: str, second: str) -> str | None:
    # Split compound names have a short part: قره باغ، غوران بوي، أغجه بدي، عبد الله.
    return skeleton(first + second) if min(len(first), len(second)) <= MIN_STEM else None
