"""Sentences, clauses and quotations of cleaned article text, as offsets.

pyarabic's sentence_tokenize returns strings without offsets and splits at
every comma, so it cannot anchor a statement in the stored text.  These
functions scan the text once with precompiled patterns and return `Span`s
of Python code-point offsets into the string they were given.

Quotation marks are paired first, because a sentence never ends inside an
open quotation: direct speech often holds several full stops.  Pairing is
done per paragraph (a quotation never crosses a newline in cleaned text, and
a stray mark must not swallow the rest of the article).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Span", "clauses", "quotations", "sentences"]


@dataclass(frozen=True, slots=True)
class Span:
    """A [start, end) range of code-point offsets."""

    start: int
    end: int


# Which closing marks end a quotation opened by each mark.  „ closes with
# either curly mark (German style); a closing mark seen with nothing open is
# taken as an opener of the mirrored style, because Arabic keyboards and
# right-to-left editing often swap « » and “ ”.
_CLOSERS: dict[str, frozenset[str]] = {
    '"': frozenset('"'),
    "«": frozenset("»"),
    "“": frozenset("”"),
    "„": frozenset("“”"),
    "‹": frozenset("›"),
}
_MIRRORED: dict[str, frozenset[str]] = {
    "»": frozenset("«»"),
    "”": frozenset("”“"),
    "›": frozenset("‹›"),
}
_QUOTE_OR_NEWLINE = re.compile('["«»“”„‹›\n]')

# Candidate sentence ends: runs of terminators (so "?!" and "..." stay one
# boundary) and every newline, which is a paragraph break in cleaned text.
_TERMINATOR = re.compile(r"[.!?؟؛…]+|\n")
_CLOSING_AFTER = frozenset('"»”’)]}›')
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")
# Latin abbreviations that end in a full stop without ending the sentence.
_LATIN_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "no", "gen", "col", "lt"})
# Era marks after a year ("2020 م.", "1441 هـ.") do end a sentence, unlike
# a lone letter used as an abbreviation ("د. علي").
_ERA_MARKS = frozenset({"م", "ه", "هـ"})
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_CLAUSE_SEPARATOR = re.compile(r"[،,؛]")


def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """Positions of matching opening and closing marks, sorted by the opening mark."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, frozenset[str]]] = []
    for m in _QUOTE_OR_NEWLINE.finditer(text):
        ch, pos = m.group(), m.start()
        if ch == "\n":
            stack.clear()
            continue
        # Close the nearest open quotation this mark can close, dropping any
        # unclosed marks opened inside it.
        for depth in range(len(stack) - 1, -1, -1):
            if ch in stack[depth][1]:
                pairs.append((stack[depth][0], pos))
                del stack[depth:]
                break
        else:
            closers = _CLOSERS.get(ch) or _MIRRORED.get(ch)
            if closers is not None:
                stack.append((pos, closers))
    pairs.sort()
    return pairs


def quotations(text: str) -> list[Span]:
    """The inside of each quotation (« » " " “ ” „ ‹ ›); offsets exclude the marks."""
    return [Span(open_ + 1, close) for open_, close in _quote_pairs(text)]


def _outermost(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Opening and closing positions of the quotations not nested in another."""
    opens: list[int] = []
    closes: list[int] = []
    for open_, close in pairs:
        if closes and open_ < closes[-1]:
            continue
        opens.append(open_)
        closes.append(close)
    return opens, closes


def _inside(pos: int, opens: list[int], closes: list[int]) -> bool:
    k = bisect_right(opens, pos) - 1
    return k >= 0 and pos < closes[k]


def _is_abbreviation(text: str, pos: int) -> bool:
    """Whether the full stop at `pos` closes an abbreviation (د. ، U.S.) rather than a sentence."""
    if pos == 0 or not text[pos - 1].isalpha() or (pos > 1 and text[pos - 2].isalpha() and not text[pos - 1].isascii()):
        return False  # the usual case: a full stop after an Arabic word of several letters
    m = _WORD_BEFORE.search(text, max(0, pos - 12), pos)
    if m is None:
        return False
    word = m.group(1)
    before = text[m.start() - 1] if m.start() > 0 else " "
    if len(word) == 1:
        if word in _ERA_MARKS and _NUMBER_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            return False
        # A lone letter after a space, a full stop (U.S.) or a bracket.
        return before.isspace() or before in ".(«\"" or m.start() == 0
    return word.isascii() and word.lower() in _LATIN_ABBREVIATIONS and not before.isalnum()


def _is_boundary(text: str, start: int, end: int, run: str) -> bool:
    """Whether the terminator run text[start:end] ends a sentence."""
    if run != ".":
        return True  # ? ! ؟ ؛ and ellipses always do
    after = text[end] if end < len(text) else " "
    before = text[start - 1] if start > 0 else " "
    if after.isdigit() and before.isdigit():
        return False  # 3.5, 1.200
    if not (after.isspace() or after in _CLOSING_AFTER or after in "«“„"):
        # Glued to the next character: U.S.A, AzVision.az, 12.5; only two
        # Arabic words run together by a scraper ("الهجوم.وقال") split here.
        glued_arabic = bool(_ARABIC_LETTER.match(after)) and bool(_ARABIC_LETTER.match(before))
        return glued_arabic and not _is_abbreviation(text, start)
    return not _is_abbreviation(text, start)


def _boundaries(text: str, pairs: list[tuple[int, int]]) -> list[int]:
    """Sorted end positions of the sentences of `text` (before trimming)."""
    opens, closes = _outermost(pairs)
    close_set = {close for _, close in pairs}
    ends: list[int] = []
    length = len(text)
    for m in _TERMINATOR.finditer(text):
        start, end = m.span()
        run = m.group()
        if run == "\n":
            ends.append(end)
            continue
        if opens and _inside(start, opens, closes):
            continue
        # The common case, decided without a call: a full stop after a word
        # of several non-Latin letters, then a space.
        common = run == "." and end < length and text[end] == " " and start > 1
        if common and text[start - 1].isalpha() and text[start - 2].isalpha() and not text[start - 1].isascii():
            ends.append(end)
            continue
        if not _is_boundary(text, start, end, run):
            continue
        # The closing marks right after the terminator belong to the sentence.
        while end < len(text) and text[end] in _CLOSING_AFTER and (text[end] != '"' or end in close_set):
            end += 1
        ends.append(end)
    # A quotation that ends with its own full stop ends the sentence after
    # its closing mark, unless punctuation continues the sentence.
    for open_, close in zip(opens, closes):
        inner = text[open_ + 1 : close].rstrip()
        if inner and inner[-1] in ".!?؟…":
            follow = close + 1
            while follow < len(text) and text[follow] in " \t":
                follow += 1
            if follow < len(text) and text[follow] not in "،,؛:.!?؟)\n":
                ends.append(close + 1)
    ends.sort()
    return ends


def _trimmed(text: str, start: int, end: int) -> Span | None:
    part = text[start:end]
    stripped = part.strip()
    if not stripped:
        return None
    start += len(part) - len(part.lstrip())
    return Span(start, start + len(stripped))


def sentences(text: str) -> list[Span]:
    """Sentences in order, trimmed, together covering every non-space character."""
    spans: list[Span] = []
    last = 0
    for end in _boundaries(text, _quote_pairs(text)) + [len(text)]:
        if end <= last:
            continue
        span = _trimmed(text, last, end)
        if span is not None:
            spans.append(span)
        last = end
    return spans


def clauses(text: str, sentence: Span) -> list[Span]:
    """The sentence split after each ، ؛ or comma outside quotations and numbers, trimmed."""
    opens, closes = _outermost(
        [(o + sentence.start, c + sentence.start) for o, c in _quote_pairs(text[sentence.start : sentence.end])]
    )
    spans: list[Span] = []
    last = sentence.start
    for m in _CLAUSE_SEPARATOR.finditer(text, sentence.start, sentence.end):
        pos = m.start()
        if _inside(pos, opens, closes):
            continue
        if text[pos] == "," and 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit():
            continue  # 1,200
        span = _trimmed(text, last, pos + 1)
        if span is not None:
            spans.append(span)
        last = pos + 1
    tail = _trimmed(text, last, sentence.end)
    if tail is not None:
        spans.append(tail)
    return spans
