"""Speakers and outlets under their several spellings."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes, EntityRecord
from karabakh_annotator.core.services.to_records import entity_record
from karabakh_annotator.core.services.unit_of_work import (
    ServiceError,
    analyst_named,
    label_by_key,
    record_event,
)
from karabakh_annotator.core.storage.models import Entity, EntityAlias


class EntityService:
    """Create and look up speaker/outlet entities."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create_entity(
        self,
        name: str,
        analyst: str,
        aliases: Iterable[str] = (),
        source_type: str | None = None,
        party: str | None = None,
    ) -> tuple[EntityRecord, Changes]:
        """A new entity; a name already known (as name or alias) is refused."""
        name = " ".join(name.split())
        if not name:
            raise ServiceError("an entity needs a name")
        with self._sessions.begin() as session:
            who = analyst_named(session, analyst)
            if _find(session, name) is not None:
                raise ServiceError(f"an entity named {name!r} already exists")
            entity = Entity(
                name=name,
                source_type=label_by_key(session, LabelSet.SOURCE_TYPE, source_type),
                party=label_by_key(session, LabelSet.PARTY_ALIGNMENT, party),
            )
            entity.aliases = [EntityAlias(alias=a) for a in dict.fromkeys(a.strip() for a in aliases) if a and a != name]
            session.add(entity)
            session.flush()
            record_event(session, who, "create", "entity", entity.id, new=name)
            return entity_record(entity), Changes(entities=frozenset({entity.id}))

    def find_entity(self, name: str) -> EntityRecord | None:
        """The entity whose name or alias is exactly `name`."""
        with self._sessions() as session:
            entity = _find(session, " ".join(name.split()))
            return entity_record(entity) if entity else None

    def list_entities(self) -> list[EntityRecord]:
        """All entities by name."""
        with self._sessions() as session:
            query = select(Entity).options(selectinload(Entity.aliases)).order_by(Entity.name)
            return [entity_record(e) for e in session.scalars(query)]


def _find(session: Session, name: str) -> Entity | None:
    query = (
        select(Entity)
        .outerjoin(EntityAlias)
        .where(or_(Entity.name == name, EntityAlias.alias == name))
        .limit(1)
    )
    return session.scalar(query)
