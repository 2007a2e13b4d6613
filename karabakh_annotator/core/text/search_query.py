"""Search queries: parse words, "phrases" and prefix* terms, and find them in text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from karabakh_annotator.core.text.normalize import NormalizedText, token_pattern, tokens

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


def _term_end(text: str, start: int, term: Term) -> int | None:
    """End of `term` if it matches at token start `start` of normalised `text`."""
    pattern = token_pattern()
    end = start
    for offset, word in enumerate(term.words):
        token = pattern.match(text, start) if offset == 0 else pattern.search(text, end)
        if token is None:
            return None
        value = token.group()
        last = offset == len(term.words) - 1
        if value != word and not (last and term.prefix and value.startswith(word)):
            return None
        end = token.end()
    return end


def _is_token_start(text: str, position: int) -> bool:
    # A token that starts one character earlier and runs past `position`
    # means `position` is inside a word. (A combining mark right before it
    # could hide that; normalised NFC article text has none in practice.)
    if position == 0:
        return True
    before = token_pattern().match(text, position - 1)
    return before is None or before.end() <= position


def find_spans_in(normalized: NormalizedText, query: Query) -> list[tuple[int, int]] | None:
    """Same result as find_term_spans(tokens(original), query), without tokenising everything.

    Occurrences are found with str.find in the normalised text and checked
    token by token only where they are, then mapped back to the original.
    """
    text = normalized.text
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        first = term.words[0]
        found = []
        position = text.find(first)
        while position != -1:
            if _is_token_start(text, position):
                end = _term_end(text, position, term)
                if end is not None:
                    found.append(normalized.span_to_original(position, end))
            position = text.find(first, position + 1)
        if not found:
            return None
        spans.extend(found)
    return sorted(set(spans))
