"""A process for test_crash_safety to kill: it works through the real services and says what is done.

    python crash_worker.py edits DB SEED   # an endless stream of edits
    python crash_worker.py import DB COUNT # one large import

Every line on stdout acknowledges something the services have returned
from, that is, committed: ``mark <statement> <start> <end>``, ``note
<statement> <n>``, ``claim <claim> <n>``, ``explain <claim> <n>``,
``imported <article> <source file>``. The texts are made up here.
"""

from __future__ import annotations

import random
import sys

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.storage.database import open_database

WORDS = (
    "قال المتحدث باسم الوزارة إن القوات صدت هجوما قرب المدينة صباح الأحد وأضاف أن المراقبين "
    "وصلوا إلى المنطقة ونفت الوزارة الأخرى هذه الرواية مؤكدة أن الهدنة صامدة منذ يومين"
).split()
LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
ANALYST = "محلل الاختبار"


def marker(number: int) -> str:
    """A word of letters only, different for each number (search finds it as one token)."""
    word = ""
    while True:
        number, digit = divmod(number, len(LETTERS))
        word = LETTERS[digit] + word
        if number == 0:
            return "ع" + word


def article_text(number: int) -> str:
    """The made-up text of article `number`: paragraphs of shuffled words and its own marker word."""
    rng = random.Random(number)
    lines = [" ".join(rng.choice(WORDS) for _ in range(30)) for _ in range(6)]
    lines[2] += f" {marker(number)}."
    return "\n".join(lines)


def source_name(number: int) -> str:
    return f"article-{number:05d}.txt"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def edits(path: str, seed: int) -> None:
    services = build_services(open_database(path))
    stored = services.articles.store_article(
        ParsedArticle(text=article_text(0), raw=b"", source_file=source_name(0))
    )
    assert stored.article_id is not None
    text = article_text(0)
    rng = random.Random(seed)
    statements: list[int] = []
    claims: list[int] = []
    for step in range(10**9):
        kind = step % 4 if statements else 0
        if kind == 0:
            start = rng.randrange(len(text) - 40)
            end = start + rng.randrange(5, 40)
            record, _ = services.statements.mark_statement(stored.article_id, start, end, ANALYST)
            statements.append(record.id)
            say(f"mark {record.id} {start} {end}")
        elif kind == 1:
            statement = rng.choice(statements)
            services.statements.edit_statement(statement, StatementPatch(note=f"note {seed}-{step}"), ANALYST)
            say(f"note {statement} {seed}-{step}")
        elif kind == 2 or not claims:
            claim, _ = services.claims.create_claim(f"claim {seed}-{step}", ANALYST, [rng.choice(statements)])
            claims.append(claim.id)
            say(f"claim {claim.id} {seed}-{step}")
        else:
            claim_id = rng.choice(claims)
            services.claims.edit_claim(claim_id, ClaimPatch(explanation=f"explanation {seed}-{step}"), ANALYST)
            say(f"explain {claim_id} {seed}-{step}")


def large_import(path: str, count: int) -> None:
    services = build_services(open_database(path))
    parsed = (
        ParsedArticle(text=article_text(n), raw=article_text(n).encode(), source_file=source_name(n))
        for n in range(1, count + 1)
    )
    for outcome in services.articles.import_all(parsed):
        say(f"{outcome.status} {outcome.article_id} {outcome.source_file}")


if __name__ == "__main__":
    mode, database = sys.argv[1], sys.argv[2]
    if mode == "edits":
        edits(database, int(sys.argv[3]))
    elif mode == "import":
        large_import(database, int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
