"""Clean scraped Arabic news text, reporting every removal with raw offsets.

The pipeline is a sequence of pure steps. Each step looks at the current text
and proposes edits (delete or replace a span); applying them also updates an
offset map, so every character of the cleaned text can be traced back to the
raw input (statements are anchored on the cleaned text, provenance on the raw
one). Boilerplate rules are data tables: add a row to handle a new site.

Line rules only ever match a *whole* short line, never words inside a
sentence, so an article sentence that mentions "تعليق" or "شعار" survives.
"""

from __future__ import annotations

from .credits import Signature, extract_signature, find_credits
from .offsets import OffsetMap
from .pipeline import clean_article_text
from .results import CleanResult, CleanStep, RemovedSpan
from .rules import LineRule, PhraseRule
from .titles import guess_title

__all__ = [
    "CleanResult",
    "CleanStep",
    "LineRule",
    "OffsetMap",
    "PhraseRule",
    "RemovedSpan",
    "Signature",
    "clean_article_text",
    "extract_signature",
    "find_credits",
    "guess_title",
]
