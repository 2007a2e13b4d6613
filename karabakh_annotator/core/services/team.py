"""Team mode on a PostgreSQL server: who the connection is, the one-time setup, analysts' accounts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.services.unit_of_work import ServiceError, record_event
from karabakh_annotator.core.storage.models import Analyst
from karabakh_annotator.core.storage.team_roles import (
    TeamGroups,
    TeamSetupError,
    apply_team_setup,
    ensure_login_role,
    installed_groups,
    server_analyst_name,
    setup_sql_for,
)


@dataclass(frozen=True, slots=True)
class TeamMember:
    """An analyst with a server account, as `add_analyst` left them."""

    name: str
    role: str
    reviewer: bool
    role_created: bool
    previous_role: str | None


class TeamService:
    """Server accounts of a team database (docs/team-server.md)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def server_analyst(self) -> str | None:
        """The analyst this connection's server account belongs to; None on SQLite or as the owner.

        When set, it is the only name the server accepts edits under: use it
        instead of a name chosen in the application.
        """
        with self._sessions() as session:
            return server_analyst_name(session)

    def acting_analyst(self, chosen: str | None) -> str | None:
        """Whose name an action is recorded under: the chosen one, else the server account's."""
        return chosen or self.server_analyst()

    def setup_sql(self, groups: TeamGroups | None = None) -> str:
        """The setup script for this database, as `set_up_server` would run it."""
        with self._sessions() as session:
            try:
                return setup_sql_for(session.connection(), groups or TeamGroups())
            except TeamSetupError as exc:
                raise ServiceError(str(exc)) from exc

    def set_up_server(self, groups: TeamGroups | None = None) -> TeamGroups:
        """Create the group roles, privileges and checks (as the tables' owner, after migrating); idempotent."""
        groups = groups or TeamGroups()
        with self._sessions.begin() as session:
            connection = session.connection()
            try:
                present = installed_groups(connection)
                if present is not None and present != groups:
                    raise TeamSetupError(
                        f"this database was set up with the groups {present.analysts} and {present.reviewers}; "
                        "give the same names to apply the setup again"
                    )
                apply_team_setup(connection, groups)
            except TeamSetupError as exc:
                raise ServiceError(str(exc)) from exc
        return groups

    def add_analyst(
        self, name: str, role: str, reviewer: bool | None = None, password: str | None = None
    ) -> TeamMember:
        """Give analyst `name` the login role `role` (created if new), in one transaction.

        The analyst row is created or given the role; `reviewer` True or False
        grants or withdraws the reviewer group (None: leave it); `password`
        None leaves the role's password alone.
        """
        name = name.strip()
        if not name:
            raise ServiceError("an analyst name is required")
        with self._sessions.begin() as session:
            connection = session.connection()
            try:
                groups = installed_groups(connection)
                if groups is None:
                    raise TeamSetupError("this database has no team setup yet: run team-setup first")
                holder = session.scalar(select(Analyst).where(Analyst.db_role == role))
                if holder is not None and holder.name != name:
                    raise TeamSetupError(f"the server account {role} already belongs to analyst {holder.name}")
                login = ensure_login_role(connection, role, groups, reviewer, password)
            except TeamSetupError as exc:
                raise ServiceError(str(exc)) from exc
            me = server_analyst_name(session)
            who = session.scalar(select(Analyst).where(Analyst.name == me)) if me is not None else None
            analyst = session.scalar(select(Analyst).where(Analyst.name == name))
            previous = analyst.db_role if analyst is not None else None
            if analyst is None:
                analyst = Analyst(name=name, db_role=role)
                session.add(analyst)
                session.flush()
                record_event(session, who, "create", "analyst", analyst.id, new=name)
            if previous != role:
                analyst.db_role = role
                session.flush()
                record_event(session, who, "edit", "analyst", analyst.id, "db_role", previous, role)
            return TeamMember(name, role, login.reviewer, login.created, previous)
