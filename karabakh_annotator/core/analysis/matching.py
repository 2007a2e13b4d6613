"""The same claim across articles: statements in other articles that report the same fact.

Statements are reduced to features (matching_features.py), candidate pairs
come from an index of rare keys (matching_index.py: never all pairs), and
each candidate pair is scored by how much of each statement's weighted
content the other covers:

* a word weighs its inverse document frequency, so shared rare words
  (names, places) count and shared common ones ("القوات") barely do;
  the words of a synonym family (حررت / سيطرت / استعادت, قرى / مناطق,
  واشنطن / الولايات المتحدة: matching_families.py) are one word;
* numbers and places weigh double; a spelling variant found through the
  consonant skeleton counts nearly as much as the same spelling;
* a statement of several clauses may report, in one of them, the fact
  another reports alone (part_score);
* different numbers for the same counted thing ("10 دبابات" / "12 دبابة"),
  numbers with nothing in common, or places with nothing in common lower
  the score: the statements may share a template but not a fact; so does
  a negation of what the other does not say ("لم ينسحب من أي منطقة
  حررها" is not "حرر مناطق عديدة").

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
from karabakh_annotator.core.analysis.matching_features import Context, Features, build_features
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
_NEGATED_ELSEWHERE = 0.5  # one negates a word the other does not say
_PART_COVERS = 0.4  # a statement matched by one clause of another: this much of it in the clause
_MIN_SHARED = 2  # one shared telling word is not a shared fact
_CONTAINED_FROM = 0.75  # the shorter statement this much covered: contained in the longer
_CONTAINED = 0.85  # the score of a contained statement, times its coverage

_NO_PLACES: frozenset[str] = frozenset()
_GENERIC_TERMS: frozenset[str] = frozenset(filter(None, (Analyzer({}).info(form).term for form in lex.GENERIC)))


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
        self.features = build_features(
            (item.text for item in self.items), (Context(item.speaker, item.published) for item in self.items)
        )
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
        common_a = common_b = sum(map(weight, shared))
        if places:
            # A place recognised on one side only ("قرية تاليش" / "على تاليش")
            # weighs in that side's total only: the other has the word as a shared
            # term.  Spelled differently (كيرد / قيرود), it may be another place
            # and counts as a spelling variant does.
            for place in places:
                credit = weight(place) * (1.0 if _same_spelling(a, b, place) else _FUZZY)
                common_a += credit if place in a.places else 0.0
                common_b += credit if place in b.places else 0.0
        variants_a: set[str] = set()
        variants_b: set[str] = set()
        if not a.skeletons.isdisjoint(b.skeletons):
            variants_a = _variants(a, b, shared, exclude)
            variants_b = _variants(b, a, shared, exclude)
        # A place both name, spelled differently (كهص / كهاص): the place key is
        # shared and weighs in; the spellings tell, but are not counted twice.
        spellings = _place_spellings(a, places, shared) if places else _NO_PLACES
        total_a, total_b = self._totals[i], self._totals[j]
        if exclude:
            total_a -= sum(map(weight, exclude & a.terms))
            total_b -= sum(map(weight, exclude & b.terms))
        covered_a = _ratio(common_a + _FUZZY * sum(map(weight, variants_a)), total_a)
        covered_b = _ratio(common_b + _FUZZY * sum(map(weight, variants_b)), total_b)
        return Overlap(
            covered_a,
            covered_b,
            self.telling(chain(shared, places, variants_a, spellings)),
            covered_a if total_a <= total_b else covered_b,
            places,
        )

    def telling(self, terms: Iterable[str]) -> int:
        """How many telling words some shared terms amount to.

        A word tells when it is rare; words half as rare together may tell as
        much as one rare word: "استهداف" + "المدنيين" (each of a family of
        words) say as much as a village's name.  Common words ("الوزارة",
        "القوات", "جنيف" in a corpus of Geneva talks) tell nothing however many.
        """
        telling = self._telling
        count, rest = 0, 0.0
        for term in terms:
            value = self._weights[term]
            if value >= telling:
                count += 1
            elif value >= telling / 2 and term not in _GENERIC_TERMS:
                rest += value
        return count + int(rest / telling)

    def similarity(self, i: int, j: int) -> float:
        """Same-claim score of statements i and j, 0..1."""
        found = self.overlap(i, j)
        a, b = self.features[i], self.features[j]
        score = found.score() if found.telling >= _MIN_SHARED else 0.0
        if (a.parts or b.parts) and score < 1.0:
            score = max(score, self.part_score(i, j))
        if not score:
            return 0.0
        return (
            score
            * number_agreement(a, b)
            * place_agreement(a, b, found.places)
            * negation_agreement(a, b)
        )

    def part_score(self, i: int, j: int) -> float:
        """The best match of one clause of either statement with the whole of the other.

        A statement of several claims ("دمر قافلة، ودمر 10 دبابات و30
        عربة") reports, in one clause, the fact that another statement
        reports alone: scored like two statements, the clause for one of them.
        """
        weight = self._weights.__getitem__
        best = 0.0
        for x, y in ((i, j), (j, i)):
            other = self.features[y].terms
            total = self._totals[y]
            for part in self.features[x].parts:
                shared = part & other
                if self.telling(shared) < _MIN_SHARED:
                    continue
                common = sum(map(weight, shared))
                # The other statement must be largely in the clause: a clause that
                # is all in a long statement ("وتبادل الأسرى") is only a detail of it.
                covered = _ratio(common, total)
                if covered < _PART_COVERS:
                    continue
                low, high = sorted((_ratio(common, sum(map(weight, part))), covered))
                best = max(best, 0.65 * low + 0.35 * high)
        return best


def _ratio(part: float, whole: float) -> float:
    return min(1.0, part / whole) if whole > 0 else 0.0


def _spelled(features: Features, key: str) -> str | None:
    """How the statement spells the word or compound with skeleton `key`."""
    for skeleton, term in features.named:
        if skeleton == key:
            return term
    for skeleton, _, _, spelled in features.compounds:
        if skeleton == key:
            return spelled
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
    for key, first, second, spelled in a.compounds:
        if key in others and (first not in shared or second not in shared) and _variant(spelled, key, b):
            found.update((first, second))
    return found - shared - exclude


def _same_spelling(a: Features, b: Features, place: str) -> bool:
    """Both spell the place (a shared_places key) alike, or one names it without calling it a place."""
    first = next((name for key, name in a.place_names if key == place), None)
    second = next((name for key, name in b.place_names if key == place), None)
    return first is None or second is None or first == second


def _place_spellings(features: Features, places: Set[str], shared: Set[str]) -> frozenset[str]:
    """The statement's own spellings of the `places` (shared_places keys) that the other spells otherwise."""
    return frozenset(
        name for key, name in features.place_names if key in places and name not in shared and name in features.terms
    )


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


def verb_core(term: str) -> str:
    """Without an imperfect or form-VII prefix, so "يتغير" meets "تغير" and "تنسحب" meets "انسحب"."""
    return term[1:] if len(term) >= 4 and term[0] in "يتنا" else term


def _says(term: str, other: Features) -> bool:
    return term in other.terms or verb_core(term) in {verb_core(t) for t in other.terms}


def negation_agreement(a: Features, b: Features) -> float:
    """1 unless one statement negates something the other does not mention at all.

    "لم ينسحب من أي منطقة حررها" is about not withdrawing: the areas it
    took are context.  A statement that only reports the areas taken
    shares that context but not the claim.
    """
    for first, second in ((a, b), (b, a)):
        if first.negated and not any(_says(term, second) for term in first.negated):
            return _NEGATED_ELSEWHERE
    return 1.0


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
