"""Statements as W3C Web Annotations (JSON-LD): one annotation each, in one collection document.

Each annotation targets the stored article text with two selectors: a
TextQuoteSelector (exact quote with up to 32 characters of prefix and
suffix, which finds the span again in a changed text) and a
TextPositionSelector (start and end counted in Unicode code points, as the
Web Annotation model counts characters). The article is the target's
`source` (an urn with its id, since the offsets are into our cleaned text);
its web address, when known, is the `scope`. The body is one resource
carrying speaker, cue, cue class, reporting stance, party alignment and
claim, with terms from a small vocabulary declared in the context.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from karabakh_annotator.core.exporters.csv_export import StatementRow

URN = "urn:karabakh-annotator:"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCABULARY = URN + "vocab:"
CONTEXT: list[Any] = [
    ANNO_CONTEXT,
    {
        "ka": VOCABULARY,
        "Statement": "ka:Statement",
        "Claim": "ka:Claim",
        "speaker": {"@id": "ka:speaker", "@type": "@id"},
        "cue": "ka:cue",
        "cueClass": "ka:cueClass",
        "stance": "ka:reportingStance",
        "partyAlignment": "ka:partyAlignment",
        "claim": {"@id": "ka:claim", "@type": "@id"},
        "summary": "ka:summary",
        "status": "ka:status",
        "verdict": "ka:verdict",
        "ratingValue": "ka:ratingValue",
        "note": "ka:note",
    },
]


def urn(kind: str, identifier: int) -> str:
    """The urn naming one of our records (article, statement, claim, entity)."""
    return f"{URN}{kind}:{identifier}"


@dataclass(frozen=True, slots=True)
class AnnotatedStatement:
    """A statement row with what an annotation adds: the article's address and the speaker's id."""

    row: StatementRow
    article_url: str | None
    speaker_id: int | None


def _timestamp(value: dt.datetime) -> str:
    value = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in (None, "")}


def annotation(item: AnnotatedStatement) -> dict[str, Any]:
    """One statement as a Web Annotation (without @context: the collection declares it)."""
    row = item.row
    speaker = None
    if row.speaker is not None:
        speaker = {"id": urn("entity", item.speaker_id) if item.speaker_id is not None else None, "name": row.speaker}
    claim = None
    if row.claim_id is not None:
        claim = _present(
            {
                "id": urn("claim", row.claim_id),
                "type": "Claim",
                "summary": row.claim_summary,
                "status": row.status,
                "verdict": row.verdict,
                "ratingValue": row.rating_value,
            }
        )
    body = _present(
        {
            "type": "Statement",
            "speaker": _present(speaker) if speaker else None,
            "cue": row.cue,
            "cueClass": row.cue_class,
            "stance": row.reporting_stance,
            "partyAlignment": row.party_alignment,
            "claim": claim,
            "note": row.note,
        }
    )
    target = _present(
        {
            "source": urn("article", row.article_id),
            "scope": item.article_url,
            "selector": [
                {"type": "TextQuoteSelector", "exact": row.quote, "prefix": row.prefix, "suffix": row.suffix},
                {"type": "TextPositionSelector", "start": row.start, "end": row.end},
            ],
        }
    )
    return {
        "id": urn("statement", row.statement_id),
        "type": "Annotation",
        "motivation": "classifying",
        "created": _timestamp(row.created_at),
        "modified": _timestamp(row.updated_at),
        "creator": {"type": "Person", "name": row.analyst},
        "body": body,
        "target": target,
    }


def collection(items: Iterable[AnnotatedStatement], label: str = "Karabakh Annotator statements") -> dict[str, Any]:
    """An AnnotationCollection holding every annotation on its one page."""
    annotations = [annotation(item) for item in items]
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "id": URN + "statements",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(annotations),
    }
    if annotations:
        document["first"] = {
            "id": URN + "statements:page:1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": annotations,
        }
    return document


def write_web_annotation(items: Iterable[AnnotatedStatement], stream: TextIO) -> int:
    """Write the collection document as indented JSON; return how many annotations."""
    document = collection(items)
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
    return int(document["total"])
