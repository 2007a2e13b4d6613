"""Anchoring a span of text: quote context (W3C TextQuoteSelector style) and hashes."""

from __future__ import annotations

import hashlib

CONTEXT_CHARS = 32


def quote_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """Return the `width` characters before `start` and after `end` (prefix, suffix)."""
    return text[max(0, start - width) : start], text[end : end + width]


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text: identical articles share it whatever their source."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
