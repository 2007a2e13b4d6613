"""Which colour a stored statement is highlighted in: its claim's verdict, else status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import StatementRecord

if TYPE_CHECKING:
    from karabakh_annotator.core.services.labels import LabelService

NEUTRAL_HIGHLIGHT = "#ffe082"


@dataclass(frozen=True)
class StatementColors:
    """Label colours by key, read once from the label sets (they are user data)."""

    verdicts: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    neutral: str = NEUTRAL_HIGHLIGHT

    @classmethod
    def from_labels(cls, labels: LabelService) -> StatementColors:
        """Colours of the current verdict and workflow-status labels."""
        return cls(
            verdicts={label.key: label.color for label in labels.labels(LabelSet.VERDICT, include_retired=True)},
            statuses={
                label.key: label.color for label in labels.labels(LabelSet.WORKFLOW_STATUS, include_retired=True)
            },
        )

    def color_for(self, statement: StatementRecord) -> str:
        """The claim's verdict colour, else its status colour, else the neutral highlight."""
        claim = statement.claim
        if claim is not None and not claim.deleted:
            if claim.verdict is not None and claim.verdict in self.verdicts:
                return self.verdicts[claim.verdict]
            if claim.status in self.statuses:
                return self.statuses[claim.status]
        return self.neutral
