"""What a statement says, reduced to comparable features: stems, skeletons, numbers, places.

Outlets report one fact with different clitics (والقوات / للقوات), word
forms (دبابة / دبابات), digit forms (١٠ / 10), month names (سبتمبر / أيلول)
and spellings of foreign names (قره باغ / قراباغ / كاراباخ, بايراموف /
بيراموف).  Each statement becomes:

* terms: light stems of its content words (normalize.py has already folded
  alef forms, taa marbuta, hamza carriers and Arabic-Indic digits);
* skeletons: a consonant key of each long stem and of each pair of adjacent
  words with a short one, so transliteration variants and split/joined
  compound names meet (قره باغ, قراباغ and كاراباخ all give "كربك");
* numbers, quantities (a number with the noun it counts, or a day with its
  month), places, and the signals contradictions.py needs (outcome words,
  denial and negation).

Proclitics are stripped with the corpus as dictionary: و/ف/ب/ل/ك come off
only when the rest also occurs as a word of its own, because they are also
root letters (وزارة is not و + زارة, but وقال is و + قال).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from karabakh_annotator.core.analysis import matching_lexicon as lex
from karabakh_annotator.core.text.normalize import normalized_only, token_pattern

# Numbers keep their decimal or thousands separators (3.5, 1,200, ٣٫٥);
# token_pattern alone would split them into two numbers.
_NUMBER = r"\d+(?:[.,\u066b\u066c]\d+)*"
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,\u066c]\d{3})+")
_ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
_LETTER_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
# A possessive pronoun (قواتها), then one inflection (ات، ون، ة، nisba ي،
# tanwin alef, "يا" of country names so أرمينيا meets الأرمينية); longest
# first, and a stem keeps three letters.  One inflection only: a second
# round would cut real letters (أرمينية -> أرمين -> أرم).
_PRONOUNS = ("هما", "ها", "هم")
_SUFFIXES = ("يين", "يون", "يه", "يا", "ات", "ون", "ين", "وا", "ه", "ي", "ا", "ت")
_MIN_STEM = 3
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
OUTCOME_MARK = "!"  # "!gain", "!repel": one term for synonymous outcome verbs
NUMBER_MARK = "#"
MONTH_MARK = "@"
_NEGATION_REACH = 3  # a negation flips an outcome word up to three words on ("لم تتمكن من السيطرة")
_DENIAL_REACH = 6  # a denial verb reaches past its subject ("نفت وزارة الدفاع الأرمينية سيطرة")
_YEAR = re.compile(r"19\d\d|20\d\d")


@cache
def _token_re() -> re.Pattern[str]:
    return re.compile(f"{_NUMBER}|{token_pattern().pattern}")


def tokenize(text: str) -> list[str]:
    """The normalised words and numbers of `text`, in order."""
    return _token_re().findall(normalized_only(text))


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
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
    # The verbal noun of a form-II verb (تحرير، تدمير، تحييد) reports the same
    # action as the verb (حرر، دمر، حيد): one rewording turns into the other.
    masdar = _MASDAR.fullmatch(word)
    return "".join(masdar.groups()) if masdar else word


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


_VOWEL_CLASS = str.maketrans({"ا": "A", "ه": "A", "ء": "A", "و": "W", "ي": "Y"})


@lru_cache(maxsize=1 << 16)
def similar_spelling(first: str, second: str) -> bool:
    """True when two stems with one skeleton are spellings of one name, not two names.

    Outlets add or drop a long vowel (بايراموف / بيراموف, كاراباخ / قراباغ,
    تواخو / توخو) and write a final ا or ة (شوشا / شوشة); two different
    names with the same consonants differ by replaced vowels (ليميكو /
    ليماقا).  So a weighted edit distance over letters by class: a vowel
    added or dropped costs 0.5, a vowel replaced by another 1, a consonant
    changed 3.  One vowel added or dropped is a variant; a replaced vowel
    or two changes only in a long name (ناغورني / ناغورنو).
    """
    if first == second:
        return True
    a = _collapse(first.translate(_DOUBLE_TABLE)).translate(_VOWEL_CLASS)
    b = _collapse(second.translate(_DOUBLE_TABLE)).translate(_VOWEL_CLASS)
    previous = [0.5 * k if b[:k].isupper() else 3.0 * k for k in range(len(b) + 1)]
    for i, x in enumerate(a, 1):
        current = [previous[0] + _indel(x)]
        for j, y in enumerate(b, 1):
            change = 0.0 if x == y else 1.0 if x.isupper() and y.isupper() else 3.0
            current.append(min(previous[j - 1] + change, previous[j] + _indel(x), current[j - 1] + _indel(y)))
        previous = current
    long_name = len(a) - sum(ch.isupper() for ch in a) >= 4
    return previous[-1] <= (1.0 if long_name else 0.5)


def _indel(letter: str) -> float:
    return 0.5 if letter.isupper() else 3.0


def _collapse(letters: str) -> str:
    return "".join(ch for i, ch in enumerate(letters) if i == 0 or ch != letters[i - 1])


def _prefix_variants(form: str) -> list[str]:
    """The form and every way of taking a proclitic off it (for list look-ups)."""
    found = [form]
    for prefix in _ARTICLE_PREFIXES + _LETTER_PREFIXES:
        if form.startswith(prefix) and len(form) - len(prefix) >= 2:
            found.append(form[len(prefix) :])
    return found


@lru_cache(maxsize=1 << 16)
def _compound_key(first: str, second: str) -> str | None:
    # Split compound names have a short part: قره باغ، غوران بوي، أغجه بدي، عبد الله.
    return skeleton(first + second) if min(len(first), len(second)) <= _MIN_STEM else None


@dataclass(frozen=True, slots=True)
class FormInfo:
    """Everything matching needs to know about one normalised word form."""

    term: str | None = None  # None: a function word, or too short to mean anything
    skeleton: str | None = None
    number: str | None = None
    month: int | None = None
    multiplier: int = 0
    place_noun: bool = False
    gazetteer: bool = False
    outcome: str | None = None  # "gain" | "repel" | "loss"
    denial: bool = False
    negation: bool = False
    signal: bool = False  # may start a denial or negation: look at it and the next word
    month_head: bool = False  # تشرين / كانون: a month with the next word
    definite: bool = False  # has the article: not part of a split name (قره باغ)
    # Definite, or feminine nisba (الحدودية، عسكرية): an adjective, not a name,
    # after a place noun ("منطقة عسكرية" names no place).
    adjectival: bool = False


_DENIAL_PAIR_HEADS = frozenset(first for first, _ in lex.DENIAL_PAIRS)
_MONTH_HEADS = frozenset(first for first, _ in lex.TWO_WORD_MONTHS)
_GAZETTEER_KEYS: frozenset[str] = frozenset(
    filter(
        None,
        (
            place_key("".join(map(strip_suffixes, name.split())))
            if " " in name
            else place_key(strip_suffixes(name))
            for name in lex.GAZETTEER
        ),
    )
)


class Analyzer:
    """Analyses word forms against the vocabulary of a corpus; one FormInfo per form, cached."""

    def __init__(self, vocabulary: Container[str]) -> None:
        self._vocabulary = vocabulary
        self._cache: dict[str, FormInfo] = {}

    def info(self, form: str) -> FormInfo:
        """The analysis of one normalised token."""
        found = self._cache.get(form)
        if found is None:
            found = self._cache[form] = self._analyse(form)
        return found

    def stem(self, form: str) -> str:
        """Light stem: proclitics (when the rest is a word too), then suffixes."""
        return strip_suffixes(self._strip_prefix(form))

    def _strip_prefix(self, form: str) -> str:
        for prefix in _ARTICLE_PREFIXES:
            if form.startswith(prefix) and len(form) - len(prefix) >= 2:
                return form[len(prefix) :]
        for prefix in _LETTER_PREFIXES:
            rest = form[len(prefix) :]
            if form.startswith(prefix) and len(rest) >= _MIN_STEM and (
                rest in self._vocabulary or "ال" + rest in self._vocabulary
            ):
                return rest
        return form

    def _analyse(self, form: str) -> FormInfo:
        if form[0].isdigit():
            value = number_value(form)
            return FormInfo(term=NUMBER_MARK + value, number=value)
        variants = _prefix_variants(form)
        looked_up = _lookups(variants)
        if looked_up is not None:
            return looked_up
        # Prepositions and conjunctions off, the article kept: "بمدينة" is a
        # place noun, "المدينة" ("the city", already named) is not.
        unprefixed = [form] + [form[len(p) :] for p in _LETTER_PREFIXES if form.startswith(p)]
        place_noun = any(v in lex.PLACE_NOUNS for v in unprefixed)
        denial = any(v in lex.DENIAL_WORDS for v in variants)
        if len(form) < 2 or any(v in lex.STOPWORDS for v in variants):
            return _function_word(form, denial, place_noun)
        term = self.stem(form)
        definite = any(form.startswith(prefix) for prefix in _ARTICLE_PREFIXES)
        return FormInfo(
            term=term,
            skeleton=skeleton(term),
            place_noun=place_noun,
            gazetteer=place_key(term) in _GAZETTEER_KEYS,
            outcome=next((lex.OUTCOME_WORDS[v] for v in variants if v in lex.OUTCOME_WORDS), None),
            definite=definite,
            adjectival=definite or form.endswith("يه") or place_noun,
            month_head=form in _MONTH_HEADS,
            signal=denial,
        )


def _function_word(form: str, denial: bool, place_noun: bool) -> FormInfo:
    """A stopword: no term, but it may deny, negate ("ولم", "فلا") or introduce a place ("قرب")."""
    bare = form[1:] if form[0] in "وف" and len(form) > 2 else form
    negation = form in lex.NEGATIONS or bare in lex.NEGATIONS
    head = bare in _DENIAL_PAIR_HEADS
    return FormInfo(denial=denial, negation=negation, signal=denial or negation or head, place_noun=place_noun)


def _lookups(variants: Sequence[str]) -> FormInfo | None:
    """Number words, multipliers and month names (with their proclitics off)."""
    for variant in variants:
        if variant in lex.NUMBER_WORDS:
            value = str(lex.NUMBER_WORDS[variant])
            return FormInfo(term=NUMBER_MARK + value, number=value)
        if variant in lex.MULTIPLIERS:
            return FormInfo(multiplier=lex.MULTIPLIERS[variant])
        if variant in lex.MONTHS:
            month = lex.MONTHS[variant]
            return FormInfo(term=f"{MONTH_MARK}{month}", month=month)
    return None


@dataclass(frozen=True, slots=True)
class Features:
    """The comparable content of one statement."""

    terms: frozenset[str]
    skeletons: frozenset[str]  # of long stems and of compounds (SKELETON_MARK keys)
    named: tuple[tuple[str, str], ...]  # (skeleton, term) of each long stem
    compounds: tuple[tuple[str, str, str], ...]  # (skeleton, first term, second term)
    numbers: frozenset[str]
    quantities: frozenset[tuple[str, str]]  # (counted noun term or month key, number)
    places: frozenset[str]  # place keys (consonants, or the stem)
    place_names: tuple[tuple[str, str], ...]  # (place key, the stem as spelled here)
    outcomes: frozenset[str]  # "gain" / "repel" / "loss", negation already applied
    outcome_terms: frozenset[str]  # the terms that carry them
    denial: int  # 2 a denial word, 1 a plain negation, 0 neither
    negated: frozenset[str]  # terms in the reach of a negation or denial

    def keys(self) -> frozenset[str]:
        """What the index retrieves this statement by, and what word weights are counted over.

        A number also appears with what it counts ("دباب#10") or its month
        ("@9#27"): a bare number recurs by chance, a quantity hardly.
        """
        quantities = {f"{noun}{NUMBER_MARK}{value}" for noun, value in self.quantities}
        return self.terms | self.skeletons | self.places | quantities


class _Builder:
    """Collects the features of one statement while walking its tokens once."""

    def __init__(self, infos: list[FormInfo], forms: list[str]) -> None:
        self.infos, self.forms = infos, forms
        self.terms: set[str] = set()
        self.skeletons: set[str] = set()
        self.named: dict[str, str] = {}
        self.compounds: list[tuple[str, str, str]] = []
        self.numbers: set[str] = set()
        self.quantities: set[tuple[str, str]] = set()
        self.places: dict[str, str] = {}
        self.outcomes: set[str] = set()
        self.outcome_terms: set[str] = set()
        self.denial = 0
        self.negated_until = -1
        self.negated: set[str] = set()
        self.place_at = -2

    def walk(self) -> Features:
        i = 0
        while i < len(self.infos):
            info = self.infos[i]
            if info.signal:
                self._denial(i, info)
            month, width = self._month_at(i) if info.month is not None or info.month_head else (None, 1)
            if month is not None:
                self.terms.add(month)
            elif info.number is not None:
                width = self._number(i, info.number)
            elif info.term is not None:
                self._word(i, info)
            i += width
        return Features(
            frozenset(self.terms), frozenset(self.skeletons), tuple(sorted(self.named.items())),
            tuple(self.compounds), frozenset(self.numbers), frozenset(self.quantities),
            frozenset(self.places), tuple(sorted(self.places.items())), frozenset(self.outcomes), frozenset(self.outcome_terms), self.denial,
            frozenset(self.negated),
        )

    def _month_at(self, i: int) -> tuple[str | None, int]:
        """The month key at token i and how many tokens it spans (1 when none)."""
        if self.infos[i].month is not None:
            return f"{MONTH_MARK}{self.infos[i].month}", 1
        pair = tuple(self.forms[i : i + 2])
        if pair in lex.TWO_WORD_MONTHS:
            return f"{MONTH_MARK}{lex.TWO_WORD_MONTHS[pair]}", 2  # type: ignore[index]
        return None, 1

    def _denial(self, i: int, info: FormInfo) -> None:
        first = self.forms[i]
        if first[:1] in ("و", "ف") and len(first) > 2:
            first = first[1:]
        following = self.forms[i + 1] if i + 1 < len(self.forms) else ""
        if info.denial or (first, following) in lex.DENIAL_PAIRS:
            self.denial = 2
            self.negated_until = i + _DENIAL_REACH
        elif info.negation and following not in lex.NOT_NEGATING_AFTER:
            self.denial = max(self.denial, 1)
            self.negated_until = i + _NEGATION_REACH

    def _number(self, i: int, value: str) -> int:
        """Record the number at token i (with "ألف" after it, and what it counts); tokens used."""
        width = 1
        if i + 1 < len(self.infos) and self.infos[i + 1].multiplier:
            value = number_value(format(Decimal(value) * self.infos[i + 1].multiplier, "f"))
            width = 2
        self.terms.add(NUMBER_MARK + value)
        self.numbers.add(value)
        if i + width < len(self.infos):
            month, _ = self._month_at(i + width)
            if month is None and self.forms[i + width] in lex.MONTH_AFTER_NUMBER_ONLY:
                month = f"{MONTH_MARK}{lex.MONTH_AFTER_NUMBER_ONLY[self.forms[i + width]]}"
                self.terms.add(month)
            counted = self.infos[i + width]
            noun = month or (counted.term if counted.number is None else None)
            # A year dates an event; it does not count the word after it.
            if noun is not None and (month is not None or not _YEAR.fullmatch(value)):
                self.quantities.add((noun, value))
        return width

    def _word(self, i: int, info: FormInfo) -> None:
        term = info.term
        assert term is not None
        self.terms.add(term)
        if i <= self.negated_until:
            self.negated.add(term)
        if info.skeleton is not None:
            self.skeletons.add(info.skeleton)
            self.named.setdefault(info.skeleton, term)
        if info.outcome is not None:
            self._outcome(i, info.outcome, term)
        previous = self.infos[i - 1] if i else FormInfo()
        if info.gazetteer or (previous.place_noun and not info.adjectival):
            self.places.setdefault(place_key(term), term)
            self.place_at = i
        if previous.term is not None and not (previous.definite or info.definite) and previous.month is None:
            key = _compound_key(previous.term, term)
            if key is not None:
                self.skeletons.add(key)
                self.compounds.append((key, previous.term, term))
                # "قرية غوران بوي" names the same place as "قرية جورانبوي".
                joined = place_key(previous.term + term)
                if self.place_at == i - 1 or joined in _GAZETTEER_KEYS:
                    self.places.setdefault(joined, previous.term + term)

    def _outcome(self, i: int, outcome: str, term: str) -> None:
        # "لم ينسحب" (did not pull back) holds ground, "لم تتمكن من السيطرة"
        # (could not take) is a repelled attack: negation flips the outcome.
        if i <= self.negated_until:
            if outcome == "loss":
                return
            outcome = "gain" if outcome == "repel" else "repel"
        self.outcomes.add(outcome)
        self.outcome_terms.add(term)
        if outcome != "loss":
            # حررت، سيطرت، استعادت say the same: one more term they share.
            # Losses are not merged: killing people and destroying tanks differ.
            self.terms.add(OUTCOME_MARK + outcome)
            self.outcome_terms.add(OUTCOME_MARK + outcome)


def build_features(texts: Iterable[str]) -> list[Features]:
    """Features of each text; the texts together are the dictionary for clitic stripping."""
    interned: dict[str, str] = {}
    tokenized = [[interned.setdefault(form, form) for form in tokenize(text)] for text in texts]
    analyzer = Analyzer(interned)
    result: list[Features] = []
    for index, forms in enumerate(tokenized):
        result.append(_Builder([analyzer.info(form) for form in forms], forms).walk())
        tokenized[index] = []  # the token lists are the bulk of the memory: free them as we go
    return result
