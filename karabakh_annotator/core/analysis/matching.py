"""The same claim across articles: statements in other articles that report the same fact.

Statements are reduced to features (matching_features.py), candidate pairs
come from an index of rare keys (matching_index.py: never all pairs), and
each candidate pair is scored by how much of each statement's weighted
content the other covers:

* a word weighs its inverse document frequency, so shared rare words
  (names, places) count and shared common ones ("القوات") barely do;
* numbers and places weigh double; a spelling variant found through the
  consonant skeleton counts nearly as much as the same spelling;
* different numbers for the same counted thing ("10 دبابات" / "12 دبابة"),
  numbers with nothing in common, or places with nothing in common lower
  the score: the statements may share a template but not a fact.

Pure and deterministic: the same statements give the same pairs, in the
same order, whatever order they come in.
"""

from __future__ import annotations

import datetime
import gc
import math
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain

from karabakh_annotator.core.analysis import matching_lexicon as lex
from karabakh_annotator.core.analysis.matching_features import Features, build_features
from karabakh_annotator.core.analysis.matching_forms import Analyzer
from karabakh_annotator.core.analysis.matching_index import candidate_pairs, document_frequencies
from karabakh_annotator.core.analysis.matching_words import MONTH_MARK, NUMBER_MARK, similar_spelling

DEFAULT_SAME_THRESHOLD = 0.5
# Pseudo-statements in which every word is absent: with a handful of
# statements, plain idf would make a word shared by both of two statements
# weigh nothing; with many, this prior is negligible.
_PRIOR_STATEMENTS = 50
_FUZZY = 0.8  # credit for a spelling variant found through the skeleton
_NUMBER_FACTOR = 2.0
_GENERIC_FACTOR = 0.5
_QUANTITY_CONFLICT = 0.5  # "10 دبابات" vs "12 دبابة"
_NUMBERS_DISJOINT = 0.7  # both give numbers, none shared
_PLACES_DISJOINT = 0.6  # both name places, none shared
_MIN_SHARED = 2  # one shared telling word is not a shared fact
_CONTAINED_FROM = 0.75  # the shorter statement this much covered: contained in the longer
_CONTAINED = 0.85  # the score of a contained statement, times its coverage

_NO_PLACES: frozenset[str] = frozenset()
_GENERIC_TERMS: frozenset[str] = frozenset(Analyzer({}).stem(form) for form in lex.GENERIC)


@dataclass(frozen=True, slots=True)
class ClaimText:
    """A statement to match: its text, its article, and what is known of how it was reported."""

    key: int  # statement id (or any unique int)
    article: int  # article id: pairs are only proposed across articles
    text: str
    cue_class: str | None = None
    stance: str | None = None  # reporting stance key
    speaker: str | None = None
    published: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    """Two statements in different articles: the same claim, or one contradicting the other."""

    kind: str  # "same" | "contradiction"
    a: int  # keys, a < b
    b: int
    score: float  # 0..1


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much of each statement of a pair the other covers, by weight."""

    covered_a: float  # 0..1
    covered_b: float
    telling: int  # how many of the shared terms, variants and places are not common words
    covered_smaller: float  # the coverage of the statement with less content
    places: Set[str]  # the places both name (shared_places)

    def score(self) -> float:
        """Mostly the less covered side, so that a long statement does not swallow a short one ...

        ... unless the shorter statement is nearly all in the longer one: then
        the longer reports the same fact and something more besides.
        """
        low, high = sorted((self.covered_a, self.covered_b))
        blend = 0.65 * low + 0.35 * high
        if self.covered_smaller >= _CONTAINED_FROM:
            return max(blend, _CONTAINED * self.covered_smaller)
        return blend


class ClaimIndex:
    """Features, word weights and candidate pairs of a set of statements."""

    def __init__(self, items: Iterable[ClaimText]) -> None:
        self.items = sorted(items, key=lambda item: item.key)
        keys = [item.key for item in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError("statement keys must be unique")
        self.features = build_features(item.text for item in self.items)
        self._keys = [features.keys() for features in self.features]
        self._df = document_frequencies(self._keys)
        self._weights: dict[str, float] = {}
        size = len(self.items) + _PRIOR_STATEMENTS
        for key, count in self._df.items():
            factor = _NUMBER_FACTOR if key[:1] == NUMBER_MARK else _GENERIC_FACTOR if key in _GENERIC_TERMS else 1.0
            self._weights[key] = factor * math.log(size / (count + 0.5))
        self._totals = [self._total(features) for features in self.features]
        # A shared word "tells" when it is at most about twice as common as
        # a word seen once: with 100,000 statements, "أذربيجان" is shared by
        # thousands and tells nothing; a village, a surname or a number does.
        self._telling = 0.5 * math.log(size / 1.5)

    def _total(self, features: Features) -> float:
        weights = self._weights
        return sum(map(weights.__getitem__, features.terms)) + sum(map(weights.__getitem__, features.places))

    def candidates(self) -> Iterator[tuple[int, int]]:
        """Positions (i, j), i < j, in `items` of pairs in different articles worth scoring."""
        return candidate_pairs(self._keys, [item.article for item in self.items], self._df)

    def overlap(self, i: int, j: int, exclude: frozenset[str] = frozenset()) -> Overlap:
        """Weighted coverage of statements i and j by each other, ignoring the `exclude` terms."""
        a, b = self.features[i], self.features[j]
        weight = self._weights.__getitem__
        shared = a.terms & b.terms
        if exclude:
            shared -= exclude
        places = shared_places(a, b) if a.place_names or b.place_names else _NO_PLACES
        common = sum(map(weight, shared)) + sum(map(weight, places))
        variants_a: set[str] = set()
        variants_b: set[str] = set()
        if not a.skeletons.isdisjoint(b.skeletons):
            variants_a = _variants(a, b, shared, exclude)
            variants_b = _variants(b, a, shared, exclude)
        total_a, total_b = self._totals[i], self._totals[j]
        if exclude:
            total_a -= sum(map(weight, exclude & a.terms))
            total_b -= sum(map(weight, exclude & b.terms))
        telling = self._telling
        covered_a = _ratio(common + _FUZZY * sum(map(weight, variants_a)), total_a)
        covered_b = _ratio(common + _FUZZY * sum(map(weight, variants_b)), total_b)
        return Overlap(
            covered_a,
            covered_b,
            sum(weight(t) >= telling for t in chain(shared, places, variants_a)),
            covered_a if total_a <= total_b else covered_b,
            places,
        )

    def similarity(self, i: int, j: int) -> float:
        """Same-claim score of statements i and j, 0..1."""
        found = self.overlap(i, j)
        if found.telling < _MIN_SHARED:
            return 0.0
        a, b = self.features[i], self.features[j]
        return found.score() * number_agreement(a, b) * place_agreement(a, b, found.places)


def _ratio(part: float, whole: float) -> float:
    return min(1.0, part / whole) if whole > 0 else 0.0


def _spelled(features: Features, key: str) -> str | None:
    """How the statement spells the word or compound with skeleton `key`."""
    for skeleton, term in features.named:
        if skeleton == key:
            return term
    for skeleton, first, second in features.compounds:
        if skeleton == key:
            return first + second
    return None


def _variant(term: str, key: str, other: Features) -> bool:
    spelled = _spelled(other, key)
    return spelled is not None and similar_spelling(term, spelled)


def _variants(a: Features, b: Features, shared: Set[str], exclude: frozenset[str]) -> set[str]:
    """a's words that b spells differently: same skeleton (of the word or a split compound), close spelling."""
    others = b.skeletons
    # Most words with a skeleton in common are simply shared: test that first, without a call.
    found = {
        term
        for key, term in a.named
        if key in others and term not in shared and term not in exclude and _variant(term, key, b)
    }
    for key, first, second in a.compounds:
        if key in others and (first not in shared or second not in shared) and _variant(first + second, key, b):
            found.update((first, second))
    return found - shared - exclude


def shared_places(a: Features, b: Features) -> set[str]:
    """Keys of the places both name, spelling variants included (شوشا / شوشة).

    A place recognised on one side only ("قرية تاليش" / "الهجوم على
    تاليش") counts when the other has the same word.
    """
    found = {key for key, name in a.place_names if name in b.terms}
    found.update(key for key, name in b.place_names if name in a.terms)
    common = (a.places & b.places) - found
    if common:
        theirs = dict(b.place_names)
        found.update(key for key, name in a.place_names if key in common and similar_spelling(name, theirs[key]))
    return found


def quantity_conflict(a: Features, b: Features, *, counts: bool = True, dates: bool = True) -> bool:
    """True when both count the same thing, or date the same month, with different numbers."""
    for noun, _ in a.quantities:
        if not (dates if noun[:1] == MONTH_MARK else counts):
            continue
        theirs = {value for other, value in b.quantities if other == noun}
        if theirs and theirs.isdisjoint(value for other, value in a.quantities if other == noun):
            return True
    return False


def number_agreement(a: Features, b: Features) -> float:
    """1 when the numbers agree or only one side gives any, less when they differ."""
    if not a.numbers or not b.numbers:
        return 1.0
    if quantity_conflict(a, b):
        return _QUANTITY_CONFLICT
    return _NUMBERS_DISJOINT if a.numbers.isdisjoint(b.numbers) else 1.0


def place_agreement(a: Features, b: Features, shared: Set[str]) -> float:
    """1 unless both name places and none of them is the same (`shared`: their shared_places)."""
    return _PLACES_DISJOINT if a.places and b.places and not shared else 1.0


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while matching builds its many small objects.

    Features are hundreds of thousands of frozensets and tuples without a
    reference cycle among them; the collector would scan them over and
    over as they pile up (a third of the time at 100,000 statements) and
    find nothing to free.  Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# A kind of pair, the function that scores a candidate pair for it, and its threshold.
Scorer = tuple[str, Callable[["ClaimIndex", int, int], float], float]


def scan(items: Iterable[ClaimText], scorers: Sequence[Scorer]) -> list[Pair]:
    """Score every candidate pair with each scorer; the pairs at or above its threshold, best first."""
    with gc_paused():
        index = ClaimIndex(items)
        pairs = []
        for i, j in index.candidates():
            for kind, scorer, threshold in scorers:
                score = scorer(index, i, j)
                if score >= threshold:
                    first, second = sorted((index.items[i].key, index.items[j].key))
                    # Rounded, so that the order does not hang on the last bits of a float sum.
                    pairs.append(Pair(kind, first, second, round(min(1.0, score), 4)))
    pairs.sort(key=lambda pair: (-pair.score, pair.a, pair.b, pair.kind))
    return pairs


def find_same_claims(items: Iterable[ClaimText], threshold: float = DEFAULT_SAME_THRESHOLD) -> list[Pair]:
    """Pairs of statements in different articles that report the same fact, best first."""
    return scan(items, [("same", ClaimIndex.similarity, threshold)])
