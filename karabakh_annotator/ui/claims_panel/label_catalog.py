"""Label names and colours by set and key, read once per label change (labels are user data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import LabelRecord
from karabakh_annotator.core.services.labels import LabelService

# The interface is in English, so labels show their English name and carry the
# Arabic one in the tooltip; one switch for the whole panel.
SHOW_ARABIC_NAMES = False


@dataclass(frozen=True)
class LabelCatalog:
    """Every label of every set, retired ones included, in the user's order."""

    by_set: Mapping[LabelSet, Sequence[LabelRecord]] = field(default_factory=dict)

    @classmethod
    def from_service(cls, labels: LabelService) -> LabelCatalog:
        """Read every set (one query per set)."""
        return cls({label_set: tuple(labels.labels(label_set, include_retired=True)) for label_set in LabelSet})

    def active(self, label_set: LabelSet) -> list[LabelRecord]:
        """The labels an analyst may choose now (not retired)."""
        return [label for label in self.by_set.get(label_set, ()) if not label.retired]

    def get(self, label_set: LabelSet, key: str | None) -> LabelRecord | None:
        """The label with `key`, retired or not."""
        if key is None:
            return None
        for label in self.by_set.get(label_set, ()):
            if label.key == key:
                return label
        return None

    def name(self, label_set: LabelSet, key: str | None) -> str:
        """The shown name of a label (its key if the set no longer has it)."""
        label = self.get(label_set, key)
        if label is None:
            return key or ""
        return display_name(label)

    def other_name(self, label_set: LabelSet, key: str | None) -> str:
        """The name in the other language, for tooltips."""
        label = self.get(label_set, key)
        if label is None:
            return ""
        return label.name_en if SHOW_ARABIC_NAMES else label.name_ar

    def color(self, label_set: LabelSet, key: str | None) -> str | None:
        """The label's #rrggbb colour."""
        label = self.get(label_set, key)
        return label.color if label is not None else None

    def position(self, label_set: LabelSet, key: str | None) -> int:
        """Where the label stands in its set (-1 when unset), for sorting."""
        label = self.get(label_set, key)
        return label.position if label is not None else -1


def display_name(label: LabelRecord) -> str:
    """The name a label is shown under, with '(retired)' when it is."""
    name = label.name_ar if SHOW_ARABIC_NAMES else label.name_en
    return f"{name} (retired)" if label.retired else name
