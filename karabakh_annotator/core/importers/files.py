"""Finding importable files and reading each into a parsed article or a failure."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from karabakh_annotator.core.importers.plain_text import parse_plain_text
from karabakh_annotator.core.records import ImportFailure, ParsedArticle

SUPPORTED_SUFFIXES = frozenset({".txt"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def collect_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each given file, and every supported file under each given folder (sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            yield path


def read_article_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedArticle | ImportFailure:
    """Read one file into a parsed article, or say clearly why it cannot be imported."""
    name = str(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return ImportFailure(name, f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return ImportFailure(name, f"file is {size} bytes, above the {max_bytes}-byte import limit")
        data = path.read_bytes()
    except FileNotFoundError:
        return ImportFailure(name, "no such file")
    except OSError as exc:
        return ImportFailure(name, f"cannot read file: {exc.strerror or exc}")
    try:
        return parse_plain_text(data, source_file=path.name)
    except ValueError as exc:
        return ImportFailure(name, str(exc))
