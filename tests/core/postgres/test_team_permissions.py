"""Team accounts on PostgreSQL: what the server lets each analyst's own account do.

One team database for the module, set up as docs/team-server.md says:
migrated and set up by the owner, then two analysts (Amira, Bashir) and a
reviewer (Rana), each connecting with their own login role. Roles are
cluster-wide, so their names carry this run's process id and a random part,
and they are dropped at the end. The last tests check that team mode is
refused on a SQLite file (they run without a server).
"""

from __future__ import annotations

import getpass
import io
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from karabakh_annotator.core.records import MatchRecord, ParsedArticle, Passage, StatementRecord
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.adjudication import GOLD_ANALYST
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import Database, DatabaseError, open_database
from karabakh_annotator.core.storage.models import Event, MatchDecision
from karabakh_annotator.core.storage.team_roles import TeamGroups, quote_identifier, server_analyst_name
from karabakh_annotator.main import main
from tests.core.conftest import ARTICLE_TEXT, span_of
from tests.core.postgres.server import PostgresDatabases

ANALYSTS = {"Amira": "amira", "Bashir": "bashir", "Rana": "rana"}
REVIEWERS = {"Rana"}
OWNER = "lead"  # the owner's own analyst name (no server account: unchecked)
# A role name that only works quoted (and would break SQL pasted together from it).
ODD_ROLE = 'Dina "O\'Hara"; DROP TABLE events; --'


@dataclass
class Team:
    """The module's team database: the owner's services and each analyst's own."""

    prefix: str
    groups: TeamGroups
    owner_url: str
    owner: Services
    article_id: int
    databases: dict[str, Database] = field(default_factory=dict)
    services: dict[str, Services] = field(default_factory=dict)

    def role(self, short: str) -> str:
        """A cluster-wide role name unique to this run."""
        return f"{self.prefix}_{short}"

    def url_as(self, role: str) -> str:
        """The database's URL, logging in as `role`."""
        return make_url(self.owner_url).set(username=role).render_as_string(hide_password=False)

    def connect(self, name: str) -> Services:
        """Services over the analyst's own server account."""
        database = open_database(self.url_as(self.role(ANALYSTS[name])))
        self.databases[name] = database
        self.services[name] = build_services(database)
        return self.services[name]

    def as_(self, name: str) -> Services:
        return self.services[name]

    def mark(self, name: str, needle: str) -> StatementRecord:
        start, end = span_of(ARTICLE_TEXT, needle)
        return self.as_(name).statements.mark_statement(self.article_id, start, end, name)[0]

    def event_count(self) -> int:
        with self.databases["owner"].sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Event)) or 0)


@pytest.fixture(scope="module")
def team(postgres_databases: PostgresDatabases) -> Iterator[Team]:
    prefix = f"kt{os.getpid()}_{secrets.token_hex(3)}"
    groups = TeamGroups(f"{prefix}_analysts", f"{prefix}_reviewers")
    url = postgres_databases.create()
    owner_db = open_database(url)
    owner = build_services(owner_db)
    owner.team.set_up_server(groups)
    for name, short in ANALYSTS.items():
        owner.team.add_analyst(name, f"{prefix}_{short}", reviewer=name in REVIEWERS)
    stored = owner.articles.store_article(ParsedArticle(ARTICLE_TEXT, ARTICLE_TEXT.encode(), "ceasefire.txt"))
    assert stored.article_id is not None
    made = Team(prefix, groups, url, owner, stored.article_id, {"owner": owner_db})
    try:
        for name in ANALYSTS:
            made.connect(name)
        yield made
    finally:
        for database in made.databases.values():
            database.dispose()
        postgres_databases.drop(url)
        # Login roles first: the groups are granted to them.
        for short in [*ANALYSTS.values(), ODD_ROLE, "stray", "analysts", "reviewers"]:
            postgres_databases.execute(f"DROP ROLE IF EXISTS {quote_identifier(f'{prefix}_{short}')}")


def refused(action: Callable[[], object]) -> str:
    """The message of the ServiceError `action` raises."""
    with pytest.raises(ServiceError) as caught:
        action()
    return str(caught.value)


def test_each_account_is_its_own_analyst_and_the_owner_none(team: Team) -> None:
    assert {name: team.as_(name).team.server_analyst() for name in ANALYSTS} == {n: n for n in ANALYSTS}
    assert team.owner.team.server_analyst() is None
    assert server_analyst_name(team.databases["Amira"].engine) == "Amira"


def test_an_analyst_edits_and_deletes_their_own_statements(team: Team) -> None:
    amira = team.as_("Amira").statements
    mine = team.mark("Amira", "صدت هجوما")
    assert amira.edit_statement(mine.id, StatementPatch(note="checked"), "Amira").statement.note == "checked"
    assert amira.delete_statement(mine.id, "Amira")[0].deleted
    assert not amira.restore_statement(mine.id, "Amira")[0].deleted


def test_an_analyst_cannot_change_another_analysts_statement(team: Team) -> None:
    theirs = team.mark("Bashir", "قرب مدينة شوشا")
    amira = team.as_("Amira").statements
    message = refused(lambda: amira.edit_statement(theirs.id, StatementPatch(note="wrong"), "Amira"))
    assert message == f"statement {theirs.id} belongs to Bashir; only a reviewer may change it"
    assert "belongs to Bashir" in refused(lambda: amira.delete_statement(theirs.id, "Amira"))
    assert "belongs to Bashir" in refused(lambda: amira.resize_statement(theirs.id, 0, 5, "Amira"))
    after = team.owner.statements.get_statement(theirs.id)
    assert (after.note, after.deleted, after.start, after.version) == ("", False, theirs.start, theirs.version)


def test_an_analyst_cannot_save_work_under_another_name(team: Team) -> None:
    start, end = span_of(ARTICLE_TEXT, "صباح الأحد")
    amira = team.as_("Amira").statements
    message = refused(lambda: amira.mark_statement(team.article_id, start, end, "Bashir"))
    assert "you are connected as Amira" in message and "not Bashir" in message
    statements = team.owner.statements.statements_for_article(team.article_id)
    assert not [s for s in statements if s.analyst == "Bashir" and (s.start, s.end) == (start, end)]


def test_a_reviewer_may_change_another_analysts_statement(team: Team) -> None:
    theirs = team.mark("Bashir", "ونفت الوزارة الأخرى")
    rana = team.as_("Rana")
    assert rana.statements.edit_statement(theirs.id, StatementPatch(note="reviewed"), "Rana").statement.note == "reviewed"
    # Adjudication writes the gold set, a name no account has.
    gold, _ = rana.adjudication.accept(theirs.id, "Rana")
    assert gold.analyst == GOLD_ANALYST
    assert rana.statements.delete_statement(theirs.id, "Rana")[0].deleted


def test_the_owner_is_not_checked(team: Team) -> None:
    theirs = team.mark("Bashir", "المدينة لم تتعرض")
    edit = team.owner.statements.edit_statement(theirs.id, StatementPatch(note="owner"), OWNER)
    assert edit.statement.note == "owner"


@pytest.mark.parametrize("name", ["Amira", "Rana"])
@pytest.mark.parametrize(
    "sql",
    ["UPDATE events SET action = 'rewritten'", "DELETE FROM events", "TRUNCATE events"],
    ids=["update", "delete", "truncate"],
)
def test_no_analyst_or_reviewer_rewrites_the_event_log(team: Team, name: str, sql: str) -> None:
    team.mark(name, "وزارة الدفاع")
    before = team.event_count()
    with team.databases[name].engine.connect() as connection:
        assert "permission denied for table events" in refused(lambda: connection.execute(text(sql)))
    assert team.event_count() == before


def test_the_event_log_refuses_rewrites_even_with_privileges(team: Team) -> None:
    # The trigger stands behind the privileges: a mistaken GRANT does not open the log.
    with team.databases["owner"].engine.begin() as connection:
        connection.execute(text(f'GRANT UPDATE, DELETE ON events TO "{team.groups.analysts}"'))
    try:
        with team.databases["Amira"].engine.connect() as connection:
            message = refused(lambda: connection.execute(text("DELETE FROM events")))
        assert message == "the event log is append-only: its rows cannot be changed or deleted"
    finally:
        team.owner.team.set_up_server(team.groups)


def test_an_event_is_recorded_under_the_accounts_own_analyst(team: Team) -> None:
    amira = team.databases["Amira"]
    with amira.sessions() as session:
        bashir = session.scalar(text("SELECT id FROM analysts WHERE name = 'Bashir'"))
    forged = Event(analyst_id=bashir, action="edit", entity_type="statement", entity_id=1)
    message = refused(lambda: _add(amira, forged))
    assert "you are connected as Amira" in message and "not Bashir" in message
    # An event naming nobody is signed by the server with the account's analyst.
    _add(amira, Event(analyst_id=None, action="note", entity_type="statement", entity_id=1))
    with team.databases["owner"].sessions() as session:
        newest = session.scalars(select(Event).order_by(Event.id.desc())).first()
        assert newest is not None and newest.action == "note"
        assert session.scalar(text("SELECT name FROM analysts WHERE id = :i"), {"i": newest.analyst_id}) == "Amira"


def _add(database: Database, event: Event) -> None:
    with database.sessions.begin() as session:
        session.add(event)


def test_analysts_cannot_take_accounts_or_rename_each_other(team: Team) -> None:
    with team.databases["Rana"].engine.connect() as connection:
        take = f"UPDATE analysts SET db_role = '{team.role('bashir')}x' WHERE name = 'Rana'"
        assert "only the administrator" in refused(lambda: connection.execute(text(take)))
        connection.rollback()
        rename = text("UPDATE analysts SET name = 'Amira2' WHERE name = 'Amira'")
        assert "only Amira or the administrator" in refused(lambda: connection.execute(rename))
        connection.rollback()
        # A name with no account may be added (assignees, imported files); one with an account not.
        connection.execute(text("INSERT INTO analysts (name, created_at) VALUES ('Guest', now())"))
        connection.rollback()
        with_role = text(f"INSERT INTO analysts (name, created_at, db_role) VALUES ('X', now(), '{team.prefix}_x')")
        assert "only the administrator" in refused(lambda: connection.execute(with_role))


def test_an_articles_text_stays_as_stored(team: Team) -> None:
    with team.databases["Rana"].engine.connect() as connection:
        change = text("UPDATE articles SET text = 'x', content_hash = 'x' WHERE id = :i")
        message = refused(lambda: connection.execute(change, {"i": team.article_id}))
    assert message == f"the text of article {team.article_id} is never changed once stored"
    assert team.owner.articles.get_article(team.article_id).text == ARTICLE_TEXT


def test_a_login_that_is_no_analyst_may_not_write(team: Team) -> None:
    stray = team.role("stray")
    with team.databases["owner"].engine.begin() as connection:
        connection.execute(text(f'CREATE ROLE "{stray}" LOGIN IN ROLE "{team.groups.analysts}"'))
    database = open_database(team.url_as(stray))
    try:
        services = build_services(database)
        assert services.team.server_analyst() is None
        start, end = span_of(ARTICLE_TEXT, "القوات")
        message = refused(lambda: services.statements.mark_statement(team.article_id, start, end, "Amira"))
        assert f"the server account {stray} is not an analyst of this database" in message
    finally:
        database.dispose()


def test_applying_the_setup_again_changes_nothing(team: Team) -> None:
    team.owner.team.set_up_server(team.groups)
    team.owner.team.set_up_server(team.groups)
    with team.databases["owner"].engine.connect() as connection:
        triggers = connection.execute(
            text("SELECT tgrelid::regclass::text, count(*) FROM pg_trigger WHERE tgname LIKE 'karabakh_guard%' GROUP BY 1")
        ).all()
    assert dict(triggers) == {
        "statements": 1, "evidence": 1, "claims": 1, "suggestion_decisions": 1,
        "match_decisions": 1, "analysts": 1, "events": 2, "articles": 1,
    }
    theirs = team.mark("Bashir", "المتحدث باسم الوزارة")
    assert "belongs to Bashir" in refused(
        lambda: team.as_("Amira").statements.edit_statement(theirs.id, StatementPatch(note="x"), "Amira")
    )
    assert "was set up with the groups" in refused(lambda: team.owner.team.set_up_server(TeamGroups()))


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_adds_an_analyst_with_a_hashed_password(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getpass", lambda _prompt="": "s3cret'; DROP TABLE events; --")
    role = team.role(ODD_ROLE)
    argv = ["--db", team.owner_url, "team-add-analyst", "--name", "Dina", "--role", role, "--reviewer", "--password-prompt"]
    code, out, err = _run(argv)
    assert (code, err) == (0, "")
    assert out == f"Dina: new server account {role}, reviewer\n"
    with team.databases["owner"].engine.connect() as connection:
        password = connection.scalar(text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": role})
        db_role = connection.scalar(text("SELECT db_role FROM analysts WHERE name = 'Dina'"))
        reviewer = connection.scalar(text("SELECT pg_has_role(:r, :g, 'MEMBER')"), {"r": role, "g": team.groups.reviewers})
    assert str(password).startswith("SCRAM-SHA-256$") and db_role == role and reviewer
    # Again without --reviewer: still a reviewer; --no-reviewer withdraws it.
    assert _run(argv[:-2])[1] == f"Dina: server account {role}, reviewer\n"
    assert _run([*argv[:-2], "--no-reviewer"])[1] == f"Dina: server account {role}, analyst (not a reviewer)\n"


def test_the_command_line_prints_the_setup_and_saves_suggestions_as_the_account(team: Team) -> None:
    code, out, _ = _run(["--db", team.owner_url, "team-setup", "--print-sql", "--analyst-group", team.groups.analysts])
    assert code == 0 and "CREATE TRIGGER karabakh_guard" in out and f'"{team.groups.analysts}"' in out
    # No --analyst: the statements are the account's own.
    before = {s.id for s in team.owner.statements.statements_for_article(team.article_id)}
    argv = ["--db", team.url_as(team.role("amira")), "suggest", "--article", str(team.article_id), "--save"]
    code, _, err = _run(argv)
    assert code == 0, err
    added = [s for s in team.owner.statements.statements_for_article(team.article_id) if s.id not in before]
    assert added and {s.analyst for s in added} == {"Amira"}


def test_team_mode_is_refused_on_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "single.sqlite3"
    code, _, err = _run(["--db", str(path), "team-setup"])
    assert code == 1 and "team accounts need a PostgreSQL server" in err
    database = open_database(str(path))
    try:
        assert build_services(database).team.server_analyst() is None
        assert server_analyst_name(database.engine) is None
    finally:
        database.dispose()


def test_an_analyst_opening_a_database_that_needs_an_upgrade_is_told_who_can_make_it(team: Team) -> None:
    owner = team.databases["owner"]
    with owner.engine.begin() as connection:
        head = connection.scalar(text("SELECT version_num FROM alembic_version"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0008'"))
    try:
        with pytest.raises(DatabaseError) as caught:
            open_database(team.url_as(team.role(ANALYSTS["Amira"])))
    finally:
        with owner.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    message = str(caught.value)
    assert "needs an upgrade to schema" in message and "only its owner" in message and "team-setup" in message


def test_an_analyst_can_take_back_an_answer_to_a_pair_of_their_own_statements(team: Team) -> None:
    first, second = team.mark("Amira", "القوات صدت هجوما"), team.mark("Amira", "المدينة لم تتعرض")
    pair = MatchRecord(
        "same",
        Passage(first.article_id, first.start, first.end, first.quote, first.id),
        Passage(second.article_id, second.start, second.end, second.quote, second.id),
        0.9,
    )
    matches = team.as_("Amira").matches
    answer = matches.accept(pair, "Amira")
    assert team.as_("Amira").statements.get_statement(first.id).claim_id is not None

    matches.take_back(answer, "Amira")

    assert team.as_("Amira").statements.get_statement(first.id).claim_id is None
    with team.databases["owner"].sessions() as session:
        assert session.scalar(select(func.count()).select_from(MatchDecision)) == 0
