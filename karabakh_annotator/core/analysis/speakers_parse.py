"""A speaker mention taken apart: the name, the title, the affiliation.

Internal to `speakers`.  "وزير الخارجية الأذربيجاني جيهون بيراموف" becomes
the name جيهون بيراموف, the title (وزير، خارجية) and the affiliation
Azerbaijan; "الخارجية الأذرية" becomes no name, the title (وزارة، خارجية)
and Azerbaijan.  Entities are compared on these parts, never on the raw
string, so titles, clitics and nisba spellings stop mattering.
"""

from __future__ import annotations

from dataclasses import dataclass

from karabakh_annotator.core.analysis.speakers_aliases import AliasIndex
from karabakh_annotator.core.analysis.speakers_lexicon import Affiliation, Kind, Word, lexicon
from karabakh_annotator.core.text.normalize import normalized_only, token_pattern, tokens

__all__ = ["Mention", "fold", "name_key", "parse", "relax"]

_LONG_VOWELS = str.maketrans("", "", "اويء")
# Letters that transliterations of one foreign sound alternate between
# (جيهون / جيحون, غوتيريش / جوتيريش, قراباغ / كاراباخ).  Used only for
# fuzzy comparison, never in name_key: in Arabic names these letters differ.
_FOLD = str.maketrans("جقثذظصطضحخپڤگچژ", "غكسززستدهغبفغشغ")
_MINISTRY = "وزاره"
_NO_ALIASES = AliasIndex()
_PRESENTATION_FORMS = "\ufb50"


def relax(word: str) -> str:
    """A word without the long vowels inside it and without doubled letters.

    Arabic renders foreign vowels inconsistently (بايراموف / بيراموف,
    أيوازوف / إيوازوف, علييف / عليف) while the consonants are stable, so a
    name is keyed on its consonant skeleton.  The first and last letters
    stay: they carry most of the identity of short words.
    """
    if len(word) <= 3:
        return word
    inner = word[1:-1].translate(_LONG_VOWELS)
    skeleton = word[0] + inner + word[-1]
    return "".join(c for i, c in enumerate(skeleton) if i == 0 or c != skeleton[i - 1])


def fold(word: str) -> str:
    """`word` with transliteration-variant letters merged (fuzzy matching only)."""
    return word.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Mention:
    """The parts of a speaker mention that identify the speaker."""

    name: tuple[str, ...]  # relaxed name words (aliases applied)
    strict: tuple[str, ...]  # the same words, normalised but not relaxed
    role: tuple[str, ...]  # key words of the title, in order, qualifiers dropped
    kinds: frozenset[Kind]
    affiliation: Affiliation | None
    name_span: tuple[int, int] | None  # offsets of the name in the mention
    role_span: tuple[int, int] | None  # offsets of title + affiliation
    folded: frozenset[str]  # the name words folded, to compare with earlier mentions

    @property
    def key(self) -> str:
        """The comparison key: the name, or the title and affiliation without one."""
        if self.name:
            return " ".join(self.name)
        words = self.role + ((self.affiliation.key,) if self.affiliation else ())
        return " ".join(words)

    @property
    def head(self) -> str | None:
        """The first title word: what "الوزير" must share with its antecedent."""
        return self.role[0] if self.role else None


@dataclass(frozen=True, slots=True)
class _Item:
    word: str  # normalised, as written (after alias replacement)
    start: int
    end: int
    known: Word | None  # None: a name word


def _classify(words: list[tuple[str, int, int]]) -> list[_Item]:
    """Each word, or each phrase of the lexicon, as one item."""
    lex = lexicon()
    items: list[_Item] = []
    i = 0
    while i < len(words):
        found = _phrase_at(words, i)
        if found is not None:
            length, word = found
            items.append(_Item(words[i][0], words[i][1], words[i + length - 1][2], word))
            i += length
            continue
        text, start, end = words[i]
        items.append(_Item(text, start, end, lex.surface.get(text)))
        i += 1
    return items


def _phrase_at(words: list[tuple[str, int, int]], i: int) -> tuple[int, Word] | None:
    lex = lexicon()
    bares: list[str] = []
    for text, _s, _e in words[i : i + lex.max_phrase]:
        bare = lex.phrase_words.get(text)
        if bare is None:
            break
        bares.append(bare)
    for length in range(len(bares), 1, -1):
        word = lex.phrases.get(tuple(bares[:length]))
        if word is not None:
            return length, Word(word.bare, word.kind, word.affiliation, _prefix(words[i][0], bares[0]))
    return None


def _prefix(written: str, bare: str) -> int:
    """Length of the clitics in front of `bare` in `written` (ال kept)."""
    at = written.find(bare)
    if at <= 0 or written[:at].endswith("لل"):
        return 0
    return at - 2 if written[:at].endswith("ال") else at


def _unknown_nisbas(items: list[_Item]) -> list[_Item]:
    """Unlisted nisbas right after a title are qualifiers, not names.

    "الوزير السلوفيني" names no one called السلوفيني: an article-prefixed
    word ending in ي / ية that follows a title word before any name starts
    is an adjective of the title.  Once a name has started (عبد الفتاح
    السيسي) such a word belongs to the name.
    """
    out: list[_Item] = []
    after_title = False
    for item in items:
        if item.known is None:
            w = item.word
            if after_title and w.startswith("ال") and len(w) >= 5 and w.endswith(("ي", "يه")):
                item = _Item(w, item.start, item.end, Word(w, Kind.QUALIFIER))
            else:
                after_title = False
        elif item.known.kind is not Kind.AFFILIATION:
            after_title = True
        out.append(item)
    return out


def _name_run(items: list[_Item]) -> list[_Item]:
    """The longest run of name words (the first one on a tie)."""
    best: list[_Item] = []
    run: list[_Item] = []
    for item in [*items, None]:
        if item is not None and item.known is None and not item.word.isdigit():
            run.append(item)
            continue
        if len(run) > len(best):
            best = run
        run = []
    return best


def _role(items: list[_Item]) -> tuple[tuple[str, ...], frozenset[Kind], Affiliation | None]:
    role: list[str] = []
    kinds: list[Kind] = []
    affiliation: Affiliation | None = None
    for item in items:
        word = item.known
        if word is None or word.kind is Kind.QUALIFIER:
            continue
        if word.kind is Kind.AFFILIATION:
            # The first affiliation is the speaker's own; later ones are
            # usually where he is posted or whom he addresses.
            affiliation = affiliation or word.affiliation
            continue
        kinds.append(word.kind)
        if word.bare not in role:
            role.append(word.bare)
    if kinds and kinds[0] is Kind.PORTFOLIO:
        # "الخارجية الأذرية" is the ministry itself.
        role.insert(0, _MINISTRY)
    return tuple(role), frozenset(kinds), affiliation


def _role_span(items: list[_Item]) -> tuple[int, int] | None:
    """Where the title is: what an institution's proposed name is cut from.

    From the first title or affiliation word outside the name to the last
    non-name word (a trailing adjective such as السلوفيني included),
    leaving out the conjunction or preposition glued to the first word.
    """
    known = [(i, i.known) for i in items if i.known is not None]
    titled = [(i, w) for i, w in known if w.kind is not Kind.QUALIFIER]
    if not titled:
        return None
    first, word = titled[0]
    return first.start + word.prefix_len, known[-1][0].end


def _words(mention: str) -> list[tuple[str, int, int]]:
    """Normalised words with offsets into `mention`."""
    normalized = normalized_only(mention)
    if len(normalized) == len(mention) and max(mention, default=" ") < _PRESENTATION_FORMS:
        # Nothing removed, nothing expanded (only presentation forms
        # expand): the usual undiacritised mention, whose positions agree
        # with the normalised text, so no offset map is needed.
        return [(m.group(), m.start(), m.end()) for m in token_pattern().finditer(normalized)]
    return tokens(mention)


def parse(mention: str, aliases: AliasIndex = _NO_ALIASES) -> Mention:
    """Take `mention` apart (pure; the resolver caches the result)."""
    words = aliases.apply(_words(mention))
    items = _unknown_nisbas(_classify(words))
    name = _name_run(items)
    role, kinds, affiliation = _role(items)
    strict = tuple(i.word for i in name)
    relaxed = tuple(relax(w) for w in strict)
    return Mention(
        name=relaxed,
        strict=strict,
        role=role,
        kinds=kinds,
        affiliation=affiliation,
        name_span=(name[0].start, name[-1].end) if name else None,
        role_span=_role_span(items),
        folded=frozenset(fold(w) for w in relaxed),
    )


def name_key(name: str) -> str:
    """The comparison key of a speaker's name (built-in rules, no alias list).

    Normalised letters, titles and roles removed (وزير الخارجية الأذربيجاني،
    المتحدث باسم ...، الرئيس), long vowels relaxed (بايراموف / بيراموف,
    أيوازوف / إيوازوف).  Without a personal name, the key is the title and
    the affiliation, with nisba variants unified (الخارجية الأذرية and وزارة
    الخارجية الأذربيجانية give the same key).
    """
    return parse(name).key
