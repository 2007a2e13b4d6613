"""Seed the default label sets into a database (used by migrations)."""

from __future__ import annotations

from sqlalchemy import Boolean, Connection, Integer, String, Text, column, select, table

from karabakh_annotator.core.labels import DEFAULT_LABELS

# The columns of `labels` as the first schema had them: migrations must not
# follow later changes of the ORM model.
_labels = table(
    "labels",
    column("label_set", String),
    column("key", String),
    column("name_en", String),
    column("name_ar", String),
    column("color", String),
    column("position", Integer),
    column("rating_value", Integer),
    column("description", Text),
    column("retired", Boolean),
)


def insert_missing_default_labels(connection: Connection) -> int:
    """Add each default label not yet present (by set and key); return how many."""
    existing = {(row.label_set, row.key) for row in connection.execute(select(_labels.c.label_set, _labels.c.key))}
    positions: dict[str, int] = {}
    rows = []
    for label in DEFAULT_LABELS:
        position = positions.get(label.label_set, 0)
        positions[label.label_set] = position + 1
        if (label.label_set.value, label.key) in existing:
            continue
        rows.append(
            {
                "label_set": label.label_set.value,
                "key": label.key,
                "name_en": label.name_en,
                "name_ar": label.name_ar,
                "color": label.color,
                "position": position,
                "rating_value": label.rating_value,
                "description": label.description,
                "retired": False,
            }
        )
    if rows:
        connection.execute(_labels.insert(), rows)
    return len(rows)
