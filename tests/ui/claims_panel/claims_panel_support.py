"""Helpers the claims-panel tests share (conftest holds only fixtures)."""

from __future__ import annotations

from dataclasses import dataclass, field

from karabakh_annotator.core.exporters.csv_export import StatementRow
from karabakh_annotator.core.services.exports import ExportService, StatementFilter

ANALYST = "analyst"
MANY = 450
PAGE = 200


@dataclass(frozen=True)
class ManyStatements:
    """One article holding `MANY` statements, in text order; the first 150 share a claim."""

    article_id: int
    statement_ids: list[int]
    claim_id: int


@dataclass
class CountingSource:
    """An `ExportService` that records each query, to prove the model does not query per row."""

    exports: ExportService
    calls: list[tuple[str, StatementFilter | None, int, int | None]] = field(default_factory=list)

    def count(self, filters: StatementFilter | None = None) -> int:
        self.calls.append(("count", filters, 0, None))
        return self.exports.count(filters)

    def statement_rows(
        self, filters: StatementFilter | None = None, offset: int = 0, limit: int | None = None
    ) -> list[StatementRow]:
        self.calls.append(("rows", filters, offset, limit))
        return self.exports.statement_rows(filters, offset, limit)
