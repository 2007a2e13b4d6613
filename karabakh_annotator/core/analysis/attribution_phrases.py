"""Tokens of one sentence and the phrases of a reporting construction.

The attribution parser reads a sentence as normalised tokens (words,
numbers and single punctuation marks) and needs three things around a cue:
the speaker's noun phrase (where it stops, and why), the start of the
reported content (after أن/إن, a colon, a marker preposition or inside a
quotation), and a way back to offsets in the stored article.  Parsing on
normalised text lets one word list cover hamza and tanwin variants.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from karabakh_annotator.core.analysis.attribution_words import (
    ADDRESSEES,
    CIRCUMSTANCE_NOUNS,
    CIRCUMSTANCE_STARTS,
    COMPLEMENTISERS,
    CONJUNCTION_HEADS,
    FUNCTION_WORDS,
    MEDIA_HEADS,
    NOT_SPEAKERS,
    QUOTE_OPENERS,
    SAYING_NOUNS,
    SIDE_WORDS,
    TIME_WORDS,
    complementiser_offset,
    is_definite,
    role_key,
)
from karabakh_annotator.core.analysis.cues import Cue
from karabakh_annotator.core.text.normalize import NormalizedText

__all__ = [
    "Content",
    "Phrase",
    "SentenceView",
    "content_at",
    "find_content",
    "scan_phrase",
    "speaker_tokens",
    "stop_kind",
]

# Words (a number keeps its decimal point: 3.5, 1.200) and single marks.
# Letters and digits glued together ("1992م") stay one token, which is
# cheaper to match and harmless here.
_TOKEN = re.compile(r"\w+(?:[.,٫]\d+)*|[^\w\s]")
_MAX_PHRASE = 10  # tokens in a speaker's description ("المتحدث باسم وزارة الدفاع ... أنار أيوازوف")
_SEARCH_WINDOW = 15  # tokens between a speaker and a delayed أن ("، عبر بيان نشرته على ...، إنه")
_PARENTHESIS_OPEN = frozenset("-–—(")
_TERMINAL = frozenset(".!?؟؛…")


class SentenceView:
    """One sentence of the article's normalised text, tokenised, with a map back.

    Offsets are positions in the whole normalised article text, so cues
    found once for the article apply directly.
    """

    __slots__ = ("article", "cue_at", "end", "nt", "quote_close", "start", "starts", "text", "words")

    def __init__(
        self, article: str, text: str, start: int, end: int, nt: NormalizedText | None, quote_close: dict[int, int]
    ) -> None:
        """`text` is the normalised `article` and [start, end) the sentence in it.

        `nt` maps back to the stored article; None when normalisation kept
        every offset (nothing removed or expanded).  `quote_close` maps each
        opening quotation mark of the article to its closing mark (a
        quotation never spans two sentences).
        """
        self.article = article
        self.text = text
        self.start = start
        self.end = end
        self.nt = nt
        self.quote_close = quote_close
        self.words: list[str] = []
        self.starts: list[int] = []
        self.cue_at: dict[int, Cue] = {}  # token index -> the cue starting there

    def tokenize(self) -> None:
        """Split into tokens (only sentences with cues need it)."""
        matches = list(_TOKEN.finditer(self.text, self.start, self.end))
        self.words = [m.group() for m in matches]
        self.starts = [m.start() for m in matches]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Article offsets of the normalised range [start, end)."""
        if self.nt is None:
            return start, end
        return self.nt.span_to_original(start, end)

    def end_of(self, k: int) -> int:
        """Where token k ends (its start plus its length: one list fewer to build)."""
        return self.starts[k] + len(self.words[k])

    def surface(self, k: int) -> str:
        """Token k as written in the article (normalisation merges على and the name علي)."""
        start, end = self.original(self.starts[k], self.end_of(k))
        return self.article[start:end]

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def in_quote(self, offset: int) -> bool:
        """Whether an offset lies inside a quotation."""
        return any(open_ < offset < close for open_, close in self.quote_close.items() if self.start <= open_)

    def quote_end_token(self, k: int) -> int | None:
        """For an opening mark at token k, the index of its closing mark's token."""
        close = self.quote_close.get(self.starts[k])
        return None if close is None else self.token_at(close)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Tokens [first, last) of a noun phrase and why it ended at token `last`."""

    first: int
    last: int
    stop: str  # comp | colon | quote | marker | source | circ | comma | cue | weak | end


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _prefix_marker(w: str, markers: tuple[str, ...], names: frozenset[str] | set[str], shortest: int = 5) -> bool:
    """A ب/ل-prefixed content word (طالب بضرورة، دعا لوقف), not a name such as باكو or بلينكن.

    Right after the verb a short word is more often a name (طالبت باكو), so
    the caller may ask for a longer one.
    """
    return len(w) >= shortest and w[0] in markers and w != "باسم" and w not in names and w[1:] not in names


def _closes_phrase(view: SentenceView, k: int, names: frozenset[str] | set[str]) -> bool:
    """Whether a ب/ل-word after a complete phrase opens the content ("طالبت المنظمة بفتح تحقيق").

    Inside a name such words are common ("وزارة الدفاع بأذربيجان"), so the
    phrase before must end in a definite word or a known name, and no أن
    may follow closely (then that is the content's marker).
    """
    prev = view.words[k - 1]
    if not (is_definite(prev) or prev in names):
        return False
    return not any(w in COMPLEMENTISERS for w in view.words[k + 1 : k + 4])


def _is_name_ali(view: SentenceView, k: int) -> bool:
    """"د. علي سعيد": the name علي, spelled with ي and followed by a surname, not the preposition على."""
    after = view.words[k + 1] if k + 1 < len(view.words) else ""
    if not after[:1].isalpha() or is_definite(after) or after in FUNCTION_WORDS:
        return False
    return view.surface(k).endswith("ي")


def stop_kind(
    view: SentenceView, k: int, first: int, markers: tuple[str, ...], names: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """Why token k cannot continue a speaker's noun phrase that began at `first` (None: it can)."""
    w = view.words[k]
    if k in view.cue_at:
        return "cue"
    if w in COMPLEMENTISERS:
        return "comp"
    if not w[0].isalnum():
        if w == "." and k > first and len(view.words[k - 1]) == 1 and view.words[k - 1].isalpha():
            return None  # an abbreviated title: "د. علي"
        if w == ":":
            return "colon"
        if w in QUOTE_OPENERS and view.starts[k] in view.quote_close:
            return "quote"
        if w in "،,":
            return "comma"
        if w in _PARENTHESIS_OPEN:
            return "circ"
        return "end" if w in _TERMINAL else "weak"
    if w[0].isdigit():
        return "weak"
    if w == "علي" and k > first and _is_name_ali(view, k):
        return None
    if w in markers:
        return "marker"
    if w == "عن":
        return "source"
    if k == first and _prefix_marker(w, markers, names):
        return "marker"
    if k > first and w[0] == "ب" and _prefix_marker(w, markers, names, shortest=4) and _closes_phrase(view, k, names):
        # Not ل: "الأمين العام للأمم المتحدة" keeps its ل-genitive.
        return "marker"
    if w in SAYING_NOUNS or w in ADDRESSEES or w in TIME_WORDS or w in CIRCUMSTANCE_STARTS:
        return "circ"
    if k == first and (w.startswith("ل") and k + 1 < len(view.words) and view.words[k + 1] in QUOTE_OPENERS):
        return "circ"  # لـ"الجزيرة"
    if w == "في":
        after = view.words[k + 1] if k + 1 < len(view.words) else ""
        return "circ" if k == first or _bare(after) in CIRCUMSTANCE_NOUNS else None
    if w == "من":
        after = view.words[k + 1] if k + 1 < len(view.words) else ""
        return "circ" if after in SIDE_WORDS else ("weak" if k == first else None)
    if w in FUNCTION_WORDS:
        return "weak"
    return None


def scan_phrase(
    view: SentenceView,
    first: int,
    limit: int,
    markers: tuple[str, ...] = (),
    quoted_name: bool = False,
    names: frozenset[str] | set[str] = frozenset(),
) -> Phrase:
    """The noun phrase from token `first`, stopping before `limit`.

    A quotation right after a media noun ("صحيفة "أذرنيوز"") or, when
    `quoted_name`, at the start ("كما نقلت "رويترز"") is part of the name.
    """
    k = first
    while k < limit and k - first < _MAX_PHRASE:
        stop = stop_kind(view, k, first, markers, names)
        if stop == "quote":
            prev = _bare(view.words[k - 1]) if k > first else ""
            close = view.quote_end_token(k)
            if close is not None and close - k <= 5 and (prev in MEDIA_HEADS or (k == first and quoted_name)):
                k = close + 1
                continue
        if stop is not None:
            return Phrase(first, k, stop)
        k += 1
    return Phrase(first, k, "end" if k >= limit else "weak")


@dataclass(frozen=True, slots=True)
class Content:
    """Where reported content starts (a normalised offset) and whether it is a quotation."""

    start: int
    quote_end: int | None = None  # offset of the closing mark when the content is quoted
    marked: bool = True  # False when the content follows the speaker with no marker


def _quoted(view: SentenceView, offset: int) -> Content:
    """Content starting at `offset`, as a quotation when an opening mark is there."""
    while offset < view.end and view.text[offset] == " ":
        offset += 1
    close = view.quote_close.get(offset)
    if close is not None:
        return Content(offset + 1, close)
    return Content(offset)


def content_at(view: SentenceView, k: int, stop: str) -> Content:
    """The content introduced by the stop token k of kind `stop` (comp, colon, quote, marker)."""
    w = view.words[k]
    if stop == "comp":
        skip = complementiser_offset(w)
        if skip is None:
            return _quoted(view, view.end_of(k))
        # "إنه "تم تحييد ..."": the pronoun only announces the quotation.
        after = _quoted(view, view.end_of(k))
        return after if after.quote_end is not None else Content(view.starts[k] + skip)
    if stop == "colon":
        return _quoted(view, view.end_of(k))
    if stop == "quote":
        return _quoted(view, view.starts[k])
    if stop == "marker":
        if len(w) > 1 and w[0] in "بل" and w not in ("الي", "علي"):
            return Content(view.starts[k] + 1)
        if k + 1 < len(view.words) and view.words[k + 1] in COMPLEMENTISERS:
            return content_at(view, k + 1, "comp")
        return _quoted(view, view.end_of(k))
    raise ValueError(f"no content after a {stop!r} stop")


def find_content(
    view: SentenceView, k: int, limit: int, markers: tuple[str, ...], names: frozenset[str] | set[str] = frozenset()
) -> tuple[int, Content] | None:
    """The first complementiser, colon, quotation or marker from token k, skipping asides.

    Returns the token index where it was found and the content it opens.
    Dashes and brackets (" -في خطاب تلفزيوني- ") are skipped whole.
    """
    end = min(limit, k + _SEARCH_WINDOW)
    while k < end:
        w = view.words[k]
        if w in _PARENTHESIS_OPEN:
            closer = ")" if w == "(" else w
            j = k + 1
            while j < end and view.words[j] != closer:
                j += 1
            k = j + 1
            continue
        if k in view.cue_at:
            return None
        if w in COMPLEMENTISERS:
            if k > 0 and view.words[k - 1] in CONJUNCTION_HEADS:
                return None  # "إلا أن": a new clause, not the report
            return k, content_at(view, k, "comp")
        if w == ":":
            return k, content_at(view, k, "colon")
        if w in QUOTE_OPENERS and view.starts[k] in view.quote_close:
            return k, content_at(view, k, "quote")
        if w in markers or _prefix_marker(w, markers, names):
            return k, content_at(view, k, "marker")
        k += 1
    return None


def speaker_tokens(view: SentenceView, phrase: Phrase, names: set[str], strong: bool) -> int:
    """How many tokens of `phrase` name the speaker; 0 when it is the content instead.

    With a strong stop (أن، colon, quotation, marker) the whole phrase is the
    speaker, unless it opens with an abstract noun (أكد ضرورة أن).  With a
    weak stop the phrase may run into the reported content (نفى الجيش قصف
    الموقع): it is cut where a definite phrase meets an indefinite word that
    is neither a role noun nor a name already seen in the article.
    """
    words = view.words[phrase.first : phrase.last]
    if not words:
        return 0
    first = words[0]

    def known(w: str) -> bool:
        return w in names or (w.isascii() and w.isalpha())

    if first in NOT_SPEAKERS or _bare(first) in NOT_SPEAKERS:
        return 0
    if strong:
        return len(words)
    if not (is_definite(first) or role_key(first) or known(first)):
        return 0
    count = 1
    for prev, w in zip(words, words[1:]):
        construct = role_key(prev) is not None and not is_definite(prev)
        if is_definite(w) or role_key(w) or known(w) or w == "باسم" or construct:
            if _bare(w) in NOT_SPEAKERS:
                break
            count += 1
            continue
        break
    return count
