"""Running the product's claim intelligence over the seeds and scoring it against the gold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from evaluation.gold import Gold, GoldSeed, GoldStatement, anchor_problems
from evaluation.scoring import Accuracy, Counts, accuracy, match_spans, pair_counts, span_counts, unordered

KIND_ORDER = ("attributed", "outlet", "all")


class EvaluationError(Exception):
    """The evaluation cannot run (seeds absent, modules missing)."""


class GoldDrift(EvaluationError):
    """The gold anchors no longer match the cleaned seed texts."""


class SuggestionLike(Protocol):
    """The fields of attribution.Suggestion the scorer reads."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def cue_class(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class SeedArticle:
    """A seed as the product imports it."""

    file: str
    text: str
    outlet: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """How suggest did on one article."""

    article: SeedArticle
    spans: dict[str, Counts]  # by "attributed", "outlet", "all"
    speaker: Accuracy
    cue_class: Accuracy
    missed: tuple[GoldStatement, ...]  # gold statements no suggestion matched
    spurious: tuple[SuggestionLike, ...]  # suggestions matching no gold statement
    wrong_kind: tuple[tuple[GoldStatement, SuggestionLike], ...]  # span found, kind differs
    wrong_speaker: tuple[tuple[GoldStatement, SuggestionLike], ...]
    wrong_cue_class: tuple[tuple[GoldStatement, SuggestionLike], ...]


@dataclass(frozen=True, slots=True)
class FoundPair:
    """A pair the matcher proposed, in gold statement ids."""

    a: GoldStatement
    b: GoldStatement
    score: float
    in_gold: bool


@dataclass(frozen=True, slots=True)
class PairScore:
    """How find_same_claims or find_contradictions did against the gold pairs."""

    kind: str
    counts: Counts
    found: tuple[FoundPair, ...]
    missed: tuple[tuple[GoldStatement, GoldStatement], ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything the report prints; a section whose module is missing is empty, with a note."""

    articles: tuple[ArticleScore, ...]
    pairs: tuple[PairScore, ...]
    notes: tuple[str, ...] = ()

    def total_spans(self, kind: str) -> Counts:
        """Span counts over all articles (micro-averaged)."""
        return sum((a.spans[kind] for a in self.articles), Counts())

    def total_speaker(self) -> Accuracy:
        """Speaker accuracy over all articles."""
        return sum((a.speaker for a in self.articles), Accuracy())

    def total_cue_class(self) -> Accuracy:
        """Cue-class accuracy over all articles."""
        return sum((a.cue_class for a in self.articles), Accuracy())


def load_seeds(seeds_dir: Path, gold: Gold) -> list[SeedArticle]:
    """Import each gold seed exactly as the product does; raises EvaluationError if absent."""
    from karabakh_annotator.core.importers.files import read_article_file
    from karabakh_annotator.core.records import ParsedArticle

    if not seeds_dir.is_dir() or not any(seeds_dir.glob("*.txt")):
        raise EvaluationError(f"seed articles not found in {seeds_dir} (pass --seeds DIR)")
    articles = []
    for seed in gold.seeds:
        path = seeds_dir / seed.file
        if not path.is_file():
            raise EvaluationError(f"seed {seed.file} of the gold file is missing from {seeds_dir}")
        parsed = [item for item in read_article_file(path) if isinstance(item, ParsedArticle)]
        if len(parsed) != 1:
            raise EvaluationError(f"seed {seed.file} did not import as one article")
        item = parsed[0]
        articles.append(SeedArticle(seed.file, item.text, item.outlet, item.published))
    return articles


def check_anchors(gold: Gold, articles: Sequence[SeedArticle]) -> None:
    """Raise GoldDrift listing every gold quote that drifted from the cleaned text."""
    problems = [
        problem
        for seed, article in zip(gold.seeds, articles, strict=True)
        for problem in anchor_problems(seed, article.text)
    ]
    if problems:
        raise GoldDrift(
            "the gold anchors no longer match the cleaned seed texts (the cleaner changed?):\n  "
            + "\n  ".join(problems)
            + "\nre-check the affected statements and update evaluation/gold/seeds.json"
        )


SameSpeaker = Callable[[str | None, GoldStatement], bool]


def score_article(
    seed: GoldSeed,
    article: SeedArticle,
    suggestions: Sequence[SuggestionLike],
    same_speaker: SameSpeaker,
) -> ArticleScore:
    """Score one article's suggestions against its gold statements."""
    gold = list(seed.statements)
    spans = {
        kind: span_counts(_of_kind(gold, kind), _of_kind(suggestions, kind)) for kind in KIND_ORDER
    }
    overall = match_spans(gold, suggestions)
    matched_gold = {gi for gi, _fi in overall}
    matched_found = {fi for _gi, fi in overall}
    attributed = _of_kind(gold, "attributed")
    suggested = _of_kind(suggestions, "attributed")
    pairs = [(attributed[gi], suggested[fi]) for gi, fi in match_spans(attributed, suggested)]
    speaker_right = [same_speaker(s.speaker, g) for g, s in pairs]
    return ArticleScore(
        article=article,
        spans=spans,
        speaker=accuracy(speaker_right),
        cue_class=accuracy(s.cue_class == g.cue_class for g, s in pairs),
        missed=tuple(g for gi, g in enumerate(gold) if gi not in matched_gold),
        spurious=tuple(s for fi, s in enumerate(suggestions) if fi not in matched_found),
        wrong_kind=tuple(
            (gold[gi], suggestions[fi]) for gi, fi in overall if gold[gi].kind != suggestions[fi].kind
        ),
        wrong_speaker=tuple(pair for pair, right in zip(pairs, speaker_right, strict=True) if not right),
        wrong_cue_class=tuple((g, s) for g, s in pairs if s.cue_class != g.cue_class),
    )


class _Kinded(Protocol):
    @property
    def kind(self) -> str: ...


_K = TypeVar("_K", bound=_Kinded)


def _of_kind(items: Sequence[_K], kind: str) -> list[_K]:
    return list(items) if kind == "all" else [item for item in items if item.kind == kind]


class SpeakerJudge:
    """Decides whether a suggested speaker names the gold speaker (name keys, then the resolver)."""

    def __init__(self, statements: Iterable[GoldStatement]) -> None:
        from karabakh_annotator.core.analysis.speakers import KnownEntity, SpeakerResolver, name_key

        variants: dict[str, set[str]] = {}
        for statement in statements:
            if statement.kind == "attributed" and statement.canonical:
                variants.setdefault(statement.canonical, set()).add(statement.speaker or "")
        entities = [
            KnownEntity(
                id=number,
                name=canonical,
                aliases=tuple(sorted(names - {canonical, ""})),
                source_type=None,
                party=None,
            )
            for number, (canonical, names) in enumerate(sorted(variants.items()), start=1)
        ]
        self._resolver = SpeakerResolver(entities)
        self._key = name_key

    def __call__(self, suggested: str | None, gold: GoldStatement) -> bool:
        """True when the suggested name and the gold speaker are the same person or body."""
        if not suggested:
            return False
        key = self._key(suggested)
        gold_keys = {self._key(name) for name in (gold.speaker, gold.canonical) if name}
        if key and key in gold_keys:
            return True
        mine = self._resolver.resolve(suggested).entity_id
        theirs = self._resolver.resolve(gold.canonical or gold.speaker or "").entity_id
        return mine is not None and mine == theirs


def score_pairs(gold: Gold, articles: Sequence[SeedArticle]) -> tuple[PairScore, ...]:
    """Run find_same_claims and find_contradictions over the gold statements."""
    from karabakh_annotator.core.analysis.contradictions import find_contradictions
    from karabakh_annotator.core.analysis.matching import ClaimText, find_same_claims

    statements = list(gold.statements())
    items = [
        ClaimText(
            key=key,
            article=index,
            text=articles[index].text[statement.start : statement.end],
            cue_class=statement.cue_class,
            stance=statement.stance,
            speaker=statement.canonical,
            published=articles[index].published,
        )
        for key, (index, statement) in enumerate(statements)
    ]
    by_key = [statement for _index, statement in statements]
    key_of = {statement.id: key for key, statement in enumerate(by_key)}
    finders: dict[str, Callable[[list[Any]], Iterable[Any]]] = {
        "same": find_same_claims,
        "contradiction": find_contradictions,
    }
    return tuple(
        _pair_score(kind, list(finder(items)), gold, key_of, by_key) for kind, finder in finders.items()
    )


def _pair_score(
    kind: str,
    found: Sequence[Any],
    gold: Gold,
    key_of: dict[str, int],
    by_key: Sequence[GoldStatement],
) -> PairScore:
    gold_keys = {unordered(key_of[p.a], key_of[p.b]) for p in gold.pairs if p.kind == kind}
    found_keys = [unordered(p.a, p.b) for p in found]
    reported = tuple(
        FoundPair(by_key[a], by_key[b], float(p.score), (a, b) in gold_keys)
        for (a, b), p in sorted(zip(found_keys, found, strict=True), key=lambda item: -item[1].score)
    )
    missed = tuple((by_key[a], by_key[b]) for a, b in sorted(gold_keys - set(found_keys)))
    return PairScore(kind, pair_counts(found_keys, gold_keys), reported, missed)


def evaluate(gold: Gold, seeds_dir: Path) -> Evaluation:
    """Import the seeds, check the anchors, run suggest and the matchers, and score them."""
    articles = load_seeds(seeds_dir, gold)
    check_anchors(gold, articles)
    notes: list[str] = []
    try:
        scores = score_suggestions(gold, articles)
    except ImportError as exc:
        scores = ()
        notes.append(f"suggest not evaluated: {exc}")
    try:
        pairs = score_pairs(gold, articles)
    except ImportError as exc:
        pairs = ()
        notes.append(f"match not evaluated: {exc}")
    if not scores and not pairs:
        raise EvaluationError("the claim-intelligence modules are not available:\n  " + "\n  ".join(notes))
    return Evaluation(scores, pairs, tuple(notes))


def score_suggestions(gold: Gold, articles: Sequence[SeedArticle]) -> tuple[ArticleScore, ...]:
    """Run suggest_statements over each seed and score it (ImportError if the module is missing)."""
    from karabakh_annotator.core.analysis.attribution import suggest_statements

    judge = SpeakerJudge(statement for _index, statement in gold.statements())
    return tuple(
        score_article(seed, article, suggest_statements(article.text, outlet=article.outlet), judge)
        for seed, article in zip(gold.seeds, articles, strict=True)
    )
