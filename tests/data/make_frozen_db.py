"""Freeze a small database at the current schema head: `python tests/data/make_frozen_db.py`.

Run it once per released schema and commit the file; test_migrations upgrades
every frozen database to the newest schema and checks its data survived.
"""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory

from karabakh_annotator.core.records import MatchRecord, ParsedArticle, Passage, StatementRecord
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.storage.database import alembic_config, open_database

TEXT = "قال المتحدث العسكري إن القوات سيطرت على التلة 27 صباح الأحد.\nونفى الطرف الآخر ذلك في بيان مقتضب."


OTHER = "أعلنت وزارة الدفاع أن قواتها سيطرت على المرتفع 27 صباح الأحد."


def _answers(services: Services, article_id: int, statement: StatementRecord) -> None:
    """Schema 0006 on: a rejected suggestion and a dismissed pair."""
    services.suggestions.reject(article_id, 0, 3, "frozen")
    other_id = services.articles.store_article(ParsedArticle(OTHER, OTHER.encode(), "other.txt")).article_id
    assert other_id is not None
    quote = "قواتها سيطرت على المرتفع 27"
    start = OTHER.index(quote)
    other, _ = services.statements.mark_statement(other_id, start, start + len(quote), "frozen")
    pair = MatchRecord(
        "same",
        Passage(article_id, statement.start, statement.end, statement.quote, statement.id),
        Passage(other_id, other.start, other.end, other.quote, other.id),
        0.9,
    )
    services.matches.dismiss(pair, "frozen")


def main() -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    target = Path(__file__).parent / f"schema_{head}.sqlite3"
    target.unlink(missing_ok=True)
    db = open_database(str(target))
    services = build_services(db)
    article_id = services.articles.store_article(ParsedArticle(TEXT, TEXT.encode(), "frozen.txt", "بيان")).article_id
    assert article_id is not None
    quote = "القوات سيطرت على التلة 27"
    start = TEXT.index(quote)
    statement, _ = services.statements.mark_statement(
        article_id, start, start + len(quote), "frozen", StatementPatch(stance="reports", party="pro_armenia")
    )
    claim, _ = services.claims.create_claim("السيطرة على التلة 27", "frozen", [statement.id])
    services.claims.edit_claim(claim.id, ClaimPatch(verdict="unverifiable", explanation="لا دليل مستقل"), "frozen")
    if head >= "0006":
        _answers(services, article_id, statement)
    if head >= "0007":
        services.claims.edit_claim(claim.id, ClaimPatch(assignee="reviewer"), "frozen")
        services.evidence.add_evidence(claim.id, "discusses", "frozen", citation="بيان مقتضب")
    with db.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    with __import__("sqlite3").connect(target) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("VACUUM")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
