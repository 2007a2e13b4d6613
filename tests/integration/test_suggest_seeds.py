"""Suggested statements over the real seed articles: structural properties only (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

from karabakh_annotator.core.analysis.attribution import Suggestion, suggest_statements
from karabakh_annotator.core.analysis.cues import CueClass, find_cues
from karabakh_annotator.core.importers.files import read_article_file
from karabakh_annotator.core.labels import REPORTING_STANCES
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.text.segment import sentences


def _articles(seeds: Path) -> list[ParsedArticle]:
    articles = []
    for path in sorted(seeds.glob("*.txt")):
        parsed = read_article_file(path)
        articles.extend(item for item in parsed if isinstance(item, ParsedArticle))
    assert articles
    return articles


def _check_article(article: ParsedArticle, found: list[Suggestion]) -> None:
    text = article.text
    stances = {label.key for label in REPORTING_STANCES}
    last = 0
    for s in found:
        assert text[s.start : s.end] == s.text, (article.source_file, s)
        assert s.start >= last, f"overlap in {article.source_file}: {s.text[:40]}"
        last = s.end
        assert s.text == s.text.strip() and len(s.text.split()) >= 2
        assert s.stance in stances
        if s.kind == "outlet":
            assert (s.speaker, s.cue, s.cue_class, s.stance) == (article.outlet, None, None, "asserts")
        else:
            assert s.kind == "attributed" and s.cue is not None and s.cue_class in {c.value for c in CueClass}
            assert s.cue in text
        if s.speaker_start is not None and s.speaker_end is not None:
            assert text[s.speaker_start : s.speaker_end] == s.speaker
        if s.mention_start is not None and s.mention_end is not None:
            assert s.mention_start < s.mention_end <= len(text)


def test_suggestions_are_exact_disjoint_and_labelled(seeds: Path) -> None:
    for article in _articles(seeds):
        found = suggest_statements(article.text, article.outlet)
        assert found, article.source_file
        _check_article(article, found)


def test_most_sentences_with_a_reporting_verb_get_a_suggestion(seeds: Path) -> None:
    with_cue = covered = 0
    for article in _articles(seeds):
        text = article.text
        attributed = [s for s in suggest_statements(text, article.outlet) if s.kind == "attributed"]
        for span in sentences(text):
            verbs = [c for c in find_cues(text, span.start, span.end) if c.form in ("verb", "participle")]
            if not verbs:
                continue
            with_cue += 1
            covered += any(span.start <= s.start < span.end for s in attributed)
    assert with_cue >= 30
    assert covered / with_cue >= 0.75


def test_speakers_classes_and_direct_speech_are_found(seeds: Path) -> None:
    found = [s for article in _articles(seeds) for s in suggest_statements(article.text, article.outlet)]
    attributed = [s for s in found if s.kind == "attributed"]
    assert len(attributed) >= 40
    with_speaker = [s for s in attributed if s.speaker is not None]
    assert len(with_speaker) / len(attributed) >= 0.9
    classes = {s.cue_class for s in attributed}
    assert {"saying", "asserting", "announcing", "prepositional", "denying"} <= classes
    assert any(s.direct for s in attributed)
    assert any(s.mention_start is not None for s in attributed)  # a role back-reference
    assert any(s.stance == "refutes" for s in attributed)
    assert any(s.kind == "outlet" for s in found)


def test_suggest_is_deterministic(seeds: Path) -> None:
    for article in _articles(seeds):
        assert suggest_statements(article.text, article.outlet) == suggest_statements(article.text, article.outlet)
