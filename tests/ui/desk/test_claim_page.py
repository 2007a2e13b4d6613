"""The claims desk and claim page, driven by keyboard and mouse; edits go through undoable commands.

`Window` stands in for the main window: it turns the desk's requests into
commands on a QUndoStack, reports changes back with `apply_changes` and
refusals with `show_error`, as the real window is to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.ui.desk.claim_page import NO_CLAIM
from karabakh_annotator.ui.desk.claims_desk import ClaimsDesk
from karabakh_annotator.ui.desk.claims_table_model import Column
from karabakh_annotator.ui.desk.evidence_commands import AddEvidenceCommand, WithdrawEvidenceCommand
from karabakh_annotator.ui.undo_commands import EditClaimCommand

from tests.ui.conftest import ANALYST, DemoData

REVIEWER = "omar"
URL = "https://example.org/satellite-images"
EXPLANATION = "صور الأقمار الصناعية لا تظهر أي حطام في الوادي."


class Window:
    """The main window's part: requests become commands on an undo stack; results go back to the desk."""

    def __init__(self, services: Services, arabic_family: str) -> None:
        self.services = services
        self.analyst = ANALYST
        self.stack = QUndoStack()
        self.errors: list[Exception] = []
        self.requests: list[tuple[str, tuple[object, ...]]] = []
        self.desk = ClaimsDesk(services, arabic_family, lambda: self.analyst)
        self.desk.sig_claim_edit_requested.connect(lambda cid, patch: self._push("edit", EditClaimCommand, cid, patch))
        self.desk.sig_evidence_add_requested.connect(lambda cid, kw: self._push("add", AddEvidenceCommand, cid, kw))
        self.desk.sig_evidence_withdraw_requested.connect(
            lambda eid: self._push("withdraw", WithdrawEvidenceCommand, eid)
        )
        self.desk.sig_statement_open_requested.connect(lambda sid: self.requests.append(("open", (sid,))))

    def _push(self, name: str, make: Callable[..., object], *args: object) -> None:
        self.requests.append((name, args))
        command = make(self.services, *args, analyst=self.analyst, on_changes=self.desk.apply_changes,
                       on_error=self._on_error)
        self.stack.push(command)  # type: ignore[arg-type]

    def _on_error(self, error: Exception) -> None:
        self.errors.append(error)
        self.desk.show_error(error)


@pytest.fixture
def claim_id(services: Services, demo: DemoData) -> int:
    """The demo's drone claim: spotted, verdict false, carried by the emoji statement."""
    claim_id = services.statements.get_statement(demo.emoji_statement_id).claim_id
    assert claim_id is not None
    return claim_id


@pytest.fixture
def drafted(services: Services, claim_id: int) -> int:
    """The drone claim with a verdict drafted by ANALYST."""
    services.claims.edit_claim(claim_id, ClaimPatch(status="in_progress", explanation=EXPLANATION), ANALYST)
    services.claims.edit_claim(claim_id, ClaimPatch(status="verdict_drafted"), ANALYST)
    return claim_id


@pytest.fixture
def window(qtbot, services: Services, arabic_family: str, demo: DemoData) -> Window:
    harness = Window(services, arabic_family)
    qtbot.addWidget(harness.desk)
    harness.desk.resize(1400, 850)
    harness.desk.show()
    qtbot.waitExposed(harness.desk)
    harness.desk.activateWindow()
    return harness


def _focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _open(window: Window, claim_id: int) -> None:
    assert window.desk.select_claim(claim_id)
    assert window.desk.current_claim_id() == claim_id


# -- showing a claim ----------------------------------------------------------------


def test_selecting_a_claim_fills_the_page(window: Window, demo: DemoData, claim_id: int) -> None:
    page = window.desk.page
    assert page.title.text() == NO_CLAIM
    assert not page.fields.summary.isEnabled()
    _open(window, claim_id)
    assert page.title.text() == f"Claim #{claim_id}"
    assert page.fields.summary.text() == "Drone shot down"
    assert page.fields.status.currentText() == "Spotted"
    assert page.fields.verdict.shown_label() == "false"
    assert page.fields.rating.value() == 1
    assert page.statements.statement_ids() == [demo.emoji_statement_id]
    row = page.statements.topLevelItem(0)
    assert [row.text(c) for c in range(5)] == [demo.emoji_quote, "", "قناة التجربة", "2020-10-02", demo.emoji_title]
    assert page.statements_heading.text() == "A&ppears in 1 statement"
    assert page.evidence_heading.text() == "Evidence (0)"
    assert ("analyst", "Verdict", "—", "False") in page.history.lines()
    assert page.history.lines()[0] == ("analyst", "Created claim", "", "Drone shot down")


def test_the_workflow_hint_names_the_next_moves(window: Window, drafted: int) -> None:
    _open(window, drafted)
    hint = window.desk.page.fields.workflow_hint.text()
    assert "Next: In progress, Reviewed." in hint
    assert "You drafted this verdict; another analyst reviews it." in hint
    window.analyst = REVIEWER
    window.desk.refresh_page()
    assert "Verdict drafted by analyst." in window.desk.page.fields.workflow_hint.text()


def test_activating_a_statement_asks_to_open_it(qtbot, window: Window, demo: DemoData, claim_id: int) -> None:
    _open(window, claim_id)
    statements = window.desk.page.statements
    _focus(qtbot, statements)
    QTest.keyClick(statements, Qt.Key.Key_Return)
    assert window.requests == [("open", (demo.emoji_statement_id,))]


# -- editing the claim's fields -------------------------------------------------------


def test_status_by_number_key_moves_the_claim(qtbot, window: Window, services: Services, claim_id: int) -> None:
    _open(window, claim_id)
    status = window.desk.page.fields.status
    _focus(qtbot, status)
    with qtbot.waitSignal(window.desk.sig_claim_edit_requested) as blocker:
        QTest.keyClick(status, Qt.Key.Key_4)  # the fourth status: in progress
    assert blocker.args == [claim_id, ClaimPatch(status="in_progress")]
    assert services.claims.get_claim(claim_id).status == "in_progress"
    view = window.desk.view
    assert view.model.index(view.model.row_of(claim_id), Column.STATUS).data() == "In progress"
    assert window.desk.page.history.lines()[-1] == ("analyst", "Status", "Spotted", "In progress")
    window.stack.undo()
    assert services.claims.get_claim(claim_id).status == "spotted"
    assert status.shown_label() == "spotted"


def test_review_by_the_drafter_is_refused_and_the_reason_shown(
    qtbot, window: Window, services: Services, drafted: int
) -> None:
    _open(window, drafted)
    page = window.desk.page
    status = page.fields.status
    _focus(qtbot, status)
    with qtbot.waitSignal(window.desk.sig_claim_edit_requested) as blocker:
        QTest.keyClick(status, Qt.Key.Key_6)  # reviewed
    assert blocker.args == [drafted, ClaimPatch(status="reviewed")]
    # The command's ServiceError came back through on_error; nothing changed, nothing to undo.
    assert len(window.errors) == 1 and isinstance(window.errors[0], ServiceError)
    assert window.stack.count() == 0
    assert services.claims.get_claim(drafted).status == "verdict_drafted"
    assert page.error.isVisible()
    assert page.error.text() == "Not changed: analyst drafted this verdict; another analyst must review it"
    assert status.shown_label() == "verdict_drafted"  # the combo shows the stored status again

    window.analyst = REVIEWER
    QTest.keyClick(status, Qt.Key.Key_6)
    assert services.claims.get_claim(drafted).status == "reviewed"
    assert not page.error.isVisible()
    assert page.history.lines()[-1] == (REVIEWER, "Status", "Verdict drafted", "Reviewed")


def test_a_draft_without_explanation_is_refused(qtbot, window: Window, services: Services, claim_id: int) -> None:
    services.claims.edit_claim(claim_id, ClaimPatch(status="in_progress"), ANALYST)
    _open(window, claim_id)
    _focus(qtbot, window.desk.page.fields.status)
    QTest.keyClick(window.desk.page.fields.status, Qt.Key.Key_5)  # verdict drafted
    assert window.desk.page.error.text() == "Not changed: a verdict needs an explanation"
    assert services.claims.get_claim(claim_id).status == "in_progress"


def test_explanation_is_confirmed_by_ctrl_enter_and_by_leaving(
    qtbot, window: Window, services: Services, claim_id: int
) -> None:
    _open(window, claim_id)
    fields = window.desk.page.fields
    _focus(qtbot, fields.explanation)
    fields.explanation.insertPlainText("لا دليل")
    QTest.keyClick(fields.explanation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.claims.get_claim(claim_id).explanation == "لا دليل"
    assert fields.explanation.toPlainText() == "لا دليل"  # no newline typed
    fields.explanation.insertPlainText(" مستقل")
    _focus(qtbot, fields.summary)  # leaving confirms
    assert services.claims.get_claim(claim_id).explanation == "لا دليل مستقل"
    _focus(qtbot, fields.explanation)
    _focus(qtbot, fields.summary)  # unchanged: nothing asked
    assert [name for name, _ in window.requests] == ["edit", "edit"]


def test_escape_puts_the_stored_explanation_back(qtbot, window: Window, drafted: int) -> None:
    _open(window, drafted)
    explanation = window.desk.page.fields.explanation
    _focus(qtbot, explanation)
    explanation.insertPlainText("؟؟")
    QTest.keyClick(explanation, Qt.Key.Key_Escape)
    assert explanation.toPlainText() == EXPLANATION
    _focus(qtbot, window.desk.page.fields.summary)
    assert window.requests == []


def test_summary_enter_then_leaving_asks_once(qtbot, window: Window, services: Services, claim_id: int) -> None:
    _open(window, claim_id)
    summary = window.desk.page.fields.summary
    _focus(qtbot, summary)
    summary.selectAll()
    summary.insert("إسقاط مسيرة فوق الوادي")
    QTest.keyClick(summary, Qt.Key.Key_Return)
    _focus(qtbot, window.desk.page.fields.explanation)
    assert window.requests == [("edit", (claim_id, ClaimPatch(summary="إسقاط مسيرة فوق الوادي")))]
    assert services.claims.get_claim(claim_id).summary == "إسقاط مسيرة فوق الوادي"
    view = window.desk.view
    assert view.model.index(view.model.row_of(claim_id), Column.SUMMARY).data() == "إسقاط مسيرة فوق الوادي"


def test_assignee_typed_or_assigned_to_me(qtbot, window: Window, services: Services, claim_id: int) -> None:
    _open(window, claim_id)
    fields = window.desk.page.fields
    _focus(qtbot, fields.assignee)
    fields.assignee.lineEdit().setText(REVIEWER)
    QTest.keyClick(fields.assignee, Qt.Key.Key_Return)
    assert services.claims.get_claim(claim_id).assignee == REVIEWER
    assert fields.assignee.findText(REVIEWER) >= 0  # offered from now on
    fields.assign_me.click()
    assert services.claims.get_claim(claim_id).assignee == ANALYST
    assert [args for name, args in window.requests] == [
        (claim_id, ClaimPatch(assignee=REVIEWER)),
        (claim_id, ClaimPatch(assignee=ANALYST)),
    ]


def test_tab_walks_from_the_list_through_the_whole_page(qtbot, window: Window, claim_id: int) -> None:
    _open(window, claim_id)
    page = window.desk.page
    _focus(qtbot, window.desk.view.table)
    walked = []
    for _ in range(len(page.focus_chain())):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    expected = [w for w in page.focus_chain() if w.isEnabled()]  # the evidence buttons wait for a selection
    assert walked[: len(expected)] == expected


# -- evidence -------------------------------------------------------------------------


def _fill_form(  # type: ignore[no-untyped-def]
    qtbot, window: Window, citation: str, url: str = "", statement: str = ""
) -> None:
    form = window.desk.page.form
    _focus(qtbot, form.stance)
    QTest.keyClick(form.stance, Qt.Key.Key_2)  # refutes
    form.citation.insert(citation)
    form.url.insert(url)
    form.statement.insert(statement)


def test_added_evidence_is_listed_and_counted(qtbot, window: Window, services: Services, demo: DemoData,
                                              claim_id: int) -> None:
    _open(window, claim_id)
    page = window.desk.page
    _fill_form(qtbot, window, "تقرير بعثة المراقبة", URL, str(demo.plain_statement_id))
    QTest.keyClick(page.form.citation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.requests == [("add", (claim_id, {
        "stance": "refutes", "citation": "تقرير بعثة المراقبة", "url": URL, "note": "",
        "statement_id": demo.plain_statement_id,
    }))]
    assert window.errors == []
    item = page.evidence.topLevelItem(0)
    assert [item.text(c) for c in range(5)] == ["Refutes", "تقرير بعثة المراقبة", URL, "", demo.plain_quote]
    assert page.evidence_heading.text() == "Evidence (1)"
    assert page.form.citation.text() == "" and page.form.url.text() == ""  # ready for the next one
    assert page.history.lines()[-1][1].startswith("Added evidence #")
    window.desk.reload()
    view = window.desk.view
    assert view.model.index(view.model.row_of(claim_id), Column.EVIDENCE).data() == 1
    assert window.desk.current_claim_id() == claim_id  # the reload kept the claim


def test_incomplete_evidence_is_not_requested(qtbot, window: Window, claim_id: int) -> None:
    _open(window, claim_id)
    form = window.desk.page.form
    form.citation.insert("مصدر")
    form.add.click()
    assert "Choose a stance" in form.problem.text() and form.problem.isVisible()
    _focus(qtbot, form.stance)
    QTest.keyClick(form.stance, Qt.Key.Key_1)
    form.url.insert("www.example.org")
    form.add.click()
    assert "http://" in form.problem.text()
    assert window.requests == []


def test_refused_evidence_keeps_what_was_typed(qtbot, window: Window, services: Services, claim_id: int) -> None:
    _open(window, claim_id)
    _fill_form(qtbot, window, "تقرير", statement="99999")
    window.desk.page.form.add.click()
    assert window.desk.page.error.text() == "Not changed: no statement with id 99999"
    assert window.desk.page.form.citation.text() == "تقرير"
    assert services.evidence.evidence_for_claim(claim_id) == []


def test_withdraw_then_undo_and_redo(qtbot, window: Window, services: Services, claim_id: int) -> None:
    record, _ = services.evidence.add_evidence(claim_id, "supports", REVIEWER, citation="شاهد عيان")
    _open(window, claim_id)
    page = window.desk.page
    assert page.evidence.evidence_ids() == [record.id]
    assert not page.withdraw.isEnabled()
    page.evidence.setCurrentItem(page.evidence.topLevelItem(0))
    assert page.withdraw.isEnabled()
    page.withdraw.click()
    assert page.evidence.evidence_ids() == []
    assert page.evidence_heading.text() == "Evidence (0)"
    window.stack.undo()
    assert page.evidence.evidence_ids() == [record.id]
    view = window.desk.view
    assert view.model.index(view.model.row_of(claim_id), Column.EVIDENCE).data() == 1
    _focus(qtbot, page.evidence)
    page.evidence.setCurrentItem(page.evidence.topLevelItem(0))
    QTest.keyClick(page.evidence, Qt.Key.Key_Delete)
    assert page.evidence.evidence_ids() == []
    assert [line[1] for line in page.history.lines()[-3:]] == [
        f"Withdrew evidence #{record.id}", f"Restored evidence #{record.id}", f"Withdrew evidence #{record.id}",
    ]


def test_enter_on_evidence_opens_its_link_or_statement(qtbot, window: Window, services: Services,
                                                      demo: DemoData, claim_id: int) -> None:
    services.evidence.add_evidence(claim_id, "refutes", ANALYST, url=URL)
    services.evidence.add_evidence(claim_id, "discusses", ANALYST, statement_id=demo.plain_statement_id)
    _open(window, claim_id)
    page = window.desk.page
    opened: list[QUrl] = []
    page.open_url = opened.append
    _focus(qtbot, page.evidence)
    page.evidence.setCurrentItem(page.evidence.topLevelItem(0))
    QTest.keyClick(page.evidence, Qt.Key.Key_Return)
    assert opened == [QUrl(URL)]
    page.evidence.setCurrentItem(page.evidence.topLevelItem(1))
    page.open_link.click()
    assert window.requests == [("open", (demo.plain_statement_id,))]


# -- keeping up with changes -------------------------------------------------------------


def test_a_deleted_claim_empties_the_page(window: Window, services: Services, claim_id: int) -> None:
    _open(window, claim_id)
    _, changes, _ = services.claims.delete_claim(claim_id, ANALYST)
    window.desk.apply_changes(changes)
    assert window.desk.page.title.text() == NO_CLAIM
    assert window.desk.view.model.row_of(claim_id) is None


def test_a_hidden_desk_reads_nothing_until_shown(window: Window, services: Services) -> None:
    window.desk.hide()
    claim, changes = services.claims.create_claim("ادعاء أثناء الإخفاء", ANALYST)
    window.desk.apply_changes(changes)
    assert window.desk.view.model.row_of(claim.id) is None
    window.desk.show()
    assert window.desk.view.model.row_of(claim.id) is not None


def test_label_changes_rename_what_the_desk_shows(window: Window, services: Services, claim_id: int) -> None:
    _open(window, claim_id)
    label = next(lab for lab in services.labels.labels(LabelSet.VERDICT) if lab.key == "false")
    _, changes = services.labels.edit_label(label.id, ANALYST, name_en="Fabricated")
    window.desk.apply_changes(changes)
    view = window.desk.view
    assert view.model.index(view.model.row_of(claim_id), Column.VERDICT).data() == "Fabricated"
    assert window.desk.page.fields.verdict.currentText() == "Fabricated"


def test_the_desk_renders_arabic_right_to_left(window: Window, claim_id: int, tmp_path: Path) -> None:
    _open(window, claim_id)
    out = tmp_path / "desk.png"
    assert window.desk.grab().save(str(out))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 850)
    assert window.desk.page.fields.summary.alignment() & Qt.AlignmentFlag.AlignLeft  # English summary
    window.desk.page.fields.summary.setText("إسقاط مسيرة")
    assert window.desk.page.fields.summary.alignment() & Qt.AlignmentFlag.AlignRight


def test_changes_record_is_what_the_desk_refreshes_from(window: Window, services: Services, claim_id: int) -> None:
    _open(window, claim_id)
    services.claims.edit_claim(claim_id, ClaimPatch(assignee=REVIEWER), ANALYST)
    window.desk.apply_changes(Changes())  # nothing reported: nothing re-read
    assert window.desk.page.fields.assignee.currentText() == ""
    window.desk.apply_changes(Changes(claims=frozenset({claim_id})))
    assert window.desk.page.fields.assignee.currentText() == REVIEWER


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].casefold() if at >= 0 else None


def test_every_mnemonic_is_unique_and_free_of_the_windows_own(window: Window) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel  # noqa: PLC0415

    from karabakh_annotator.ui.workspace_actions import MENUS  # noqa: PLC0415
    from karabakh_annotator.ui.workspace_desk import TAB_TITLES  # noqa: PLC0415

    taken = {_mnemonic(title) for title in (*MENUS, *TAB_TITLES)}
    found = [
        (_mnemonic(widget.text()), widget.text())
        for kind in (QLabel, QAbstractButton)
        for widget in window.desk.findChildren(kind)
        if _mnemonic(widget.text()) is not None
    ]
    letters = [letter for letter, _ in found]
    assert len(letters) >= 10
    assert len(set(letters)) == len(letters), found
    assert not set(letters) & taken, found
    labels = [w for w in window.desk.findChildren(QLabel) if _mnemonic(w.text())]
    assert all(label.buddy() is not None for label in labels)


def test_an_arabic_explanation_reads_right_to_left(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from karabakh_annotator.ui.desk.claim_page_widgets import ExplanationEdit

    edit = ExplanationEdit()
    qtbot.addWidget(edit)
    edit.show_text("لا أثر لقصف في الصور المتاحة")
    option = edit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    edit.show_text("No trace of shelling")
    assert edit.document().defaultTextOption().textDirection() == Qt.LayoutDirection.LeftToRight
