"""The reporting constructions of one sentence.

For each cue the parser reads the construction around it:

* a verb cue opening its clause (قال، وأكدت، كما أعلن) is followed by the
  speaker's noun phrase and then the content, after أن/إن, a colon, a
  quotation, or the verb's own preposition (أشار إلى، كشف عن، طالب بـ);
* a verb cue after its subject (الوزارة أكدت أن، فإن علييف أوضح أن) takes
  the words back to the clause start as the speaker;
* a participle (، مشيرا إلى أن ...) has no speaker of its own: it continues
  the sentence's previous speaker;
* a prepositional source (بحسب، وفقا لـ، نقلا عن) attributes the main
  clause: the rest of the sentence when it leads, what precedes it when it
  trails (so does "، كما نقلت رويترز");
* "وجاء ذلك في مؤتمر عقده <speaker>" names the speaker of the sentence's
  continuations without making a statement itself, and "وجاء في البيان أن"
  lets the document speak.

Each construction is a `Head`; its content runs to where the next head
begins (attribution.py cuts and resolves them).
"""

from __future__ import annotations

from dataclasses import dataclass

from karabakh_annotator.core.analysis.attribution_phrases import (
    Content,
    Phrase,
    SentenceView,
    content_at,
    find_content,
    scan_phrase,
    speaker_tokens,
    stop_kind,
)
from karabakh_annotator.core.analysis.attribution_words import (
    CLAUSE_OPENERS,
    COMPLEMENTISERS,
    FRAMING_VERBS,
    FUNCTION_WORDS,
    NOT_SPEAKERS,
    TIME_WORDS,
    is_definite,
    role_key,
)
from karabakh_annotator.core.analysis.cues import Cue, CueLemma, is_prefixed, lemma_info

__all__ = ["Head", "main_subject", "sentence_heads"]


@dataclass(frozen=True, slots=True)
class Head:
    """One reporting construction of a sentence (offsets into the normalised article)."""

    kind: str  # "verb" (content follows) | "lead" / "trail" (source phrase) | "frame" (names a speaker only)
    cue: Cue
    region: int  # where the construction begins: the previous content ends here
    end_token: int  # cues before this token belong to this construction
    content: Content | None
    speaker: tuple[int, int] | None  # token range of the speaker's phrase; None: pronoun
    speaker_skip: int = 0  # characters of a clitic (ل، و) to drop from the phrase's first token
    participle: bool = False
    inner: bool = False  # a source phrase inside its clause ("تحدثت التقارير على لسان شهود عن ...")


_ENDERS = frozenset("،,.")
# Speaker words allowed between an ambiguous verb (بيّن، عبّر) and its content.
_STRICT_SPEAKER = 6
# Verbs that name a source after "كما" ("كما نقلت رويترز", "كما ذكرت الوكالة").
_RELAY_VERBS = frozenset({"نقل", "ذكر", "أفاد", "أورد", "أعلن", "قال"})
_PARTICLES = frozenset({"كما", "قد", "وقد", "ثم", "فيما", "بينما", "حين"})


def _clause_initial(view: SentenceView, cue: Cue, t: int) -> bool:
    """A verb opens its clause (VSO) after و/ف, a particle or punctuation, or at the start."""
    if t == 0 or is_prefixed(cue):
        return True
    prev = view.words[t - 1]
    return not prev[0].isalnum() or prev in CLAUSE_OPENERS


def _appositive(view: SentenceView, first: int, last: int, markers: tuple[str, ...]) -> int:
    """"الرئيس الأذربيجاني، إلهام علييف، إن": a short name between commas extends the phrase."""
    words = view.words
    inner = scan_phrase(view, last + 1, len(words), markers)
    size = inner.last - inner.first
    if last == first or not 1 <= size <= 4 or inner.stop != "comma" or inner.last + 1 >= len(words):
        return last
    after = inner.last + 1
    kind = stop_kind(view, after, after, markers)
    if kind in ("comp", "colon", "quote", "marker", "cue") or words[after] in TIME_WORDS:
        return inner.last
    return last


def _postposed_quote(view: SentenceView, t: int) -> tuple[int, int] | None:
    """A quotation right before the verb ("..." قال الوزير): the offsets of its inside."""
    before = view.text[view.start : view.starts[t]].rstrip(" ،,-–—")
    close = view.start + len(before) - 1
    for open_, end in view.quote_close.items():
        if end == close:
            return open_ + 1, end
    return None


def _verb(view: SentenceView, cue: Cue, t: int, after: int, info: CueLemma, names: set[str]) -> Head | None:
    """A verb cue at the start of its clause: verb, speaker, then content."""
    words, n = view.words, len(view.words)
    prev = view.words[t - 1] if t > 0 else ""
    region = view.starts[t - 1] if prev in _PARTICLES else view.starts[t]
    k = after
    while k < n and words[k] in TIME_WORDS:  # "قال اليوم الأربعاء وزير ..."
        k += 1
    phrase = scan_phrase(view, k, n, info.markers, quoted_name=prev == "كما", names=names)
    first, last, stop = phrase.first, phrase.last, phrase.stop
    content: Content | None = None
    if stop in ("comp", "colon", "quote", "marker"):
        content = content_at(view, last, stop)
    elif stop == "source" or (stop == "cue" and view.cue_at[last].form == "preposition"):
        # "نقل مراسل X عن Y أن"، "وذكرت الوكالة نقلا عن Y أن": Y speaks.
        source = last + 1 if stop == "source" else view.token_at(view.cue_at[last].end)
        inner = scan_phrase(view, source, n, info.markers)
        found = find_content(view, inner.last, n, info.markers) if inner.last > inner.first else None
        if found is not None:
            first, last, content = inner.first, inner.last, found[1]
    elif stop in ("circ", "comma"):
        if stop == "comma":
            last = _appositive(view, first, last, info.markers)
        found = find_content(view, last, n, info.markers, names)
        if found is not None:
            content = found[1]
    strong = content is not None
    if content is None:
        if prev in ("كما", "وكما") and t >= 2 and cue.lemma in _RELAY_VERBS and last > first and stop in ("end", "comma"):
            # "...، كما نقلت "رويترز"": the source of what precedes.
            return Head("trail", cue, region, last, None, (first, last))
        quoted = _postposed_quote(view, t)
        if quoted is not None:
            count = speaker_tokens(view, phrase, names, strong=False)
            speaker = (first, first + count) if count else None
            return Head("verb", cue, quoted[0] - 1, first + count, Content(quoted[0], quoted[1]), speaker)
        if not info.direct_object or info.strict:
            return None
    elif info.strict and stop != "source" and last - first > _STRICT_SPEAKER:
        return None
    count = speaker_tokens(view, Phrase(first, last, stop), names, strong)
    if content is None:
        # The object follows the speaker directly (أكد تدمير ...، نفى الجيش قصف ...).
        at = first + count
        content = Content(view.starts[at] if at < n else view.end, marked=False)
    elif count == 0 and last > first and content.quote_end is None:
        # The phrase opens the content itself (أكد ضرورة أن ...).
        content = Content(view.starts[first], marked=False)
    speaker = (first, first + count) if count else None
    return Head("verb", cue, region, view.token_at(content.start), content, speaker)


def _nominal(view: SentenceView, cue: Cue, t: int, after: int, info: CueLemma) -> Head | None:
    """A verb after its subject ("الوزارة أكدت أن"): the subject runs back to the clause start."""
    words, n = view.words, len(view.words)
    b = t
    while b > 0 and t - b < 5:
        w = words[b - 1]
        if not w[0].isalnum() or w[0].isdigit() or w in CLAUSE_OPENERS:
            break
        if w in FUNCTION_WORDS and w not in ("في", "من"):
            break
        b -= 1
    if b == t or words[b] in FUNCTION_WORDS:
        return None
    run_on = b > 0 and words[b - 1][0].isalnum() and words[b - 1] not in CLAUSE_OPENERS
    if run_on:
        # The verb sits inside a longer clause: only a role or definite noun
        # right before it, with أن or a quotation right after, makes it a
        # report ("... تديرها سلطات انفصالية تقول إن ...").
        if after >= n or stop_kind(view, after, after, ()) not in ("comp", "colon", "quote"):
            return None
        b = next((i for i in range(b, t) if role_key(words[i]) or is_definite(words[i])), t)
        if b == t:
            return None
    content: Content | None = None
    if after < n:
        kind = stop_kind(view, after, after, info.markers)
        if kind in ("comp", "colon", "quote", "marker"):
            content = content_at(view, after, kind)
        else:
            found = find_content(view, after, n, info.markers)
            if found is not None:
                content = found[1]
            elif info.direct_object and not info.strict:
                content = Content(view.starts[after], marked=False)
    if content is None:
        return None
    skip = 1 if words[b][:3] in ("وال", "فال") else 0
    # "لكن باكو قالت": the conjunction belongs to the attribution, not to what precedes.
    opener = b - 1 if not run_on and b > 0 and words[b - 1][0].isalnum() and words[b - 1] not in COMPLEMENTISERS else b
    return Head("verb", cue, view.starts[opener], view.token_at(content.start), content, (b, t), skip)


def _participle(view: SentenceView, cue: Cue, t: int, after: int, info: CueLemma) -> Head | None:
    """"، مشيرا إلى أن ...": content of the sentence's previous speaker."""
    n = len(view.words)
    if after >= n:
        return None
    kind = stop_kind(view, after, after, info.markers)
    content: Content | None = None
    if kind in ("comp", "colon", "quote", "marker"):
        content = content_at(view, after, kind)
    elif info.direct_object and not info.strict:
        content = Content(view.starts[after], marked=False)
    else:
        found = find_content(view, after, n, info.markers)
        content = None if found is None else found[1]
    if content is None:
        return None
    return Head("verb", cue, view.starts[t], view.token_at(content.start), content, None, participle=True)


def _skip_relative(view: SentenceView, k: int) -> int:
    """Past "ما أعلنته / ما أفادت به": the relative's verb and its preposition."""
    k += 1
    if k < len(view.words) and view.words[k] in ("به", "بها", "عنه", "عنها", "له"):
        k += 1
    return k


def _source_phrase(view: SentenceView, cue: Cue, t: int, after: int) -> Head | None:
    """A prepositional source (بحسب، وفقا لـ، نقلا عن): leading or trailing the main clause."""
    words, n = view.words, len(view.words)
    if after >= n:
        return None
    k, skip, w = after, 0, words[after]
    if cue.lemma in ("وفقا لـ", "طبقا لـ"):
        if not w.startswith("ل"):
            return None
        if w == "لما":
            k = _skip_relative(view, k + 1)
        elif w == "ل":
            k += 1
        else:
            skip = 2 if w.startswith("لل") else 1
    elif cue.lemma in ("بحسب", "حسب") and w == "ما":
        k = _skip_relative(view, k + 1)
    elif cue.lemma == "وفق ما":
        k = _skip_relative(view, k)
    if skip:
        # "لوكالة "رويترز"": the name starts inside the ل-token.
        rest = scan_phrase(view, k + 1, n, quoted_name=True)
        phrase = Phrase(k, rest.last, rest.stop)
    else:
        phrase = scan_phrase(view, k, n, quoted_name=True)
    if phrase.last == phrase.first:
        return None
    speaker = (phrase.first, phrase.last)
    content = _main_clause_after(view, phrase.last, leading=t == 0)
    if content is not None:
        return Head("lead", cue, view.starts[t], view.token_at(content.start), content, speaker, skip)
    if t == 0:
        return None
    region = view.starts[t - 1] if words[t - 1] in _ENDERS else view.starts[t]
    after_phrase = phrase.last
    while after_phrase < n and (words[after_phrase] in TIME_WORDS or not words[after_phrase][0].isalnum()):
        after_phrase += 1  # "... الأذرية اليوم السبت."
    return Head("trail", cue, region, phrase.last, None, speaker, skip, inner=after_phrase < n)


def _main_clause_after(view: SentenceView, k: int, leading: bool) -> Content | None:
    """The main clause after a source phrase ending at token k: "بحسب الوزارة، فإن ...".

    At the start of a sentence whatever follows the phrase's comma is the
    main clause; further in, only a clause opened by فإن is (otherwise the
    phrase trails what precedes it).
    """
    words, n = view.words, len(view.words)
    if k < n and words[k] in COMPLEMENTISERS and (leading or words[k][0] == "ف"):
        return content_at(view, k, "comp")
    for c in range(k, min(n - 1, k + 8)):
        if words[c] in ("،", ","):
            opener = words[c + 1]
            if opener in COMPLEMENTISERS and opener[0] == "ف":
                return content_at(view, c + 1, "comp")
            return Content(view.starts[c + 1]) if leading else None
    return None


def _impersonal(view: SentenceView, cue: Cue, t: int, after: int) -> Head | None:
    """"وجاء في البيان أن ..." (the document speaks) or "وجاء ذلك في مؤتمر عقده X" (a frame)."""
    words, n = view.words, len(view.words)
    if after >= n:
        return None
    if words[after] in ("ذلك", "هذا", "هذه"):
        for k in range(after + 1, min(n, after + 12)):
            if words[k] in FRAMING_VERBS or (words[k] == "لسان" and words[k - 1] == "علي"):
                j = k + 1 + (k + 1 < n and words[k + 1] in ("به", "بها"))
                phrase = scan_phrase(view, j, n)
                last = _appositive(view, phrase.first, phrase.last, ()) if phrase.stop == "comma" else phrase.last
                if last > phrase.first:
                    return Head("frame", cue, view.starts[t], last, None, (phrase.first, last))
        return None
    if words[after] != "في":
        return None
    phrase = scan_phrase(view, after + 1, n)
    found = find_content(view, phrase.last, n, ())
    if phrase.last == phrase.first or found is None:
        return None
    return Head("verb", cue, view.starts[t], view.token_at(found[1].start), found[1], (phrase.first, phrase.last))


def _parse(view: SentenceView, cue: Cue, t: int, names: set[str]) -> Head | None:
    after = view.token_at(cue.end)
    if cue.form == "preposition":
        return _source_phrase(view, cue, t, after)
    info = lemma_info(cue.lemma)
    if cue.form == "participle":
        return _participle(view, cue, t, after, info)
    if not _clause_initial(view, cue, t):
        return None if cue.lemma == "جاء" else _nominal(view, cue, t, after, info)
    if cue.lemma == "جاء":
        return _impersonal(view, cue, t, after)
    return _verb(view, cue, t, after, info, names)


def sentence_heads(view: SentenceView, cues: list[Cue], names: set[str]) -> list[Head]:
    """The sentence's reporting constructions in order; cues inside one are not read again."""
    by_token = {view.token_at(c.start): c for c in cues}
    view.cue_at = by_token
    heads: list[Head] = []
    consumed = 0
    for t in sorted(by_token):
        if t < consumed:
            continue
        head = _parse(view, by_token[t], t, names)
        if head is not None:
            heads.append(head)
            consumed = max(consumed, head.end_token)
    return heads


def main_subject(view: SentenceView, names: set[str]) -> tuple[int, int] | None:
    """The subject of a sentence opening with و/ف + verb ("وقدم بيراموف تعازيه، مشيرا إلى أن").

    A participle with no reporting cue before it in its sentence continues
    the main clause, whose subject follows the opening verb (VSO).
    """
    words = view.words
    if len(words) < 3 or 0 in view.cue_at:
        return None
    opener = words[0]
    if opener[0] not in "وف" or len(opener) < 4 or is_definite(opener) or opener[1:] in FUNCTION_WORDS:
        return None
    if opener[1:] in ("في", "من", "منذ", "بعد", "قبل") or not words[1][0].isalpha():
        return None
    phrase = scan_phrase(view, 1, len(words))
    if phrase.last == phrase.first or words[1] in NOT_SPEAKERS:
        return None
    count = speaker_tokens(view, phrase, names, strong=False) or 1
    return 1, 1 + count
