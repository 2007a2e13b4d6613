"""One normalised word form, analysed once per corpus: term, skeleton, and what it signals.

A corpus of 100,000 statements has some 100,000 distinct forms but millions
of tokens, so everything known about a form (its light stem, its skeleton,
whether it is a number, a month, a place noun, an outcome or a denial word)
is worked out once and cached; matching_features.py then walks each
statement's tokens.

Proclitics are stripped with the corpus as dictionary: و/ف/ب/ل/ك come off
only when the rest occurs as a word of its own, at least as often as the
whole, because they are also root letters (وزارة is not و + زارة, but
وقال is و + قال; a rare name such as فاعحي keeps its first letter even if
another rare name happens to be عحي).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from karabakh_annotator.core.analysis import matching_families as fam
from karabakh_annotator.core.analysis import matching_lexicon as lex
from karabakh_annotator.core.analysis.matching_words import (
    ARTICLE_PREFIXES,
    BREAK,
    FAMILY_MARK,
    LETTER_PREFIXES,
    MIN_STEM,
    MONTH_MARK,
    NUMBER_MARK,
    lemma_candidates,
    number_value,
    place_key,
    prefix_variants,
    similar_spelling,
    skeleton,
    strip_suffixes,
)
from karabakh_annotator.core.text.normalize import normalized_only


@dataclass(frozen=True, slots=True)
class FormInfo:
    """Everything matching needs to know about one normalised word form."""

    term: str | None = None  # None: a function word, or too short to mean anything
    name: str | None = None  # the stem as written, when the term is its family's or its country's
    skeleton: str | None = None
    number: str | None = None
    month: int | None = None
    multiplier: int = 0
    place_noun: bool = False
    gazetteer: bool = False
    outcome: str | None = None  # "gain" | "repel" | "loss"
    trend: str | None = None  # "up" | "down": a side doing well or badly (matching_families.py)
    denial: bool = False
    negation: bool = False
    signal: bool = False  # may start a denial or negation: look at it and the next word
    month_head: bool = False  # تشرين / كانون: a month with the next word
    definite: bool = False  # has the article: not part of a split name (قره باغ)
    # Definite, or feminine nisba (الحدودية، عسكرية): an adjective, not a name,
    # after a place noun ("منطقة عسكرية" names no place).
    adjectival: bool = False
    boundary: bool = False  # a clause break: punctuation, or a word that opens a clause (حيث، مما)


_BOUNDARY = FormInfo(boundary=True)
_DENIAL_PAIR_HEADS = frozenset(first for first, _ in lex.DENIAL_PAIRS)
_MONTH_HEADS = frozenset(first for first, _ in lex.TWO_WORD_MONTHS)
# A split name is keyed joined, as in the text: "غوران بوي" as "غورانبوي".
_GAZETTEER_STEMS = tuple("".join(map(strip_suffixes, name.split())) for name in lex.GAZETTEER)
GAZETTEER_KEYS = frozenset(map(place_key, _GAZETTEER_STEMS))
_GAZETTEER_NAMES: dict[str, tuple[str, ...]] = {}
for _stem in _GAZETTEER_STEMS:
    _GAZETTEER_NAMES[place_key(_stem)] = (*_GAZETTEER_NAMES.get(place_key(_stem), ()), _stem)


def in_gazetteer(stem: str) -> bool:
    """A spelling of a listed place: the same consonants and vowels close enough (not دائرة for
    هادروت); a stem of three letters only as listed (باغ of قره باغ is not باكو)."""
    names = _GAZETTEER_NAMES.get(place_key(stem), ())
    if len(stem) <= MIN_STEM:
        return stem in names
    return any(similar_spelling(stem, name) for name in names)


def family_of(variants: Sequence[str], table: Mapping[str, str] = fam.FAMILIES) -> str | None:
    """The synonym family of a word (or its entry in another table keyed by lemma),
    given its forms with and without proclitics.

    The fewest letters taken off first (وبحث is و + بحث before وب + حث),
    and a proclitic never leaves fewer than three letters.
    """
    for variant in sorted(variants, key=len, reverse=True):
        stem = strip_suffixes(variant)
        if len(stem) < MIN_STEM and variant != variants[0]:
            continue
        for lemma in lemma_candidates(stem):
            found = table.get(lemma)
            if found is not None:
                return found
    return None


class Analyzer:
    """Analyses word forms against the vocabulary of a corpus; one FormInfo per form, cached."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self._counts = counts  # occurrences of each normalised form in the corpus
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
        for prefix in ARTICLE_PREFIXES:
            if form.startswith(prefix) and len(form) - len(prefix) >= 2:
                return form[len(prefix) :]
        count = self._counts.get
        for prefix in LETTER_PREFIXES:
            rest = form[len(prefix) :]
            if form.startswith(prefix) and len(rest) >= MIN_STEM:
                alone = count(rest, 0) + count("ال" + rest, 0)
                # A listed name (وباريس، وفرنسا) needs no corpus to tell.
                if (alone and alone >= count(form, 0)) or strip_suffixes(rest) in _KNOWN_NAMES:
                    return rest
        return form

    def _analyse(self, form: str) -> FormInfo:
        if form == BREAK or form in lex.CLAUSE_HEADS:
            return _BOUNDARY
        if form[0].isdigit():
            value = number_value(form)
            return FormInfo(term=NUMBER_MARK + value, number=value)
        variants = prefix_variants(form)
        looked_up = _lookups(variants)
        if looked_up is not None:
            return looked_up
        # Prepositions and conjunctions off, the article kept: "بمدينة" is a
        # place noun, "المدينة" ("the city", already named) is not.
        unprefixed = [form] + [form[len(p) :] for p in LETTER_PREFIXES if form.startswith(p)]
        place_noun = any(v in lex.PLACE_NOUNS for v in unprefixed)
        denial = any(v in lex.DENIAL_WORDS for v in variants)
        if len(form) < 2 or any(v in lex.STOPWORDS or _without_pronoun(v) in lex.STOPWORDS for v in variants):
            return _function_word(form, denial, place_noun)
        name = self.stem(form)
        name = _SAME_STEMS.get(name, name)
        definite = any(form.startswith(prefix) for prefix in ARTICLE_PREFIXES)
        family = family_of(variants) or fam.FAMILIES.get(name)
        outcome = next((lex.OUTCOME_WORDS[v] for v in variants if v in lex.OUTCOME_WORDS), None)
        if family is not None:
            # A verb or common noun: the family's term, and never a name or a place.
            return FormInfo(
                term=family,
                name=name,
                place_noun=place_noun,
                outcome=outcome or fam.FAMILY_OUTCOMES.get(family),
                trend=family_of(variants, fam.TRENDS),
                definite=definite,
                adjectival=True,
                signal=denial,
            )
        country = fam.CAPITALS.get(name)
        return FormInfo(
            term=country or name,
            name=name,
            skeleton=None if country else skeleton(name),
            place_noun=place_noun,
            gazetteer=in_gazetteer(name),
            outcome=outcome,
            definite=definite,
            adjectival=definite or form.endswith("يه") or place_noun,
            month_head=form in _MONTH_HEADS,
            signal=denial,
        )


# Names of the word lists: a proclitic before one of them comes off even
# when the corpus has not seen the name alone.
_KNOWN_NAMES = frozenset([*_GAZETTEER_STEMS, *fam.CAPITALS, *fam.CAPITALS.values(), *map(fam.stem_of, fam.COUNTRIES)])
# With no corpus only the article comes off, as the list words have no other proclitic.
_SAME_STEMS = {Analyzer({}).stem(short): Analyzer({}).stem(full) for short, full in lex.SAME_WORDS.items()}


def _without_pronoun(form: str) -> str:
    """The form without an attached pronoun (خلاله -> خلال), to find function words."""
    for suffix in ("هما", "ها", "هم", "ه"):
        if form.endswith(suffix) and len(form) - len(suffix) >= 2:
            return form[: -len(suffix)]
    return form


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


def _term(word: str) -> str:
    """The term a list word gets in a statement."""
    return Analyzer({}).info(normalized_only(word)).term or ""


# The two words of an expression, by the terms they get, to the expression's term.
TWO_WORD_TERMS: dict[tuple[str, str], str] = {
    (_term(first), _term(second)): target if target.startswith(FAMILY_MARK) else _term(target)
    for first, second, target in fam.TWO_WORD_TERMS
}
COUNTRY_TERMS: frozenset[str] = frozenset(_term(country) for country in fam.COUNTRIES)
OWN_COUNTRY = _term("بلاده")
FORCES = _term("القوات")
