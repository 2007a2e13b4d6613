"""The argument grammar of `karabakh-annotator`."""

from __future__ import annotations

import argparse
from pathlib import Path

from karabakh_annotator.cli.copy_command import add_copy_arguments
from karabakh_annotator.cli.exchange_arguments import add_export_arguments, add_import_annotations_arguments
from karabakh_annotator.cli.team_commands import add_team_commands
from karabakh_annotator.core.importers.formats import DEFAULT_MAX_MB
from karabakh_annotator.core.storage.locations import DB_ENV_VAR


def _positive_mb(value: str) -> float:
    try:
        size = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if size <= 0:
        raise argparse.ArgumentTypeError("the size limit must be above 0 MB")
    return size


def _database_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=default,
        help=f"database file or SQLAlchemy URL (default: ${DB_ENV_VAR}, else a file in the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser; no subcommand means: open the GUI."""
    parser = argparse.ArgumentParser(
        prog="karabakh-annotator",
        description="Fact-checking workbench for Arabic news. Without a command, opens the window.",
    )
    _database_option(parser, None)
    parser.add_argument(
        "--smoke-test",
        type=Path,
        metavar="PNG",
        help="open the window offscreen, render it to PNG and exit (checks an installed bundle)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS keeps a --db given before the command when none follows it.
        _database_option(sub, argparse.SUPPRESS)
        return sub

    imp = command("import", "import article files and folders")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument(
        "--max-size",
        type=_positive_mb,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help=f"refuse files (and archive members) larger than this (default {DEFAULT_MAX_MB} MB)",
    )

    find = command("search", "normalised Arabic search over articles and statements")
    find.add_argument("query", metavar="QUERY", help='words (all must match), "a phrase", or a prefix*')
    find.add_argument("--json", action="store_true", help="print one JSON array")
    find.add_argument("--limit", type=int, default=100, help="at most this many hits (default 100)")

    arts = command("articles", "list the articles")
    arts.add_argument("--json", action="store_true", help="print one JSON array")
    arts.add_argument("--text", action="store_true", help="include each article's stored text")

    stats = command("stats", "counts by verdict, status, speaker and outlet")
    stats.add_argument("--json", action="store_true", help="print one JSON array")

    sug = command("suggest", "suggested statements with speaker, cue and cue class, for files or stored articles")
    sug.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    sug.add_argument(
        "--article", type=int, action="append", default=[], metavar="ID", help="a stored article (repeatable)"
    )
    sug.add_argument("--format", choices=["text", "jsonl"], default="text", help="jsonl: one JSON object per line")
    sug.add_argument("--json", action="store_true", help="print one JSON array")
    sug.add_argument("--save", action="store_true", help="store the suggestions as statements (status spotted)")
    sug.add_argument("--analyst", metavar="NAME", help="whose statements --save creates")

    mat = command("match", "same-claim pairs and contradictions across the database")
    mat.add_argument("--format", choices=["text", "jsonl"], default="text", help="jsonl: one JSON object per line")
    mat.add_argument("--json", action="store_true", help="print one JSON array")
    mat.add_argument("--kind", choices=["same", "contradiction"], help="only this kind of pair")
    mat.add_argument("--statements-only", action="store_true", help="only marked statements, not open suggestions")

    agg = command("agreement", "inter-annotator agreement over the articles the analysts all annotated")
    agg.add_argument("--analysts", required=True, metavar="A,B", help="two or more analyst names, comma separated")
    agg.add_argument("--json", action="store_true", help="print one JSON object")

    add_export_arguments(command("export", "export statements, claims or the whole database"))
    add_import_annotations_arguments(command("import-annotations", "read a JSONL or statements CSV export back in"))
    add_team_commands(command)
    # Names its two databases itself: no --db.
    copy_help = "copy a whole database into a new or empty one (a local project to a team server and back)"
    add_copy_arguments(commands.add_parser("copy", help=copy_help, description=copy_help))
    return parser
