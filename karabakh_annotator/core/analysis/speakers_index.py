"""Finding the known names a mention's name words match, without a scan.

Internal to `speakers`.  Every name and alias of every entity is stored as
a tuple of relaxed words (consonant skeletons, see speakers_parse.relax); a
mention's words are looked up word by word (the same skeleton, then with
transliteration letters folded, then one letter off through a deletion
index) and only the names that share a word are compared.  The cost
depends on how many names share a word, not on how many entities exist.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from karabakh_annotator.core.analysis.speakers_parse import fold

__all__ = ["NameIndex"]

# Two different spellings of a word match only if both have at least this
# many letters (below it a vowel letter is what tells names apart: حسن /
# حسين) and their folded forms have at least this SequenceMatcher ratio
# (غوتيريش / غوتيريس 0.86, كورتشوك / كورشوك 0.92, بايراموف / بيراموف 0.93).
MIN_LENGTH = 5
MIN_RATIO = 0.8
# Confidence of each way of matching a name, times the word similarities.
_EXACT = 1.0  # all words on both sides
_SURNAME = 0.9  # the mention is part of the name, ending with its last word
_CONTAINS = 0.85  # the mention holds the whole name (إلهام حيدر علييف / إلهام علييف)
_PARTIAL = 0.7  # shares all words but not the last one
_FIRST_NAME = 0.6  # a first name alone
# Ceiling of a word similarity by the way the word was found.
_FOLDED = 0.95
_ONE_OFF = 0.9
_CLITIC = 0.9  # after dropping a و / ب / ل glued to the name


@dataclass(frozen=True, slots=True)
class _Entry:
    entity_id: int
    words: tuple[str, ...]  # relaxed
    strict: tuple[str, ...]  # normalised
    distinct: int  # number of different relaxed words


@dataclass(slots=True)
class NameIndex:
    """Relaxed name words of known entities -> the names that contain them."""

    _entries: list[_Entry] = field(default_factory=list)
    _by_word: dict[str, list[int]] = field(default_factory=dict)
    _by_fold: dict[str, set[str]] = field(default_factory=dict)
    # every folded skeleton with one letter deleted -> relaxed words
    _by_deletion: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity_id: int, words: tuple[str, ...], strict: tuple[str, ...]) -> None:
        """Index one name (or alias) of an entity."""
        index = len(self._entries)
        self._entries.append(_Entry(entity_id, words, strict, len(set(words))))
        for word in words:
            postings = self._by_word.setdefault(word, [])
            if not postings or postings[-1] != index:
                postings.append(index)
            folded = fold(word)
            self._by_fold.setdefault(folded, set()).add(word)
            for variant in _deletions(folded):
                self._by_deletion.setdefault(variant, set()).add(word)

    def match(self, words: tuple[str, ...], strict: tuple[str, ...]) -> dict[int, float]:
        """Entity id -> best score of a known name matching the mention's name."""
        similar = [self._similar_words(w) for w in words]
        scores: dict[int, float] = {}
        for index in self._candidates(similar):
            entry = self._entries[index]
            score = _score(entry, similar, strict)
            if score > scores.get(entry.entity_id, 0.0):
                scores[entry.entity_id] = score
        return scores

    def _candidates(self, similar: list[dict[str, float]]) -> list[int]:
        """Names that may hold every mention word or be held by the mention.

        A name shared by many entities' words (a common first name) is only
        compared when the other words fit too, which keeps a resolution
        cheap however many entities are called محمد.
        """
        hits: Counter[int] = Counter()
        for sims in similar:
            hits.update({i for word in sims for i in self._by_word[word]})
        everything = len(similar)
        return [
            i for i, n in hits.items() if n == everything or n >= self._entries[i].distinct
        ]

    def _similar_words(self, word: str) -> dict[str, float]:
        """Known relaxed words this mention word may be, with a ceiling on similarity."""
        if word in self._by_word:
            return {word: 1.0}
        folded = fold(word)
        same = self._by_fold.get(folded)
        if same:
            return dict.fromkeys(same, _FOLDED)
        if len(word) > 3 and word[0] in "وبل" and word[1:] in self._by_word:
            return {word[1:]: _CLITIC}
        # One letter inserted, deleted or replaced on the skeleton: both
        # sides' one-deletion variants meet (the symmetric-delete method).
        found: dict[str, float] = {}
        for variant in (folded, *_deletions(folded)):
            for known in self._by_deletion.get(variant, ()):
                found[known] = _ONE_OFF
        return found


def _deletions(word: str) -> set[str]:
    """`word` with one letter deleted, for skeletons long enough to survive it."""
    if len(word) < 3:
        return set()
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _score(entry: _Entry, similar: list[dict[str, float]], strict: tuple[str, ...]) -> float:
    """How well the mention's words (as `similar`) match one known name; 0 if not."""
    pairs = [
        [_word_similarity(sims.get(w, 0.0), spelling, known) for w, known in zip(entry.words, entry.strict)]
        for sims, spelling in zip(similar, strict)
    ]
    best = [max(row, default=0.0) for row in pairs]
    covered = {j for row in pairs for j, sim in enumerate(row) if sim}
    all_mention = all(best)
    all_name = len(covered) == len(entry.words)
    last_to_last = bool(pairs[-1][-1])
    if all_mention and all_name:
        level = _EXACT
    elif all_mention:
        level = _SURNAME if last_to_last else _mention_part(pairs)
    elif all_name:
        level = _CONTAINS if last_to_last else _PARTIAL
    else:
        return 0.0
    matched = [b for b in best if b]
    return level * sum(matched) / len(matched)


def _word_similarity(ceiling: float, spelling: str, known: str) -> float:
    """Similarity of two words whose skeletons matched (0 if they did not).

    Vowel letters are what tell short Arabic names apart (حسن / حسين،
    محمد / محمود، حمد / حامد) while in long transliterated names they are
    noise (بايراموف / بيراموف), so two different spellings count only when
    both have MIN_LENGTH letters, and as much as they look alike.
    """
    if not ceiling or spelling == known:
        return ceiling
    if min(len(spelling), len(known)) < MIN_LENGTH:
        return 0.0
    ratio = _ratio(fold(spelling), fold(known))
    return min(ceiling, ratio) if ratio >= MIN_RATIO else 0.0


@lru_cache(maxsize=65536)
def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _mention_part(pairs: list[list[float]]) -> float:
    only_first = len(pairs) == 1 and bool(pairs[0][0])
    return _FIRST_NAME if only_first else _PARTIAL
