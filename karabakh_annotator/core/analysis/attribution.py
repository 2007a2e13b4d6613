"""Suggested statements: who said what in an article, found through Arabic reporting constructions.

The article is cut into sentences (core/text/segment.py); in each sentence
the reporting constructions are read (attribution_constructions.py) and the
content of each one becomes a suggestion, with its speaker resolved against
the speakers named earlier in the article (attribution_speakers.py): a verb
with no subject (وأضاف أن) or a participle continues the last speaker, a
role (الوزير، الرئيس الأذري) the last speaker with that role.  Sentences, or
the opening clause before an attribution, that state something checkable in
the outlet's own voice (numbers, dates, military events) are suggested with
the outlet as speaker.

Everything is parsed on normalised text (normalize.py) and mapped back, so
every suggestion's `text` is exactly `article_text[start:end]`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from karabakh_annotator.core.analysis.attribution_checkworthy import is_check_worthy
from karabakh_annotator.core.analysis.attribution_constructions import Head, main_subject, sentence_heads
from karabakh_annotator.core.analysis.attribution_phrases import SentenceView
from karabakh_annotator.core.analysis.attribution_speakers import Speaker, Speakers
from karabakh_annotator.core.analysis.cues import CueClass, find_normalized_cues, stance_for
from karabakh_annotator.core.text.normalize import NormalizedText, normalize_for_search
from karabakh_annotator.core.text.segment import quotations, sentences

__all__ = ["Suggestion", "suggest_statements"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed statement: the reported content, its speaker and how it is attributed."""

    start: int  # the statement (the reported content)
    end: int
    text: str  # == article_text[start:end]
    kind: str  # "attributed" | "outlet" (check-worthy, outlet's own voice)
    speaker: str | None  # the speaker's name as written at its named mention
    speaker_start: int | None  # offsets of that named mention (may be in an earlier sentence)
    speaker_end: int | None
    mention_start: int | None  # offsets of the in-sentence back-reference ("الوزير")
    mention_end: int | None
    cue: str | None  # the cue as written (None for kind == "outlet")
    cue_class: str | None  # CueClass value (None for kind == "outlet")
    direct: bool  # inside quotation marks
    stance: str  # stance_for(the cue's class): the verb's stance even for an anonymous source
    score: float  # 0..1 confidence


_TRIM_START = " \t،,؛:-–—"
_TRIM_END = " \t.،,؛:!؟?-–—"
_WORD = re.compile(r"[^\W\d_]{2,}")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_START:
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


class _Article:
    """Suggestions of one article, built sentence by sentence."""

    def __init__(self, text: str, outlet: str | None) -> None:
        self.text = text
        self.outlet = outlet
        self.speakers = Speakers(text)
        self.found: list[Suggestion] = []

    def outlet_voice(self, normalized: str, start: int, end: int, nt: NormalizedText | None) -> None:
        """Suggest the normalised range [start, end) in the outlet's voice if it is check-worthy."""
        score = is_check_worthy(normalized[start:end])
        if score > 0.0:
            start, end = _trim(normalized, start, end)
            self._outlet(*(nt.span_to_original(start, end) if nt else (start, end)), score)

    def _outlet(self, start: int, end: int, score: float) -> None:
        self.found.append(
            Suggestion(
                start=start,
                end=end,
                text=self.text[start:end],
                kind="outlet",
                speaker=self.outlet,
                speaker_start=None,
                speaker_end=None,
                mention_start=None,
                mention_end=None,
                cue=None,
                cue_class=None,
                direct=False,
                stance=stance_for(None),
                score=score,
            )
        )

    def attributed(
        self, view: SentenceView, head: Head, speaker: Speaker | None, start: int, end: int, guessed: bool = False
    ) -> bool:
        """Add the content [start, end) of `head`; False when nothing is left of it."""
        direct = False
        quote_end = head.content.quote_end if head.content else None
        if quote_end is not None and start <= quote_end <= end:
            if quote_end < head.cue.start or view.text[quote_end + 1 : end].strip(_TRIM_END) == "":
                # The whole content is quoted, or the quotation precedes its verb.
                direct, end = True, quote_end
            else:
                start -= 1  # keep the opening mark of a partial quotation
        if not direct:
            start, end = _trim(view.text, start, end)
        if len(_WORD.findall(view.text, start, end)) < 2:
            return False
        s, e = view.original(start, end)
        # An anonymous source is the class a fact-checker needs to see; the
        # stance still comes from the verb (نفى مصدر → refutes).
        cls = CueClass.ANONYMOUS if speaker is not None and speaker.anonymous else head.cue.cue_class
        cue_start, cue_end = view.original(head.cue.start, head.cue.end)
        name = speaker.name if speaker else None
        mention = speaker.mention if speaker else None
        self.found.append(
            Suggestion(
                start=s,
                end=e,
                text=self.text[s:e],
                kind="attributed",
                speaker=name.text if name else None,
                speaker_start=name.start if name else None,
                speaker_end=name.end if name else None,
                mention_start=mention[0] if mention else None,
                mention_end=mention[1] if mention else None,
                cue=self.text[cue_start:cue_end],
                cue_class=cls.value,
                direct=direct,
                stance=stance_for(head.cue.cue_class),
                score=0.6 if guessed else _score(head, speaker),
            )
        )
        return True

    def sentence(self, view: SentenceView, heads: list[Head]) -> None:
        """Suggestions of one sentence that has reporting cues."""
        said = False
        current: Speaker | None = None
        for i, head in enumerate(heads):
            end = heads[i + 1].region if i + 1 < len(heads) else view.end
            if head.kind == "frame":
                current = self.speakers.named(view, head.speaker, head.speaker_skip)
                said = True
                continue
            if head.kind == "trail":
                if i > 0 or len(_WORD.findall(view.text, view.start, head.region)) < 2:
                    continue  # bounds the previous content; the nearer cue speaks
                speaker = self.speakers.named(view, head.speaker, head.speaker_skip)
                # The main clause precedes the source phrase, or surrounds it.
                said |= self.attributed(view, head, speaker, view.start, end if head.inner else head.region)
                current = speaker
                continue
            guessed = False
            if head.participle:
                speaker = current
                if speaker is None:
                    speaker = self.speakers.named(view, main_subject(view, self.speakers.names))
                    guessed = speaker is not None
            elif head.speaker is None:
                speaker = current or self.speakers.last()
            else:
                speaker = self.speakers.named(view, head.speaker, head.speaker_skip)
            assert head.content is not None
            said |= self.attributed(view, head, speaker, head.content.start, end, guessed)
            current = speaker or current
        if not said:
            self.outlet_voice(view.text, view.start, view.end, view.nt)
        elif heads[0].kind != "trail" and heads[0].region > view.start:
            self.opening_clause(view, heads)

    def opening_clause(self, view: SentenceView, heads: list[Head]) -> None:
        """The clause before the sentence's first attribution ("وشنت أذربيجان عملية ...، لكن باكو قالت إن").

        A source closing the sentence ("...، وفقا لرويترز") covers it too;
        otherwise it is the outlet's own voice.
        """
        last = heads[-1]
        if len(heads) > 1 and last.kind == "trail" and not last.inner:
            speaker = self.speakers.named(view, last.speaker, last.speaker_skip)
            self.attributed(view, last, speaker, view.start, heads[0].region)
        else:
            self.outlet_voice(view.text, view.start, heads[0].region, view.nt)


def _score(head: Head, speaker: Speaker | None) -> float:
    """Confidence: a named speaker with a marked content is the clearest case."""
    if speaker is None:
        score = 0.5
    elif head.kind in ("lead", "trail"):
        score = 0.8
    elif head.participle or speaker.mention is not None:
        score = 0.8
    elif head.speaker is None:
        score = 0.75
    else:
        score = 0.9
    if head.content is not None and not head.content.marked:
        score -= 0.15
    return round(score, 2)


def _normalized(text: str) -> NormalizedText:
    """The article normalised with its paragraph breaks kept.

    normalize_for_search turns every newline into a space, but a newline
    ends a sentence.  Swapping newlines for a control character (1:1, so
    the offset map is unchanged) and back lets the sentences be cut in the
    normalised text, where the cues are found in one pass.
    """
    sentinel = next((c for c in "\x00\x01\x02\x03" if c not in text), None)
    if sentinel is None:  # no cleaned article holds all four controls
        return normalize_for_search(text)
    nt = normalize_for_search(text.replace("\n", sentinel))
    return dataclasses.replace(nt, text=nt.text.replace(sentinel, "\n"), original=text)


def suggest_statements(text: str, outlet: str | None = None) -> list[Suggestion]:
    """Proposed statements of an article, sorted by start; spans never overlap; pure and deterministic."""
    article = _Article(text, outlet)
    nt = _normalized(text)
    normalized = nt.text
    view_map = None if len(normalized) == len(text) else nt
    cues = [c for c in find_normalized_cues(normalized) if c.form != "noun"]
    quote_close = {q.start - 1: q.end for q in quotations(normalized)}
    j = 0
    for span in sentences(normalized):
        while j < len(cues) and cues[j].start < span.start:
            j += 1
        first = j
        while j < len(cues) and cues[j].start < span.end:
            j += 1
        if first == j:
            article.outlet_voice(normalized, span.start, span.end, view_map)
            continue
        view = SentenceView(text, normalized, span.start, span.end, view_map, quote_close)
        view.tokenize()
        heading = cues[first:j]
        inside = [c for c in heading if not view.in_quote(c.start)] if quote_close else heading
        article.sentence(view, sentence_heads(view, inside, article.speakers.names))
    return _without_overlaps(article.found)


def _without_overlaps(found: list[Suggestion]) -> list[Suggestion]:
    """Sorted by start, keeping the first of any overlapping pair (a safety net)."""
    result: list[Suggestion] = []
    for s in sorted(found, key=lambda s: (s.start, -s.end)):
        if result and s.start < result[-1].end:
            continue
        result.append(s)
    return result
