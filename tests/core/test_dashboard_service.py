"""Dashboard figures over a small desk built through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.dashboard import (
    DashboardService,
    Granularity,
    LabelCount,
    OutletCount,
    PartyCount,
    SpeakerCount,
    TimeBucket,
    buckets,
    granularity_for,
)
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.storage.database import Database

ANALYST = "ليلى"
AZ_MOD = "وزارة الدفاع الأذربيجانية"
AM_MOD = "وزارة الدفاع الأرمنية"
KREMLIN = "الكرملين"
ANADOLU = "وكالة الأناضول"
ARMENPRESS = "أرمنبريس"
ALARABIYA = "قناة العربية"


@dataclass(frozen=True)
class Desk:
    """Ids of what `build_desk` stored."""

    az_mod: int
    am_mod: int
    kremlin: int
    claims: dict[str, int]


def _article(services: Services, text: str, outlet: str | None, published: dt.date | None) -> int:
    outcome = services.articles.store_article(
        ParsedArticle(text=text, raw=text.encode(), source_file=f"{text[:12]}.txt", outlet=outlet, published=published)
    )
    assert outcome.article_id is not None
    return outcome.article_id


def _mark(services: Services, article_id: int, text: str, quote: str, patch: StatementPatch) -> int:
    start = text.index(quote)
    statement, _ = services.statements.mark_statement(article_id, start, start + len(quote), ANALYST, patch)
    return statement.id


def build_desk(services: Services) -> Desk:
    """Four articles (one undated), three speakers, eight statements, five claims (one deleted).

    Live statements: Anadolu 1 Oct (AZ x2), Armenpress 3 Oct (AM, Kremlin),
    Anadolu 20 Dec (AZ), Al Arabiya undated (AZ, no speaker); one more AZ
    statement on 1 Oct is deleted.
    """
    az = services.entities.create_entity(AZ_MOD, ANALYST, party="pro_azerbaijan")[0].id
    am = services.entities.create_entity(AM_MOD, ANALYST, party="pro_armenia")[0].id
    kremlin = services.entities.create_entity(KREMLIN, ANALYST)[0].id

    text1 = "قالت الوزارة إن القوات دمرت دبابتين. وأضافت أن الجيش تقدم نحو المدينة. وأكدت أن الهدنة خرقت."
    text2 = "نفت الوزارة تدمير أي دبابة. وقال الكرملين إن المحادثات ستستمر."
    text3 = "أعلنت الوزارة أن الجيش سيطر على التلال."
    text4 = "قالت الوزارة إن الجيش تقدم نحو المدينة. وذكرت مصادر أن القصف توقف."
    anadolu_1 = _article(services, text1, ANADOLU, dt.date(2020, 10, 1))
    armenpress = _article(services, text2, ARMENPRESS, dt.date(2020, 10, 3))
    anadolu_2 = _article(services, text3, ANADOLU, dt.date(2020, 12, 20))
    undated = _article(services, text4, ALARABIYA, None)

    azp = StatementPatch(speaker_id=az, party="pro_azerbaijan")
    tanks = _mark(services, anadolu_1, text1, "القوات دمرت دبابتين", azp)
    advance_1 = _mark(services, anadolu_1, text1, "الجيش تقدم نحو المدينة", azp)
    truce = _mark(services, anadolu_1, text1, "الهدنة خرقت", azp)
    denial = _mark(services, armenpress, text2, "تدمير أي دبابة", StatementPatch(speaker_id=am, party="pro_armenia"))
    _mark(services, armenpress, text2, "المحادثات ستستمر", StatementPatch(speaker_id=kremlin, party="neutral"))
    hills = _mark(services, anadolu_2, text3, "الجيش سيطر على التلال", azp)
    advance_2 = _mark(services, undated, text4, "الجيش تقدم نحو المدينة", azp)
    _mark(services, undated, text4, "القصف توقف", StatementPatch())

    def claim(summary: str, statements: list[int], verdict: str | None) -> int:
        record, _ = services.claims.create_claim(summary, ANALYST, statements)
        if verdict is not None:
            services.claims.edit_claim(record.id, ClaimPatch(verdict=verdict), ANALYST)
        return record.id

    claims = {
        "tanks": claim("تدمير دبابتين", [tanks, denial], "false"),
        "advance": claim("تقدم نحو المدينة", [advance_1, advance_2], None),
        "hills": claim("السيطرة على التلال", [hills], "true"),
        "orphan": claim("ادعاء بلا عبارات", [], "misleading"),
        "gone": claim("ادعاء محذوف", [truce], "false"),
    }
    services.statements.delete_statement(truce, ANALYST)
    services.claims.delete_claim(claims["gone"], ANALYST)
    return Desk(az, am, kremlin, claims)


@pytest.fixture
def dashboard(database: Database) -> DashboardService:
    return DashboardService(database.sessions)


@pytest.fixture
def desk(services: Services) -> Desk:
    return build_desk(services)


def _verdict_keys(services: Services) -> list[str | None]:
    return [label.key for label in services.labels.labels(LabelSet.VERDICT)] + [None]


def test_claims_by_verdict_counts_live_claims_in_label_order(
    services: Services, dashboard: DashboardService, desk: Desk
) -> None:
    figures = dashboard.figures()
    assert [v.key for v in figures.verdicts] == _verdict_keys(services)
    counted = {v.key: v.count for v in figures.verdicts if v.count}
    # The deleted claim is gone; the claim no statement carries still counts.
    assert counted == {"false": 1, "true": 1, "misleading": 1, None: 1}
    assert figures.claims == 4
    assert figures.statements == 7


def test_a_date_range_keeps_claims_with_a_statement_published_in_it(
    dashboard: DashboardService, desk: Desk
) -> None:
    figures = dashboard.figures(dt.date(2020, 10, 1), dt.date(2020, 10, 31))
    assert {v.key: v.count for v in figures.verdicts if v.count} == {"false": 1, None: 1}
    assert figures.statements == 4
    assert (figures.published_from, figures.published_to) == (dt.date(2020, 10, 1), dt.date(2020, 10, 31))
    reversed_range = dashboard.figures(dt.date(2020, 10, 31), dt.date(2020, 10, 1))
    assert reversed_range.verdicts == figures.verdicts


def test_speakers_are_ranked_by_statements_with_their_party_and_claims(
    dashboard: DashboardService, desk: Desk
) -> None:
    figures = dashboard.figures()
    assert figures.speakers == (
        SpeakerCount(desk.az_mod, AZ_MOD, "pro_azerbaijan", statements=4, claims=3),
        SpeakerCount(desk.kremlin, KREMLIN, None, statements=1, claims=0),
        SpeakerCount(desk.am_mod, AM_MOD, "pro_armenia", statements=1, claims=1),
    )
    assert figures.unattributed == 1
    assert dashboard.figures(top=1).speakers == figures.speakers[:1]
    october = dashboard.figures(published_to=dt.date(2020, 10, 31))
    assert [(s.name, s.statements) for s in october.speakers] == [(AZ_MOD, 2), (KREMLIN, 1), (AM_MOD, 1)]
    assert october.unattributed == 0


def test_parties_follow_the_label_set_and_count_distinct_claims(
    services: Services, dashboard: DashboardService, desk: Desk
) -> None:
    parties = dashboard.figures().parties
    keys = [label.key for label in services.labels.labels(LabelSet.PARTY_ALIGNMENT)]
    assert [p.party for p in parties] == [*keys, None]
    counted = {p.party: p for p in parties if p.statements}
    assert counted == {
        "pro_azerbaijan": PartyCount("pro_azerbaijan", 4, 3),
        "pro_armenia": PartyCount("pro_armenia", 1, 1),
        "neutral": PartyCount("neutral", 1, 0),
        None: PartyCount(None, 1, 0),
    }


def test_outlets_count_statements_and_articles(dashboard: DashboardService, desk: Desk) -> None:
    assert dashboard.figures().outlets == (
        OutletCount(ANADOLU, 3, 2),
        OutletCount(ARMENPRESS, 2, 1),  # ties go by name: أ before ق
        OutletCount(ALARABIYA, 2, 1),
    )
    assert dashboard.figures(dt.date(2020, 12, 1), None).outlets == (OutletCount(ANADOLU, 1, 1),)


def test_a_short_range_is_charted_per_day_with_gaps_filled(dashboard: DashboardService, desk: Desk) -> None:
    timeline = dashboard.figures(dt.date(2020, 9, 30), dt.date(2020, 10, 4)).timeline
    assert timeline.granularity is Granularity.DAY
    assert [(b.start, b.statements) for b in timeline.buckets] == [
        (dt.date(2020, 9, 30), 0),
        (dt.date(2020, 10, 1), 2),
        (dt.date(2020, 10, 2), 0),
        (dt.date(2020, 10, 3), 2),
        (dt.date(2020, 10, 4), 0),
    ]
    assert timeline.undated == 2


def test_the_whole_database_spans_weeks_starting_on_monday(dashboard: DashboardService, desk: Desk) -> None:
    timeline = dashboard.figures().timeline
    assert timeline.granularity is Granularity.WEEK  # 1 Oct .. 20 Dec 2020 is 81 days
    assert timeline.buckets[0] == TimeBucket(dt.date(2020, 9, 28), dt.date(2020, 10, 4), 4)
    assert timeline.buckets[-1] == TimeBucket(dt.date(2020, 12, 14), dt.date(2020, 12, 20), 1)
    assert sum(b.statements for b in timeline.buckets) == 5
    assert all(b.start.weekday() == 0 for b in timeline.buckets)
    assert len(timeline.buckets) == 12
    assert timeline.undated == 2


def test_an_empty_database_has_zero_figures(services: Services, dashboard: DashboardService) -> None:
    figures = dashboard.figures()
    assert figures.statements == figures.claims == 0
    assert figures.verdicts[-1] == LabelCount(None, 0)
    assert all(v.count == 0 for v in figures.verdicts)
    assert figures.speakers == figures.outlets == ()
    assert figures.timeline.buckets == ()
    assert [p.party for p in figures.parties] == [
        label.key for label in services.labels.labels(LabelSet.PARTY_ALIGNMENT)
    ]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (dt.date(2020, 10, 1), dt.date(2020, 10, 1), Granularity.DAY),
        (dt.date(2020, 10, 1), dt.date(2020, 12, 1), Granularity.DAY),  # 62 days
        (dt.date(2020, 10, 1), dt.date(2020, 12, 2), Granularity.WEEK),
        (dt.date(2020, 1, 1), dt.date(2022, 12, 31), Granularity.WEEK),
        (dt.date(2018, 1, 1), dt.date(2022, 12, 31), Granularity.MONTH),
    ],
)
def test_granularity_grows_with_the_range(first: dt.date, last: dt.date, expected: Granularity) -> None:
    assert granularity_for(first, last) is expected


def test_monthly_buckets_cross_the_year_end() -> None:
    counts = [(dt.date(2019, 11, 30), 2), (dt.date(2020, 1, 15), 3), (dt.date(2020, 1, 31), 1)]
    result = buckets(counts, dt.date(2019, 11, 15), dt.date(2020, 2, 3), Granularity.MONTH)
    assert [(b.start, b.end, b.statements) for b in result] == [
        (dt.date(2019, 11, 1), dt.date(2019, 11, 30), 2),
        (dt.date(2019, 12, 1), dt.date(2019, 12, 31), 0),
        (dt.date(2020, 1, 1), dt.date(2020, 1, 31), 4),
        (dt.date(2020, 2, 1), dt.date(2020, 2, 29), 0),
    ]
