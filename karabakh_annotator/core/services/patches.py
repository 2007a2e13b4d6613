"""Partial updates: which fields to change, and the inverse that undoes them."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, Final, TypeVar, Union


class _Unset(enum.Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset.UNSET
"""Marks a patch field that is not to be changed (None means 'clear it')."""

_T = TypeVar("_T")
Maybe = Union[_T, _Unset]  # noqa: UP007 (a generic alias needs Union on 3.11)


def given_fields(patch: Any) -> dict[str, Any]:
    """The fields of a patch dataclass that carry a value, in declaration order."""
    return {
        f.name: getattr(patch, f.name)
        for f in dataclasses.fields(patch)
        if getattr(patch, f.name) is not UNSET
    }


@dataclasses.dataclass(frozen=True, slots=True)
class StatementPatch:
    """Fields of a statement to change; label fields take label keys."""

    speaker_id: Maybe[int | None] = UNSET
    cue: Maybe[str | None] = UNSET
    cue_class: Maybe[str | None] = UNSET
    stance: Maybe[str | None] = UNSET
    party: Maybe[str | None] = UNSET
    claim_id: Maybe[int | None] = UNSET
    note: Maybe[str] = UNSET


@dataclasses.dataclass(frozen=True, slots=True)
class ClaimPatch:
    """Fields of a claim to change; status and verdict take label keys."""

    summary: Maybe[str] = UNSET
    status: Maybe[str] = UNSET
    verdict: Maybe[str | None] = UNSET
    rating_value: Maybe[int | None] = UNSET
    explanation: Maybe[str] = UNSET
    assignee: Maybe[str | None] = UNSET  # an analyst's name
