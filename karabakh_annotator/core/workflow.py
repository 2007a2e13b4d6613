"""The claim workflow of DESIGN.md as data: which status moves are allowed and what each needs.

spotted → check-worthy / not check-worthy → in progress → verdict drafted →
reviewed → published → corrected. An analyst may skip triage (spotted → in
progress) and send a claim back a step; a published claim only moves on to
corrected, and a correction is published again.
"""

from __future__ import annotations

MOVES: dict[str, frozenset[str]] = {
    "spotted": frozenset({"check_worthy", "out_of_scope", "in_progress"}),
    "check_worthy": frozenset({"in_progress", "out_of_scope", "spotted"}),
    "out_of_scope": frozenset({"check_worthy", "spotted"}),
    "in_progress": frozenset({"verdict_drafted", "check_worthy", "out_of_scope", "spotted"}),
    "verdict_drafted": frozenset({"reviewed", "in_progress"}),
    "reviewed": frozenset({"published", "verdict_drafted", "in_progress"}),
    "published": frozenset({"corrected"}),
    "corrected": frozenset({"published", "in_progress"}),
}

NEEDS_VERDICT = frozenset({"verdict_drafted", "reviewed", "published", "corrected"})
"""From a drafted verdict on, a claim carries a verdict and an explanation."""

DRAFTED = "verdict_drafted"
REVIEWED = "reviewed"


class WorkflowError(ValueError):
    """A status move or field value the workflow does not allow (the message says why)."""


def check_move(old: str, new: str) -> None:
    """Refuse a status move the workflow does not allow. Statuses the workflow does
    not know (labels an analyst added) move freely."""
    if old == new or old not in MOVES or new not in MOVES:
        return
    if new not in MOVES[old]:
        allowed = ", ".join(sorted(MOVES[old]))
        raise WorkflowError(f"a claim cannot move from {old!r} to {new!r} (allowed next: {allowed})")


def check_verdict(status: str, verdict: str | None, explanation: str) -> None:
    """From a drafted verdict on, a verdict and its explanation are required."""
    if status not in NEEDS_VERDICT:
        return
    if verdict is None:
        raise WorkflowError(f"a claim in status {status!r} needs a verdict")
    if not explanation.strip():
        raise WorkflowError("a verdict needs an explanation")


def check_reviewer(reviewer: str, drafter: str | None) -> None:
    """'reviewed' is set by someone other than the analyst who drafted the verdict."""
    if drafter is not None and reviewer == drafter:
        raise WorkflowError(f"{reviewer} drafted this verdict; another analyst must review it")
