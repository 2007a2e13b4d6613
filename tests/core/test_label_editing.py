"""Label sets are user data: add, rename, recolour, reorder, retire; old statements keep theirs."""

from __future__ import annotations

import pytest

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError


def _keys(services: Services, label_set: LabelSet, retired: bool = False) -> list[str]:
    return [label.key for label in services.labels.labels(label_set, include_retired=retired)]


def test_add_rename_recolour_and_reorder(services: Services) -> None:
    label, changes = services.labels.add_label(LabelSet.VERDICT, "staged", "Staged", "مفبرك", "#123ABC", "rania")
    assert changes.labels and _keys(services, LabelSet.VERDICT)[-1] == "staged"
    renamed, _ = services.labels.edit_label(label.id, "rania", name_ar="مُفبرك", color="#00ff00")
    assert (renamed.name_ar, renamed.color) == ("مُفبرك", "#00ff00")
    ordered, _ = services.labels.move_label(label.id, 0, "rania")
    assert ordered[0].key == "staged" and [m.position for m in ordered] == list(range(len(ordered)))
    assert _keys(services, LabelSet.VERDICT)[:2] == ["staged", "true"]


@pytest.mark.parametrize(
    ("key", "color", "message"),
    [("Bad Key", "#112233", "lower-case"), ("ok", "red", "#RRGGBB"), ("true", "#112233", "already has")],
)
def test_bad_labels_are_refused(services: Services, key: str, color: str, message: str) -> None:
    before = _keys(services, LabelSet.VERDICT)
    with pytest.raises(ServiceError, match=message):
        services.labels.add_label(LabelSet.VERDICT, key, "X", "س", color, "rania")
    assert _keys(services, LabelSet.VERDICT) == before


def test_retired_labels_stay_on_old_statements(services: Services, article_id: int) -> None:
    stance = next(l for l in services.labels.labels(LabelSet.REPORTING_STANCE) if l.key == "distances")
    statement, _ = services.statements.mark_statement(article_id, 0, 5, "rania", StatementPatch(stance="distances"))
    services.labels.edit_label(stance.id, "rania", retired=True)
    assert "distances" not in _keys(services, LabelSet.REPORTING_STANCE)
    assert "distances" in _keys(services, LabelSet.REPORTING_STANCE, retired=True)
    assert services.statements.get_statement(statement.id).stance == "distances"
