"""Printing an Evaluation as a readable table or as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from evaluation.gold import GoldStatement
from evaluation.harness import KIND_ORDER, ArticleScore, Evaluation, PairScore, SuggestionLike
from evaluation.scoring import Accuracy, Counts, percent

SNIPPET = 70  # characters of a quote shown in the details


def text_report(evaluation: Evaluation, details: bool = False) -> str:
    """The whole report as lines of text."""
    return "\n".join(_text_lines(evaluation, details)) + "\n"


def _text_lines(evaluation: Evaluation, details: bool) -> Iterator[str]:
    if evaluation.articles:
        yield "suggest_statements: a suggestion matches a gold statement when they overlap by at least"
        yield "half of the shorter span (one-to-one, greedy by overlap); the attributed and outlet rows"
        yield "match statements of that kind only, the 'all' rows regardless of kind"
        yield ""
        yield f"{'article':<28} {'kind':<11} {'gold':>5} {'found':>5} {'match':>5} {'precision':>9} {'recall':>7} {'F1':>7}"
        for score in evaluation.articles:
            yield from _article_lines(score.article.file, score.spans, score.speaker, score.cue_class)
            if details:
                yield from _detail_lines(score)
        totals = {kind: evaluation.total_spans(kind) for kind in KIND_ORDER}
        yield from _article_lines("overall", totals, evaluation.total_speaker(), evaluation.total_cue_class())
    for pair_score in evaluation.pairs:
        yield ""
        yield from _pair_lines(pair_score)
    for note in evaluation.notes:
        yield ""
        yield f"note: {note}"


def _article_lines(name: str, spans: dict[str, Counts], speaker: Accuracy, cue_class: Accuracy) -> Iterator[str]:
    for number, kind in enumerate(KIND_ORDER):
        counts = spans[kind]
        label = name if number == 0 else ""
        yield (
            f"{label:<28} {kind:<11} {counts.gold:>5} {counts.found:>5} {counts.matched:>5} "
            f"{percent(counts.precision):>9} {percent(counts.recall):>7} {percent(counts.f1):>7}"
        )
    yield (
        f"{'':<28} speaker accuracy {_fraction(speaker)}, "
        f"cue-class accuracy {_fraction(cue_class)} (matched attributed statements)"
    )


def _fraction(value: Accuracy) -> str:
    return f"{value.correct}/{value.total} ({percent(value.value)})"


def _detail_lines(score: ArticleScore) -> Iterator[str]:
    text = score.article.text
    for gold in score.missed:
        yield f"    missed   {gold.id} {gold.kind:<10} {gold.cue or '':<10} {gold.speaker or '-'}: {_snippet(text, gold)}"
    for suggestion in score.spurious:
        yield (
            f"    extra    {suggestion.start}-{suggestion.end} {suggestion.kind:<10} "
            f"{suggestion.cue_class or '':<10} {suggestion.speaker or '-'}: {_snippet(text, suggestion)}"
        )
    for gold, suggestion in score.wrong_kind:
        yield f"    kind     {gold.id} gold {gold.kind}, suggested {suggestion.kind}: {_snippet(text, gold)}"
    for gold, suggestion in score.wrong_speaker:
        yield f"    speaker  {gold.id} gold {gold.speaker} ({gold.canonical}), suggested {suggestion.speaker or '-'}"
    for gold, suggestion in score.wrong_cue_class:
        yield f"    cue      {gold.id} gold {gold.cue} ({gold.cue_class}), suggested {suggestion.cue_class or '-'}"


def _snippet(text: str, span: GoldStatement | SuggestionLike) -> str:
    quote = text[span.start : span.end].replace("\n", " ")
    return quote if len(quote) <= SNIPPET else quote[: SNIPPET - 1] + "…"


def _pair_lines(score: PairScore) -> Iterator[str]:
    finder = "find_same_claims" if score.kind == "same" else "find_contradictions"
    counts = score.counts
    yield (
        f"match: {score.kind} ({finder}): gold {counts.gold}, found {counts.found}, matched {counts.matched}, "
        f"precision {percent(counts.precision)}, recall {percent(counts.recall)}"
    )
    for pair in score.found:
        mark = "ok  " if pair.in_gold else "extra"
        yield f"  {mark} {_where(pair.a)} ↔ {_where(pair.b)}  score {pair.score:.2f}"
    for a, b in score.missed:
        yield f"  missed {_where(a)} ↔ {_where(b)}"


def _where(statement: GoldStatement) -> str:
    return f"{PurePath(statement.seed).stem}:{statement.start}-{statement.end} ({statement.id})"


def json_report(evaluation: Evaluation) -> str:
    """The figures as one JSON object."""
    data: dict[str, Any] = {
        "articles": [
            {"file": s.article.file, **_figures(s.spans, s.speaker, s.cue_class)} for s in evaluation.articles
        ],
        "pairs": [_pair_json(p) for p in evaluation.pairs],
        "notes": list(evaluation.notes),
    }
    if evaluation.articles:
        totals = {kind: evaluation.total_spans(kind) for kind in KIND_ORDER}
        data["overall"] = _figures(totals, evaluation.total_speaker(), evaluation.total_cue_class())
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _figures(spans: dict[str, Counts], speaker: Accuracy, cue_class: Accuracy) -> dict[str, Any]:
    return {
        "spans": {kind: _counts_json(spans[kind]) for kind in KIND_ORDER},
        "speaker_accuracy": _accuracy_json(speaker),
        "cue_class_accuracy": _accuracy_json(cue_class),
    }


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "gold": counts.gold,
        "found": counts.found,
        "matched": counts.matched,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def _accuracy_json(value: Accuracy) -> dict[str, Any]:
    return {"correct": value.correct, "total": value.total, "accuracy": value.value}


def _pair_json(score: PairScore) -> dict[str, Any]:
    return {
        "kind": score.kind,
        **_counts_json(score.counts),
        "found_pairs": [
            {"a": _statement_json(p.a), "b": _statement_json(p.b), "score": p.score, "in_gold": p.in_gold}
            for p in score.found
        ],
        "missed_pairs": [{"a": _statement_json(a), "b": _statement_json(b)} for a, b in score.missed],
    }


def _statement_json(statement: GoldStatement) -> dict[str, Any]:
    return {"id": statement.id, "article": statement.seed, "start": statement.start, "end": statement.end}
