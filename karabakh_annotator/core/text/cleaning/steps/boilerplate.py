"""Boilerplate step: whole debris lines (rules, menus, related links, repeats)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..edits import Edit
from ..lines import delete_line, is_headline_like, line_spans
from ..rules import ALSO, BLOCK_HEADERS, LINE_RULES, NAV_LABELS, NAV_SECTIONS, READ, LineRule
from .phrases import match_phrase_rule, phrase_rule_lines

__all__ = ["boilerplate_edits"]

def _compile_rules(rules: Sequence[LineRule]) -> re.Pattern[str]:
    for rule in rules:
        # A capturing group would hide which rule matched (lastgroup).
        if re.compile(rule.pattern).groups:
            raise ValueError(f"rule pattern must use (?:...) groups only: {rule.pattern}")
    alternatives = "|".join(f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(rules))
    # Case-insensitivity is scoped to the Latin words with (?i:...): the
    # global flag makes every Arabic comparison several times slower.
    return re.compile(alternatives)


# One combined pattern: one regex call per line; headers come first.
_ALL_RULES: tuple[LineRule, ...] = BLOCK_HEADERS + LINE_RULES
_ALL_RULES_RE = _compile_rules(_ALL_RULES)
_MAX_RULE_LINE = 400  # longer lines are article paragraphs; skip the rule scan
_MENU_SEPARATOR = re.compile(r"[|•·/]")
_MENU_SPLIT = re.compile(r"\s*[|•·/]\s*|\s{2,}")
_RELATED_TARGET = re.compile(rf"^(?:{READ}|شاهد|طالع) {ALSO}\s*[:：\-–]?\s*(.+)$")


def _match_rule(line: str) -> tuple[str, bool] | None:
    """(reason, starts a related-links block) for a debris line, else None."""
    if len(line) > _MAX_RULE_LINE:
        return None
    m = _ALL_RULES_RE.fullmatch(line.rstrip(":： "))
    if m is None or m.lastgroup is None:
        return None
    index = int(m.lastgroup[1:])
    return _ALL_RULES[index].reason, index < len(BLOCK_HEADERS)


def _is_nav_line(line: str) -> tuple[bool, bool]:
    """(all items are menu labels, at least one is a never-alone label)."""
    if len(line) > 80 or (len(line) > 25 and not _MENU_SEPARATOR.search(line)):
        return False, False
    items = [item for item in _MENU_SPLIT.split(line.strip(" :")) if item]
    if not items:
        return False, False
    strong = any(item in NAV_LABELS for item in items)
    return all(item in NAV_LABELS or item in NAV_SECTIONS for item in items), strong


def _is_doubled(line: str) -> bool:
    """A link rendered as "title title" (anchor text plus title attribute)."""
    n = len(line)
    half = n // 2
    return n >= 9 and n % 2 == 1 and line[half] == " " and line[:half] == line[half + 1 :]


def _is_link_like(line: str) -> bool:
    return _is_doubled(line) or (
        len(line.split()) <= 30 and not line.endswith((".", "،", ","))
    )


def boilerplate_edits(text: str) -> list[Edit]:
    """Delete whole debris lines: rule matches, menus, related-link lists, repeats."""
    spans = line_spans(text)
    edits: list[Edit] = []
    related_targets: set[str] = set()
    seen_headlines: set[str] = set()
    in_block = False
    block_items = 0
    nav_run: list[tuple[int, int]] = []
    phrase_lines = phrase_rule_lines(text)

    def flush_nav_run() -> None:  # called via "if nav_run:" (most lines have none)
        if len(nav_run) >= 2:
            edits.extend(delete_line(text, s, "navigation menu") for s in nav_run)
        nav_run.clear()

    for span in spans:
        line = text[span[0] : span[1]]
        if not line:
            if nav_run:
                flush_nav_run()
            if in_block and block_items:
                in_block = False  # a blank line after items ends the list
            continue
        if in_block:
            if _is_link_like(line):
                block_items += 1
                edits.append(delete_line(text, span, "related-links list"))
                continue
            in_block = False
        all_nav, strong = _is_nav_line(line)
        if all_nav:
            if strong or len(_MENU_SPLIT.split(line.strip())) >= 2:
                flush_nav_run()
                edits.append(delete_line(text, span, "navigation menu"))
            else:
                nav_run.append(span)
            continue
        if nav_run:
            flush_nav_run()
        matched = _match_rule(line)
        if matched is not None and matched[1]:
            in_block, block_items = True, 0
            edits.append(delete_line(text, span, matched[0]))
            continue
        if matched is not None:
            reason: str | None = matched[0]
        elif phrase_lines is None or span[0] in phrase_lines:
            reason = match_phrase_rule(line)
        else:
            reason = None  # no phrase needle in this line: no phrase rule can match
        if reason is None and _is_doubled(line):
            reason = "repeated link text"
        if reason is None and line in related_targets:
            reason = "repeated related link"
        if reason is None and line in seen_headlines and is_headline_like(line):
            reason = "repeated headline"
        if reason is not None:
            target = _RELATED_TARGET.match(line)
            if target:
                related_targets.add(target.group(1).strip())
            edits.append(delete_line(text, span, reason))
            continue
        if is_headline_like(line):
            seen_headlines.add(line)
    flush_nav_run()
    edits.sort(key=lambda e: e.start)
    return edits
