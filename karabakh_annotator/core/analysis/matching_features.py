"""What a statement says, reduced to comparable features: stems, skeletons, numbers, places.

Outlets report one fact with different clitics (والقوات / للقوات), word
forms (دبابة / دبابات), digit forms (١٠ / 10), month names (سبتمبر / أيلول)
and spellings of foreign names (قره باغ / قراباغ / كاراباخ, بايراموف /
بيراموف).  Each statement becomes:

* terms: light stems of its content words (normalize.py has already folded
  alef forms, taa marbuta, hamza carriers and Arabic-Indic digits), the
  words of a synonym family as one term (matching_families.py), "بلاده"
  as the speaker's country when the speaker's name tells it;
* the terms of each clause, when it has several (split at ، ؛ : . and at
  حيث، مما، كما ...);
* skeletons: a consonant key of each long stem and of each pair of adjacent
  words with a short one, so transliteration variants and split/joined
  compound names meet (قره باغ, قراباغ and كاراباخ all give "كربك");
* numbers, quantities (a number with the noun it counts, or a day with its
  month, "اليوم" / "أمس" dated by the publication date), places, and the
  signals contradictions.py needs (outcome words, denial and negation,
  whose forces, how a side is doing).

Each distinct word form is analysed once (matching_forms.py); this module
walks the tokens of each statement and puts the forms together.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from karabakh_annotator.core.analysis import matching_lexicon as lex
from karabakh_annotator.core.analysis.matching_dates import date_at
from karabakh_annotator.core.analysis.matching_forms import (
    COUNTRY_TERMS,
    FORCES,
    GAZETTEER_KEYS,
    OWN_COUNTRY,
    TWO_WORD_TERMS,
    Analyzer,
    FormInfo,
)
from karabakh_annotator.core.analysis.matching_words import (
    MONTH_MARK,
    NUMBER_MARK,
    OUTCOME_MARK,
    TREND_MARK,
    compound_key,
    number_value,
    place_key,
    tokenize,
)

_NEGATION_REACH = 5  # a negation flips an outcome word up to five words on ("لم تتمكن القوات ... من السيطرة")
_DENIAL_REACH = 6  # a denial verb reaches past its subject ("نفت وزارة الدفاع الأرمينية سيطرة")
_YEAR = re.compile(r"19\d\d|20\d\d")
_UNDER = "تحت"
_FORCES_REACH = 2  # "القوات الأرمينية", "القوات المسلحة الأرمنية": the country within two words
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Features:
    """The comparable content of one statement."""

    terms: frozenset[str]
    skeletons: frozenset[str]  # of long stems and of compounds (SKELETON_MARK keys)
    named: tuple[tuple[str, str], ...]  # (skeleton, term) of each long stem
    compounds: tuple[tuple[str, str, str, str], ...]  # (skeleton, first term, second term, as spelled)
    numbers: frozenset[str]
    quantities: frozenset[tuple[str, str]]  # (counted noun term or month key, number)
    places: frozenset[str]  # place keys (consonants, or the stem)
    place_names: tuple[tuple[str, str], ...]  # (place key, the stem as spelled here)
    outcomes: frozenset[str]  # "gain" / "repel" / "loss", negation already applied
    outcome_terms: frozenset[str]  # the terms that carry them
    denial: int  # 2 a denial word, 1 a plain negation, 0 neither
    negated: frozenset[str]  # the word each plain negation negates ("يتغير" in "لم يتغير")
    # The terms of each clause, when the statement has two or more: "دمر قافلة، ودمر 10 دبابات".
    parts: tuple[frozenset[str], ...] = ()
    # Whose forces the statement names: the country after "القوات" / "الجيش"
    # ("القوات المسلحة الأرمنية", "جيش بلاده" with the speaker's country).
    forces: frozenset[str] = frozenset()
    trends: frozenset[tuple[str, str]] = frozenset()  # (country or "", "up" | "down"): a side doing well or badly
    trend_keys: frozenset[str] = frozenset()  # the side, and the side on the publication day ("%اذربيجان@2020-10-09")

    def keys(self) -> frozenset[str]:
        """What the index retrieves this statement by, and what word weights are counted over.

        Besides terms, skeletons and places, conjunctions that stay rare
        when their parts are common: a number with what it counts
        ("دباب#10") or its month ("@9#27"), and a place with what happened
        there ("^كرب!gain") or what was counted there ("^كرب|دباب").  Two
        reports of one event then share two keys even when one outlet
        spells the village differently and the numbers are common ones.
        """
        keys = set(self.terms | self.skeletons | self.trend_keys)
        for noun, value in self.quantities:
            keys.add(f"{noun}{NUMBER_MARK}{value}")
        for place in self.places:
            keys.add(place)
            keys.update(place + OUTCOME_MARK + outcome for outcome in self.outcomes)
            keys.update(f"{place}|{noun}" for noun, _ in self.quantities if noun[:1] != MONTH_MARK)
        return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Context:
    """What is known of a statement besides its text."""

    speaker: str | None = None
    published: datetime.date | None = None


class _Builder:
    """Collects the features of one statement while walking its tokens once."""

    def __init__(
        self,
        infos: list[FormInfo],
        forms: list[str],
        country: str | None = None,
        published: datetime.date | None = None,
    ) -> None:
        self.infos, self.forms = infos, forms
        self.country = country  # the speaker's, for "بلاده"
        self.published = published  # for "اليوم", "أمس", "الخميس"
        self.terms: set[str] = set()
        self.parts: list[set[str]] = [set()]  # the terms of each clause
        self.skeletons: set[str] = set()
        self.named: dict[str, str] = {}
        self.compounds: list[tuple[str, str, str, str]] = []
        self.numbers: set[str] = set()
        self.quantities: set[tuple[str, str]] = set()
        self.places: dict[str, str] = {}
        self.outcomes: set[str] = set()
        self.outcome_terms: set[str] = set()
        self.denial = 0
        self.negated_until = -1
        self.negated: set[str] = set()
        self.forces: set[str] = set()
        self.forces_at = -9
        self.trend_words: list[str] = []
        self.negating = False  # a plain negation waits for the word it negates
        self.place_at = -2

    def _add(self, term: str) -> None:
        self.terms.add(term)
        self.parts[-1].add(term)

    def _trend_keys(self, trends: frozenset[tuple[str, str]]) -> frozenset[str]:
        """Index keys that bring together what two sides say of how one of them is doing."""
        sides = {TREND_MARK + side for side, _ in trends if side}
        if self.published is not None:
            sides |= {f"{side}@{self.published.isoformat()}" for side in sides}
        return _frozen(sides)

    def walk(self) -> Features:
        i = 0
        while i < len(self.infos):
            info = self.infos[i]
            if info.boundary:
                if self.parts[-1]:
                    self.parts.append(set())
                i += 1
                continue
            if info.signal:
                self._denial(i, info)
            if self.published is not None:
                self._date(i)
            month, width = self._month_at(i) if info.month is not None or info.month_head else (None, 1)
            pair = TWO_WORD_TERMS.get((info.term or "", self.infos[i + 1].term or "")) if i + 1 < len(self.infos) else None
            if month is not None:
                self._add(month)
            elif pair is not None:
                self._add(pair)
                width = 2
            elif info.number is not None:
                width = self._number(i, info.number)
            elif info.term is not None:
                self._word(i, info, info.term)
            i += width
        trends = self._trends()
        return Features(
            terms=_frozen(self.terms),
            parts=_clauses(self.parts),
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
            forces=_frozen(self.forces),
            trends=trends,
            trend_keys=self._trend_keys(trends),
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

    def _trends(self) -> frozenset[tuple[str, str]]:
        """How the statement says a side is doing: "تقدم القوات الأذرية" (up), "تراجع نشاط القوات" (down).

        The side is the country of the forces it names, else the speaker's
        country (a side speaks of its own progress), else "" (unknown).
        """
        if not self.trend_words:
            return _EMPTY
        sides = self.forces or ({self.country} if self.country else {""})
        return frozenset((side, trend) for side in sides for trend in self.trend_words)

    def _date(self, i: int) -> None:
        """The day a relative date word means ("اليوم", "أمس الخميس"), from the publication date."""
        assert self.published is not None
        day = date_at(self.forms, i, self.published)
        if day is not None:
            month = f"{MONTH_MARK}{day.month}"
            self._add(month)
            self._add(f"{NUMBER_MARK}{day.day}")
            self.quantities.add((month, str(day.day)))

    def _number(self, i: int, value: str) -> int:
        """Record the number at token i (with "ألف" after it, and what it counts); tokens used."""
        width = 1
        if i + 1 < len(self.infos) and self.infos[i + 1].multiplier:
            value = number_value(format(Decimal(value) * self.infos[i + 1].multiplier, "f"))
            width = 2
        self._add(NUMBER_MARK + value)
        self.numbers.add(value)
        if i + width < len(self.infos):
            month, _ = self._month_at(i + width)
            if month is None and self.forms[i + width] in lex.MONTH_AFTER_NUMBER_ONLY:
                month = f"{MONTH_MARK}{lex.MONTH_AFTER_NUMBER_ONLY[self.forms[i + width]]}"
                self._add(month)
            counted = self.infos[i + width]
            noun = month or (counted.term if counted.number is None else None)
            # A year dates an event; it does not count the word after it.
            if noun is not None and (month is not None or not _YEAR.fullmatch(value)):
                self.quantities.add((noun, value))
        return width

    def _word(self, i: int, info: FormInfo, term: str) -> None:
        if term == OWN_COUNTRY and self.country is not None:
            term = self.country
        if term == FORCES:
            self.forces_at = i
        elif term in COUNTRY_TERMS and i - self.forces_at <= _FORCES_REACH:
            self.forces.add(term)
        if info.trend is not None and i > self.negated_until:  # "لم تتراجع" is no decline
            self.trend_words.append(info.trend)
        self._add(term)
        if self.negating:
            self.negated.add(term)
            self.negating = False
        if info.skeleton is not None:
            self.skeletons.add(info.skeleton)
            self.named.setdefault(info.skeleton, term)
        # "تحت سيطرتها" (under its control) is a state, not a place taken: no outcome.
        if info.outcome is not None and not (i and self.forms[i - 1] == _UNDER):
            self._outcome(i, info.outcome, term)
        previous = self.infos[i - 1] if i else FormInfo()
        # Countries are not places: nearly every statement names one.
        if info.gazetteer or (previous.place_noun and not info.adjectival and term not in COUNTRY_TERMS):
            name = info.name or term
            self.places.setdefault(place_key(name), name)
            self.place_at = i
        if previous.term is not None and not (previous.definite or info.definite) and previous.month is None:
            # Spelled as written, not as their family: "قرية X" keeps its قري.
            first, second = previous.name or previous.term, info.name or term
            key = compound_key(first, second)
            if key is not None:
                self.skeletons.add(key)
                self.compounds.append((key, previous.term, term, first + second))
                # "قرية غوران بوي" names the same place as "قرية جورانبوي".
                joined = place_key(first + second)
                if self.place_at == i - 1 or joined in GAZETTEER_KEYS:
                    self.places.setdefault(joined, first + second)

    def _outcome(self, i: int, outcome: str, term: str) -> None:
        # "لم ينسحب" (did not pull back) holds ground, "لم تتمكن من السيطرة"
        # (could not take) is a repelled attack: negation flips the outcome,
        # the first one after it only ("لم ينسحب من أي منطقة حررها": the
        # areas were taken all the same).
        if i <= self.negated_until:
            self.negated_until = -1
            if outcome == "loss":
                return
            outcome = "gain" if outcome == "repel" else "repel"
        self.outcomes.add(outcome)
        self.outcome_terms.add(term)


_EMPTY: frozenset[Any] = frozenset()
_DATE_MARKS = (NUMBER_MARK, MONTH_MARK)
_MIN_CLAUSE = 3  # a clause of fewer terms belongs with the next ("ومنذ 27 أيلول، تتواصل ...")


def _clauses(parts: list[set[str]]) -> tuple[frozenset[str], ...]:
    """The clauses' terms, short ones merged into the next (the last into the one before); () for one."""
    merged: list[set[str]] = []
    pending: set[str] = set()
    for part in parts:
        pending |= part
        # Numbers and months alone ("ومنذ 27 أيلول الماضي،") date the clause after them.
        if sum(term[:1] not in _DATE_MARKS for term in pending) >= _MIN_CLAUSE:
            merged.append(pending)
            pending = set()
    if pending:
        if merged:
            merged[-1] |= pending
        else:
            merged.append(pending)
    return tuple(map(frozenset, merged)) if len(merged) > 1 else ()


def _frozen(items: Collection[T]) -> frozenset[T]:
    """A frozenset, the empty one shared: most statements have no numbers,
    places or negations, and each empty frozenset would cost 216 bytes."""
    return frozenset(items) if items else _EMPTY


def build_features(texts: Iterable[str], contexts: Iterable[Context] | None = None) -> list[Features]:
    """Features of each text; the texts together are the dictionary for clitic stripping.

    `contexts`, one per text when given, tell the speaker (whose country
    "بلاده" means) and the publication date (which "اليوم" means).
    """
    counts: Counter[str] = Counter()
    tokenized: list[list[str]] = []
    for text in texts:
        forms = list(map(sys.intern, tokenize(text, breaks=True)))  # one string object per distinct form
        counts.update(forms)
        tokenized.append(forms)
    analyzer = Analyzer(counts)
    countries: dict[str | None, str | None] = {None: None}
    result: list[Features] = []
    known = iter(contexts) if contexts is not None else None
    for index, forms in enumerate(tokenized):
        context = next(known) if known is not None else _NO_CONTEXT
        if context.speaker not in countries:
            countries[context.speaker] = _country(analyzer, context.speaker)
        infos = [analyzer.info(form) for form in forms]
        result.append(_Builder(infos, forms, countries[context.speaker], context.published).walk())
        tokenized[index] = []  # the token lists are the bulk of the memory: free them as we go
    return result


_NO_CONTEXT = Context()


def _country(analyzer: Analyzer, speaker: str | None) -> str | None:
    """The country a speaker's name tells ("وزارة الدفاع الأذربيجانية", "باكو"), if any."""
    for form in tokenize(speaker or ""):
        term = analyzer.info(form).term
        if term in COUNTRY_TERMS:
            return term
    return None
