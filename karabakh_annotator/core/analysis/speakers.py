"""Speaker mentions -> entities, across spelling variants and titles.

"وزير الخارجية الأذربيجاني جيهون بيراموف", "جيهون بايراموف", "بيراموف" and,
later in the same article, "الوزير" are one person; "الخارجية الأذرية" and
"وزارة الخارجية الأذربيجانية" one ministry.  A mention is taken apart into
name, title and affiliation (speakers_parse), and:

* a mention with a name is matched on its name words against the names and
  aliases of the known entities (speakers_index): whole name, surname alone,
  folded or fuzzy spellings; article context breaks ties;
* a mention with only a title ("الوزير", "المتحدث", "وزارة الدفاع") refers
  back to the last earlier mention in the article with the same title, else
  to the entity that carries that title and affiliation;
* anything else is proposed as a new entity: its name without titles (or
  the title phrase, for an institution), with a guessed source type and
  party (speakers_guess).

Spelling variants no rule can know (غوتيريش / جوتيريش, الكرملين / الرئاسة
الروسية) come from the user-editable alias list (speakers_aliases).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from karabakh_annotator.core.analysis.speakers_aliases import (
    AliasList,
    alias_index,
    default_alias_text,
    load_alias_list,
)
from karabakh_annotator.core.analysis.speakers_guess import guess_party, guess_source_type
from karabakh_annotator.core.analysis.speakers_index import NameIndex
from karabakh_annotator.core.analysis.speakers_parse import Mention, name_key, parse

__all__ = [
    "AliasList",
    "KnownEntity",
    "Resolution",
    "SpeakerResolver",
    "default_alias_list",
    "load_alias_list",
    "name_key",
]

# Scores of the ways a mention is resolved (see Resolution.score).
_BACK_REFERENCE = 0.9  # factor on the antecedent's own score
_TITLE = 0.8  # the only known entity with this title and affiliation
_AMBIGUOUS = 0.6  # factor when several entities fit equally well
_NEW_NAMED = 0.5
_NEW_TITLED = 0.4
_NEW_BARE_TITLE = 0.2  # "الوزير" with nothing to refer back to
_TIE = 0.02
_CACHE_LIMIT = 100_000

# title words -> affiliation key (None: none given) -> entity ids
_TitleTable = dict[tuple[str, ...], dict[str | None, list[int]]]


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity already in the database, as the resolver needs it."""

    id: int
    name: str
    aliases: tuple[str, ...]
    source_type: str | None  # source_type label key
    party: str | None  # party_alignment label key


@dataclass(frozen=True, slots=True)
class Resolution:
    """Which entity a mention names, or the entity to propose for it.

    score is the confidence, 0..1: 1.0 for the exact name, about 0.9 for a
    surname or another spelling, 0.8 for a title, lower for fuzzy and
    ambiguous matches; for a proposed new entity 0.5 (named), 0.4 (an
    institution) or 0.2 (a bare title with no antecedent).
    """

    mention: str
    entity_id: int | None  # None: a new entity is proposed
    name: str  # the known entity's name, or the proposed canonical name
    score: float
    source_type: str | None  # known, or guessed (source_type label keys)
    party: str | None  # known, or guessed (party_alignment label keys)


@cache
def default_alias_list() -> AliasList:
    """The alias list shipped in the package (data/speaker_variants.txt)."""
    return AliasList.from_text(default_alias_text())


class SpeakerResolver:
    """Resolves speaker mentions against a fixed set of known entities."""

    def __init__(self, entities: Iterable[KnownEntity], variants: AliasList | None = None) -> None:
        """Index `entities`; `variants` defaults to the shipped alias list."""
        self._aliases = alias_index(default_alias_list() if variants is None else variants)
        self._entities: dict[int, KnownEntity] = {}
        self._names = NameIndex()
        # (title words, affiliation key) -> ids; titles given as the entity's
        # own name or alias come before titles read off a named alias.
        self._titles: _TitleTable = {}
        self._titled_people: _TitleTable = {}
        self._parsed: dict[str, Mention] = {}
        self._isolated: dict[str, Resolution] = {}
        # name words -> (best-scoring entity ids, their score)
        self._matches: dict[tuple[str, ...], tuple[tuple[int, ...], float]] = {}
        self._guessed: dict[str, tuple[str, str]] = {}
        for entity in entities:
            self._add(entity)

    def _add(self, entity: KnownEntity) -> None:
        self._entities[entity.id] = entity
        for text in (entity.name, *entity.aliases):
            m = self._parse(text)
            aff = m.affiliation.key if m.affiliation else None
            if m.name:
                self._names.add(entity.id, m.name, m.strict)
                if m.role:
                    _append(self._titled_people, m.role, aff, entity.id)
            elif m.role or aff:
                _append(self._titles, m.role, aff, entity.id)

    def key(self, name: str) -> str:
        """name_key with this resolver's alias list applied."""
        return self._parse(name).key

    def resolve(self, mention: str, previous: Sequence[str] = ()) -> Resolution:
        """The entity `mention` names; `previous` are the article's earlier mentions, in order."""
        if not previous:
            return self._resolve_alone(mention)
        return self._resolve_in(mention, previous)

    def _resolve_in(self, mention: str, previous: Sequence[str]) -> Resolution:
        m = self._parse(mention)
        if m.name:
            return self._resolve_named(mention, m, previous)
        return self._resolve_titled(mention, m, previous)

    def _resolve_alone(self, mention: str) -> Resolution:
        found = self._isolated.get(mention)
        if found is None:
            if len(self._isolated) >= _CACHE_LIMIT:
                self._isolated.clear()
            found = self._isolated[mention] = self._resolve_in(mention, ())
        return found

    def _parse(self, text: str) -> Mention:
        m = self._parsed.get(text)
        if m is None:
            if len(self._parsed) >= _CACHE_LIMIT:
                self._parsed.clear()
            m = self._parsed[text] = parse(text, self._aliases)
        return m

    def _resolve_named(self, mention: str, m: Mention, previous: Sequence[str]) -> Resolution:
        best, score = self._name_matches(m)
        if len(best) == 1:
            if previous:
                # Context cannot change a clear match: reuse the cached one.
                return self._resolve_alone(mention)
            return self._known(mention, m, best[0], score)
        if best:
            entity_id, score = self._break_tie(best, score, previous)
            return self._known(mention, m, entity_id, score)
        fullest = self._fullest_name(m, previous)
        if fullest is not None:
            return _as_mention(mention, self._resolve_alone(fullest))
        return self._proposal(mention, m, _NEW_NAMED)

    def _name_matches(self, m: Mention) -> tuple[tuple[int, ...], float]:
        """The entities whose names match best (several on a tie) and their score."""
        found = self._matches.get(m.strict)
        if found is None:
            if len(self._matches) >= _CACHE_LIMIT:
                self._matches.clear()
            scores = self._names.match(m.name, m.strict)
            top = max(scores.values(), default=0.0)
            best = tuple(sorted(i for i, s in scores.items() if s >= top - _TIE))
            found = self._matches[m.strict] = (best, top)
        return found

    def _fullest_name(self, m: Mention, previous: Sequence[str]) -> str | None:
        """The earlier mention with the most complete form of this (unknown) name.

        "بيراموف" after "جيهون بيراموف" and "الوزير بيراموف" proposes the
        entity "جيهون بيراموف", whichever of the two came last.
        """
        best: str | None = None
        words = 0
        for earlier in reversed(previous):
            em = self._parse(earlier)
            if len(em.name) > words and _same_person(m, em):
                best, words = earlier, len(em.name)
        return best

    def _break_tie(self, tied: tuple[int, ...], score: float, previous: Sequence[str]) -> tuple[int, float]:
        """Of entities that fit equally well, the one the article named last."""
        for earlier in reversed(previous):
            earlier_id = self._resolve_alone(earlier).entity_id
            if earlier_id in tied:
                return earlier_id, score
        # No context: the earliest entity (usually the better known) but
        # with a score that tells the analyst to look.
        return tied[0], score * _AMBIGUOUS

    def _resolve_titled(self, mention: str, m: Mention, previous: Sequence[str]) -> Resolution:
        if not m.role and m.affiliation is None:
            # Nothing to go on (punctuation, an empty selection).
            return Resolution(mention, None, "", 0.0, None, None)
        if m.role:
            for index in range(len(previous) - 1, -1, -1):
                if _refers_back(m, self._parse(previous[index])):
                    # The antecedent is read in its own context, so "الوزير"
                    # after "الوزير بيراموف" gets the minister's full name.
                    return _as_mention(mention, self._resolve_in(previous[index], previous[:index]))
        ids = self._title_matches(m)
        if ids:
            score = _TITLE if len(ids) == 1 else _TITLE * _AMBIGUOUS
            return self._known(mention, m, ids[0], score)
        specific = m.affiliation is not None or len(m.role) > 1
        return self._proposal(mention, m, _NEW_TITLED if specific else _NEW_BARE_TITLE)

    def _title_matches(self, m: Mention) -> list[int]:
        """Entities carrying the mention's title and affiliation.

        A title without an affiliation ("الرئيس") out of context could be
        anyone, so it only finds an entity that has exactly that bare title
        as its name or alias (an analyst's deliberate choice).
        """
        if m.affiliation is None:
            return self._titles.get(m.role, {}).get(None, [])
        aff = m.affiliation.key
        return self._titles.get(m.role, {}).get(aff) or self._titled_people.get(m.role, {}).get(aff, [])

    def _known(self, mention: str, m: Mention, entity_id: int, score: float) -> Resolution:
        entity = self._entities[entity_id]
        if entity.source_type and entity.party:
            return Resolution(mention, entity_id, entity.name, round(score, 3), entity.source_type, entity.party)
        source_type, party = self._guesses(mention, m)
        return Resolution(
            mention, entity_id, entity.name, round(score, 3), entity.source_type or source_type, entity.party or party
        )

    def _guesses(self, mention: str, m: Mention) -> tuple[str, str]:
        guessed = self._guessed.get(mention)
        if guessed is None:
            if len(self._guessed) >= _CACHE_LIMIT:
                self._guessed.clear()
            guessed = self._guessed[mention] = (guess_source_type(m), guess_party(m))
        return guessed

    def _proposal(self, mention: str, m: Mention, score: float) -> Resolution:
        span = m.name_span or m.role_span
        name = _without_preposition(mention[span[0] : span[1]] if span else mention.strip())
        return Resolution(mention, None, name, score, *self._guesses(mention, m))


def _append(table: _TitleTable, role: tuple[str, ...], aff: str | None, entity_id: int) -> None:
    ids = table.setdefault(role, {}).setdefault(aff, [])
    if entity_id not in ids:
        ids.append(entity_id)


def _without_preposition(name: str) -> str:
    """The name without a leading ل (للكرملين -> الكرملين): it swallowed the article's alef."""
    return "ال" + name[2:] if name.startswith("لل") and len(name) > 4 else name


def _as_mention(mention: str, antecedent: Resolution) -> Resolution:
    """The antecedent's resolution, for a mention that refers back to it."""
    return replace(antecedent, mention=mention, score=round(antecedent.score * _BACK_REFERENCE, 3))


def _same_person(m: Mention, earlier: Mention) -> bool:
    """Whether a name is a part of an earlier, unknown name (بيراموف after جيهون بيراموف)."""
    if not earlier.name:
        return False
    return m.folded <= earlier.folded or earlier.folded <= m.folded


def _refers_back(m: Mention, earlier: Mention) -> bool:
    """Whether a title-only mention ("الوزير") can mean an earlier, more specific one."""
    if earlier.head != m.head or not set(m.role) <= set(earlier.role):
        return False
    if m.affiliation is not None and (
        earlier.affiliation is None or earlier.affiliation.key != m.affiliation.key
    ):
        # "الوزير السلوفاكي" must find a mention that says Slovak.
        return False
    more_specific = bool(earlier.name) or len(earlier.role) > len(m.role)
    return more_specific or (earlier.affiliation is not None and m.affiliation is None)
