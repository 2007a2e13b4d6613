"""Candidate pairs for matching, found through an inverted index of rare keys.

Comparing every pair of 100,000 statements is 5 billion comparisons; two
reports of one fact share rare words instead (a name, a place, a number),
so each statement looks up only its few rarest keys and is compared with
the statements that share them.  Keys found in very many statements
("القوات", "2020") are not indexed at all: they cannot tell facts apart,
and their posting lists would make the work grow with the square of the
corpus.  Every statement thus costs at most PROBES x MAX_POSTINGS look-ups,
and time grows linearly with the number of statements.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from karabakh_annotator.core.analysis.matching_words import NUMBER_MARK, SKELETON_MARK, TREND_MARK

MAX_POSTINGS = 128  # a key in more statements than this is not indexed
PROBES = 6  # each statement looks up this many of its rarest keys
CANDIDATES = 24  # and keeps at most this many statements sharing the most of them
_NEEDED = 2
_SHORTEST_SKELETON = 4  # mark + four consonants: بيراموف -> "~برمف"


def document_frequencies(keys: Sequence[frozenset[str]]) -> Counter[str]:
    """In how many statements each key occurs."""
    counts: Counter[str] = Counter()
    for statement_keys in keys:
        counts.update(statement_keys)
    return counts


def _spread(keys: Sequence[frozenset[str]], groups: Sequence[int]) -> Counter[str]:
    """In how many groups (articles) each key occurs."""
    by_group: dict[int, set[str]] = {}
    for statement_keys, group in zip(keys, groups):
        by_group.setdefault(group, set()).update(statement_keys)
    spread: Counter[str] = Counter()
    for group_keys in by_group.values():
        spread.update(group_keys)
    return spread


def _postings(
    keys: Sequence[frozenset[str]], groups: Sequence[int], df: Counter[str]
) -> dict[str, list[int]]:
    """Statement numbers per indexable key: in two articles at least, and not too common.

    A key of one article only (a name its statements repeat) cannot lead
    to another article and would waste a probe.  Bare numbers are not
    indexed: "27" recurs by chance in unrelated statements (the features
    pair a number with what it counts, and those keys are).  Nor are
    skeletons of three consonants: that is an Arabic root, shared by many
    unrelated words (they still count when scoring).
    """
    spread = _spread(keys, groups)
    postings: dict[str, list[int]] = {}
    for index, statement_keys in enumerate(keys):
        for key in statement_keys:
            if spread[key] >= 2 and df[key] <= MAX_POSTINGS and _indexable(key):
                postings.setdefault(key, []).append(index)
    return postings


def _indexable(key: str) -> bool:
    mark = key[:1]
    return mark != NUMBER_MARK and (mark != SKELETON_MARK or len(key) > _SHORTEST_SKELETON)


def _probes(statement_keys: frozenset[str], postings: dict[str, list[int]], df: Counter[str]) -> list[str]:
    """The statement's rarest indexed keys (ties broken by the key, for determinism)."""
    indexed = [key for key in statement_keys if key in postings]
    indexed.sort(key=lambda key: (df[key], key))
    return indexed[:PROBES]


def _select(
    index: int, probes: list[str], postings: dict[str, list[int]], groups: Sequence[int]
) -> tuple[int, ...]:
    """The statements of other groups that share the most probes with statement `index`.

    Two shared keys are needed, as scoring needs two shared telling words:
    one alone is mostly chance (a surname, a three-consonant skeleton that
    many words have).
    """
    shared: dict[int, int] = {}
    group = groups[index]
    for key in probes:
        # A trend key (a side doing well, or badly) is enough alone: "تحقيق
        # إنجازات" and "تراجع نشاط القوات" have no other word in common.
        count = _NEEDED if key[:1] == TREND_MARK else 1
        for other in postings[key]:
            if groups[other] != group:
                shared[other] = shared.get(other, 0) + count
    best = sorted((-count, other) for other, count in shared.items() if count >= _NEEDED)
    return tuple(other for _, other in best[:CANDIDATES])


def candidate_pairs(
    keys: Sequence[frozenset[str]], groups: Sequence[int], df: Counter[str] | None = None
) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of statements in different groups worth comparing; each pair once.

    `keys[i]` are the index keys of statement i, `groups[i]` its article,
    `df` their document_frequencies (computed when not given).
    """
    if df is None:
        df = document_frequencies(keys)
    postings = _postings(keys, groups, df)
    selected = [_select(i, _probes(k, postings, df), postings, groups) for i, k in enumerate(keys)]
    del postings
    for i, chosen in enumerate(selected):
        for j in chosen:
            # A pair chosen from both sides is yielded from the lower one only.
            if j > i:
                yield i, j
            elif i not in selected[j]:
                yield j, i
