"""Phrase rules (copyright footer, cookie notice) and a fast exact prefilter.

Phrase rules look for phrases in the lower-cased line. Lower-casing and
searching every line is slow, so the text is first scanned once for
*needles* with ``str.find`` (C speed): a line without a needle cannot match.

Why that is exact: a phrase made of Arabic letters, spaces and "©" only
("plain") occurs in ``line.lower()`` exactly when it occurs in ``line``, as no
other character lowercases to those. Any other phrase holds an ASCII letter,
and only that letter, its upper case, U+0130 (İ, for "i") and U+212A (Kelvin
sign, for "k") lowercase to it -- both facts checked over all of Unicode.
"""

from __future__ import annotations

import re

from ..rules import PHRASE_RULES, PhraseRule

__all__ = ["match_phrase_rule", "phrase_rule_lines"]

_PHRASE_RES: tuple[tuple[PhraseRule, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (
        rule,
        # Matched against the lower-cased line: IGNORECASE slows Arabic down.
        re.compile("|".join(re.escape(p.lower()) for p in rule.phrases)),
        re.compile("|".join(re.escape(p.lower()) for p in rule.requires)) if rule.requires else None,
    )
    for rule in PHRASE_RULES
)
# No phrase rule applies to a line with more words than this.
_MAX_PHRASE_WORDS = max(rule.max_words for rule in PHRASE_RULES)


def _is_plain(phrase: str) -> bool:
    return all("\u0600" <= ch <= "\u06ff" or ch in " ©" for ch in phrase)


def _letter_forms(letter: str) -> tuple[str, ...]:
    """Every character whose lower case contains the ASCII letter ``letter``."""
    extra = {"i": ("\u0130",), "k": ("\u212a",)}.get(letter, ())
    return (letter, letter.upper(), *extra)


_RARITY = "zqxjvwykbgpfmucldhrsnioate"


def _needles() -> tuple[str, ...] | None:
    """Strings one of which every line matching a phrase rule contains; None: unknown."""
    needles: list[str] = []
    for phrase in (p.lower() for rule in PHRASE_RULES for p in rule.phrases):
        if _is_plain(phrase):
            needles.append(phrase)
            continue
        letters = [ch for ch in phrase if ch.isascii() and ch.isalpha()]
        if not letters or not all(ch.isascii() or _is_plain(ch) for ch in phrase):
            return None  # outside what the argument above covers: check every line
        # One letter of the phrase suffices: take the rarest in text (fewest hits).
        letter = min(letters, key=_RARITY.index)
        needles.extend(_letter_forms(letter))
    # A needle containing another needle adds nothing: drop it (one scan less).
    unique = list(dict.fromkeys(needles))
    return tuple(n for n in unique if not any(o != n and o in n for o in unique))


_NEEDLES = _needles()


def phrase_rule_lines(text: str) -> set[int] | None:
    """Start offsets of the lines that may match a phrase rule (None: any line may)."""
    if _NEEDLES is None:
        return None
    starts: set[int] = set()
    for needle in _NEEDLES:
        i = text.find(needle)
        while i != -1:
            starts.add(text.rfind("\n", 0, i) + 1)
            i = text.find(needle, i + 1)
    return starts


def match_phrase_rule(line: str) -> str | None:
    """The reason of the first phrase rule matching ``line``, else None."""
    # split(None, n) stops after n splits, giving min(words, n + 1): exact for
    # every max_words <= n, and article paragraphs are not split in full.
    words = len(line.split(None, _MAX_PHRASE_WORDS))
    if words > _MAX_PHRASE_WORDS:
        return None
    line = line.lower()
    for rule, phrases, requires in _PHRASE_RES:
        if words <= rule.max_words and phrases.search(line) and (requires is None or requires.search(line)):
            return rule.reason
    return None
