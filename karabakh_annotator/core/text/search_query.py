"""Search queries: parse words, "phrases" and prefix* terms, and find them in text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from karabakh_annotator.core.text.normalize import tokens

_PART = re.compile(r'"([^"]*)"?|(\S+)')

Token = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class Term:
    """A run of normalised words that must appear in order; `prefix` lets the last one go on."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """All terms must match (AND)."""

    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str) -> Query:
    """Words are ANDed; "a b" is a phrase; a trailing * makes a prefix term."""
    terms: list[Term] = []
    for match in _PART.finditer(text):
        phrase, word = match.groups()
        raw = phrase if phrase is not None else word
        prefix = raw.rstrip().endswith("*")
        words = tuple(token for token, _, _ in tokens(raw.rstrip().rstrip("*")))
        if words:
            terms.append(Term(words, prefix))
    return Query(tuple(terms))


def _matches_at(text_tokens: Sequence[Token], index: int, term: Term) -> bool:
    words = term.words
    if index + len(words) > len(text_tokens):
        return False
    for offset, word in enumerate(words):
        token = text_tokens[index + offset][0]
        last = offset == len(words) - 1
        if token != word and not (last and term.prefix and token.startswith(word)):
            return False
    return True


def find_term_spans(text_tokens: Sequence[Token], query: Query) -> list[tuple[int, int]] | None:
    """Original-text spans of every term occurrence, or None when some term is missing."""
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        found = [
            (text_tokens[i][1], text_tokens[i + len(term.words) - 1][2])
            for i in range(len(text_tokens))
            if _matches_at(text_tokens, i, term)
        ]
        if not found:
            return None
        spans.extend(found)
    return sorted(set(spans))
