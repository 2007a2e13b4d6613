"""The evaluation harness: its pure scorer on hand-made examples, and the gold file against the seeds."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from evaluation.__main__ import main
from evaluation.gold import (
    DEFAULT_GOLD,
    GoldError,
    GoldSeed,
    GoldStatement,
    anchor_problems,
    find_shift,
    load_gold,
    sha1_of,
)
from evaluation.harness import GoldDrift, SeedArticle, check_anchors, load_seeds, score_article
from evaluation.scoring import Counts, Span, accuracy, match_spans, pair_counts, span_counts, spans_match


# --- the pure scorer ---------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Span(0, 10), Span(0, 10), True),
        (Span(0, 10), Span(5, 40), True),  # 5 shared = half of the shorter (10)
        (Span(0, 10), Span(6, 40), False),  # 4 shared < 5
        (Span(0, 4), Span(0, 100), True),  # a short span inside a long one
        (Span(0, 10), Span(10, 20), False),  # touching is not overlapping
    ],
)
def test_spans_match_when_they_share_half_of_the_shorter(a: Span, b: Span, expected: bool) -> None:
    assert spans_match(a, b) is expected


def test_precision_and_recall_of_a_tiny_example() -> None:
    gold = [Span(0, 10), Span(20, 30), Span(40, 50)]
    found = [Span(0, 8), Span(22, 35), Span(60, 70)]

    counts = span_counts(gold, found)

    assert counts == Counts(matched=2, found=3, gold=3)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == pytest.approx(2 / 3)
    assert counts.f1 == pytest.approx(2 / 3)


def test_matching_is_one_to_one_and_prefers_the_larger_overlap() -> None:
    gold = [Span(0, 10), Span(8, 20)]
    found = [Span(0, 20)]  # matches both by the half rule, but may be credited once

    assert match_spans(gold, found) == [(1, 0)]  # 12 shared with the second beats 10 with the first
    assert span_counts(gold, found) == Counts(matched=1, found=1, gold=2)


def test_empty_sides_give_undefined_ratios_not_errors() -> None:
    assert span_counts([], [Span(0, 5)]).recall is None
    assert span_counts([Span(0, 5)], []).precision is None
    assert span_counts([], []).f1 is None


def test_pairs_are_compared_without_order() -> None:
    counts = pair_counts(found=[(2, 1), (3, 4), (5, 6)], gold=[(1, 2), (4, 3), (7, 8), (9, 10)])

    assert counts == Counts(matched=2, found=3, gold=4)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == pytest.approx(0.5)


def test_accuracy_counts_right_judgements() -> None:
    assert accuracy([True, False, True, True]).value == pytest.approx(0.75)
    assert accuracy([]).value is None


@dataclasses.dataclass(frozen=True)
class _Suggestion:
    start: int
    end: int
    kind: str
    speaker: str | None
    cue_class: str | None


def _gold(
    sid: str, start: int, end: int, kind: str, speaker: str | None = None, cue_class: str | None = None
) -> GoldStatement:
    cue = "قال" if cue_class else None
    return GoldStatement(sid, "x.txt", start, end, "", kind, speaker, speaker, cue, cue_class)


def test_an_article_is_scored_by_kind_with_speaker_and_cue_class_accuracy() -> None:
    seed = GoldSeed(
        "x.txt",
        (
            _gold("x.1", 0, 10, "attributed", "علييف", "saying"),
            _gold("x.2", 20, 30, "attributed", "بيراموف", "asserting"),
            _gold("x.3", 40, 50, "outlet"),
        ),
    )
    suggestions = [
        _Suggestion(0, 9, "attributed", "علييف", "saying"),
        _Suggestion(20, 30, "attributed", "لافروف", "saying"),  # wrong speaker and class
        _Suggestion(40, 50, "attributed", "?", "saying"),  # right span, wrong kind
        _Suggestion(60, 70, "outlet", None, None),
    ]

    score = score_article(seed, SeedArticle("x.txt", "", None, None), suggestions, lambda s, g: s == g.speaker)

    assert score.spans["attributed"] == Counts(matched=2, found=3, gold=2)
    assert score.spans["outlet"] == Counts(matched=0, found=1, gold=1)
    assert score.spans["all"] == Counts(matched=3, found=4, gold=3)
    assert (score.speaker.correct, score.speaker.total) == (1, 2)
    assert (score.cue_class.correct, score.cue_class.total) == (1, 2)
    assert [s.start for s in score.spurious] == [60]


# --- the gold file -----------------------------------------------------------


def test_the_shipped_gold_file_is_consistent() -> None:
    gold = load_gold()

    statements = [s for _index, s in gold.statements()]
    assert len(gold.seeds) == 5
    assert all(seed.statements for seed in gold.seeds)
    assert {p.kind for p in gold.pairs} == {"same", "contradiction"}
    assert {s.kind for s in statements} == {"attributed", "outlet"}


def test_a_gold_pair_inside_one_article_is_rejected(tmp_path: Path) -> None:
    data = json.loads(DEFAULT_GOLD.read_text(encoding="utf-8"))
    first = data["seeds"][0]["statements"]
    data["pairs"] = [{"kind": "same", "a": first[0]["id"], "b": first[1]["id"]}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(GoldError, match="inside one article"):
        load_gold(path)


def test_a_moved_quote_is_reported_with_its_shift() -> None:
    text = "قال الوزير إن الهجوم فشل."
    start = text.index("الهجوم")
    statement = GoldStatement("t.1", "t.txt", start, len(text) - 1, sha1_of(text[start:-1]), "outlet", None, None)
    seed = GoldSeed("t.txt", (statement,))
    assert anchor_problems(seed, text) == []

    shifted = "وقد " + text
    assert find_shift(statement, shifted) == 4
    assert anchor_problems(seed, shifted) == [f"t.txt t.1 [{start}:{len(text) - 1}]: quote moved by +4 characters"]
    assert "quote changed" in anchor_problems(seed, text.replace("فشل", "نجح"))[0]


def test_the_gold_anchors_match_the_imported_seed_texts(seeds: Path) -> None:
    gold = load_gold()

    articles = load_seeds(seeds, gold)

    check_anchors(gold, articles)  # raises GoldDrift listing every drifted quote
    for seed, article in zip(gold.seeds, articles, strict=True):
        assert anchor_problems(seed, article.text) == []
        for statement in seed.statements:
            quote = article.text[statement.start : statement.end]
            assert quote == quote.strip(), statement.id
            if statement.cue:
                assert statement.cue in article.text, statement.id


def test_drift_is_reported_as_an_error_naming_the_statement(seeds: Path) -> None:
    gold = load_gold()
    articles = load_seeds(seeds, gold)
    damaged = [dataclasses.replace(articles[0], text="x" + articles[0].text), *articles[1:]]

    with pytest.raises(GoldDrift, match=r"000_\S+ 000\.01 .*moved by \+1"):
        check_anchors(gold, damaged)


# --- the command -------------------------------------------------------------


def test_the_command_says_clearly_when_the_seeds_are_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--seeds", str(tmp_path / "none")]) == 2
    assert "seed articles not found" in capsys.readouterr().err


def test_the_command_prints_figures_as_json(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("karabakh_annotator.core.analysis.attribution")
    pytest.importorskip("karabakh_annotator.core.analysis.contradictions")

    assert main(["--seeds", str(seeds), "--json"]) == 0

    data = json.loads(capsys.readouterr().out)
    assert [a["file"] for a in data["articles"]] == [seed.file for seed in load_gold().seeds]
    assert data["overall"]["spans"]["all"]["gold"] == sum(len(s.statements) for s in load_gold().seeds)
    assert {p["kind"] for p in data["pairs"]} == {"same", "contradiction"}
