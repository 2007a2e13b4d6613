"""The agreement view: ticking analysts, Compute, the span / label tables and the confusion table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from karabakh_annotator.core.agreement.report import (
    NONE_CATEGORY,
    AgreementReport,
    ConfusionTable,
    LabelAgreement,
    SpanAgreement,
)
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.desk.agreement_view import AGREE, DISAGREE, UNDEFINED, AgreementView

SPEAKER_A, SPEAKER_B = "وزارة الدفاع", "المتحدث الرسمي"


def _fake_report(analysts: Sequence[str]) -> AgreementReport:
    """Numbers the view must show as given (they need not be consistent with each other)."""
    names = tuple(analysts)
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    categories = (SPEAKER_A, SPEAKER_B, NONE_CATEGORY)
    speaker = [ConfusionTable(a, b, categories, ((2, 0, 1), (1, 1, 0), (0, 0, 0))) for a, b in pairs]
    stance = [ConfusionTable(a, b, ("reports", "refutes"), ((2, 1), (0, 1))) for a, b in pairs]
    two = len(names) == 2
    return AgreementReport(
        analysts=names,
        article_ids=(1, 2),
        units=4,
        spans=tuple(SpanAgreement(a, b, 5, 4, 2, 4, 4 / 9, 8 / 9) for a, b in pairs),
        labels=(
            LabelAgreement("speaker", 4, 0.5 if two else None, 0.5238, tuple(speaker)),
            LabelAgreement("reporting_stance", 4, 0.25 if two else None, 0.2, tuple(stance)),
            LabelAgreement("verdict", 0, None, None, ()),
        ),
    )


class FakeReport:
    """Records the analysts it was asked about; raises when told to."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.error: Exception | None = None

    def __call__(self, analysts: Sequence[str]) -> AgreementReport:
        self.calls.append(list(analysts))
        if self.error is not None:
            raise self.error
        return _fake_report(analysts)


@pytest.fixture
def fake() -> FakeReport:
    return FakeReport()


@pytest.fixture
def view(qtbot, fake: FakeReport, services: Services, arabic_family: str) -> AgreementView:
    widget = AgreementView(
        fake,
        lambda: ["ali", "bob", "carol"],
        labels=LabelCatalog.from_service(services.labels),
        arabic_family=arabic_family,
    )
    qtbot.addWidget(widget)
    widget.resize(1150, 620)
    return widget


def _cells(table, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_first_two_analysts_are_ticked_and_compute_needs_two(view: AgreementView, fake: FakeReport) -> None:
    assert view.checked_analysts() == ["ali", "bob"]
    assert view.agreement_values() == {}
    view.set_checked_analysts(["bob"])
    assert not view.compute_button.isEnabled()
    assert view.compute() is None
    assert fake.calls == []
    assert "at least two" in view.status.text()
    view.set_checked_analysts(["ali", "carol"])
    assert view.compute_button.isEnabled()


def test_compute_shows_the_reports_numbers(qtbot, view: AgreementView, fake: FakeReport) -> None:
    with qtbot.waitSignal(view.sig_report_computed):
        qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    assert fake.calls == [["ali", "bob"]]
    assert _cells(view.spans, 0) == ["ali – bob", "5 / 4", "2", "4", "0.444", "0.889"]
    assert view.label_table.rowCount() == 3
    assert _cells(view.label_table, 0) == ["Speaker", "4", "0.500", "0.524"]
    assert _cells(view.label_table, 1) == ["Reporting stance", "4", "0.250", "0.200"]
    assert _cells(view.label_table, 2) == ["Verdict", "0", UNDEFINED, UNDEFINED]
    assert view.agreement_values() == {"speaker": 0.5238, "reporting_stance": 0.2, "verdict": None}
    assert "2 articles" in view.status.text() and "4 matched" in view.status.text()


def test_confusion_table_for_the_chosen_label_set(view: AgreementView) -> None:
    view.compute()
    confusion = view.confusion
    # The speaker set first: Arabic names as they are, empty fields as "(none)".
    assert [confusion.horizontalHeaderItem(c).text() for c in range(3)] == [SPEAKER_A, SPEAKER_B, NONE_CATEGORY]
    assert _cells(confusion, 0) == ["2", "0", "1"]
    assert confusion.item(0, 0).background().color() == AGREE
    assert confusion.item(0, 2).background().color() == DISAGREE
    assert "rows are ali's values, columns bob's" in view.confusion_caption.text()
    # Choosing the label set by its row in the label table; keys shown under their label names.
    view.label_table.setCurrentCell(1, 0)
    assert view.label_set.currentData() == "reporting_stance"
    headers = [confusion.verticalHeaderItem(r).text() for r in range(confusion.rowCount())]
    assert headers[0].startswith("Reports") and headers[1].startswith("Refutes")
    assert _cells(confusion, 0) == ["2", "1"]
    assert _cells(confusion, 1) == ["0", "1"]
    # A set with no tables shows an empty one.
    view.show_confusion("verdict")
    assert confusion.rowCount() == 0


def test_three_analysts_have_no_kappa_and_a_table_per_pair(view: AgreementView, fake: FakeReport) -> None:
    view.set_checked_analysts(["ali", "bob", "carol"])
    view.compute()
    assert fake.calls == [["ali", "bob", "carol"]]
    assert view.spans.rowCount() == 3
    assert _cells(view.label_table, 0)[2] == UNDEFINED
    assert [view.pair.itemText(i) for i in range(view.pair.count())] == ["ali × bob", "ali × carol", "bob × carol"]
    view.show_confusion("speaker", 2)
    assert "rows are bob's values, columns carol's" in view.confusion_caption.text()


def test_a_refusal_is_shown_and_clears_the_report(view: AgreementView, fake: FakeReport) -> None:
    view.compute()
    fake.error = ServiceError("'ali' and 'bob' have no annotated article in common")
    assert view.compute() is None
    assert "no annotated article in common" in view.status.text()
    assert view.spans.rowCount() == 0 and view.label_table.rowCount() == 0 and view.confusion.rowCount() == 0
    assert view.agreement_values() == {}


def test_keyboard_ticks_and_computes(qtbot, view: AgreementView, fake: FakeReport) -> None:
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    view.analyst_list.setFocus()
    view.analyst_list.setCurrentRow(2)
    qtbot.keyClick(view.analyst_list, Qt.Key.Key_Space)
    assert view.checked_analysts() == ["ali", "bob", "carol"]
    qtbot.keyClick(view.analyst_list, Qt.Key.Key_F9)
    assert fake.calls == [["ali", "bob", "carol"]]


def test_reload_keeps_the_ticks(qtbot, services: Services) -> None:
    names = ["ali", "gold", "zed"]
    widget = AgreementView(_fake_report, lambda: list(names))
    qtbot.addWidget(widget)
    assert widget.checked_analysts() == ["ali", "zed"]  # the gold set is not an analyst to start with
    widget.set_checked_analysts(["gold", "zed"])
    names.insert(0, "aaron")
    widget.reload()
    assert [widget.analyst_list.item(r).text() for r in range(4)] == ["aaron", "ali", "gold", "zed"]
    assert widget.checked_analysts() == ["gold", "zed"]


TEXT = (
    "قال المتحدث باسم وزارة الدفاع إن القوات صدت هجوما قرب المدينة.\n"
    "وأضاف أن الطرف الآخر تكبد خسائر فادحة.\n"
    "ونفت الوزارة الأخرى وقوع أي هجوم."
)


def _mark(services: Services, article_id: int, quote: str, analyst: str, stance: str) -> None:
    start = TEXT.index(quote)
    services.statements.mark_statement(article_id, start, start + len(quote), analyst, StatementPatch(stance=stance))


def test_against_the_real_agreement_service(qtbot, services: Services) -> None:
    outcome = services.articles.store_article(
        ParsedArticle(text=TEXT, raw=TEXT.encode(), source_file="a.txt", title="هجوم", published=dt.date(2020, 10, 5))
    )
    assert outcome.article_id is not None
    article = outcome.article_id
    # Same first statement and stance; the second overlapping with another stance; a third only ali marked.
    _mark(services, article, "القوات صدت هجوما قرب المدينة", "ali", "reports")
    _mark(services, article, "القوات صدت هجوما قرب المدينة", "bob", "reports")
    _mark(services, article, "الطرف الآخر تكبد خسائر فادحة", "ali", "reports")
    _mark(services, article, "الطرف الآخر تكبد خسائر", "bob", "distances")
    _mark(services, article, "وقوع أي هجوم", "ali", "refutes")
    widget = AgreementView(
        services.agreement.report, services.history.analysts, labels=LabelCatalog.from_service(services.labels)
    )
    qtbot.addWidget(widget)
    assert widget.checked_analysts() == ["ali", "bob"]
    report = widget.compute()
    assert report is not None
    # 3 + 2 statements, 1 exact and 2 overlapping pairs: F1 2/5 and 4/5.
    assert _cells(widget.spans, 0) == ["ali – bob", "3 / 2", "1", "2", "0.400", "0.800"]
    rows = [_cells(widget.label_table, r) for r in range(widget.label_table.rowCount())]
    assert [row[0] for row in rows] == ["Speaker", "Party alignment", "Reporting stance", "Verdict"]
    # Stances (reports, reports) and (reports, distances): p_o = 1/2 = p_e, so kappa is 0;
    # alpha = 1 - (4 - 1) * 2 / (4² - 3² - 1²) = 0 as well.
    assert rows[2][1:] == ["2", "0.000", "0.000"]
    assert widget.agreement_values() == {item.label_set: item.alpha for item in report.labels}
    widget.show_confusion("reporting_stance")
    table = report.label("reporting_stance").confusion[0]
    assert table.count("reports", "reports") == 1 and table.count("reports", "distances") == 1
    row = table.categories.index("reports")
    column = table.categories.index("distances")
    assert widget.confusion.item(row, column).text() == "1"
    assert widget.confusion.item(row, row).text() == "1"


def test_the_agreement_view_renders(view: AgreementView, tmp_path: Path) -> None:
    view.compute()
    image = view.grab()
    assert not image.isNull()
    assert image.save(str(tmp_path / "agreement_view.png"))
