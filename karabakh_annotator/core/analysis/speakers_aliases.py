"""The user-editable list of equivalent spellings (speaker_variants.txt).

Internal to `speakers`, which re-exports `AliasList` and `load_alias_list`.

The file format is meant to be edited by an analyst in any text editor: one
group of equivalent spellings per line, separated by ``|``, a tab, a comma
(Latin or Arabic) or a semicolon; ``#`` starts a comment.  The first
spelling of a group is its canonical form.  An entry may be one word
(بايراموف | بيراموف), a full name, a nisba (الأذري | الأذربيجاني) or a whole
phrase (الكرملين | الرئاسة الروسية).  Groups that share a spelling are
merged, so a user file can extend a group of the shipped one.

Spellings are compared after normalisation, and a one-word entry also
matches the word with its clitics (و، ب، ل، ال ...) and, when it ends in ي,
with the feminine and plural endings, as it appears in running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from karabakh_annotator.core.text.normalize import word_tokens

__all__ = ["AliasIndex", "AliasList", "alias_index", "default_alias_text", "load_alias_list"]

_SEPARATOR = re.compile(r"[|\t,،;؛]")
# Conjunctions and prepositions glued to a word; before the article, a
# final ل absorbs its alef (ل + الأذري = للأذري).
_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
_NISBA_ENDINGS = ("ه", "ين", "ون", "يين", "يون")
_DEFAULT_RESOURCE = "data/speaker_variants.txt"


@dataclass(frozen=True, slots=True)
class AliasList:
    """Groups of equivalent spellings, as written by the user (first = canonical)."""

    groups: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_text(cls, text: str) -> AliasList:
        """Parse the file format described in the module docstring."""
        groups: list[tuple[str, ...]] = []
        for line in text.splitlines():
            body = line.split("#", 1)[0]
            spellings = tuple(s.strip() for s in _SEPARATOR.split(body) if s.strip())
            if len(spellings) >= 2:
                groups.append(spellings)
        return cls(tuple(groups))

    def merged(self, other: AliasList) -> AliasList:
        """This list followed by `other` (shared spellings join their groups)."""
        return AliasList(self.groups + other.groups)

    def __len__(self) -> int:
        return len(self.groups)


def default_alias_text() -> str:
    """The text of the default list shipped inside the package."""
    package = resources.files("karabakh_annotator.core.analysis")
    return package.joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8-sig")


def load_alias_list(paths: Iterable[Path], include_default: bool = True) -> AliasList:
    """The shipped default list (unless excluded) extended by the user's files.

    A path that does not exist is skipped: the user's own list is optional
    and is only created the first time it is edited.
    """
    result = AliasList.from_text(default_alias_text()) if include_default else AliasList()
    for path in paths:
        if path.is_file():
            result = result.merged(AliasList.from_text(path.read_text(encoding="utf-8-sig")))
    return result


@dataclass(frozen=True, slots=True)
class _Replacement:
    rest: tuple[str, ...]  # the words after the first one that must follow
    canonical: tuple[str, ...]
    ending: str  # nisba ending seen on the (single) word, carried over
    clitic: int = 0  # letters of a conjunction or preposition in front (و، ب)


@dataclass(frozen=True, slots=True)
class AliasIndex:
    """Normalised lookup built from an AliasList: first word -> replacements."""

    by_first: dict[str, tuple[_Replacement, ...]] = field(default_factory=dict)

    def apply(self, words: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Words with every listed variant replaced by its canonical spelling.

        The canonical words take the span of the words they replace, so a
        name found in them can still be located in the original mention.
        """
        if not self.by_first:
            return list(words)
        out: list[tuple[str, int, int]] = []
        i = 0
        while i < len(words):
            step = self._replace_at(words, i, out)
            i += step
        return out

    def _replace_at(
        self, words: Sequence[tuple[str, int, int]], i: int, out: list[tuple[str, int, int]]
    ) -> int:
        for repl in self.by_first.get(words[i][0], ()):
            n = len(repl.rest)
            if tuple(w for w, _s, _e in words[i + 1 : i + 1 + n]) != repl.rest:
                continue
            word, start, word_end = words[i]
            end = words[i + n][2]
            if repl.clitic and word_end - start == len(word):
                # No diacritics in the way: the original spells the clitic
                # letter for letter, so the span can leave it out.
                start += repl.clitic
            canonical = list(repl.canonical)
            if repl.ending and canonical[-1].endswith("ي"):
                canonical[-1] += repl.ending
            out.extend((w, start, end) for w in canonical)
            return n + 1
        out.append(words[i])
        return 1


def _components(groups: Sequence[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    """Union of groups that share a (normalised) spelling, in first-seen order."""
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(x: tuple[str, ...]) -> tuple[str, ...]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        phrases = [tuple(word_tokens(s)) for s in group]
        phrases = [p for p in phrases if p]
        for p in phrases:
            parent.setdefault(p, p)
        for p in phrases[1:]:
            a, b = find(phrases[0]), find(p)
            if a != b:
                # The root is the earlier spelling, so it stays canonical.
                parent[b] = a
    members: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for p in parent:
        members.setdefault(find(p), []).append(p)
    return [[root, *(m for m in ms if m != root)] for root, ms in members.items()]


def _surface_forms(word: str, single: bool) -> list[tuple[str, str, int]]:
    """(form, nisba ending, clitic length) for a word as it may appear in text."""
    forms = [(word, "", 0)]
    definite = word.startswith("ال")
    for c in _CLITICS:
        if definite and c.endswith("ل"):
            # ل + الكرملين = للكرملين: the article is gone, keep the form whole.
            forms.append((c + word[1:], "", len(c) - 1))
        else:
            forms.append((c + word, "", len(c)))
    if single and word.endswith("ي"):
        forms += [(form + ending, ending, n) for form, _, n in list(forms) for ending in _NISBA_ENDINGS]
    return forms


@lru_cache(maxsize=8)
def alias_index(aliases: AliasList) -> AliasIndex:
    """The lookup for `aliases` (cached: lists are small and rarely change)."""
    exact: dict[str, list[_Replacement]] = {}
    derived: dict[str, list[_Replacement]] = {}
    for component in _components(aliases.groups):
        canonical = component[0]
        for phrase in component[1:]:
            single = len(phrase) == 1
            for form, ending, clitic in _surface_forms(phrase[0], single):
                target = exact if form == phrase[0] else derived
                target.setdefault(form, []).append(_Replacement(phrase[1:], canonical, ending, clitic))
    # A spelling listed as such wins over the clitic reading of another one.
    for form, repls in derived.items():
        exact.setdefault(form, repls)
    by_first = {
        form: tuple(sorted(repls, key=lambda r: -len(r.rest))) for form, repls in exact.items()
    }
    return AliasIndex(by_first)
