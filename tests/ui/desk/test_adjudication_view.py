"""The adjudication view: two analysts' statements side by side, differences highlighted, taking one into gold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.adjudication import GOLD_ANALYST
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.ui.desk.adjudication_model import (
    ALONE,
    DIFFERENT,
    DIFFERS_ROLE,
    LINES_ROLE,
    NOT_MARKED,
    NOT_SETTLED,
    SETTLED,
    AdjudicationModel,
    Field,
    Part,
    Side,
    column,
)
from karabakh_annotator.ui.desk.adjudication_view import AdjudicationView

FIRST, SECOND, REVIEWER = "ali", "bob", "reviewer"
TITLE = "اشتباكات على خط التماس"
TEXT = (
    "قال المتحدث باسم وزارة الدفاع إن القوات صدت هجوما قرب المدينة.\n"
    "وأضاف أن الطرف الآخر تكبد خسائر فادحة في المعدات.\n"
    "ونفت الوزارة الأخرى وقوع أي هجوم في المنطقة."
)
ONE = "القوات صدت هجوما قرب المدينة"
TWO = "الطرف الآخر تكبد خسائر فادحة في المعدات"
TWO_SHORT = "الطرف الآخر تكبد خسائر فادحة"
THREE = "وقوع أي هجوم في المنطقة"


@dataclass(frozen=True)
class TwoAnalysts:
    article_id: int
    first_ids: list[int]  # ONE, TWO
    second_ids: list[int]  # ONE, TWO_SHORT, THREE


def _mark(services: Services, article_id: int, quote: str, analyst: str, **labels: object) -> int:
    start = TEXT.index(quote)
    statement, _ = services.statements.mark_statement(
        article_id, start, start + len(quote), analyst, StatementPatch(**labels)  # type: ignore[arg-type]
    )
    return statement.id


@pytest.fixture
def two(services: Services) -> TwoAnalysts:
    """ali and bob annotate the same article: one place alike but for the stance, one span differs, one only bob."""
    outcome = services.articles.store_article(
        ParsedArticle(
            text=TEXT, raw=TEXT.encode(), source_file="clash.txt", title=TITLE, outlet="وكالة", published=dt.date(2020, 10, 4)
        )
    )
    assert outcome.article_id is not None
    article = outcome.article_id
    speaker, _ = services.entities.create_entity("وزارة الدفاع", FIRST)
    first = [
        _mark(services, article, ONE, FIRST, speaker_id=speaker.id, stance="reports", party="pro_azerbaijan"),
        _mark(services, article, TWO, FIRST, speaker_id=speaker.id, stance="reports"),
    ]
    second = [
        _mark(services, article, ONE, SECOND, speaker_id=speaker.id, stance="asserts", party="pro_azerbaijan"),
        _mark(services, article, TWO_SHORT, SECOND, speaker_id=speaker.id, stance="reports"),
        _mark(services, article, THREE, SECOND, stance="refutes"),
    ]
    return TwoAnalysts(article, first, second)


@pytest.fixture
def view(qtbot, services: Services, two: TwoAnalysts, arabic_family: str) -> AdjudicationView:
    widget = AdjudicationView(services, arabic_family)
    qtbot.addWidget(widget)
    widget.resize(1400, 420)
    widget.set_article(two.article_id)
    widget.set_analysts(FIRST, SECOND)
    return widget


def _quote(view: AdjudicationView, row: int, side: Side) -> str:
    return view.model.data(view.model.index(row, column(side, Part.QUOTE)))


def _labels(view: AdjudicationView, row: int, side: Side) -> dict[Field, tuple[str, bool]]:
    """Each labelled field's shown text, and whether it is highlighted as differing."""
    lines = view.model.data(view.model.index(row, column(side, Part.LABELS)), LINES_ROLE)
    return {line.field: (line.text, line.differs) for line in lines}


def _tint(view: AdjudicationView, row: int, side: Side, part: Part) -> object:
    return view.model.data(view.model.index(row, column(side, part)), Qt.ItemDataRole.BackgroundRole)


def test_model_passes_qt_model_tester(qtmodeltester, services: Services, two: TwoAnalysts) -> None:
    model = AdjudicationModel()
    qtmodeltester.check(model)
    model.set_rows(services.adjudication.compare(two.article_id, FIRST, SECOND), FIRST, SECOND)
    qtmodeltester.check(model)


def test_pairs_show_side_by_side_with_differences_highlighted(view: AdjudicationView) -> None:
    assert view.model.rowCount() == 3
    assert view.model.headerData(column(Side.FIRST, Part.QUOTE), Qt.Orientation.Horizontal) == f"{FIRST}: quote"
    assert view.model.headerData(column(Side.SECOND, Part.QUOTE), Qt.Orientation.Horizontal) == f"{SECOND}: quote"
    # Same span and speaker, different stance: only the stance is highlighted.
    assert _quote(view, 0, Side.FIRST) == ONE == _quote(view, 0, Side.SECOND)
    assert _tint(view, 0, Side.FIRST, Part.QUOTE) is None
    left, right = _labels(view, 0, Side.FIRST), _labels(view, 0, Side.SECOND)
    assert left[Field.SPEAKER] == ("وزارة الدفاع", False) == right[Field.SPEAKER]
    assert left[Field.STANCE][0].startswith("Reports") and left[Field.STANCE][1]
    assert right[Field.STANCE][0].startswith("Asserts") and right[Field.STANCE][1]
    assert left[Field.PARTY] == ("Pro-Azerbaijan", False)
    assert view.model.data(view.model.index(0, column(Side.FIRST, Part.LABELS)), DIFFERS_ROLE) == {Field.STANCE}
    # Different spans: the quotes are highlighted; the labels agree, party left empty by both.
    assert (_quote(view, 1, Side.FIRST), _quote(view, 1, Side.SECOND)) == (TWO, TWO_SHORT)
    assert _tint(view, 1, Side.FIRST, Part.QUOTE) == DIFFERENT == _tint(view, 1, Side.SECOND, Part.QUOTE)
    assert _labels(view, 1, Side.FIRST)[Field.PARTY] == ("(no party)", False)
    assert not any(differing for _, differing in _labels(view, 1, Side.SECOND).values())
    # Only bob marked the third place.
    assert _quote(view, 2, Side.FIRST) == NOT_MARKED
    assert _quote(view, 2, Side.SECOND) == THREE
    assert _tint(view, 2, Side.SECOND, Part.QUOTE) == ALONE == _tint(view, 2, Side.SECOND, Part.LABELS)
    assert _quote(view, 2, Side.GOLD) == NOT_SETTLED
    assert "3 places: 3 differ, 0 settled" in view.summary.text()


def test_gold_is_not_offered_as_an_analyst(view: AdjudicationView, services: Services, two: TwoAnalysts) -> None:
    services.adjudication.accept(two.first_ids[0], REVIEWER)
    view.reload()
    offered = [view.first.itemText(i) for i in range(view.first.count())]
    assert GOLD_ANALYST not in offered
    assert FIRST in offered and SECOND in offered


def test_taking_by_key_emits_the_statement_and_gold_shows_after_reload(
    qtbot, view: AdjudicationView, services: Services, two: TwoAnalysts
) -> None:
    view.show()
    with qtbot.waitActive(view):  # shortcuts reach only the active window
        view.activateWindow()
    view.table.setFocus()
    view.select_row(1)
    with qtbot.waitSignal(view.sig_accept_requested) as taken:
        qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert taken.args == [two.second_ids[1]]
    # What the main window does with the request:
    services.adjudication.accept(taken.args[0], REVIEWER)
    view.reload()
    assert view.selected_row() is view.model.row_at(1)  # the reviewer's place is kept
    assert _quote(view, 1, Side.GOLD) == TWO_SHORT
    assert _labels(view, 1, Side.GOLD)[Field.SPEAKER] == ("وزارة الدفاع", False)
    assert _tint(view, 1, Side.GOLD, Part.QUOTE) == SETTLED
    tooltip = view.model.data(view.model.index(1, column(Side.GOLD, Part.QUOTE)), Qt.ItemDataRole.ToolTipRole)
    assert f"Same as {SECOND}'s version" in tooltip
    assert "1 settled" in view.summary.text()
    # Changing one's mind: take the left version instead; it replaces the gold one.
    with qtbot.waitSignal(view.sig_accept_requested) as taken:
        qtbot.keyClick(view.table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert taken.args == [two.first_ids[1]]
    services.adjudication.accept(taken.args[0], REVIEWER)
    view.reload()
    assert _quote(view, 1, Side.GOLD) == TWO


def test_take_buttons_follow_the_selected_row(qtbot, view: AdjudicationView, two: TwoAnalysts) -> None:
    view.select_row(2)  # only bob marked it
    assert not view.take_left_button.isEnabled()
    assert view.take_right_button.isEnabled()
    with qtbot.assertNotEmitted(view.sig_accept_requested):
        view.take(Side.FIRST)
    with qtbot.waitSignal(view.sig_accept_requested) as taken:
        qtbot.mouseClick(view.take_right_button, Qt.MouseButton.LeftButton)
    assert taken.args == [two.second_ids[2]]
    view.select_row(0)
    assert view.take_left_button.isEnabled()
    with qtbot.waitSignal(view.sig_accept_requested) as taken:
        qtbot.mouseClick(view.take_left_button, Qt.MouseButton.LeftButton)
    assert taken.args == [two.first_ids[0]]


def test_swapping_analysts_and_same_analyst_twice(view: AdjudicationView) -> None:
    assert view.set_analysts(SECOND, FIRST)
    assert _quote(view, 2, Side.FIRST) == THREE
    assert _quote(view, 2, Side.SECOND) == NOT_MARKED
    view.second.setCurrentIndex(view.second.findData(SECOND))
    assert view.model.rowCount() == 0
    assert "two different analysts" in view.summary.text()
    assert not view.take_left_action.isEnabled()
    assert not view.set_analysts("nobody", FIRST)


def test_an_article_neither_marked(view: AdjudicationView, services: Services, demo) -> None:
    view.reload()
    assert view.set_article(demo.emoji_id)
    assert view.model.rowCount() == 0
    assert "Neither" in view.summary.text()


def test_the_adjudication_view_renders(
    view: AdjudicationView, services: Services, two: TwoAnalysts, tmp_path: Path
) -> None:
    services.adjudication.accept(two.first_ids[0], REVIEWER)
    view.reload()
    image = view.grab()
    assert not image.isNull()
    assert image.save(str(tmp_path / "adjudication_view.png"))


def test_choosers_are_reached_by_their_mnemonics(qtbot, view: AdjudicationView) -> None:
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert view.second.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert view.article.hasFocus()
