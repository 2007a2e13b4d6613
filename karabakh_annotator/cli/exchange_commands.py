"""`export` in every format and `import-annotations`, over ExchangeService."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exchange_report import ImportReport
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.services.unit_of_work import ServiceError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_WHAT = {
    "csv": "statements",
    "claims-csv": "claims",
    "webannotation": "annotations",
    "claimreview": "claim reviews",
}


def _filters(args: argparse.Namespace) -> StatementFilter:
    return StatementFilter(
        article_ids=frozenset(args.article),
        status=args.status,
        verdict=args.verdict,
        analyst=args.analyst,
        published_from=args.date_from,
        published_to=args.date_to,
    )


def export(services: Services, args: argparse.Namespace, _out: TextIO, err: TextIO) -> int:
    """Write --out in --format, atomically (no half-written file); filters narrow all but jsonl."""
    target: Path = args.out
    if target.is_dir():
        err.write(f"error: --out {target} is a folder\n")
        return EXIT_USAGE
    filters = _filters(args)
    exchange = services.exchange
    try:
        if args.format == "jsonl":
            if filters != StatementFilter():
                err.write("error: --format jsonl exports the whole database; filters apply to the other formats\n")
                return EXIT_USAGE
            counts = exchange.export_jsonl(target)
            summary = ", ".join(f"{count} {kind}" for kind, count in counts.items() if count)
            err.write(f"exported {summary or 'nothing'} to {target}\n")
            return EXIT_OK
        if args.format == "csv":
            count = exchange.export_csv(target, filters)
        elif args.format == "claims-csv":
            count = exchange.export_claims_csv(target, filters)
        elif args.format == "webannotation":
            count = exchange.export_web_annotation(target, filters)
        else:
            count = exchange.export_claimreview(target, filters, getattr(args, "language", "ar"))
    except OSError as exc:
        err.write(f"error: cannot write {target}: {exc.strerror}\n")
        return EXIT_FAILED
    err.write(f"exported {count} {_WHAT[args.format]} to {target}\n")
    return EXIT_OK


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in counts.items()) or "nothing"


def report_lines(report: ImportReport) -> list[str]:
    """One line per moved and per unplaced statement (stdout)."""
    lines = [
        f"moved: statement {m.statement_id} (line {m.line}): {m.old_start}-{m.old_end} -> {m.start}-{m.end} ({m.found})"
        for m in report.moved
    ]
    lines += [
        f"not placed: line {u.line}: {u.article} {u.start}-{u.end}: «{u.quote}» ({u.reason})" for u in report.unplaced
    ]
    return lines


def import_annotations(services: Services, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read a JSONL or statements CSV export back; exit 1 when a statement could not be placed."""
    path: Path = args.file
    try:
        report = services.exchange.import_annotations(path, getattr(args, "analyst", None))
    except ServiceError as exc:
        err.write(f"error: {exc}\n")
        return EXIT_FAILED
    for line in report_lines(report):
        out.write(line + "\n")
    how = "restored into the empty database" if report.mode == "restore" else "merged"
    err.write(f"{path}: {how}; added {_counts(report.created)}")
    if report.present:
        err.write(f"; already present {_counts(report.present)}")
    err.write(f"; {len(report.moved)} moved, {len(report.unplaced)} not placed\n")
    for note in report.notes:
        err.write(f"note: {note}\n")
    return EXIT_OK if report.complete else EXIT_FAILED
