"""Rules of the schema checked on a JSONL dump before anything is written, so errors name a line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from karabakh_annotator.core.importers.annotations import AnnotationFileError, JsonlDump, JsonlRecord
from karabakh_annotator.core.services.exchange_schema import SPEC_BY_TYPE
from karabakh_annotator.core.storage.models import SUMMARY_MAX_CHARS
from karabakh_annotator.core.text.anchors import content_hash


class _Fields:
    """Field access by name for the records of one type."""

    def __init__(self, record_type: str) -> None:
        spec = SPEC_BY_TYPE[record_type].record
        self._positions = {field.name: i for i, field in enumerate(spec.fields)}

    def __call__(self, record: JsonlRecord, name: str) -> Any:
        return record.values[self._positions[name]]


def check_dump(dump: JsonlDump) -> None:
    """Raise AnnotationFileError at the first record the database would refuse."""

    def fail(record: JsonlRecord, message: str) -> None:
        raise AnnotationFileError(dump.source, record.line, message)

    def each(record_type: str, rule: Callable[[JsonlRecord, _Fields], str | None]) -> None:
        fields = _Fields(record_type)
        for record in dump.of(record_type):
            problem = rule(record, fields)
            if problem is not None:
                fail(record, problem)

    each("label", lambda r, f: None if f(r, "color").startswith("#") else "a label colour must start with #")
    each("analyst", lambda r, f: None if f(r, "name") else "an analyst needs a name")
    each("entity", lambda r, f: None if f(r, "name") else "an entity needs a name")
    each(
        "claim",
        lambda r, f: None
        if 0 < len(f(r, "summary")) <= SUMMARY_MAX_CHARS
        else f"a claim summary must have 1 to {SUMMARY_MAX_CHARS} characters",
    )
    each("article", _article_problem)
    texts = article_texts(dump)
    each("statement", lambda r, f: None if 0 <= f(r, "start") < f(r, "end") else "a statement span must not be empty")
    each("suggestion_decision", lambda r, f: _span_problem(r, f, texts))
    each("match_decision", _match_problem)


def _article_problem(record: JsonlRecord, f: _Fields) -> str | None:
    text = f(record, "text")
    if not text:
        return "an article needs text"
    if content_hash(text) != f(record, "content_hash"):
        return "the article's content_hash does not match its text"
    return None


def _span_problem(record: JsonlRecord, f: _Fields, texts: dict[int, str]) -> str | None:
    start, end, article_id = f(record, "start"), f(record, "end"), f(record, "article_id")
    if not 0 <= start < end <= len(texts[article_id]):
        return f"span {start}..{end} is not inside article {article_id}"
    return None


def _match_problem(record: JsonlRecord, f: _Fields) -> str | None:
    if f(record, "kind") not in ("same", "contradiction"):
        return "a match decision's kind is 'same' or 'contradiction'"
    if f(record, "decision") not in ("accepted", "dismissed"):
        return "a match decision is 'accepted' or 'dismissed'"
    if not f(record, "statement_a_id") < f(record, "statement_b_id"):
        return "a match decision names its statements in id order"
    return None


def article_texts(dump: JsonlDump) -> dict[int, str]:
    """Each article's text in the file, by its id in the file."""
    f = _Fields("article")
    return {f(record, "id"): f(record, "text") for record in dump.of("article")}
