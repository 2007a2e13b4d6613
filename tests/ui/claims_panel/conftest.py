"""Claims-panel fixtures: a long article with many statements, and a service wrapper that counts queries."""

from __future__ import annotations

import datetime as dt

import pytest

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import StatementPatch

from claims_panel_support import ANALYST, MANY, ManyStatements


def _sentence(n: int) -> str:
    return f"وقال المتحدث رقم {n} إن القوات صدت هجوما قرب المدينة."


@pytest.fixture
def many(services: Services) -> ManyStatements:
    """450 statements in one article (each sentence is one), the first 150 linked to one claim."""
    sentences = [_sentence(n) for n in range(MANY)]
    text = "\n".join(sentences)
    outcome = services.articles.store_article(
        ParsedArticle(text=text, raw=text.encode(), source_file="many.txt", title="كثير", published=dt.date(2020, 10, 3))
    )
    assert outcome.article_id is not None
    ids, start = [], 0
    for sentence in sentences:
        statement, _ = services.statements.mark_statement(outcome.article_id, start, start + len(sentence) - 1, ANALYST)
        ids.append(statement.id)
        start += len(sentence) + 1
    claim, _ = services.claims.create_claim("صد هجوم قرب المدينة", ANALYST, statement_ids=ids[:150])
    return ManyStatements(outcome.article_id, ids, claim.id)


@pytest.fixture
def labelled(services: Services, demo) -> object:  # type: ignore[no-untyped-def]
    """The demo data with a stance and party on the plain statement."""
    services.statements.edit_statement(
        demo.plain_statement_id, StatementPatch(stance="reports", party="neutral", cue="قال"), ANALYST
    )
    return demo

