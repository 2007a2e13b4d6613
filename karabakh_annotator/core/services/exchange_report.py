"""What an import of annotations did: counts, statements moved, statements that could not be placed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from karabakh_annotator.core.records import Changes


# Why a statement was not placed, when its article is known.
QUOTE_NOT_FOUND = "quote not found in the article text"
# Notes on records that depend on a statement that was not placed.
LEFT_OUT = "{} records left out (a statement they name was not placed)"
UNLINKED = "{} records without their link to a statement that was not placed"


@dataclass(frozen=True, slots=True)
class MovedStatement:
    """A statement whose quote was found elsewhere in the article text than its old offsets said."""

    line: int
    statement_id: int
    article_id: int
    old_start: int
    old_end: int
    start: int
    end: int
    old_quote: str
    quote: str
    found: str  # how: "exact", "normalised" or "context" (core/text/reanchor.py)


@dataclass(frozen=True, slots=True)
class UnplacedStatement:
    """A statement of the file that is not in the database: where it was, what it said, and why."""

    line: int
    article: str
    start: int
    end: int
    quote: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of `ExchangeService.import_annotations`."""

    source: str
    format: str  # "jsonl" | "csv"
    mode: str  # "restore" (empty database, same ids) | "merge"
    created: dict[str, int] = field(default_factory=dict)  # record type -> how many were added
    present: dict[str, int] = field(default_factory=dict)  # record type -> how many were already there
    moved: tuple[MovedStatement, ...] = ()
    unplaced: tuple[UnplacedStatement, ...] = ()
    notes: tuple[str, ...] = ()  # anything else not taken over, and why
    changes: Changes = Changes()

    @property
    def complete(self) -> bool:
        """Whether every statement of the file is now in the database."""
        return not self.unplaced


class ReportBuilder:
    """Collects what an import does, for the report at the end."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.present: Counter[str] = Counter()
        self.moved: list[MovedStatement] = []
        self.unplaced: list[UnplacedStatement] = []
        self.notes: list[str] = []
        self.articles: set[int] = set()
        self.statements: set[int] = set()
        self.claims: set[int] = set()
        self.entities: set[int] = set()
        self.labels = False

    def note_count(self, count: int, what: str) -> None:
        """Add a note "what: count" when `count` is not 0."""
        if count:
            self.notes.append(f"{what}: {count}")

    def build(self, source: str, file_format: str, mode: str) -> ImportReport:
        """The finished report."""
        return ImportReport(
            source=source,
            format=file_format,
            mode=mode,
            created={k: v for k, v in self.created.items() if v},
            present={k: v for k, v in self.present.items() if v},
            moved=tuple(self.moved),
            unplaced=tuple(self.unplaced),
            notes=tuple(self.notes),
            changes=Changes(
                frozenset(self.articles),
                frozenset(self.statements),
                frozenset(self.claims),
                frozenset(self.entities),
                self.labels,
            ),
        )
