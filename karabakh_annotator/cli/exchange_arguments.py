"""The arguments of `export` and `import-annotations` (kept free of SQLAlchemy, like cli/parser.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

EXPORT_FORMATS = ("csv", "jsonl", "webannotation", "claimreview", "claims-csv")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """--format, --out and the filters of `export`."""
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        required=True,
        help="csv: the statements table; claims-csv: the claims table; jsonl: the whole database "
        "(import-annotations reads it back); webannotation: W3C Web Annotation JSON-LD; "
        "claimreview: schema.org ClaimReview JSON-LD for claims with a verdict",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--article", type=int, action="append", default=[], metavar="ID", help="only this article (repeatable)"
    )
    parser.add_argument("--status", metavar="KEY", help="only claims in this workflow status")
    parser.add_argument("--verdict", metavar="KEY", help="only claims with this verdict")
    parser.add_argument("--analyst", metavar="NAME", help="only this analyst's statements")
    parser.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="articles published on or after")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="articles published on or before")
    parser.add_argument(
        "--language", choices=["ar", "en"], default="ar", help="claimreview: verdict names in Arabic or English"
    )


def add_import_annotations_arguments(parser: argparse.ArgumentParser) -> None:
    """The file and options of `import-annotations`."""
    parser.add_argument("file", type=Path, metavar="FILE", help="a JSONL export or a statements CSV export")
    parser.add_argument("--analyst", metavar="NAME", help="who imports (named in the event log)")
