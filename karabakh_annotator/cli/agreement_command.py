"""`agreement --analysts A,B [--json]`: inter-annotator agreement as a table or one JSON object."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from karabakh_annotator.core.agreement import AgreementReport, ConfusionTable
from karabakh_annotator.core.services import Services

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
UNDEFINED = "—"


def report_object(report: AgreementReport) -> dict[str, Any]:
    """The report as JSON-ready data (None where a coefficient is undefined)."""
    return {
        "analysts": list(report.analysts),
        "articles": list(report.article_ids),
        "units": report.units,
        "spans": [
            {
                "analyst_a": s.analyst_a,
                "analyst_b": s.analyst_b,
                "statements_a": s.statements_a,
                "statements_b": s.statements_b,
                "exact": s.exact,
                "partial": s.partial,
                "f1_exact": s.f1_exact,
                "f1_partial": s.f1_partial,
            }
            for s in report.spans
        ],
        "labels": [
            {
                "label_set": label.label_set,
                "units": label.units,
                "kappa": label.kappa,
                "alpha": label.alpha,
                "confusion": [
                    {
                        "analyst_a": t.analyst_a,
                        "analyst_b": t.analyst_b,
                        "categories": list(t.categories),
                        "counts": [list(row) for row in t.counts],
                    }
                    for t in label.confusion
                ],
            }
            for label in report.labels
        ],
    }


def _number(value: float | None, digits: int = 3) -> str:
    return UNDEFINED if value is None else f"{value:.{digits}f}"


def _rows(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """Columns padded to width; the first `left` columns flush left, numbers flush right."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for row in [header, *rows]:
        cells = [c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return lines


def _confusion_lines(label_set: str, table: ConfusionTable) -> list[str]:
    # Category names (often Arabic) go last on each line, so right-to-left
    # text cannot reorder the counts in a terminal.
    title = f"{label_set}: rows {table.analyst_a}, columns {table.analyst_b}"
    if not table.categories:
        return [title, "  (no statement marked by both)"]
    numbers = [str(i) for i in range(1, len(table.categories) + 1)]
    header = ["", *numbers, ""]
    rows = [
        [numbers[i], *(str(c) for c in counts), table.categories[i]] for i, counts in enumerate(table.counts)
    ]
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(len(header) - 1)]
    lines = [title]
    for row in [header, *rows]:
        cells = [cell.rjust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append(("  " + "  ".join(cells) + "  " + row[-1]).rstrip())
    return lines


def format_report(report: AgreementReport) -> str:
    """A readable report: span agreement per pair, coefficients per label set, confusion tables."""
    articles = len(report.article_ids)
    lines = [
        f"Agreement of {', '.join(report.analysts)} over {articles} article{'s' if articles != 1 else ''} "
        f"annotated by all ({report.units} matched statement{'s' if report.units != 1 else ''})",
        "",
        "Statements",
    ]
    lines += _rows(
        ["pair", "marked", "exact", "partial", "F1 exact", "F1 partial"],
        [
            [
                f"{s.analyst_a} / {s.analyst_b}",
                f"{s.statements_a} / {s.statements_b}",
                str(s.exact),
                str(s.partial),
                _number(s.f1_exact),
                _number(s.f1_partial),
            ]
            for s in report.spans
        ],
    )
    lines += ["", "Labels on matched statements"]
    lines += _rows(
        ["label set", "units", "kappa", "alpha"],
        [[x.label_set, str(x.units), _number(x.kappa), _number(x.alpha)] for x in report.labels],
    )
    if any(x.kappa is None or x.alpha is None for x in report.labels):
        lines.append(
            f"{UNDEFINED} undefined: no units, one value used throughout, or (kappa) more than two analysts"
        )
    for label in report.labels:
        for table in label.confusion:
            lines += ["", *_confusion_lines(label.label_set, table)]
    return "\n".join(lines) + "\n"


def agreement(services: Services, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Agreement between the analysts named in --analysts (comma separated)."""
    names = [name.strip() for name in args.analysts.split(",") if name.strip()]
    if len(set(names)) < 2:
        err.write("error: --analysts needs at least two different names, comma separated (A,B)\n")
        return EXIT_USAGE
    report = services.agreement.report(names)
    if args.json:
        json.dump(report_object(report), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(format_report(report))
    return EXIT_OK
