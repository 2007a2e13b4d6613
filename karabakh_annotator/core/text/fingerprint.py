"""Bottom-k MinHash sketches of word shingles: near-duplicate articles share most values."""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Sequence

SKETCH_SIZE = 64
SHINGLE_WORDS = 4


def sketch(words: Sequence[str], size: int = SKETCH_SIZE, shingle: int = SHINGLE_WORDS) -> list[int]:
    """The `size` smallest CRC-32 hashes of the text's `shingle`-word runs (stable across runs)."""
    if len(words) < shingle:
        runs = [" ".join(words)] if words else []
    else:
        runs = [" ".join(words[i : i + shingle]) for i in range(len(words) - shingle + 1)]
    return heapq.nsmallest(size, {zlib.crc32(run.encode("utf-8")) for run in runs})


def resemblance(shared: int, mine: int) -> float:
    """Share of this article's sketch found in another's (1.0: same shingles)."""
    return shared / mine if mine else 0.0
