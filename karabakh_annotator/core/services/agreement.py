"""Inter-annotator agreement between analysts over the articles they all annotated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from karabakh_annotator.core.agreement import (
    AgreementReport,
    LabelAgreement,
    Span,
    label_agreement,
    span_agreement,
    span_units,
)
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.models import Analyst, Claim, Entity, Label, Statement

SPEAKER = "speaker"
# The label sets compared, in report order: speaker (entity), then label keys.
LABEL_SETS = (SPEAKER, LabelSet.PARTY_ALIGNMENT.value, LabelSet.REPORTING_STANCE.value, LabelSet.VERDICT.value)


@dataclass(frozen=True, slots=True)
class _Marked:
    """One live statement as agreement sees it: its span and the values compared."""

    span: Span
    values: tuple[Hashable | None, ...]  # in LABEL_SETS order


def _names(analysts: Sequence[str]) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name.strip() for name in analysts if name.strip()))
    if len(names) < 2:
        raise ServiceError("agreement needs at least two different analysts")
    return names


class AgreementService:
    """Span agreement per pair of analysts, and kappa / alpha / confusion per label set."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def report(self, analysts: Sequence[str], article_ids: Iterable[int] | None = None) -> AgreementReport:
        """Agreement over the articles on which every listed analyst has a live statement.

        Statements are matched across analysts into units by largest overlap;
        labels are compared on units that at least two analysts marked.
        """
        names = _names(analysts)
        wanted = None if article_ids is None else frozenset(article_ids)
        with self._sessions() as session:
            ids = self._analyst_ids(session, names)
            common = self._common_articles(session, list(ids.values()), wanted)
            if not common:
                among = " among the chosen articles" if wanted is not None else ""
                raise ServiceError(f"{_listing(names)} have no annotated article in common{among}")
            marked, speaker_names = self._statements(session, list(ids.values()), common)
            order = self._label_order(session)
        return _assemble(names, list(ids.values()), common, marked, speaker_names, order)

    # -- queries ---------------------------------------------------------

    @staticmethod
    def _analyst_ids(session: Session, names: tuple[str, ...]) -> dict[str, int]:
        rows = session.execute(select(Analyst.name, Analyst.id).where(Analyst.name.in_(names)))
        found = {name: analyst_id for name, analyst_id in rows}
        unknown = [name for name in names if name not in found]
        if unknown:
            raise ServiceError(f"no analyst named {_listing(unknown, 'or')}")
        return {name: found[name] for name in names}

    @staticmethod
    def _common_articles(session: Session, analyst_ids: list[int], wanted: frozenset[int] | None) -> list[int]:
        query = (
            select(Statement.article_id)
            .where(Statement.deleted_at.is_(None), Statement.analyst_id.in_(analyst_ids))
            .group_by(Statement.article_id)
            .having(func.count(Statement.analyst_id.distinct()) == len(analyst_ids))
            .order_by(Statement.article_id)
        )
        common = list(session.scalars(query))
        return common if wanted is None else [a for a in common if a in wanted]

    @staticmethod
    def _statements(
        session: Session, analyst_ids: list[int], articles: list[int]
    ) -> tuple[dict[int, dict[int, list[_Marked]]], dict[Hashable, str]]:
        """Article id -> analyst id -> live statements in text order; speaker id -> name."""
        party, stance, verdict = aliased(Label), aliased(Label), aliased(Label)
        query = (
            select(
                Statement.article_id,
                Statement.analyst_id,
                Statement.start,
                Statement.end,
                Statement.speaker_id,
                Entity.name,
                party.key,
                stance.key,
                verdict.key,
            )
            .outerjoin(Entity, Statement.speaker_id == Entity.id)
            .outerjoin(party, Statement.party_id == party.id)
            .outerjoin(stance, Statement.stance_id == stance.id)
            .outerjoin(Claim, and_(Statement.claim_id == Claim.id, Claim.deleted_at.is_(None)))
            .outerjoin(verdict, Claim.verdict_id == verdict.id)
            .where(Statement.deleted_at.is_(None), Statement.analyst_id.in_(analyst_ids))
            .order_by(Statement.article_id, Statement.start, Statement.end, Statement.id)
        )
        marked: dict[int, dict[int, list[_Marked]]] = defaultdict(lambda: defaultdict(list))
        speakers: dict[Hashable, str] = {}
        # Chunks keep the IN list short (SQLite caps bound parameters).
        for chunk in _chunks(articles, 500):
            for article, analyst, start, end, speaker, speaker_name, *keys in session.execute(
                query.where(Statement.article_id.in_(chunk))
            ):
                if speaker is not None:
                    speakers[speaker] = speaker_name
                marked[article][analyst].append(_Marked(Span(start, end), (speaker, *keys)))
        return marked, speakers

    @staticmethod
    def _label_order(session: Session) -> dict[str, list[str]]:
        rows = session.execute(
            select(Label.label_set, Label.key)
            .where(Label.label_set.in_(LABEL_SETS[1:]))
            .order_by(Label.label_set, Label.position, Label.id)
        )
        order: dict[str, list[str]] = defaultdict(list)
        for label_set, key in rows:
            order[label_set].append(key)
        return order


def _assemble(
    names: tuple[str, ...],
    analyst_ids: list[int],
    articles: list[int],
    marked: dict[int, dict[int, list[_Marked]]],
    speaker_names: dict[Hashable, str],
    order: dict[str, list[str]],
) -> AgreementReport:
    """The report from statements already grouped by article and analyst (pure)."""
    per_article = [[marked[a][analyst] for analyst in analyst_ids] for a in articles]
    spans = tuple(
        span_agreement(
            names[p],
            names[q],
            [([m.span for m in coders[p]], [m.span for m in coders[q]]) for coders in per_article],
        )
        for p, q in combinations(range(len(names)), 2)
    )
    # units[k]: coder index -> that coder's statement in the unit
    units: list[dict[int, _Marked]] = []
    for coders in per_article:
        for unit in span_units([[m.span for m in statements] for statements in coders]):
            if len(unit) >= 2:
                units.append({c: coders[c][i] for c, i in unit.items()})
    speaker_order = sorted(set(speaker_names.values()))

    def speaker_name(entity_id: Hashable) -> str:
        return speaker_names[entity_id]

    labels: list[LabelAgreement] = []
    for position, label_set in enumerate(LABEL_SETS):
        values = [{c: m.values[position] for c, m in unit.items()} for unit in units]
        ranked = speaker_order if label_set == SPEAKER else order.get(label_set, [])
        display = speaker_name if label_set == SPEAKER else str
        labels.append(label_agreement(label_set, names, values, display, ranked))
    return AgreementReport(names, tuple(articles), len(units), spans, tuple(labels))


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for index in range(0, len(items), size):
        yield items[index : index + size]


def _listing(names: Sequence[str], conjunction: str = "and") -> str:
    quoted = [repr(name) for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"
