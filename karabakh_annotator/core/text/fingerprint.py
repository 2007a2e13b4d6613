"""Bottom-k MinHash sketches of sentences: near-duplicate articles share most values.

A reprint keeps the sentences of the original and changes its header or
footer, so hashing whole (normalised) sentences finds it, at a fraction of
the cost of word shingles. Rewording is another matter (same-claim matching).
Every hash is stable across runs and Python versions (CRC-32), since
sketches are stored in the database.
"""

from __future__ import annotations

import heapq
import re
import zlib

SKETCH_SIZE = 32
MIN_SENTENCE_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?؟؛\n]+")


def sketch(normalized_text: str, size: int = SKETCH_SIZE) -> list[int]:
    """The `size` smallest CRC-32 hashes of the text's sentences (of 4+ words), ascending."""
    # Cleaned text has single spaces between words, so counting spaces
    # counts words without splitting every sentence into a list.
    hashes = {
        zlib.crc32(stripped.encode("utf-8"))
        for sentence in _SENTENCE_END.split(normalized_text)
        if (stripped := sentence.strip()).count(" ") >= MIN_SENTENCE_WORDS - 1
    }
    if not hashes and normalized_text.strip():  # a short text: one value for all of it
        hashes = {zlib.crc32(" ".join(normalized_text.split()).encode("utf-8"))}
    return heapq.nsmallest(size, hashes)


def resemblance(shared: int, mine: int) -> float:
    """Share of this article's sketch found in another's (1.0: same sentences)."""
    return shared / mine if mine else 0.0
