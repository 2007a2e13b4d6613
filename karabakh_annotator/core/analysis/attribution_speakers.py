"""The speakers named so far in an article, for pronouns and role back-references.

News prose names a speaker once in full ("وزير الخارجية الأذربيجاني جيهون
بايراموف") and then refers back with a bare verb ("وأضاف أن") or a role
("الوزير", "الرئيس الأذري").  A role back-reference goes to the last named
speaker with the same role; when it carries a place adjective (الأذري) the
antecedent must mention a compatible place (أذربيجان), so "الرئيس الأذري"
skips over an Armenian prime minister named in between.
"""

from __future__ import annotations

from dataclasses import dataclass

from karabakh_annotator.core.analysis.attribution_phrases import SentenceView
from karabakh_annotator.core.analysis.attribution_words import (
    ANONYMOUS_HEADS,
    FUNCTION_WORDS,
    QUOTE_OPENERS,
    is_definite,
    is_nisba,
    role_key,
    stem,
)

__all__ = ["Mention", "Speaker", "Speakers"]

_MAX_BACK_REFERENCE = 3  # role plus up to two adjectives: "الرئيس الأذري"
_PLACE_PREFIX = 3  # letters a place adjective shares with its name (أذري / أذربيجان)


@dataclass(frozen=True, slots=True)
class Mention:
    """A named speaker as written, with article offsets."""

    text: str
    start: int
    end: int
    role: str | None  # role key of its head noun (وزير، متحدث ...)
    stems: frozenset[str]  # normalised word stems, for matching place adjectives
    anonymous: bool  # headed by مصدر / مصادر


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a construction attributes to: the named mention, and the in-sentence reference to it."""

    name: Mention
    mention: tuple[int, int] | None  # article offsets of "الوزير" when it stands for `name`

    @property
    def anonymous(self) -> bool:
        return self.name.anonymous


def _compatible(adjective: str, stems: frozenset[str]) -> bool:
    return any(
        len(s) >= _PLACE_PREFIX and s[:_PLACE_PREFIX] == adjective[:_PLACE_PREFIX] for s in stems
    )


class Speakers:
    """Named speakers of one article in order, and the name words seen in them."""

    def __init__(self, article: str) -> None:
        self._article = article
        self._history: list[Mention] = []
        # Name words (not roles, not definite): "بيراموف" after
        # "وزير الخارجية جيهون بيراموف", so that "نفى بيراموف قصف" finds him.
        self.names: set[str] = set()

    def last(self) -> Speaker | None:
        """The last named speaker (for a verb with no subject)."""
        return Speaker(self._history[-1], None) if self._history else None

    def _antecedent(self, role: str, adjectives: list[str]) -> Mention | None:
        for mention in reversed(self._history):
            if mention.role == role and all(_compatible(a, mention.stems) for a in adjectives):
                return mention
        return None

    def named(self, view: SentenceView, tokens: tuple[int, int] | None, skip: int = 0) -> Speaker | None:
        """The speaker of the phrase `tokens` of `view`: a new mention or a back-reference."""
        if tokens is None:
            return None
        first, last = tokens
        words = view.words[first:last]
        start, end = view.starts[first] + skip, view.end_of(last - 1)
        if words[0] in QUOTE_OPENERS and len(words) > 2:
            start, end = view.end_of(first), view.starts[last - 1]  # "رويترز" without its marks
        s, e = view.original(start, end)
        plain = [w for w in words if w[0].isalnum()]
        if not plain:
            return None
        role = role_key(plain[0]) or (role_key(plain[1]) if len(plain) > 1 else None)
        if (
            role is not None
            and is_definite(plain[0])
            and len(plain) <= _MAX_BACK_REFERENCE
            and all(is_nisba(w) for w in plain[1:])
        ):
            antecedent = self._antecedent(role, [stem(w) for w in plain[1:]])
            if antecedent is not None:
                return Speaker(antecedent, (s, e))
        anonymous = any(w in ANONYMOUS_HEADS for w in plain[:2])
        mention = Mention(self._article[s:e], s, e, role, frozenset(stem(w) for w in plain), anonymous)
        self._history.append(mention)
        self.names.update(
            w for w in plain if not is_definite(w) and role_key(w) is None and w not in FUNCTION_WORDS and w != "باسم"
        )
        return Speaker(mention, None)
