"""Four analyst processes editing one database at once lose no acknowledged edit.

The scenario of `python -m benchmarks.load` (benchmarks/load_scenario.py), small:
no timing here, only that everything the services acknowledged is there.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from benchmarks.load_check import verify
from benchmarks.load_scenario import apply_plans, plans, run_processes, seed_database
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.core.storage.models import Statement


def test_four_processes_at_once_lose_no_edit(database_url: str, tmp_path: Path) -> None:
    seeded = seed_database(database_url)
    every = plans(processes=4, edits=40)

    run = run_processes(database_url, seeded, [[plan] for plan in every], tmp_path)

    assert run.failures == []
    assert run.acknowledged == 4 * 40
    verdict = verify(database_url, seeded, run.outcomes)
    assert verdict.lost == [] and verdict.unexpected == []
    touched = {key for outcome in run.outcomes for key in outcome.hot_tokens}
    assert len(touched) == len(seeded.hot_statements) + len(seeded.hot_claims), "every hot row was edited"
    for plan in every:
        assert any(o.analyst == plan.analyst and o.hot_tokens for o in run.outcomes), plan.analyst


def test_the_check_notices_a_lost_edit(database_url: str) -> None:
    seeded = seed_database(database_url)
    outcomes = apply_plans(database_url, seeded, plans(processes=1, edits=60))
    assert verify(database_url, seeded, outcomes).ok

    key, tokens = next((k, t) for k, t in outcomes[0].hot_tokens.items() if k.startswith("statement:"))
    hot, dropped = int(key.removeprefix("statement:")), tokens[0]
    database = open_database(database_url)
    with database.sessions.begin() as session:
        note = session.scalar(select(Statement.note).where(Statement.id == hot))
        assert note is not None and f"[{dropped}]" in note
        # An update that overwrote another's change, as a lost update would.
        session.execute(update(Statement).where(Statement.id == hot).values(note=note.replace(f"[{dropped}]", "")))
    database.dispose()

    verdict = verify(database_url, seeded, outcomes)
    assert verdict.lost == [f"token on statement:{hot}: {dropped} missing"]
