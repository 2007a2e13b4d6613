"""The common last step of every importer: clean the text, then find title, outlet and date."""

from __future__ import annotations

import dataclasses
import json

from karabakh_annotator.core.importers.publication_date import choose_publication_date
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.text.cleaning import CleanResult, clean_article_text, extract_signature, guess_title
from karabakh_annotator.core.text.dates import parse_arabic_date

_TITLE_MAX_CHARS = 300


def cleaning_report(result: CleanResult) -> str:
    """What each step removed, as JSON (offsets into the text before cleaning)."""
    return json.dumps(
        [
            {"step": step.name, "removed": [[r.start, r.end, r.text, r.reason] for r in step.removed]}
            for step in result.steps
            if step.removed
        ],
        ensure_ascii=False,
    )


def finish_article(parsed: ParsedArticle) -> ParsedArticle:
    """Cleaned text plus the metadata the importer did not already find."""
    result = clean_article_text(parsed.text)
    text = result.text
    title = parsed.title or guess_title(text)
    if title is not None:
        title = " ".join(title.split())[:_TITLE_MAX_CHARS] or None
    outlet = parsed.outlet
    if not outlet:
        signature = extract_signature(text)
        outlet = signature.outlet if signature is not None else None
    published, published_raw = parsed.published, parsed.published_raw
    if published is None and published_raw:
        published = parse_arabic_date(published_raw)
    if published is None and not published_raw:
        chosen = choose_publication_date(text, title)
        published, published_raw = chosen.date, chosen.raw
    return dataclasses.replace(
        parsed,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        published_raw=published_raw,
        cleaning_report=cleaning_report(result),
    )
