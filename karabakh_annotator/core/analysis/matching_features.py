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

Each distinct word form is analysed once (matching_forms.py); this module
walks the tokens of each statement and puts the forms together.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar
from decimal import Decimal

from karabakh_annotator.core.analysis import matching_lexicon as lex
from karabakh_annotator.core.analysis.matching_forms import GAZETTEER_KEYS, Analyzer, FormInfo
from karabakh_annotator.core.analysis.matching_words import (
    MONTH_MARK,
    NUMBER_MARK,
    OUTCOME_MARK,
    compound_key,
    number_value,
    place_key,
    tokenize,
)

_NEGATION_REACH = 5  # a negation flips an outcome word up to five words on ("لم تتمكن القوات ... من السيطرة")
_DENIAL_REACH = 6  # a denial verb reaches past its subject ("نفت وزارة الدفاع الأرمينية سيطرة")
_YEAR = re.compile(r"19\d\d|20\d\d")
T = TypeVar("T")


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
    negated: frozenset[str]  # the word each plain negation negates ("يتغير" in "لم يتغير")

    def keys(self) -> frozenset[str]:
        """What the index retrieves this statement by, and what word weights are counted over.

        Besides terms, skeletons and places, conjunctions that stay rare
        when their parts are common: a number with what it counts
        ("دباب#10") or its month ("@9#27"), and a place with what happened
        there ("^كرب!gain") or what was counted there ("^كرب|دباب").  Two
        reports of one event then share two keys even when one outlet
        spells the village differently and the numbers are common ones.
        """
        keys = set(self.terms | self.skeletons)
        for noun, value in self.quantities:
            keys.add(f"{noun}{NUMBER_MARK}{value}")
        for place in self.places:
            keys.add(place)
            keys.update(place + OUTCOME_MARK + outcome for outcome in self.outcomes)
            keys.update(f"{place}|{noun}" for noun, _ in self.quantities if noun[:1] != MONTH_MARK)
        return frozenset(keys)


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
        self.negating = False  # a plain negation waits for the word it negates
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
                self._word(i, info, info.term)
            i += width
        return Features(
            terms=_frozen(self.terms),
            skeletons=_frozen(self.skeletons),
            named=tuple(sorted(self.named.items())),
            compounds=tuple(self.compounds),
            numbers=_frozen(self.numbers),
            quantities=_frozen(self.quantities),
            places=_frozen(self.places),
            place_names=tuple(sorted(self.places.items())),
            outcomes=_frozen(self.outcomes),
            outcome_terms=_frozen(self.outcome_terms),
            denial=self.denial,
            negated=_frozen(self.negated),
        )

    def _month_at(self, i: int) -> tuple[str | None, int]:
        """The month key at token i and how many tokens it spans (1 when none)."""
        if self.infos[i].month is not None:
            return f"{MONTH_MARK}{self.infos[i].month}", 1
        pair = tuple(self.forms[i : i + 2])
        if pair in lex.TWO_WORD_MONTHS:
            return f"{MONTH_MARK}{lex.TWO_WORD_MONTHS[pair]}", 2
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
            self.negating = True

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

    def _word(self, i: int, info: FormInfo, term: str) -> None:
        self.terms.add(term)
        if self.negating:
            self.negated.add(term)
            self.negating = False
        if info.skeleton is not None:
            self.skeletons.add(info.skeleton)
            self.named.setdefault(info.skeleton, term)
        if info.outcome is not None:
            self._outcome(i, info.outcome, term)
        if info.event is not None:
            self.terms.add(OUTCOME_MARK + info.event)
        previous = self.infos[i - 1] if i else FormInfo()
        if info.gazetteer or (previous.place_noun and not info.adjectival):
            self.places.setdefault(place_key(term), term)
            self.place_at = i
        if previous.term is not None and not (previous.definite or info.definite) and previous.month is None:
            key = compound_key(previous.term, term)
            if key is not None:
                self.skeletons.add(key)
                self.compounds.append((key, previous.term, term))
                # "قرية غوران بوي" names the same place as "قرية جورانبوي".
                joined = place_key(previous.term + term)
                if self.place_at == i - 1 or joined in GAZETTEER_KEYS:
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


_EMPTY: frozenset[Any] = frozenset()


def _frozen(items: Collection[T]) -> frozenset[T]:
    """A frozenset, the empty one shared: most statements have no numbers,
    places or negations, and each empty frozenset would cost 216 bytes."""
    return frozenset(items) if items else _EMPTY


def build_features(texts: Iterable[str]) -> list[Features]:
    """Features of each text; the texts together are the dictionary for clitic stripping."""
    counts: Counter[str] = Counter()
    tokenized: list[list[str]] = []
    for text in texts:
        forms = list(map(sys.intern, tokenize(text)))  # one string object per distinct form
        counts.update(forms)
        tokenized.append(forms)
    analyzer = Analyzer(counts)
    result: list[Features] = []
    for index, forms in enumerate(tokenized):
        result.append(_Builder([analyzer.info(form) for form in forms], forms).walk())
        tokenized[index] = []  # the token lists are the bulk of the memory: free them as we go
    return result
