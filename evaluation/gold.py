"""The gold annotations of the seed articles: loading, validating and anchoring.

The gold file stores no article text, only offsets into the text that
``read_article_file`` stores for each seed, with a sha1 of each quote. A change
of the cleaner that moves or alters a quote is therefore detected and reported
(with the shift, when the quote merely moved) instead of silently scoring
against the wrong characters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_GOLD = Path(__file__).resolve().parent / "gold" / "seeds.json"

KINDS = frozenset({"attributed", "outlet"})
CUE_CLASSES = frozenset(
    {"saying", "asserting", "announcing", "denying", "distancing", "prepositional", "anonymous"}
)
PAIR_KINDS = frozenset({"same", "contradiction"})
# How far (in characters) a drifted quote is looked for, to say where it moved.
MAX_SHIFT = 2000


class GoldError(ValueError):
    """The gold file is malformed or inconsistent."""


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """One annotated statement: a span of the cleaned text and how it is attributed."""

    id: str
    seed: str  # the seed file it annotates
    start: int
    end: int
    sha1: str
    kind: str  # "attributed" | "outlet"
    speaker: str | None  # as written at its named mention (the outlet for kind "outlet")
    canonical: str | None  # groups the spelling variants of one person or institution
    cue: str | None = None  # as written, with its prefixes
    cue_class: str | None = None
    direct: bool = False

    @property
    def stance(self) -> str:
        """The reporting stance the cue class implies (as ``cues.stance_for`` documents it)."""
        if self.cue_class is None:
            return "asserts"
        return {"denying": "refutes", "distancing": "distances"}.get(self.cue_class, "reports")


@dataclass(frozen=True, slots=True)
class GoldSeed:
    """The statements annotated in one seed file."""

    file: str
    statements: tuple[GoldStatement, ...]


@dataclass(frozen=True, slots=True)
class GoldPair:
    """Two statements in different articles that report the same fact or contradict each other."""

    kind: str  # "same" | "contradiction"
    a: str  # statement ids
    b: str


@dataclass(frozen=True, slots=True)
class Gold:
    """The whole gold file."""

    seeds: tuple[GoldSeed, ...]
    pairs: tuple[GoldPair, ...]

    def statements(self) -> Iterator[tuple[int, GoldStatement]]:
        """Every statement with the index of its seed, in file order."""
        for index, seed in enumerate(self.seeds):
            for statement in seed.statements:
                yield index, statement


def sha1_of(quote: str) -> str:
    """The hex sha1 of a quote's UTF-8 bytes, as stored in the gold file."""
    return hashlib.sha1(quote.encode("utf-8")).hexdigest()


def load_gold(path: Path = DEFAULT_GOLD) -> Gold:
    """Read and validate a gold file; raises GoldError with the reason."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from exc
    seeds = tuple(_seed(item) for item in _list(data, "seeds"))
    pairs = tuple(_pair(item) for item in _list(data, "pairs"))
    _validate(seeds, pairs)
    return Gold(seeds, pairs)


def _list(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, list):
        raise GoldError(f"gold file has no list {key!r}")
    return value


def _seed(item: Mapping[str, Any]) -> GoldSeed:
    try:
        file = str(item["file"])
        return GoldSeed(file, tuple(_statement(s, file) for s in item["statements"]))
    except (KeyError, TypeError) as exc:
        raise GoldError(f"malformed seed entry: {exc}") from exc


def _statement(item: Mapping[str, Any], file: str) -> GoldStatement:
    try:
        statement = GoldStatement(
            id=str(item["id"]),
            seed=file,
            start=int(item["start"]),
            end=int(item["end"]),
            sha1=str(item["sha1"]),
            kind=str(item["kind"]),
            speaker=item.get("speaker"),
            canonical=item.get("canonical"),
            cue=item.get("cue"),
            cue_class=item.get("cue_class"),
            direct=bool(item.get("direct", False)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"malformed statement {item!r}: {exc}") from exc
    _check_statement(statement)
    return statement


def _check_statement(statement: GoldStatement) -> None:
    if statement.kind not in KINDS:
        raise GoldError(f"statement {statement.id}: unknown kind {statement.kind!r}")
    if not 0 <= statement.start < statement.end:
        raise GoldError(f"statement {statement.id}: empty or negative span")
    if statement.kind == "attributed":
        if statement.cue_class not in CUE_CLASSES:
            raise GoldError(f"statement {statement.id}: unknown cue class {statement.cue_class!r}")
        if not statement.speaker or not statement.canonical:
            raise GoldError(f"statement {statement.id}: an attributed statement needs a speaker")


def _pair(item: Mapping[str, Any]) -> GoldPair:
    try:
        pair = GoldPair(str(item["kind"]), str(item["a"]), str(item["b"]))
    except (KeyError, TypeError) as exc:
        raise GoldError(f"malformed pair {item!r}: {exc}") from exc
    if pair.kind not in PAIR_KINDS:
        raise GoldError(f"pair {pair.a}/{pair.b}: unknown kind {pair.kind!r}")
    return pair


def _validate(seeds: Sequence[GoldSeed], pairs: Sequence[GoldPair]) -> None:
    seed_of: dict[str, int] = {}
    for index, seed in enumerate(seeds):
        for statement in seed.statements:
            if statement.id in seed_of:
                raise GoldError(f"statement id {statement.id} is used twice")
            seed_of[statement.id] = index
    for pair in pairs:
        for ref in (pair.a, pair.b):
            if ref not in seed_of:
                raise GoldError(f"pair {pair.a}/{pair.b} refers to unknown statement {ref}")
        if seed_of[pair.a] == seed_of[pair.b]:
            raise GoldError(f"pair {pair.a}/{pair.b} is inside one article (pairs are across articles)")


def anchor_problems(seed: GoldSeed, text: str, max_shift: int = MAX_SHIFT) -> list[str]:
    """What no longer matches between a seed's gold statements and its cleaned text."""
    return [
        f"{seed.file} {statement.id} [{statement.start}:{statement.end}]: {problem}"
        for statement in seed.statements
        if (problem := _anchor_problem(statement, text, max_shift)) is not None
    ]


def _anchor_problem(statement: GoldStatement, text: str, max_shift: int) -> str | None:
    if statement.end <= len(text) and sha1_of(text[statement.start : statement.end]) == statement.sha1:
        return None
    shift = find_shift(statement, text, max_shift)
    if shift is not None:
        return f"quote moved by {shift:+d} characters"
    if statement.end > len(text):
        return f"beyond the end of the text ({len(text)} characters)"
    return "quote changed (its sha1 differs and it was not found nearby)"


def find_shift(statement: GoldStatement, text: str, max_shift: int = MAX_SHIFT) -> int | None:
    """The smallest shift that finds the quote again, unchanged, or None."""
    length = statement.end - statement.start
    for distance in range(1, max_shift + 1):
        for shift in (distance, -distance):
            start = statement.start + shift
            if 0 <= start and start + length <= len(text):
                if sha1_of(text[start : start + length]) == statement.sha1:
                    return shift
    return None
