"""Two analysts editing one statement or claim never silently overwrite each other."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.versions import EditConflict, FieldConflict
from tests.core.conftest import ARTICLE_TEXT, span_of

ROOT = Path(__file__).resolve().parents[3]


def _statement(services: Services, article_id: int) -> int:
    record, _ = services.statements.mark_statement(article_id, *span_of(ARTICLE_TEXT, "القوات صدت هجوما"), "amira")
    return record.id


def test_every_edit_raises_the_version(services: Services, article_id: int) -> None:
    statement_id = _statement(services, article_id)
    first = services.statements.get_statement(statement_id)
    edit = services.statements.edit_statement(statement_id, StatementPatch(note="١"), "amira", first)
    resized = services.statements.resize_statement(statement_id, 0, 5, "amira", edit.statement)
    assert (first.version, edit.statement.version, resized.statement.version) == (1, 2, 3)


def test_a_stale_edit_of_the_same_field_is_refused_with_both_values(services: Services, article_id: int) -> None:
    statement_id = _statement(services, article_id)
    seen = services.statements.get_statement(statement_id)
    services.statements.edit_statement(statement_id, StatementPatch(note="رواية أميرة"), "amira", seen)

    with pytest.raises(EditConflict) as caught:
        services.statements.edit_statement(statement_id, StatementPatch(note="رواية بلال"), "bilal", seen)

    conflict = caught.value
    assert conflict.fields == (FieldConflict("note", "رواية بلال", "رواية أميرة"),)
    assert conflict.changed_by == "amira"
    assert "amira" in str(conflict) and "note" in str(conflict)
    assert services.statements.get_statement(statement_id).note == "رواية أميرة"
    # Keeping one's own value: edit again, based on what is there now.
    services.statements.edit_statement(statement_id, StatementPatch(note="رواية بلال"), "bilal", conflict.current)
    assert services.statements.get_statement(statement_id).note == "رواية بلال"


def test_stale_edits_of_different_fields_both_land(services: Services, article_id: int) -> None:
    statement_id = _statement(services, article_id)
    seen = services.statements.get_statement(statement_id)
    services.statements.edit_statement(statement_id, StatementPatch(note="ملاحظة"), "amira", seen)
    services.statements.edit_statement(statement_id, StatementPatch(stance="refutes"), "bilal", seen)
    services.statements.edit_statement(statement_id, StatementPatch(note="ملاحظة"), "karim", seen)

    now = services.statements.get_statement(statement_id)
    assert (now.note, now.stance, now.version) == ("ملاحظة", "refutes", 3)


def test_a_stale_resize_is_refused(services: Services, article_id: int) -> None:
    statement_id = _statement(services, article_id)
    seen = services.statements.get_statement(statement_id)
    services.statements.resize_statement(statement_id, seen.start, seen.end + 4, "amira", seen)
    with pytest.raises(EditConflict) as caught:
        services.statements.resize_statement(statement_id, seen.start + 1, seen.end, "bilal", seen)
    assert caught.value.fields[0].theirs == (seen.start, seen.end + 4)
    assert services.statements.get_statement(statement_id).end == seen.end + 4


def test_claims_conflict_on_the_same_field_only(services: Services, article_id: int) -> None:
    claim, _ = services.claims.create_claim("القوات صدت هجوما قرب شوشا", "amira", [_statement(services, article_id)])
    services.claims.edit_claim(claim.id, ClaimPatch(assignee="amira"), "amira", based_on=claim)
    services.claims.edit_claim(claim.id, ClaimPatch(status="check_worthy"), "bilal", based_on=claim)
    with pytest.raises(EditConflict) as caught:
        services.claims.edit_claim(claim.id, ClaimPatch(assignee="bilal"), "bilal", based_on=claim)
    assert caught.value.fields == (FieldConflict("assignee", "bilal", "amira"),)
    now = services.claims.get_claim(claim.id)
    assert (now.assignee, now.status, now.version) == ("amira", "check_worthy", 3)


def test_two_processes_editing_one_statement_lose_no_update(
    services: Services, article_id: int, database_url: str
) -> None:
    statement_id = _statement(services, article_id)
    count = 60
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.core.concurrency.edit_worker", database_url, str(statement_id), name, str(count)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name in ("amira", "bilal")
    ]
    results = [worker.communicate(timeout=300) for worker in workers]
    for worker, (_out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err

    note = services.statements.get_statement(statement_id).note
    tokens = re.findall(r"\[([a-z]+\d+)\]", note)
    expected = {f"{name}{n}" for name in ("amira", "bilal") for n in range(count)}
    assert sorted(tokens) == sorted(expected), "an update was lost or applied twice"
    assert services.statements.get_statement(statement_id).version == 1 + 2 * count
