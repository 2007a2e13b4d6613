"""What each subcommand does, over the services."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from karabakh_annotator.cli import exchange_commands
from karabakh_annotator.cli.agreement_command import agreement
from karabakh_annotator.cli.intelligence_commands import match, suggest
from karabakh_annotator.cli.team_commands import team_add_analyst, team_setup
from karabakh_annotator.core.importers.files import ImportOptions, collect_files, read_article_file
from karabakh_annotator.core.records import ImportFailure, ImportOutcome, ParsedArticle
from karabakh_annotator.core.services import Services

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_json(value: Any, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=1, default=str)
    out.write("\n")


def _outcome_line(outcome: ImportOutcome) -> str:
    if outcome.status == "failed":
        return f"failed: {outcome.source_file}: {outcome.reason}"
    line = f"{outcome.status}: {outcome.source_file} (article {outcome.article_id})"
    if outcome.near_duplicate_of is not None and outcome.resemblance is not None:
        line += f"; near-duplicate of article {outcome.near_duplicate_of} ({outcome.resemblance:.0%} alike)"
    return line


def import_files(services: Services, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """One line per article or failure; a progress line on a terminal; exit 1 when any failed."""
    files = list(collect_files(args.paths))
    if not files:
        err.write("nothing to import: no supported files under the given paths\n")
        return EXIT_FAILED
    options = ImportOptions(max_bytes=int(args.max_size * 1024 * 1024))
    show_progress = err.isatty()
    files_read = 0

    def parsed_items() -> Iterator[ParsedArticle | ImportFailure]:
        nonlocal files_read
        for path in files:
            yield from read_article_file(path, options)
            files_read += 1

    def progress(done: int, _outcome: ImportOutcome) -> None:
        if show_progress:
            err.write(f"\r\x1b[K{files_read}/{len(files)} files, {done} articles")
            err.flush()

    tally: Counter[str] = Counter()
    for outcome in services.articles.import_all(parsed_items(), progress):
        tally[outcome.status] += 1
        if outcome.near_duplicate_of is not None:
            tally["near-duplicate"] += 1
        if show_progress:
            err.write("\r\x1b[K")
        out.write(_outcome_line(outcome) + "\n")
        out.flush()
    near = f" ({tally['near-duplicate']} near-duplicate)" if tally["near-duplicate"] else ""
    err.write(f"{tally['imported']} imported{near}, {tally['duplicate']} duplicate, {tally['failed']} failed\n")
    return EXIT_FAILED if tally["failed"] else EXIT_OK


def search(services: Services, args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    """Hits with offsets into the stored text and a snippet marking the match."""
    hits = services.search.search(args.query, limit=args.limit)
    if args.json:
        _print_json(
            [
                {"article": h.article_id, "start": h.start, "end": h.end, "snippet": h.snippet, "statement": h.statement_id}
                for h in hits
            ],
            out,
        )
        return EXIT_OK
    for hit in hits:
        out.write(f"{hit.article_id}\t{hit.start}-{hit.end}\t{hit.snippet}\n")
    return EXIT_OK


def list_articles(services: Services, args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    """The articles, as a table or one JSON array."""
    summaries = services.articles.list_articles()
    if args.json:
        items = []
        for summary in summaries:
            item: dict[str, Any] = {
                "id": summary.id,
                "title": summary.title,
                "outlet": summary.outlet,
                "published": summary.published.isoformat() if summary.published else None,
                "file": summary.source_file,
            }
            if args.text:
                item["text"] = services.articles.get_article(summary.id).text
            items.append(item)
        _print_json(items, out)
        return EXIT_OK
    for summary in summaries:
        published = summary.published.isoformat() if summary.published else "-"
        out.write(f"{summary.id}\t{published}\t{summary.outlet or '-'}\t{summary.title or summary.source_file}\n")
        if args.text:
            out.write(services.articles.get_article(summary.id).text + "\n\n")
    return EXIT_OK


def show_stats(services: Services, args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    """Totals and counts per dimension."""
    stats = services.stats.stats()
    totals = {"articles": stats.articles, "statements": stats.statements, "claims": stats.claims}
    if args.json:
        rows = [{"dimension": "total", "value": k, "count": v} for k, v in totals.items()]
        rows += [{"dimension": c.dimension, "value": c.value, "count": c.count} for c in stats.counts]
        _print_json(rows, out)
        return EXIT_OK
    out.write("  ".join(f"{k}: {v}" for k, v in totals.items()) + "\n")
    for count in stats.counts:
        out.write(f"{count.dimension}\t{count.value if count.value is not None else '(none)'}\t{count.count}\n")
    return EXIT_OK


COMMANDS = {
    "import": import_files,
    "articles": list_articles,
    "search": search,
    "stats": show_stats,
    "export": exchange_commands.export,
    "import-annotations": exchange_commands.import_annotations,
    "suggest": suggest,
    "match": match,
    "agreement": agreement,
    "team-setup": team_setup,
    "team-add-analyst": team_add_analyst,
}


def run_command(
    services: Services, args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Dispatch a parsed subcommand (streams default to the current stdout/stderr)."""
    return COMMANDS[args.command](services, args, out or sys.stdout, err or sys.stderr)
