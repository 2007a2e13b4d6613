"""Team accounts on a PostgreSQL server: the setup script, login roles, and who a connection is.

Every name reaches the server quoted (identifiers with doubled quotes, via
psycopg's `sql` module for login roles) and a password only as the hash
libpq computes on this side, so neither appears in clear in a statement or
the server's log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy import func as sql_func
from sqlalchemy.orm import Session

from karabakh_annotator.core.storage.models import Analyst
from karabakh_annotator.core.storage.team_setup_sql import SETUP_TEMPLATE

# PostgreSQL truncates longer identifiers; analysts.db_role holds as many.
MAX_ROLE_BYTES = 63
# Group names become part of the setup script: kept to plain lower-case names.
_GROUP_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class TeamSetupError(ValueError):
    """The team setup cannot be done as asked; nothing was changed."""


@dataclass(frozen=True)
class TeamGroups:
    """The two group roles of a team database (cluster-wide names)."""

    analysts: str = "karabakh_analyst"
    reviewers: str = "karabakh_reviewer"

    def __post_init__(self) -> None:
        for name in (self.analysts, self.reviewers):
            if not _GROUP_NAME.fullmatch(name):
                raise TeamSetupError(f"a group role name is lower-case letters, digits and _ (at most 63): {name!r}")
        if self.analysts == self.reviewers:
            raise TeamSetupError("the analyst and reviewer groups need different names")


def quote_identifier(name: str) -> str:
    """`name` as a PostgreSQL identifier, whatever it contains."""
    if not name or "\x00" in name:
        raise TeamSetupError(f"not a usable name: {name!r}")
    return '"' + name.replace('"', '""') + '"'


def check_role_name(role: str) -> str:
    """A login role name as given, refused when PostgreSQL could not hold it unchanged."""
    if not role.strip() or "\x00" in role:
        raise TeamSetupError("a server role name is required")
    if len(role.encode()) > MAX_ROLE_BYTES:
        raise TeamSetupError(f"a server role name has at most {MAX_ROLE_BYTES} bytes: {role!r}")
    return role


def _require_postgresql(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        raise TeamSetupError("team accounts need a PostgreSQL server (--db postgresql://...); this is a single-user file")


def render_setup_sql(schema: str, groups: TeamGroups) -> str:
    """The setup script for tables in `schema`, ready to run (as psql --single-transaction -f would)."""
    values = {
        "@schema@": quote_identifier(schema),
        "@analysts@": quote_identifier(groups.analysts),
        "@reviewers@": quote_identifier(groups.reviewers),
        # The group names are checked to hold no quote (TeamGroups).
        "@analysts_name@": f"'{groups.analysts}'",
        "@reviewers_name@": f"'{groups.reviewers}'",
    }
    script = SETUP_TEMPLATE
    for token, value in values.items():
        script = script.replace(token, value)
    return script.lstrip()


def setup_sql_for(connection: Connection, groups: TeamGroups) -> str:
    """The setup script for the database `connection` is on (its tables' schema)."""
    _require_postgresql(connection)
    schema = connection.scalar(text("SELECT current_schema()"))
    if schema is None:
        raise TeamSetupError("the connection has no current schema (search_path names none that exists)")
    return render_setup_sql(str(schema), groups)


def apply_team_setup(connection: Connection, groups: TeamGroups) -> None:
    """Create the groups, grants and checks, in the caller's transaction (run it after migrating)."""
    script = setup_sql_for(connection, groups)
    # The driver's own execute: the script is several statements and holds
    # format() patterns SQLAlchemy's parameter style would misread.
    driver: Any = connection.connection.driver_connection
    driver.execute(script)


def installed_groups(connection: Connection) -> TeamGroups | None:
    """The groups the setup was applied with, or None when it was not applied to this database."""
    _require_postgresql(connection)
    if connection.scalar(text("SELECT to_regprocedure('karabakh_team_group(text)')")) is None:
        return None
    analysts = connection.scalar(text("SELECT karabakh_team_group('analyst')"))
    reviewers = connection.scalar(text("SELECT karabakh_team_group('reviewer')"))
    return TeamGroups(str(analysts), str(reviewers))


@dataclass(frozen=True)
class LoginRole:
    """What `ensure_login_role` found and did."""

    role: str
    created: bool
    reviewer: bool


def _role_exists(connection: Connection, role: str) -> bool:
    return bool(connection.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role}))


def ensure_login_role(
    connection: Connection, role: str, groups: TeamGroups, reviewer: bool | None, password: str | None
) -> LoginRole:
    """Create (or keep) login role `role`, a member of the analysts, a reviewer if asked.

    `reviewer` None leaves an existing role's reviewer membership as it is
    (a new one is no reviewer); `password` None leaves the password alone.
    """
    from psycopg import sql

    _require_postgresql(connection)
    check_role_name(role)
    driver: Any = connection.connection.driver_connection

    def run(statement: sql.Composable) -> None:
        connection.exec_driver_sql(statement.as_string(driver))

    created = not _role_exists(connection, role)
    run(sql.SQL("CREATE ROLE {} LOGIN" if created else "ALTER ROLE {} LOGIN").format(sql.Identifier(role)))
    if password is not None:
        # libpq hashes it with the server's password_encryption (SCRAM): the clear text never travels.
        hashed = driver.pgconn.encrypt_password(password.encode(), role.encode()).decode()
        run(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(role), sql.Literal(hashed)))
    if not _member_of(connection, role, groups.analysts):
        run(sql.SQL("GRANT {} TO {}").format(sql.Identifier(groups.analysts), sql.Identifier(role)))
    is_reviewer = _member_of(connection, role, groups.reviewers)
    if reviewer and not is_reviewer:
        run(sql.SQL("GRANT {} TO {}").format(sql.Identifier(groups.reviewers), sql.Identifier(role)))
    elif reviewer is False and is_reviewer:
        run(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(groups.reviewers), sql.Identifier(role)))
    return LoginRole(role, created, reviewer if reviewer is not None else is_reviewer)


def _member_of(connection: Connection, role: str, group: str) -> bool:
    """Whether `role` was granted `group` directly (superusers count as members of everything)."""
    return bool(
        connection.scalar(
            text(
                "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                "JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = :role AND g.rolname = :group"
            ),
            {"role": role, "group": group},
        )
    )


def server_analyst_name(bind: Engine | Connection | Session) -> str | None:
    """The analyst whose server account this connection logged in as (team mode), else None.

    On PostgreSQL, the analyst whose `db_role` is the session's login role;
    on SQLite, or for a login no analyst has (the owner), None: then the
    analyst name is the one chosen in the application.
    """
    query = select(Analyst.name).where(Analyst.db_role == sql_func.session_user())
    if isinstance(bind, Engine):
        if bind.dialect.name != "postgresql":
            return None
        with bind.connect() as connection:
            return connection.scalar(query)
    dialect = bind.get_bind().dialect if isinstance(bind, Session) else bind.dialect
    if dialect.name != "postgresql":
        return None
    return bind.scalar(query)
