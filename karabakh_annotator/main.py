"""Entry point: `karabakh-annotator [--db X] [COMMAND ...]`."""

from __future__ import annotations

import sys

from karabakh_annotator.cli.parser import build_parser


def _utf8_streams() -> None:
    # Arabic must print even where the locale says ASCII.
    for stream in (sys.stdout, sys.stderr):
        if (stream.encoding or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand, or open the window when none is given."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        from karabakh_annotator.app import run_gui, run_smoke_test

        if args.smoke_test is not None:
            return run_smoke_test(args.db, args.smoke_test)
        return run_gui(args.db)
    if args.command == "copy":
        from karabakh_annotator.cli.copy_command import copy

        _utf8_streams()
        return copy(args, sys.stdout, sys.stderr)
    # Imported here: the window does not need the importers and exporters
    # (lxml, the cleaning rules) at start-up.
    from karabakh_annotator.cli.commands import EXIT_FAILED, run_command
    from karabakh_annotator.core.services import build_services
    from karabakh_annotator.core.services.unit_of_work import ServiceError
    from karabakh_annotator.core.storage.database import DatabaseError, open_database

    _utf8_streams()
    try:
        database = open_database(args.db)
    except DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return run_command(build_services(database), args)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        database.dispose()


if __name__ == "__main__":
    sys.exit(main())
