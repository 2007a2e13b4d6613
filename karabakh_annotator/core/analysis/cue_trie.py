"""Word lists as prefix-factored regular expressions.

Python's regex engine tries the branches of an alternation one by one; a
list of a few hundred words written as a trie ("قال(?:ت|وا)?") is matched
with a handful of character tests per position instead, and, with \\b
boundaries rather than lookarounds, the engine can skip ahead to a possible
first letter in C.
"""

from __future__ import annotations

import re

__all__ = ["trie_pattern"]

_Trie = dict[str, "_Trie"]


def trie_pattern(words: list[str]) -> str:
    """A regex alternation matching exactly `words`, factored by common prefixes."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)
