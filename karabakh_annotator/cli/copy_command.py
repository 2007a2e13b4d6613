"""`copy --from A --to B`: a whole database into a new or empty one (a local project to a team server and back)."""

from __future__ import annotations

import argparse
from typing import TextIO

EXIT_OK, EXIT_FAILED = 0, 1


def add_copy_arguments(parser: argparse.ArgumentParser) -> None:
    """--from and --to of `copy`."""
    parser.add_argument(
        "--from", dest="source", required=True, metavar="PATH_OR_URL", help="the database to copy (only read)"
    )
    parser.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="PATH_OR_URL",
        help="a new SQLite file, or a new or empty database at this version's schema",
    )


def copy(args: argparse.Namespace, _out: TextIO, err: TextIO) -> int:
    """Copy, showing progress on a terminal; one summary line of records per type; exit 1 with the reason."""
    # Imported here, as the other commands' services are: the parser stays free of SQLAlchemy.
    from karabakh_annotator.core.services.database_copy import CopyProgress, copy_database
    from karabakh_annotator.core.services.unit_of_work import ServiceError

    show_progress = err.isatty()

    def progress(step: CopyProgress) -> None:
        if not show_progress:
            return
        if step.stage == "checking":
            err.write(f"\r\x1b[Kcomparing exports: {step.done}/{step.total} records")
        else:
            err.write(f"\r\x1b[Kcopying: {step.done}/{step.total} rows ({step.table})")
        err.flush()

    try:
        report = copy_database(args.source, args.target, progress)
    except ServiceError as exc:
        if show_progress:
            err.write("\r\x1b[K")
        err.write(f"error: {exc}\n")
        return EXIT_FAILED
    if show_progress:
        err.write("\r\x1b[K")
    summary = ", ".join(f"{count} {kind}" for kind, count in report.counts.items() if count)
    err.write(f"copied {summary or 'nothing'} from {report.source} to {report.target}\n")
    return EXIT_OK
