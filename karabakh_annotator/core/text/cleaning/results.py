"""What cleaning returns: the cleaned text, the steps taken and what each removed."""

from __future__ import annotations

from dataclasses import dataclass

from .offsets import OffsetMap

__all__ = ["CleanResult", "CleanStep", "RemovedSpan"]


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A span of the raw input that a step removed or replaced."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanStep:
    """One pipeline step and what it removed."""

    name: str
    removed: tuple[RemovedSpan, ...]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Cleaned text (NFC, ``\\n`` line ends), the steps taken and an offset map."""

    text: str
    steps: tuple[CleanStep, ...]
    offsets: OffsetMap

    def to_raw(self, index: int) -> int:
        """Raw offset of the cleaned character at ``index``."""
        return self.offsets.to_raw(index)

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the cleaned span ``[start, end)``."""
        return self.offsets.to_raw_span(start, end)

    def is_joined(self, index: int) -> bool:
        """True when the cleaned character was inserted to join wrapped lines."""
        return self.offsets.is_joined(index)

    @property
    def removed(self) -> tuple[RemovedSpan, ...]:
        """Everything removed, over all steps, in step order."""
        return tuple(span for step in self.steps for span in step.removed)
