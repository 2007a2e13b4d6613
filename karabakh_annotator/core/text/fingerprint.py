"""Bottom-k MinHash sketches of word shingles: near-duplicate articles share most values.

Every hash is stable across runs and Python versions (CRC-32 of each word,
then integer mixing), since sketches are stored in the database.
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Sequence

SKETCH_SIZE = 32
SHINGLE_WORDS = 4
_MASK = 0xFFFFFFFF


def _word_hashes(words: Sequence[str]) -> list[int]:
    cache: dict[str, int] = {}
    return [cache[w] if w in cache else cache.setdefault(w, zlib.crc32(w.encode("utf-8"))) for w in words]


def sketch(words: Sequence[str], size: int = SKETCH_SIZE) -> list[int]:
    """The `size` smallest hashes of the text's 4-word shingles, in ascending order.

    Only shingles whose first word hashes to 0 mod 4 are taken: a choice made
    by content, so two copies of a passage pick the same shingles, at a
    quarter of the cost of hashing them all.
    """
    hashes = _word_hashes(words)
    if len(hashes) < SHINGLE_WORDS:
        return [zlib.crc32(" ".join(words).encode("utf-8"))] if words else []
    mixed = {
        ((((hashes[i] * 0x9E3779B1 ^ hashes[i + 1]) * 0x85EBCA77 ^ hashes[i + 2]) * 0xC2B2AE3D ^ hashes[i + 3]) >> 7)
        & _MASK
        for i in range(len(hashes) - SHINGLE_WORDS + 1)
        if not hashes[i] & 3
    }
    if not mixed:  # a short text whose words were all skipped
        mixed = {zlib.crc32(" ".join(words).encode("utf-8"))}
    return heapq.nsmallest(size, mixed)


def resemblance(shared: int, mine: int) -> float:
    """Share of this article's sketch found in another's (1.0: same shingles)."""
    return shared / mine if mine else 0.0
