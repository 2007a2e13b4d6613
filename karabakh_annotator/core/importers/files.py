"""Finding importable files and turning each into parsed articles or failures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from karabakh_annotator.core.importers.archives import iter_zip_members
from karabakh_annotator.core.importers.finishing import finish_article
from karabakh_annotator.core.importers.html_page import parse_html_page
from karabakh_annotator.core.importers.formats import DEFAULT_MAX_MB, MAX_ZIP_MEMBERS, SUPPORTED_SUFFIXES
from karabakh_annotator.core.importers.plain_text import parse_plain_text
from karabakh_annotator.core.importers.record_exports import (
    DEFAULT_FIELDS,
    FieldMap,
    parse_csv_articles,
    parse_json_articles,
    parse_jsonl_articles,
)
from karabakh_annotator.core.importers.sgml import parse_sgml_docs
from karabakh_annotator.core.records import ImportFailure, ParsedArticle

ParseResult = list[ParsedArticle | ImportFailure]


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Limits and field names for one import run."""

    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024
    fields: FieldMap = field(default_factory=lambda: DEFAULT_FIELDS)
    max_zip_members: int = MAX_ZIP_MEMBERS


def _one(parse: Callable[[bytes, str], ParsedArticle]) -> Callable[[bytes, str, ImportOptions], ParseResult]:
    return lambda data, name, _options: [parse(data, name)]


_PARSERS: dict[str, Callable[[bytes, str, ImportOptions], ParseResult]] = {
    ".txt": _one(parse_plain_text),
    ".text": _one(parse_plain_text),
    ".html": _one(parse_html_page),
    ".htm": _one(parse_html_page),
    ".json": lambda data, name, options: parse_json_articles(data, name, options.fields),
    ".jsonl": lambda data, name, options: parse_jsonl_articles(data, name, options.fields),
    ".ndjson": lambda data, name, options: parse_jsonl_articles(data, name, options.fields),
    ".csv": lambda data, name, options: parse_csv_articles(data, name, options.fields),
    ".sgml": lambda data, name, _options: list(parse_sgml_docs(data, name)),
    ".sgm": lambda data, name, _options: list(parse_sgml_docs(data, name)),
}
PARSED_SUFFIXES = frozenset(_PARSERS) | {".zip"}


def collect_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each given file, and every supported file under each given folder (sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            yield path


def parse_bytes(data: bytes, name: str, options: ImportOptions) -> ParseResult:
    """Parse the bytes of one file (or archive member) by its suffix; never raises."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".zip":
        return _parse_zip(data, name, options)
    parser = _PARSERS.get(suffix)
    if parser is None:
        return [ImportFailure(name, f"unsupported file type {suffix or '(no extension)'!r}")]
    try:
        items = parser(data, name, options)
    except ValueError as exc:
        return [_tidy(ImportFailure(name, str(exc)))]
    except Exception as exc:  # noqa: BLE001 - a bad file must never stop an import
        return [_tidy(ImportFailure(name, f"could not be parsed ({type(exc).__name__}: {exc})"))]
    return [_finish(item) for item in items]


_REASON_MAX_CHARS = 300


def _tidy(failure: ImportFailure) -> ImportFailure:
    """The reason on one line of bounded length: reasons quote the file (a header row), which may hold anything."""
    reason = " ".join(failure.reason.split())
    if len(reason) > _REASON_MAX_CHARS:
        reason = reason[: _REASON_MAX_CHARS - 1] + "\u2026"
    return failure if reason == failure.reason else ImportFailure(failure.source_file, reason)


# Text SQLite cannot hold as it is: an unpaired surrogate (a JSON "\\ud800"
# escape) cannot be encoded as UTF-8, so storing it failed the whole import
# batch; a NUL ends SQLite's length() early and breaks the offset checks.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_CHECKED_FIELDS = ("text", "title", "outlet", "url", "published_raw")


def _unstorable(item: ParsedArticle) -> str | None:
    """Why the article's text cannot be stored (None when it can)."""
    for name in _CHECKED_FIELDS:
        value = getattr(item, name)
        found = _UNSTORABLE.search(value) if value else None
        if found is not None:
            char = found.group()
            what = "a NUL character (U+0000)" if char == "\x00" else f"an unpaired surrogate (U+{ord(char):04X})"
            return f"its {name} holds {what} at character {found.start()}: not valid text"
    return None


def _finish(item: ParsedArticle | ImportFailure) -> ParsedArticle | ImportFailure:
    if isinstance(item, ImportFailure):
        return _tidy(item)
    problem = _unstorable(item)
    if problem is not None:
        return ImportFailure(item.source_file, problem)
    try:
        return finish_article(item)
    except Exception as exc:  # noqa: BLE001 - reported per file, never a crash
        return ImportFailure(item.source_file, f"could not be cleaned ({type(exc).__name__}: {exc})")


def _parse_zip(data: bytes, name: str, options: ImportOptions) -> ParseResult:
    results: ParseResult = []
    for member in iter_zip_members(data, name, options.max_bytes, options.max_zip_members):
        if isinstance(member, ImportFailure):
            results.append(member)
        else:
            member_name, member_data = member
            if PurePosixPath(member_name).suffix.lower() in SUPPORTED_SUFFIXES - {".zip"}:
                results.extend(parse_bytes(member_data, member_name, options))
    return results


def read_article_file(path: Path, options: ImportOptions | None = None) -> ParseResult:
    """Read one file into parsed articles (several for exports and archives) or failures."""
    options = options or ImportOptions()
    name = str(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return [ImportFailure(name, f"unsupported file type {path.suffix or '(no extension)'!r}")]
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            limit_mb = options.max_bytes / (1024 * 1024)
            return [ImportFailure(name, f"file is {size / (1024 * 1024):.1f} MB, above the {limit_mb:g} MB limit (--max-size)")]
        data = path.read_bytes()
    except FileNotFoundError:
        return [ImportFailure(name, "no such file")]
    except IsADirectoryError:
        return [ImportFailure(name, "is a folder, not a file")]
    except OSError as exc:
        return [ImportFailure(name, f"cannot read file: {exc.strerror or exc}")]
    # Stored articles are named by file name; failures by the path as given.
    return [
        ImportFailure(name + item.source_file[len(path.name) :], item.reason)
        if isinstance(item, ImportFailure) and item.source_file.startswith(path.name)
        else item
        for item in parse_bytes(data, path.name, options)
    ]
