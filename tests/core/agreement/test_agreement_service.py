"""Two (and three) analysts annotate one short article through the real services; the report is checked by hand."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from karabakh_annotator.core.agreement import NONE_CATEGORY
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.agreement import AgreementService
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import Database
from tests.core.conftest import OTHER_TEXT, span_of

# Written for this test (not taken from any outlet).
TALKS_TEXT = (
    "موسكو تعرض الوساطة بين باكو ويريفان\n"
    "قال وزير الخارجية الأذربيجاني إن بلاده ملتزمة بالهدنة.\n"
    "وأكد المتحدث باسم وزارة الدفاع الأرمينية أن القوات الأذربيجانية قصفت قرى حدودية.\n"
    "ونفت باكو هذه الاتهامات جملة وتفصيلا.\n"
    "وزعمت مصادر محلية أن المدنيين غادروا المنطقة.\n"
    "وأعلنت موسكو أنها مستعدة للوساطة بين الطرفين."
)
S1 = "قال وزير الخارجية الأذربيجاني إن بلاده ملتزمة بالهدنة."
S2 = "وأكد المتحدث باسم وزارة الدفاع الأرمينية أن القوات الأذربيجانية قصفت قرى حدودية."
S2_CLAUSE = "أن القوات الأذربيجانية قصفت قرى حدودية."
S3 = "ونفت باكو هذه الاتهامات جملة وتفصيلا."
S4 = "وزعمت مصادر محلية أن المدنيين غادروا المنطقة."
S5 = "وأعلنت موسكو أنها مستعدة للوساطة بين الطرفين."

AZ_MFA, ARM_MOD, RU_MFA, KREMLIN = (
    "وزارة الخارجية الأذربيجانية",
    "وزارة الدفاع الأرمينية",
    "وزارة الخارجية الروسية",
    "الكرملين",
)


@dataclass(frozen=True)
class Desk:
    services: Services
    agreement: AgreementService
    talks: int
    other: int
    text: str
    speakers: dict[str, int]

    def mark(self, analyst: str, quote: str, **labels: object) -> int:
        start, end = span_of(self.text, quote)
        patch = StatementPatch(**labels)  # type: ignore[arg-type]
        record, _ = self.services.statements.mark_statement(self.talks, start, end, analyst, patch)
        return record.id

    def claim(self, summary: str, verdict: str, statement_ids: list[int]) -> None:
        record, _ = self.services.claims.create_claim(summary, "Amal", statement_ids)
        self.services.claims.edit_claim(
            record.id, ClaimPatch(verdict=verdict, explanation="تنفيه صور الأقمار الصناعية."), "Amal"
        )


def build_desk(services: Services, database: Database) -> Desk:
    """Amal and Bilal annotate the talks article independently.

    sentence  Amal                       Bilal
    S1        S1: AZ_MFA, pro_az,        S1 (exact): AZ_MFA, pro_az,
              reports, claim C1 (false)  reports, claim C1 (false)
    S2        S2: ARM_MOD, pro_arm,      the clause after أن (partial):
              distances, C2 (false)      ARM_MOD, pro_arm, refutes, C2 (false)
    S3        S3                         S3, then deleted
    S4        -                          S4
    S5        S5: RU_MFA, neutral,       S5 (exact): KREMLIN, neutral,
              reports                    no stance
    Amal also marks the other article, which Bilal never opened.
    """
    talks = services.articles.store_article(
        ParsedArticle(text=TALKS_TEXT, raw=TALKS_TEXT.encode(), source_file="talks.txt")
    ).article_id
    other = services.articles.store_article(
        ParsedArticle(text=OTHER_TEXT, raw=OTHER_TEXT.encode(), source_file="other.txt")
    ).article_id
    assert talks is not None and other is not None
    text = services.articles.get_article(talks).text
    speakers = {name: services.entities.create_entity(name, "Amal")[0].id for name in (AZ_MFA, ARM_MOD, RU_MFA, KREMLIN)}
    d = Desk(services, AgreementService(database.sessions), talks, other, text, speakers)
    a1 = d.mark("Amal", S1, speaker_id=speakers[AZ_MFA], party="pro_azerbaijan", stance="reports")
    a2 = d.mark("Amal", S2, speaker_id=speakers[ARM_MOD], party="pro_armenia", stance="distances")
    d.mark("Amal", S3)
    d.mark("Amal", S5, speaker_id=speakers[RU_MFA], party="neutral", stance="reports")
    b1 = d.mark("Bilal", S1, speaker_id=speakers[AZ_MFA], party="pro_azerbaijan", stance="reports")
    b2 = d.mark("Bilal", S2_CLAUSE, speaker_id=speakers[ARM_MOD], party="pro_armenia", stance="refutes")
    services.statements.delete_statement(d.mark("Bilal", S3), "Bilal")
    d.mark("Bilal", S4)
    d.mark("Bilal", S5, speaker_id=speakers[KREMLIN], party="neutral")
    d.claim("القوات الأذربيجانية خرقت الهدنة", "false", [a1, b1])
    d.claim("أذربيجان قصفت قرى حدودية أرمينية", "false", [a2, b2])
    start, end = span_of(OTHER_TEXT, "أعلن الرئيس أن المحادثات ستستأنف")
    services.statements.mark_statement(other, start, end, "Amal")
    return d


@pytest.fixture
def desk(services: Services, database: Database) -> Desk:
    return build_desk(services, database)


def test_span_agreement_of_two_analysts(desk: Desk) -> None:
    report = desk.agreement.report(["Amal", "Bilal"])
    assert report.analysts == ("Amal", "Bilal")
    assert report.article_ids == (desk.talks,)  # the other article: Amal only
    assert report.units == 3  # S1, S2, S5
    (spans,) = report.spans
    # 4 live statements each (Bilal's S3 is deleted); S1 and S5 exact, S2 partial.
    assert (spans.statements_a, spans.statements_b, spans.exact, spans.partial) == (4, 4, 2, 3)
    assert spans.f1_exact == pytest.approx(2 * 2 / 8)
    assert spans.f1_partial == pytest.approx(2 * 3 / 8)


def test_label_agreement_as_computed_by_hand(desk: Desk) -> None:
    report = desk.agreement.report(["Amal", "Bilal"])
    assert [x.label_set for x in report.labels] == ["speaker", "party_alignment", "reporting_stance", "verdict"]

    # Speaker, units S1 (AZ, AZ), S2 (ARM, ARM), S5 (RU, KREMLIN):
    #   p_o = 2/3; each analyst uses three speakers once, two in common: p_e = 2/9;
    #   kappa = (2/3 - 2/9) / (7/9) = 4/7.
    #   alpha: n = 6 values (AZ 2, ARM 2, RU 1, KREMLIN 1), o[RU][KREMLIN] = o[KREMLIN][RU] = 1;
    #   alpha = 1 - (6 - 1) * 2 / (36 - 4 - 4 - 1 - 1) = 1 - 10/26 = 8/13.
    speaker = report.label("speaker")
    assert (speaker.units, speaker.kappa, speaker.alpha) == (3, pytest.approx(4 / 7), pytest.approx(8 / 13))
    (table,) = speaker.confusion
    assert table.categories == (KREMLIN, AZ_MFA, RU_MFA, ARM_MOD)  # by name
    assert table.count(RU_MFA, KREMLIN) == 1 and table.count(AZ_MFA, AZ_MFA) == 1
    assert sum(map(sum, table.counts)) == 3

    # Party alignment: the same on all three units.
    party = report.label("party_alignment")
    assert (party.units, party.kappa, party.alpha) == (3, 1.0, 1.0)
    assert party.confusion[0].categories == ("pro_azerbaijan", "pro_armenia", "neutral")  # label-set order

    # Reporting stance: Bilal left S5 empty, so two units: (reports, reports), (distances, refutes).
    #   p_o = 1/2, p_e = 1/2 * 1/2 = 1/4, kappa = (1/2 - 1/4) / (3/4) = 1/3.
    #   alpha: n = 4 (reports 2, distances 1, refutes 1), disagreement 2;
    #   alpha = 1 - 3 * 2 / (16 - 4 - 1 - 1) = 0.4.
    stance = report.label("reporting_stance")
    assert (stance.units, stance.kappa, stance.alpha) == (2, pytest.approx(1 / 3), pytest.approx(0.4))
    (table,) = stance.confusion
    assert table.categories == ("reports", "distances", "refutes", NONE_CATEGORY)
    assert table.count("reports", NONE_CATEGORY) == 1 and table.count("distances", "refutes") == 1

    # Verdict: both claims are "false", S5 has none: a single value, so kappa and alpha are undefined.
    verdict = report.label("verdict")
    assert (verdict.units, verdict.kappa, verdict.alpha) == (2, None, None)
    assert verdict.confusion[0].counts == ((2, 0), (0, 1))  # false, (none)


def test_three_analysts_alpha_with_missing_values(desk: Desk) -> None:
    desk.mark("Dana", S1, speaker_id=desk.speakers[AZ_MFA])
    desk.mark("Dana", S2_CLAUSE, speaker_id=desk.speakers[ARM_MOD])
    report = desk.agreement.report(["Amal", "Bilal", "Dana"])
    pairs = {(s.analyst_a, s.analyst_b): s for s in report.spans}
    assert list(pairs) == [("Amal", "Bilal"), ("Amal", "Dana"), ("Bilal", "Dana")]
    # Amal 4, Dana 2: S1 exact, S2 partial -> F1 2/6 and 4/6. Bilal and Dana: both exact -> 4/6.
    assert (pairs["Amal", "Dana"].f1_exact, pairs["Amal", "Dana"].f1_partial) == (pytest.approx(1 / 3), pytest.approx(2 / 3))
    assert (pairs["Bilal", "Dana"].exact, pairs["Bilal", "Dana"].partial) == (2, 2)
    # Speaker units (AZ, AZ, AZ), (ARM, ARM, ARM), (RU, KREMLIN, -): coincidences
    # o[AZ][AZ] = o[ARM][ARM] = 6 * 1/2 = 3, o[RU][KREMLIN] = o[KREMLIN][RU] = 1; n = 8;
    # alpha = 1 - 7 * 2 / (64 - 9 - 9 - 1 - 1) = 1 - 14/44 = 15/22.
    speaker = report.label("speaker")
    assert (speaker.units, speaker.kappa, speaker.alpha) == (3, None, pytest.approx(15 / 22))
    assert len(speaker.confusion) == 3
    # Dana set no party: hers is missing, the other two still agree on all three units.
    assert report.label("party_alignment").alpha == 1.0


def test_no_overlap_at_all_reports_zero_and_undefined(desk: Desk) -> None:
    services = desk.services
    services.statements.mark_statement(desk.other, *span_of(OTHER_TEXT, "بحسب وكالة AzVision"), "Bilal")
    report = desk.agreement.report(["Amal", "Bilal"], article_ids=[desk.other])
    assert report.article_ids == (desk.other,) and report.units == 0
    assert (report.spans[0].exact, report.spans[0].partial, report.spans[0].f1_partial) == (0, 0, 0.0)
    assert all(x.units == 0 and x.kappa is None and x.alpha is None for x in report.labels)
    assert all(t.categories == () for x in report.labels for t in x.confusion)


def test_refusals_say_what_is_wrong(desk: Desk) -> None:
    with pytest.raises(ServiceError, match="at least two"):
        desk.agreement.report(["Amal"])
    with pytest.raises(ServiceError, match="at least two"):
        desk.agreement.report(["Amal", " Amal "])
    with pytest.raises(ServiceError, match="no analyst named 'Zed'"):
        desk.agreement.report(["Amal", "Zed"])
    desk.services.statements.mark_statement(desk.other, 0, 4, "Carl")
    with pytest.raises(ServiceError, match="'Bilal' and 'Carl' have no annotated article in common"):
        desk.agreement.report(["Bilal", "Carl"])
    with pytest.raises(ServiceError, match="among the chosen articles"):
        desk.agreement.report(["Amal", "Bilal"], article_ids=[desk.other])


def test_a_deleted_statement_no_longer_counts(desk: Desk) -> None:
    (bilal_s4,) = [
        s.id for s in desk.services.statements.statements_for_article(desk.talks) if s.analyst == "Bilal" and s.quote == S4
    ]
    desk.services.statements.delete_statement(bilal_s4, "Bilal")
    spans = desk.agreement.report(["Amal", "Bilal"]).spans[0]
    assert (spans.statements_b, spans.f1_partial) == (3, pytest.approx(2 * 3 / 7))
