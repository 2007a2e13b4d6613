"""`team-setup` and `team-add-analyst`: accounts and permissions on a team's PostgreSQL server.

Run by the database's owner (docs/team-server.md); every analyst then
connects with their own server account.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from karabakh_annotator.core.services import Services

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_team_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Declare the team commands with the parser's `command(name, help)` factory."""
    setup = command("team-setup", "set up accounts and permissions on a team's PostgreSQL database (as its owner)")
    setup.add_argument("--print-sql", action="store_true", help="print the setup script instead of applying it")
    setup.add_argument("--analyst-group", default="karabakh_analyst", metavar="ROLE", help="group of all analysts")
    setup.add_argument("--reviewer-group", default="karabakh_reviewer", metavar="ROLE", help="group of reviewers")

    add = command("team-add-analyst", "give an analyst their own server account on a team database (as its owner)")
    add.add_argument("--name", required=True, help="the analyst's name, as statements and the event log show it")
    add.add_argument("--role", required=True, help="the PostgreSQL login role they connect as (created if new)")
    add.add_argument(
        "--reviewer",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="may change other analysts' statements (--no-reviewer withdraws it; default: unchanged)",
    )
    add.add_argument("--password-prompt", action="store_true", help="ask for the account's password (else unchanged)")


def team_setup(services: Services, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Apply (or print) the setup script on the migrated database."""
    from karabakh_annotator.core.storage.team_roles import TeamGroups, TeamSetupError

    try:
        groups = TeamGroups(args.analyst_group, args.reviewer_group)
    except TeamSetupError as exc:
        err.write(f"error: {exc}\n")
        return EXIT_USAGE
    if args.print_sql:
        out.write(services.team.setup_sql(groups))
        return EXIT_OK
    services.team.set_up_server(groups)
    err.write(
        f"team setup applied: analysts connect as members of {groups.analysts}, reviewers also of "
        f"{groups.reviewers}. Add each analyst with: karabakh-annotator team-add-analyst --name NAME --role ROLE\n"
    )
    return EXIT_OK


def _ask_password(role: str, err: TextIO) -> str | None:
    first = getpass.getpass(f"password for {role}: ")
    if not first:
        err.write("error: an empty password was given\n")
        return None
    if getpass.getpass("again: ") != first:
        err.write("error: the two passwords differ\n")
        return None
    return first


def team_add_analyst(services: Services, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Create or update an analyst's login role and tie it to their analyst name."""
    password = None
    if args.password_prompt:
        password = _ask_password(args.role, err)
        if password is None:
            return EXIT_USAGE
    member = services.team.add_analyst(args.name, args.role, args.reviewer, password)
    account = "new server account" if member.role_created else "server account"
    reviewer = "reviewer" if member.reviewer else "analyst (not a reviewer)"
    out.write(f"{member.name}: {account} {member.role}, {reviewer}\n")
    if member.previous_role not in (None, member.role):
        out.write(f"  (was {member.previous_role}: that account can still read the database until it is dropped)\n")
    return EXIT_OK
