"""A small verification desk to export: articles, speakers, claims with verdicts, evidence, decisions.

The texts are short fixtures written for these tests (not taken from any outlet).
One holds an emoji (outside the BMP, so code points and UTF-16 units differ)
and one begins with characters a spreadsheet would run as a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import MatchRecord, ParsedArticle, Passage
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.evidence import EvidenceService
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.storage.database import Database, open_database
from tests.core.conftest import span_of

FRONT_TEXT = (
    "أخبار الجبهة 🛰️ صباح الثلاثاء\n"
    "قال المتحدث باسم وزارة الدفاع الأذربيجانية إن الوحدات سيطرت على قرية جديدة قرب فضولي 💥 بعد معارك ليلية.\n"
    "وأضاف أن العملية مستمرة وأن الخسائر طفيفة."
)
DENIAL_TEXT = (
    "=HYPERLINK(\"x\") سطر من بقايا الصفحة\n"
    "-نفت وزارة الدفاع الأرمنية سيطرة القوات الأذربيجانية على أي قرية قرب فضولي.\n"
    "+ وأكدت مصادر محلية أن الاشتباكات تواصلت حتى المساء، بحسب مراسلنا."
)
TALKS_TEXT = "أعلنت الخارجية الروسية أن جولة جديدة من المحادثات ستعقد في موسكو الأسبوع المقبل."

FRONT_QUOTE = "إن الوحدات سيطرت على قرية جديدة قرب فضولي 💥 بعد معارك ليلية"
DENIAL_QUOTE = "-نفت وزارة الدفاع الأرمنية سيطرة القوات الأذربيجانية على أي قرية قرب فضولي"
CLAIM_SUMMARY = "=سيطرة أذربيجان على قرية قرب فضولي"


@dataclass(frozen=True)
class Desk:
    """Ids of what the fixture made."""

    front: int
    denial: int
    talks: int
    front_statement: int
    denial_statement: int
    talks_statement: int
    deleted_statement: int
    claim: int
    open_claim: int
    ministry: int


@pytest.fixture
def exchange(database: Database) -> ExchangeService:
    return ExchangeService(database.sessions)


@pytest.fixture
def fresh(make_database_url: Callable[[str], str]) -> Iterator[Database]:
    """A second, empty database (on the same backend as `database`)."""
    db = open_database(make_database_url("fresh"))
    yield db
    db.dispose()


def store(services: Services, text: str, name: str, **metadata: object) -> int:
    outcome = services.articles.store_article(ParsedArticle(text=text, raw=text.encode("utf-8"), source_file=name, **metadata))  # type: ignore[arg-type]
    assert outcome.article_id is not None
    return outcome.article_id


def mark(services: Services, article_id: int, text: str, quote: str, analyst: str, **patch: object) -> int:
    start, end = span_of(text, quote)
    statement, _ = services.statements.mark_statement(
        article_id, start, end, analyst, StatementPatch(**patch) if patch else None  # type: ignore[arg-type]
    )
    return statement.id


def publish(services: Services, claim_id: int, verdict: str, explanation: str) -> None:
    """Walk a claim through the workflow to published (drafted by ليلى, reviewed by عمر)."""
    services.claims.edit_claim(claim_id, ClaimPatch(status="in_progress"), "ليلى")
    services.claims.edit_claim(claim_id, ClaimPatch(verdict=verdict, explanation=explanation), "ليلى")
    services.claims.edit_claim(claim_id, ClaimPatch(status="verdict_drafted"), "ليلى")
    services.claims.edit_claim(claim_id, ClaimPatch(status="reviewed"), "عمر")
    services.claims.edit_claim(claim_id, ClaimPatch(status="published"), "عمر")


@pytest.fixture
def desk(services: Services, database: Database) -> Desk:
    front = store(
        services, FRONT_TEXT, "الجبهة.txt", title="أخبار الجبهة", outlet="وكالة أذرتاج",
        url="https://example.az/front", published_raw="2020-10-20",
        published=dt.date(2020, 10, 20),
    )
    denial = store(services, DENIAL_TEXT, "نفي.html", title="نفي أرمني", outlet="أرمنبرس", raw_encoding="windows-1256")
    talks = store(services, TALKS_TEXT, "talks.txt", title="محادثات موسكو", outlet="وكالة أذرتاج")
    ministry, _ = services.entities.create_entity(
        "وزارة الدفاع الأذربيجانية", "ليلى", aliases=["الدفاع الأذربيجانية", "وزارة دفاع أذربيجان"],
        source_type="government", party="pro_azerbaijan",
    )
    armenian, _ = services.entities.create_entity("وزارة الدفاع الأرمنية", "ليلى", source_type="government")
    front_statement = mark(
        services, front, FRONT_TEXT, FRONT_QUOTE, "ليلى",
        speaker_id=ministry.id, cue="قال", cue_class="saying", stance="reports", party="pro_azerbaijan",
        note="=تحقق من الخريطة",
    )
    denial_statement = mark(
        services, denial, DENIAL_TEXT, DENIAL_QUOTE, "عمر",
        speaker_id=armenian.id, cue="نفت", cue_class="denying", stance="refutes",
    )
    talks_statement = mark(services, talks, TALKS_TEXT, "جولة جديدة من المحادثات ستعقد في موسكو", "عمر", cue="أعلنت")
    deleted_statement = mark(services, front, FRONT_TEXT, "العملية مستمرة", "ليلى")
    services.statements.delete_statement(deleted_statement, "ليلى")
    claim, _ = services.claims.create_claim(CLAIM_SUMMARY, "ليلى", [front_statement, denial_statement])
    publish(services, claim.id, "false", "صور الأقمار الصناعية لا تظهر تغيرا في خطوط التماس.")
    open_claim, _ = services.claims.create_claim("استئناف المحادثات في موسكو", "عمر", [talks_statement])
    services.claims.edit_claim(open_claim.id, ClaimPatch(assignee="ليلى"), "عمر")
    evidence = EvidenceService(database.sessions)
    evidence.add_evidence(claim.id, "refutes", "عمر", citation="بيان وزارة الدفاع الأرمنية", url="https://example.am/statement")
    evidence.add_evidence(claim.id, "refutes", "عمر", statement_id=denial_statement, note="نفي مباشر")
    start, end = span_of(DENIAL_TEXT, "وأكدت مصادر محلية أن الاشتباكات تواصلت حتى المساء")
    services.suggestions.reject(denial, start, end, "عمر")
    services.matches.dismiss(
        MatchRecord(
            "contradiction",
            Passage(front, 0, 1, "", statement_id=front_statement),
            Passage(denial, 0, 1, "", statement_id=denial_statement),
            0.9,
        ),
        "عمر",
    )
    label, _ = services.labels.add_label(LabelSet.VERDICT, "staged", "Staged", "مفبرك", "#123456", "ليلى")
    services.labels.edit_label(label.id, "ليلى", retired=True)
    return Desk(
        front, denial, talks, front_statement, denial_statement, talks_statement, deleted_statement,
        claim.id, open_claim.id, ministry.id,
    )

