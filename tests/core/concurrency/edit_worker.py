"""A separate process that edits one statement's note again and again (see test_concurrent_edits).

Usage: python -m tests.core.concurrency.edit_worker DB_URL STATEMENT_ID ANALYST COUNT

Each round reads the statement, appends a token to its note based on what it
read, and on a conflict reads again and retries: the way the GUI lets an
analyst re-apply their change. Prints the number of conflicts it met.
"""

from __future__ import annotations

import sys

from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.services.versions import EditConflict
from karabakh_annotator.core.storage.database import open_database


def main(url: str, statement_id: int, analyst: str, count: int) -> int:
    database = open_database(url)
    statements = build_services(database).statements
    conflicts = 0
    for n in range(count):
        seen = statements.get_statement(statement_id)
        while True:
            try:
                statements.edit_statement(statement_id, StatementPatch(note=f"{seen.note}[{analyst}{n}]"), analyst, seen)
                break
            except EditConflict as conflict:
                conflicts += 1
                seen = conflict.current
    database.dispose()
    print(conflicts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])))
