"""A server's refusal (no privilege, a team check) reaches the analyst as a ServiceError.

On a team server (docs/team-server.md) PostgreSQL itself refuses what an
analyst's account may not do: another analyst's statement, the event log.
Every such refusal carries SQLSTATE 42501 (insufficient_privilege); one
hook on the engine turns it, wherever it happens (a flush, a commit, plain
SQL), into a ServiceError with the server's message, so no service needs to
catch it and the window shows it instead of crashing. The transaction is
rolled back as for any failed statement: nothing of the action is kept.
"""

from __future__ import annotations

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext

from karabakh_annotator.core.services.unit_of_work import ServiceError

INSUFFICIENT_PRIVILEGE = "42501"


class ServerRefusal(ServiceError):
    """The database server refused the change: this account may not make it."""


def refusal_message(error: BaseException) -> str | None:
    """What to tell the analyst about a driver error, when it is a privilege refusal (else None)."""
    if getattr(error, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
        return None
    diag = getattr(error, "diag", None)
    message = str(getattr(diag, "message_primary", None) or error).strip()
    hint = getattr(diag, "message_hint", None)
    if message.startswith("permission denied"):
        # PostgreSQL's own wording names the object, not the reason.
        message += " (your server account may not do this; the team's administrator decides what it may)"
    return f"{message}. {hint}" if hint else message


def _on_error(context: ExceptionContext) -> None:
    message = refusal_message(context.original_exception)
    if message is not None:
        raise ServerRefusal(message) from context.sqlalchemy_exception


def install_server_refusals(engine: Engine) -> None:
    """Make privilege refusals on `engine` raise ServerRefusal (once per engine)."""
    if not event.contains(engine, "handle_error", _on_error):
        event.listen(engine, "handle_error", _on_error)
