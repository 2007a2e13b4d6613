"""Arabic normalisation for search and matching, with a map back to the original.

Every rule works on one original code point at a time, so a hit in the
normalised text can always be highlighted in the stored article text.  The
rules:

* tashkeel (harakat, shadda, sukun, tanwin), superscript alef U+0670, the
  other Arabic combining marks (Quranic annotation marks, hamza/madda above
  and below as combining marks) and the Quranic small waw/yeh are removed;
* tatweel U+0640 and invisible characters (zero-width, bidi controls, BOM,
  Arabic letter mark, plus soft hyphen U+00AD and word joiner U+2060, which
  scraped HTML is full of) are removed;
* alef forms أ إ آ ٱ (and the rare wavy-hamza alefs U+0672/U+0673) → ا;
  ى → ي; ة → ه; ؤ → و; ئ → ي.  Folding the hamza carriers loses the
  distinction between e.g. مسؤول/مسئول/مسول, which is what we want: outlets
  spell these inconsistently and a fact-checker searching one spelling must
  find the others;
* Persian/Urdu look-alikes: ک → ك, ی → ي, ھ ہ ۀ → ه (keyboards and
  Persian-language sources produce them in otherwise Arabic text);
* Arabic-Indic ٠-٩ and Extended Arabic-Indic ۰-۹ digits → ASCII 0-9;
* other letters are case-folded (AzVision → azvision), within the BMP;
* presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are decomposed with NFKC
  and then normalised like ordinary letters (ﻷ → لا).  Ligatures that NFKC
  expands to a whole phrase (ﷺ, ﷻ, ﷽) are kept as they are, so that a
  normalised word never straddles two original characters;
* every whitespace character (newline, tab, no-break space...) becomes a
  plain space.  Runs are *not* collapsed in the article text (that would
  cost a second pass for every article); phrase search should compare
  `tokens`, and `normalize_query` collapses the query's own whitespace.

Not done: no stemming, no removal of the definite article or of clitics, no
NFC/NFD composition of the article side (stored texts are already NFC).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, chain

# pyarabic supplies the letter constants.  Its strip_*/normalize_* helpers
# are not used: each is a separate regex pass without offsets, strip_tashkeel
# misses U+0670 and the Quranic marks, and its ALEFAT also lists ى and U+0670.
from pyarabic import araby

__all__ = [
    "NormalizedText",
    "normalize_for_search",
    "normalize_query",
    "normalized_only",
    "token_pattern",
    "tokens",
    "word_tokens",
]

# Blocks that hold Arabic-script characters; used to find combining marks to
# strip and to tell Arabic words from Latin ones.
_ARABIC_RANGES: tuple[tuple[int, int], ...] = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x089F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_PRESENTATION_RANGES: tuple[tuple[int, int], ...] = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

_INVISIBLE: frozenset[str] = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\uFEFF", "\u061C", "\u00AD", "\u2060"]
)

_LETTER_MAP: dict[str, str] = {
    araby.ALEF_HAMZA_ABOVE: araby.ALEF,
    araby.ALEF_HAMZA_BELOW: araby.ALEF,
    araby.ALEF_MADDA: araby.ALEF,
    araby.ALEF_WASLA: araby.ALEF,
    "\u0672": araby.ALEF,  # alef with wavy hamza above
    "\u0673": araby.ALEF,  # alef with wavy hamza below
    araby.ALEF_MAKSURA: araby.YEH,
    araby.TEH_MARBUTA: araby.HEH,
    araby.WAW_HAMZA: araby.WAW,
    araby.YEH_HAMZA: araby.YEH,
    "\u06A9": araby.KAF,  # keheh
    "\u06CC": araby.YEH,  # farsi yeh
    "\u06BE": araby.HEH,  # heh doachashmee
    "\u06C1": araby.HEH,  # heh goal
    "\u06C0": araby.HEH,  # heh with yeh above
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended (Persian/Urdu) digits
}


def _in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _is_arabic_mark(ch: str) -> bool:
    # pyarabic's TASHKEEL covers only the eight common harakat; it misses the
    # superscript alef U+0670, the Quranic marks and U+0653-U+065F, so every
    # combining mark in the Arabic blocks is stripped here instead.
    if ch in araby.TASHKEEL or ch in (araby.SMALL_ALEF, araby.SMALL_WAW, araby.SMALL_YEH):
        return True
    cp = ord(ch)
    return unicodedata.category(ch).startswith("M") and _in_ranges(cp, _ARABIC_RANGES)


def _base_map(ch: str) -> str:
    """Normalise one character that is not a presentation form."""
    if ch in _INVISIBLE or ch == araby.TATWEEL or _is_arabic_mark(ch):
        return ""
    if ch.isspace():
        return " "
    if ch in _LETTER_MAP:
        return _LETTER_MAP[ch]
    return ch.casefold()


def _char_map(ch: str) -> str:
    """Normalise one character (the whole rule set)."""
    if ch not in _INVISIBLE and _in_ranges(ord(ch), _PRESENTATION_RANGES):
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            mapped = "".join(_base_map(c) for c in decomposed)
            if not mapped.strip():
                # Isolated-form harakat (U+FE70...) decompose to space + mark.
                return ""
            if " " in mapped:
                # Phrase ligatures (ﷺ ﷽): keep, see the module docstring.
                return ch
            return mapped
    return _base_map(ch)


def _char_class(chars: list[str]) -> str:
    """A regex character class body matching exactly `chars` (as ranges)."""
    cps = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(parts)


def _build_tables() -> tuple[dict[int, str], dict[str, str], str, str]:
    # Only code points whose mapping differs from identity are enumerated.
    # Only the BMP: the few cased scripts above it (Deseret, Adlam...) are of
    # no use in Arabic news, and a character class reaching past U+FFFF makes
    # the regex engine test ranges one by one instead of using a bitmap.
    one_to_one: dict[int, str] = {}
    expand: dict[str, str] = {}
    removed: list[str] = []
    # Decoding an array of code points is three times faster than chr().
    codepoints = array("I", chain(range(0xD800), range(0xE000, 0x10000)))
    everything = codepoints.tobytes().decode(f"utf-32-{sys.byteorder[0]}e")
    invisible = [ord(c) for c in _INVISIBLE]
    has_space = re.compile(r"\s").search
    for block in range(0, len(everything), 256):
        chunk = everything[block : block + 256]
        # Most 256-character blocks have no case, no spaces and nothing
        # Arabic; testing a block as one string keeps import near 20 ms.
        first, last = ord(chunk[0]), ord(chunk[-1])
        special = any(first <= cp <= last for cp in invisible) or any(
            lo <= last and first <= hi for lo, hi in _ARABIC_RANGES
        )
        if not special and chunk.casefold() == chunk and not has_space(chunk):
            continue
        for ch in chunk:
            mapped = _char_map(ch) if special else (" " if ch.isspace() else ch.casefold())
            if mapped == ch:
                continue
            if len(mapped) == 1:
                one_to_one[ord(ch)] = mapped
            elif mapped == "":
                removed.append(ch)
            else:
                expand[ch] = mapped
    return one_to_one, expand, _char_class(removed), _char_class(list(expand))


_ONE_TO_ONE, _EXPAND, _REMOVED_CLASS, _EXPAND_CLASS = _build_tables()
# str.translate costs ~40 ns a character on non-ASCII text, far too slow
# here, so the 1:1 rules run in two cheaper steps.  The frequent ones (the
# Arabic block, ASCII whitespace, no-break space) are chained str.replace
# calls, each a C scan skipped when its character is absent ...
_COMMON_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (chr(cp), new)
    for cp, new in sorted(_ONE_TO_ONE.items())
    if 0x0600 <= cp <= 0x06FF or cp < 0x80 and chr(cp).isspace() or cp == 0xA0
)
# ... and the rest (capitals, presentation forms, exotic spaces) is found by
# a regex and translated run by run, which costs only where they occur.
_RARE_CLASS = _char_class([chr(cp) for cp in _ONE_TO_ONE if chr(cp) not in dict(_COMMON_PAIRS)])
_RARE_RUN = re.compile(f"[{_RARE_CLASS}]+")
# Characters that do not map 1:1: a run of removed characters or a single
# expanding one.  Written to start with a character set so that the regex
# engine can skip ahead over ordinary text in C (an alternation would not).
_IRREGULAR = re.compile(
    f"[{_REMOVED_CLASS}{_EXPAND_CLASS}](?:(?<=[{_REMOVED_CLASS}])[{_REMOVED_CLASS}]*)?"
)
_REMOVED_SPLIT = re.compile(f"([{_REMOVED_CLASS}]+)")
_EXPANDING = re.compile(f"[{_EXPAND_CLASS}]")
_NO_BREAKPOINT = 2**31 - 1


def _translate_run(m: re.Match[str]) -> str:
    return m.group().translate(_ONE_TO_ONE)


@cache
def token_pattern() -> re.Pattern[str]:
    """The word pattern, built on first use (scanning the BMP takes ~20 ms)."""
    arabic_ranges = "".join(
        f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _ARABIC_RANGES
    )
    arabic_letter = _char_class(
        [
            chr(cp)
            for lo, hi in _ARABIC_RANGES
            for cp in range(lo, hi + 1)
            if unicodedata.category(chr(cp)).startswith("L")
        ]
    )
    # Combining marks that survive normalisation (Latin accents in NFD text,
    # the dot of a case-folded İ) belong to the word before them.
    mark = _char_class(
        [chr(cp) for cp in range(0x10000) if unicodedata.category(chr(cp)).startswith("M")]
    )
    other_letter = f"[^\\W\\d_{arabic_ranges}]"
    # Words are runs of one kind: Arabic letters, digits, or other letters.
    # A change of kind splits the word, so "D-20" and "D20" both give d / 20,
    # "S-300" and "S300" match, and text glued by scrapers ("وعالم23",
    # "1992م") comes apart.  Punctuation, hyphens and apostrophes included,
    # always splits.
    return re.compile(
        f"[{arabic_letter}][{arabic_letter}{mark}]*"
        f"|\\d[\\d{mark}]*"
        f"|{other_letter}(?:{other_letter}|[{mark}])*"
    )


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus a compact map from its positions to the original."""

    text: str
    original: str = field(repr=False)
    # Piecewise map: segment k starts at normalised position _seg_norm[k]
    # and original position _seg_orig[k]; inside a regular segment positions
    # advance together, inside a flat one (the tail of a character that
    # expanded to several) they all point at the expanded character.  Only
    # irregularities cost storage, so a clean 5 KB article needs one entry.
    _seg_norm: array[int] = field(repr=False, compare=False)
    _seg_orig: array[int] = field(repr=False, compare=False)
    _seg_flat: bytes = field(repr=False, compare=False)

    def _segment(self, i: int) -> int:
        if not 0 <= i <= len(self.text):
            raise ValueError(f"position {i} outside 0..{len(self.text)}")
        return bisect_right(self._seg_norm, i) - 1

    def to_original(self, i: int) -> int:
        """Original index of the character that produced normalised position i."""
        k = self._segment(i)
        if self._seg_flat[k]:
            return self._seg_orig[k]
        return self._seg_orig[k] + i - self._seg_norm[k]

    def _end_to_original(self, i: int) -> int:
        k = self._segment(i)
        if self._seg_flat[k]:
            # The span ends inside an expansion: take the whole character.
            return self._seg_orig[k + 1]
        return self._seg_orig[k] + i - self._seg_norm[k]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end) with trailing marks."""
        if start > end:
            raise ValueError(f"start {start} after end {end}")
        begin = self.to_original(start)
        if start == end:
            return begin, begin
        return begin, self._end_to_original(end)


def normalize_for_search(text: str) -> NormalizedText:
    """Normalise Arabic text for search, keeping a map back to `text`."""
    # Apply the 1:1 rules first: the result stays aligned with `text`, and
    # the irregular stretches are then cut out or spliced in.
    aligned = text
    for old, new in _COMMON_PAIRS:
        if old in aligned:
            aligned = aligned.replace(old, new)
    aligned = _RARE_RUN.sub(_translate_run, aligned)
    if _EXPANDING.search(text) is not None:
        return _splice(text, aligned, [m.span() for m in _IRREGULAR.finditer(text)])
    # Only deletions (the usual case, and the only one in vocalised text).
    # Splitting on the removed runs keeps them as every other part, so all
    # breakpoints come from C-level len/accumulate instead of a Python loop
    # per haraka.
    parts = _REMOVED_SPLIT.split(aligned)
    if len(parts) == 1:
        return NormalizedText(aligned, text, array("i", [0]), array("i", [0]), b"\x00")
    # Breakpoint i sits just after removed run i: in the original that is the
    # running total of all parts, in the normalised text of the kept parts.
    # They repeat position 0 when the text starts with a removed character;
    # bisect_right then picks the later, right one.
    seg_orig = array("i", [0])
    seg_orig.extend(list(accumulate(map(len, parts)))[1::2])
    seg_norm = array("i", [0])
    seg_norm.extend(list(accumulate(map(len, parts[0:-1:2]))))
    return NormalizedText("".join(parts[::2]), text, seg_norm, seg_orig, bytes(len(seg_norm)))


def _splice(text: str, aligned: str, spans: list[tuple[int, int]]) -> NormalizedText:
    """General case of normalize_for_search: deletions and expansions mixed."""
    seg_norm = array("i", [0])
    seg_orig = array("i", [0])
    seg_flat = bytearray(b"\x00")

    def add(n: int, o: int, flat: bool) -> None:
        # Irregularities back to back start their segments at the same
        # normalised position; keep only the later one.
        if seg_norm[-1] == n:
            seg_orig[-1] = o
            seg_flat[-1] = flat
        else:
            seg_norm.append(n)
            seg_orig.append(o)
            seg_flat.append(flat)

    pieces: list[str] = []
    n = 0
    last = 0
    for s, e in spans:
        if s > last:
            pieces.append(aligned[last:s])
            n += s - last
        expansion = _EXPAND.get(text[s])
        if expansion is not None:
            pieces.append(expansion)
            add(n + 1, s, True)
            n += len(expansion)
        add(n, e, False)
        last = e
    pieces.append(aligned[last:])
    return NormalizedText("".join(pieces), text, seg_norm, seg_orig, bytes(seg_flat))


def normalize_query(query: str) -> str:
    """Normalise a search query with the article rules, whitespace collapsed."""
    # Queries come from input widgets that may deliver decomposed text;
    # articles are stored NFC, so compose before applying the same rules.
    return " ".join(normalize_for_search(unicodedata.normalize("NFC", query)).text.split())


def tokens(text: str | NormalizedText) -> list[tuple[str, int, int]]:
    """Normalised word tokens of `text` with [start, end) offsets into the original."""
    nt = text if isinstance(text, NormalizedText) else normalize_for_search(text)
    pattern = token_pattern()
    seg_norm, seg_orig, seg_flat = nt._seg_norm, nt._seg_orig, nt._seg_flat
    if len(seg_norm) == 1:
        return [(m.group(), m.start(), m.end()) for m in pattern.finditer(nt.text)]
    # Same mapping as span_to_original, but walking tokens and segments
    # together instead of a bisect per token: tokens() runs over every
    # article when indexing, and this halves its cost.
    result: list[tuple[str, int, int]] = []
    last_k = len(seg_norm) - 1
    k = 0
    next_bp = seg_norm[1]
    for m in pattern.finditer(nt.text):
        s, e = m.span()
        while next_bp <= s:
            k += 1
            next_bp = seg_norm[k + 1] if k < last_k else _NO_BREAKPOINT
        start = seg_orig[k] if seg_flat[k] else seg_orig[k] + s - seg_norm[k]
        while next_bp <= e:
            k += 1
            next_bp = seg_norm[k + 1] if k < last_k else _NO_BREAKPOINT
        end = seg_orig[k + 1] if seg_flat[k] else seg_orig[k] + e - seg_norm[k]
        result.append((m.group(), start, end))
    return result


def normalized_only(text: str) -> str:
    """normalize_for_search(text).text without building the offset map."""
    if _EXPANDING.search(text) is not None:
        return normalize_for_search(text).text
    aligned = text
    for old, new in _COMMON_PAIRS:
        if old in aligned:
            aligned = aligned.replace(old, new)
    return _REMOVED_SPLIT.sub("", _RARE_RUN.sub(_translate_run, aligned))


def word_tokens(text: str) -> list[str]:
    """The normalised tokens of `text` without offsets (what a search index stores)."""
    return token_pattern().findall(normalized_only(text))
