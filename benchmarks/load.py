"""Load benchmark: `python -m benchmarks.load [sqlite|postgresql|all] [--processes 4] [--edits 2500] [--postgres URL]`.

N analyst processes apply E edits each, all at once, to one database through
the real services (load_scenario.py: marking statements, labelling their own,
creating and linking claims, and appending to a few hot statements and
claims every process touches, retrying on EditConflict); then every
acknowledged edit is checked in the database (load_check.py). Runs on a
SQLite file in WAL mode and on PostgreSQL: a throwaway database made on the
server named by --postgres or KARABAKH_TEST_POSTGRES_URL (which must allow
CREATE DATABASE) and dropped afterwards. Prints wall time, edits/s, conflicts
retried, latency per edit and what was lost; the baseline is the same N x E
edits applied by one process serially, and the ratio is concurrent/serial
throughput. Exits non-zero if any edit was lost or failed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.load_check import verify
from benchmarks.load_scenario import LoadRun, plans, run_processes, seed_database

POSTGRES_URL_VAR = "KARABAKH_TEST_POSTGRES_URL"


@contextmanager
def _postgres_databases(server_url: str) -> Iterator[Callable[[str], str]]:
    """`make(name)` creates a new database on the server and returns its URL; all are dropped at the end."""
    server = make_url(server_url)
    if server.drivername in ("postgresql", "postgres"):
        server = server.set(drivername="postgresql+psycopg")
    admin = create_engine(server, isolation_level="AUTOCOMMIT", pool_size=1)
    made: list[str] = []

    def make(name: str) -> str:
        database = f"karabakh_load_{os.getpid()}_{name}"
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        made.append(database)
        return server.set(database=database).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as connection:
            for database in made:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _latencies(run: LoadRun) -> str:
    cuts = statistics.quantiles(run.latencies, n=20)
    return f"p50 {_ms(cuts[9])}, p95 {_ms(cuts[18])}, max {_ms(max(run.latencies))}"


def _checked(label: str, url: str, serial: bool, processes: int, edits: int, workdir: Path) -> tuple[LoadRun, bool]:
    """Seed the database at `url`, apply the plans (all in one process if `serial`) and verify.

    Returns the run and whether every edit was acknowledged and found.
    """
    seeded = seed_database(url)
    every = plans(processes, edits)
    run = run_processes(url, seeded, [every] if serial else [[plan] for plan in every], workdir / label)
    verdict = verify(url, seeded, run.outcomes)
    print(f"  {label}: {run.wall:.2f} s = {run.acknowledged / run.wall:,.0f} edits/s; latency per edit "
          f"{_latencies(run)}; conflicts retried: {run.conflicts:,}")
    per_edit = _ms(run.cpu / max(run.acknowledged, 1))
    print(f"    CPU time of the analyst processes: {run.cpu:.1f} s = {per_edit} per edit (database server not counted)")
    print(f"    verified in the database: {verdict.acknowledged:,} of {processes * edits:,} edits acknowledged, "
          f"lost: {len(verdict.lost)}, unexpected: {len(verdict.unexpected)}, failed: {len(run.failures)}")
    for problem in (verdict.lost + verdict.unexpected + run.failures)[:10]:
        print(f"      {problem}")
    complete = verdict.ok and not run.failures and verdict.acknowledged == processes * edits
    return run, complete


def bench(backend: str, make_url_for: Callable[[str], str], processes: int, edits: int, workdir: Path) -> bool:
    """The concurrent run and its serial baseline on one backend, each on a new database; True if nothing was lost."""
    print(f"{backend}: {processes} processes x {edits:,} edits = {processes * edits:,} edits")
    concurrent, ok = _checked(
        f"{processes} processes at once", make_url_for("concurrent"), False, processes, edits, workdir
    )
    serial, serial_ok = _checked(
        "baseline, one process serially", make_url_for("serial"), True, processes, edits, workdir
    )
    ratio = (concurrent.acknowledged / concurrent.wall) / (serial.acknowledged / serial.wall)
    print(f"  ratio concurrent/serial throughput: {ratio:.2f}")
    return ok and serial_ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", nargs="?", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--processes", type=int, default=4, help="analyst processes editing at once (default 4)")
    parser.add_argument("--edits", type=int, default=2_500, help="edits per process (default 2500)")
    parser.add_argument("--postgres", help=f"a PostgreSQL server URL where CREATE DATABASE is allowed "
                                           f"(default ${POSTGRES_URL_VAR})")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="ka-load-") as tmp:
        root = Path(tmp)
        if args.which in ("sqlite", "all"):
            ok &= bench("SQLite (WAL)", lambda name: str(root / f"{name}.sqlite3"), args.processes, args.edits, root)
        if args.which in ("postgresql", "all"):
            server = args.postgres or os.environ.get(POSTGRES_URL_VAR)
            if not server:
                print(f"PostgreSQL: skipped, no server configured (--postgres URL or ${POSTGRES_URL_VAR})")
            else:
                with _postgres_databases(server) as make:
                    ok &= bench("PostgreSQL", make, args.processes, args.edits, root)
    if not ok:
        print("FAILED: an acknowledged edit is missing, or an edit failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
