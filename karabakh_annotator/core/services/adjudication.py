"""Adjudication: two analysts' statements on one article side by side; a reviewer takes one into the gold set.

The gold set is the statements of the analyst named GOLD_ANALYST: exports,
agreement and the claims view read it like anyone's, and the event log names
the reviewer who put each statement there and whose version it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.records import Changes, StatementRecord
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.services.statements import StatementService
from karabakh_annotator.core.services.unit_of_work import ServiceError, analyst_named, record_event

GOLD_ANALYST = "gold"


@dataclass(frozen=True, slots=True)
class AdjudicationRow:
    """One place in the article: each analyst's statement there (None: they marked nothing), and the gold one."""

    start: int
    first: StatementRecord | None
    second: StatementRecord | None
    gold: StatementRecord | None


def _overlap(a: StatementRecord, b: StatementRecord) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def pair_statements(
    first: Sequence[StatementRecord], second: Sequence[StatementRecord]
) -> list[tuple[StatementRecord | None, StatementRecord | None]]:
    """One-to-one pairs by largest overlap; the unpaired stand alone; in text order."""
    candidates = sorted(
        ((_overlap(a, b), i, j) for i, a in enumerate(first) for j, b in enumerate(second) if _overlap(a, b) > 0),
        reverse=True,
    )
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs: list[tuple[StatementRecord | None, StatementRecord | None]] = []
    for _, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((first[i], second[j]))
    pairs += [(a, None) for i, a in enumerate(first) if i not in used_first]
    pairs += [(None, b) for j, b in enumerate(second) if j not in used_second]
    return sorted(pairs, key=lambda p: min(s.start for s in p if s is not None))


class AdjudicationService:
    """Compare two analysts on an article and settle each statement into the gold set."""

    def __init__(self, sessions: sessionmaker[Session], statements: StatementService) -> None:
        self._sessions = sessions
        self._statements = statements

    def compare(self, article_id: int, first: str, second: str) -> list[AdjudicationRow]:
        """Both analysts' live statements on the article, paired, with the gold statement overlapping each."""
        if first == second:
            raise ServiceError("choose two different analysts to compare")
        live = self._statements.statements_for_article(article_id)
        mine = [s for s in live if s.analyst == first]
        theirs = [s for s in live if s.analyst == second]
        gold = [s for s in live if s.analyst == GOLD_ANALYST]
        rows = []
        for a, b in pair_statements(mine, theirs):
            anchor = a or b
            assert anchor is not None
            settled = max(gold, key=lambda g: _overlap(g, anchor), default=None)
            if settled is not None and _overlap(settled, anchor) == 0:
                settled = None
            rows.append(AdjudicationRow(anchor.start, a, b, settled))
        return rows

    def accept(self, statement_id: int, reviewer: str, patch: StatementPatch | None = None) -> tuple[StatementRecord, Changes]:
        """Copy a statement (with its labels and claim, then `patch` for the reviewer's edits) into the gold set.

        Gold statements it overlaps are withdrawn (deleted softly), so each
        place in the article has one gold version.
        """
        if reviewer == GOLD_ANALYST:
            raise ServiceError(f"{GOLD_ANALYST!r} is the gold set, not a reviewer")
        source = self._statements.get_statement(statement_id)
        changes = Changes()
        for old in self._statements.statements_for_article(source.article_id):
            if old.analyst == GOLD_ANALYST and _overlap(old, source) > 0:
                changes |= self._statements.delete_statement(old.id, reviewer)[1]
        copied = StatementPatch(
            speaker_id=source.speaker_id,
            cue=source.cue,
            cue_class=source.cue_class,
            stance=source.stance,
            party=source.party,
            claim_id=source.claim_id,
            note=source.note,
        )
        gold, marked = self._statements.mark_statement(source.article_id, source.start, source.end, GOLD_ANALYST, copied)
        if patch is not None:
            edit = self._statements.edit_statement(gold.id, patch, reviewer)
            gold, marked = edit.statement, marked | edit.changes
        with self._sessions.begin() as session:
            who = analyst_named(session, reviewer)
            record_event(session, who, "adjudicate", "statement", gold.id, new=[statement_id, source.analyst])
        return gold, changes | marked
