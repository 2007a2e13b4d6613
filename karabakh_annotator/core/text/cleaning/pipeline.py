"""The cleaning pipeline: the steps in order, applied one after another."""

from __future__ import annotations

from collections.abc import Callable

from .edits import Edit, apply_edits
from .offsets import COPY, OffsetMap, Segment
from .results import CleanResult, CleanStep, RemovedSpan
from .steps.boilerplate import boilerplate_edits
from .steps.characters import invisible_edits, nfc_edits
from .steps.header_footer import header_footer_edits
from .steps.whitespace import blank_line_edits, line_end_edits, space_edits
from .steps.wrapped_lines import join_edits

__all__ = ["clean_article_text"]

_STEPS: tuple[tuple[str, Callable[[str], list[Edit]]], ...] = (
    # Invisible controls go before NFC: removing one can bring two combining
    # marks together, which NFC must then put in canonical order.
    ("line_ends", line_end_edits),
    ("invisible_controls", invisible_edits),
    ("nfc", nfc_edits),
    ("spaces", space_edits),
    ("boilerplate", boilerplate_edits),
    ("header_footer", header_footer_edits),
    ("wrapped_lines", join_edits),
    ("blank_lines", blank_line_edits),
)


def clean_article_text(raw: str) -> CleanResult:
    """Clean scraped article text; every removal is reported with raw offsets."""
    text = raw
    segments: list[Segment] = [(0, len(raw), 0, len(raw), COPY)] if raw else []
    steps: list[CleanStep] = []
    for name, step in _STEPS:
        edits = step(text) if text else []
        if edits:
            text, segments, removed = apply_edits(text, segments, raw, edits)
        else:
            removed = []
        steps.append(CleanStep(name=name, removed=tuple(removed)))
    return CleanResult(text=text, steps=tuple(steps), offsets=OffsetMap(segments, len(raw)))
