"""`suggest` and `match`: the claim intelligence on the command line (fields fixed by DESIGN.md)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from karabakh_annotator.core.analysis.attribution import Suggestion
from karabakh_annotator.core.importers.files import ImportOptions, collect_files, read_article_file
from karabakh_annotator.core.importers.formats import DEFAULT_MAX_MB
from karabakh_annotator.core.records import ImportFailure, MatchRecord, ParsedArticle, Passage
from karabakh_annotator.core.services import Services

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def suggestion_object(article: int | str, suggestion: Suggestion) -> dict[str, Any]:
    """One `suggest` result: exactly the fields the command-line contract names."""
    return {
        "article": article,
        "start": suggestion.start,
        "end": suggestion.end,
        "text": suggestion.text,
        "speaker": suggestion.speaker,
        "cue": suggestion.cue,
        "cue_class": suggestion.cue_class,
    }


def match_object(match: MatchRecord) -> dict[str, Any]:
    """One `match` result: kind, the two passages, score."""

    def passage(p: Passage) -> dict[str, Any]:
        return {"article": p.article_id, "start": p.start, "end": p.end, "text": p.text}

    return {"kind": match.kind, "a": passage(match.a), "b": passage(match.b), "score": match.score}


def _write(objects: Iterable[dict[str, Any]], args: argparse.Namespace, out: TextIO, line: Any) -> int:
    count = 0
    if args.json:
        listed = list(objects)
        json.dump(listed, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(listed)
    for obj in objects:
        count += 1
        out.write((json.dumps(obj, ensure_ascii=False) if args.format == "jsonl" else line(obj)) + "\n")
        out.flush()
    return count


def _suggestion_line(obj: dict[str, Any]) -> str:
    who = obj["speaker"] or "—"
    cue = f"{obj['cue']} ({obj['cue_class']})" if obj["cue"] else "outlet's own voice"
    return f"{obj['article']}:{obj['start']}-{obj['end']}\t{who} | {cue}\t{obj['text']}"


def _match_line(obj: dict[str, Any]) -> str:
    a, b = obj["a"], obj["b"]
    return (
        f"{obj['kind']}\t{obj['score']:.2f}\t{a['article']}:{a['start']}-{a['end']} ↔ "
        f"{b['article']}:{b['start']}-{b['end']}\t{a['text']} ↔ {b['text']}"
    )


def suggest(services: Services, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Suggested statements for files (by name) or stored articles (by id); --save stores them."""
    if bool(args.paths) == bool(args.article):
        err.write("error: give either files and folders, or --article ID\n")
        return EXIT_USAGE
    # On a team server, the account's analyst unless another name is given.
    analyst = services.team.acting_analyst(args.analyst) if args.save else None
    if args.save and not analyst:
        err.write("error: --save needs --analyst NAME (whose statements they become)\n")
        return EXIT_USAGE
    failed = 0

    def from_files() -> Iterator[dict[str, Any]]:
        nonlocal failed
        for item in _parsed(args):
            if isinstance(item, ImportFailure):
                failed += 1
                err.write(f"failed: {item.source_file}: {item.reason}\n")
                continue
            if args.save:
                yield from _save_parsed(services, item, analyst, err)
            else:
                for s in services.suggestions.text_suggestions(item.text, item.outlet):
                    yield suggestion_object(item.source_file, s)

    def from_database() -> Iterator[dict[str, Any]]:
        for article_id, suggestions in services.suggestions.for_articles(args.article):
            if args.save:
                for statement in services.suggestions.accept_all(article_id, analyst):
                    yield _saved_object(article_id, statement.start, statement.end, statement.quote, statement)
            else:
                yield from (suggestion_object(article_id, s) for s in suggestions)

    count = _write(from_files() if args.paths else from_database(), args, out, _suggestion_line)
    verb = "saved" if args.save else "suggested"
    err.write(f"{count} statements {verb}" + (f", {failed} files failed\n" if failed else "\n"))
    return EXIT_FAILED if failed else EXIT_OK


def _parsed(args: argparse.Namespace) -> Iterator[ParsedArticle | ImportFailure]:
    options = ImportOptions(max_bytes=int(DEFAULT_MAX_MB * 1024 * 1024))
    for path in collect_files(args.paths):
        yield from read_article_file(path, options)


def _save_parsed(services: Services, parsed: ParsedArticle, analyst: str, err: TextIO) -> Iterator[dict[str, Any]]:
    # Saving needs the article stored: import it (a duplicate names the stored one).
    outcome = next(iter(services.articles.import_all([parsed])))
    if outcome.article_id is None:
        err.write(f"failed: {parsed.source_file}: {outcome.reason}\n")
        return
    for statement in services.suggestions.accept_all(outcome.article_id, analyst):
        yield _saved_object(outcome.article_id, statement.start, statement.end, statement.quote, statement)


def _saved_object(article_id: int, start: int, end: int, text: str, statement: Any) -> dict[str, Any]:
    return {
        "article": article_id,
        "start": start,
        "end": end,
        "text": text,
        "speaker": statement.speaker,
        "cue": statement.cue,
        "cue_class": statement.cue_class,
    }


def match(services: Services, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Same-claim pairs and contradictions across the database, best first."""
    kinds = [args.kind] if args.kind else ["same", "contradiction"]
    found = services.matches.find(kinds, include_suggestions=not args.statements_only)
    count = _write((match_object(m) for m in found), args, out, _match_line)
    err.write(f"{count} pairs\n")
    return EXIT_OK
