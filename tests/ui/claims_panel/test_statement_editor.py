"""The statement editor asks for exactly the change the analyst made, by keyboard first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.statement_editor import StatementEditor

from claims_panel_support import ANALYST

REQUESTS = (
    "sig_statement_edit_requested",
    "sig_claim_edit_requested",
    "sig_claim_create_requested",
    "sig_entity_create_requested",
)


class Recorder:
    """Every request the editor emits, in order, as (signal name, args)."""

    def __init__(self, editor: StatementEditor) -> None:
        self.requests: list[tuple[str, tuple[object, ...]]] = []
        for name in REQUESTS:
            getattr(editor, name).connect(lambda *args, n=name: self.requests.append((n, args)))


@pytest.fixture
def editor(qtbot, services: Services, labelled) -> StatementEditor:
    widget = StatementEditor(services.claims.search_claims)
    qtbot.addWidget(widget)
    widget.set_labels(LabelCatalog.from_service(services.labels))
    widget.set_entities(services.entities.list_entities())
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def _focus(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_stance_by_number_key_emits_only_the_stance(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    recorder = Recorder(editor)
    _focus(qtbot, editor.stance)
    QTest.keyClick(editor.stance, Qt.Key.Key_3)  # the third stance: distances
    assert recorder.requests == [
        ("sig_statement_edit_requested", (labelled.plain_statement_id, StatementPatch(stance="distances")))
    ]
    QTest.keyClick(editor.stance, Qt.Key.Key_3)  # already chosen: nothing to ask
    QTest.keyClick(editor.stance, Qt.Key.Key_0)  # clears
    assert recorder.requests[-1] == (
        "sig_statement_edit_requested",
        (labelled.plain_statement_id, StatementPatch(stance=None)),
    )
    assert len(recorder.requests) == 2


def test_stance_by_arrow_key(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))  # stance: reports
    recorder = Recorder(editor)
    _focus(qtbot, editor.stance)
    QTest.keyClick(editor.stance, Qt.Key.Key_Down)
    assert recorder.requests == [
        ("sig_statement_edit_requested", (labelled.plain_statement_id, StatementPatch(stance="distances")))
    ]


def test_number_key_sets_the_claims_status_and_verdict(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    statement = services.statements.get_statement(labelled.emoji_statement_id)
    editor.show_statement(statement)
    assert editor.status.isEnabled()
    recorder = Recorder(editor)
    _focus(qtbot, editor.status)
    QTest.keyClick(editor.status, Qt.Key.Key_4)
    _focus(qtbot, editor.verdict)
    QTest.keyClick(editor.verdict, Qt.Key.Key_1)
    assert recorder.requests == [
        ("sig_claim_edit_requested", (statement.claim_id, ClaimPatch(status="in_progress"))),
        ("sig_claim_edit_requested", (statement.claim_id, ClaimPatch(verdict="true"))),
    ]


def test_claim_fields_are_disabled_without_a_claim(editor: StatementEditor, services: Services, labelled) -> None:
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    assert not editor.status.isEnabled() and not editor.verdict.isEnabled() and not editor.unlink.isEnabled()
    editor.show_statement(None)
    assert not editor.speaker.isEnabled() and not editor.stance.isEnabled()


def test_enter_confirms_the_cue_once(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    recorder = Recorder(editor)
    _focus(qtbot, editor.cue)
    editor.cue.selectAll()
    editor.cue.insert("وأضاف")
    QTest.keyClick(editor.cue, Qt.Key.Key_Return)
    _focus(qtbot, editor.note)  # leaving the field asks nothing more
    assert recorder.requests == [
        ("sig_statement_edit_requested", (labelled.plain_statement_id, StatementPatch(cue="وأضاف")))
    ]


def test_a_new_speaker_is_requested_then_set(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    recorder = Recorder(editor)
    _focus(qtbot, editor.speaker)
    editor.speaker.insert("المتحدث باسم وزارة الدفاع")
    _focus(qtbot, editor.cue)  # leaving an unknown name creates nothing; it says how to
    assert recorder.requests == []
    assert "Enter" in editor.speaker_hint.text()
    _focus(qtbot, editor.speaker)
    QTest.keyClick(editor.speaker, Qt.Key.Key_Return)
    assert recorder.requests == [("sig_entity_create_requested", ("المتحدث باسم وزارة الدفاع",))]
    entity, _ = services.entities.create_entity("المتحدث باسم وزارة الدفاع", ANALYST)
    editor.entity_created(entity)
    assert recorder.requests[-1] == (
        "sig_statement_edit_requested",
        (labelled.plain_statement_id, StatementPatch(speaker_id=entity.id)),
    )
    assert len(recorder.requests) == 2


def test_an_alias_picks_its_entity(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    entity, _ = services.entities.create_entity("جيهون بيراموف", ANALYST, aliases=["جيهون بايراموف"])
    editor.set_entities(services.entities.list_entities())
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    recorder = Recorder(editor)
    _focus(qtbot, editor.speaker)
    editor.speaker.insert("جيهون  بايراموف")  # a doubled space still matches
    QTest.keyClick(editor.speaker, Qt.Key.Key_Escape)  # close the completion popup
    QTest.keyClick(editor.speaker, Qt.Key.Key_Return)
    assert recorder.requests == [
        ("sig_statement_edit_requested", (labelled.plain_statement_id, StatementPatch(speaker_id=entity.id)))
    ]


def test_link_an_existing_claim_from_the_search_popup(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    emoji_claim = services.statements.get_statement(labelled.emoji_statement_id).claim_id
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    recorder = Recorder(editor)
    _focus(qtbot, editor.claim)
    editor.claim.insert("drone")
    editor.claim.search_now()
    assert editor.claim.found_claims() == [(emoji_claim, "Drone shot down")]
    popup = editor.claim.suggestions()
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert recorder.requests == [
        ("sig_statement_edit_requested", (labelled.plain_statement_id, StatementPatch(claim_id=emoji_claim)))
    ]
    assert editor.claim.text() == ""


def test_enter_on_a_new_summary_requests_a_new_claim(qtbot, editor: StatementEditor, services: Services, labelled) -> None:
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    recorder = Recorder(editor)
    _focus(qtbot, editor.claim)
    editor.claim.insert("الهدنة صامدة منذ يومين " * 6)  # longer than a summary may be
    assert len(editor.claim.text()) == 75
    summary = " ".join(editor.claim.text().split())
    QTest.keyClick(editor.claim, Qt.Key.Key_Return)
    assert recorder.requests == [("sig_claim_create_requested", (labelled.plain_statement_id, summary))]


def test_a_retired_label_shows_only_where_it_is_used(editor: StatementEditor, services: Services, labelled) -> None:
    reports = next(l for l in services.labels.labels(LabelSet.REPORTING_STANCE) if l.key == "reports")
    services.labels.edit_label(reports.id, ANALYST, retired=True)
    editor.set_labels(LabelCatalog.from_service(services.labels))
    editor.show_statement(services.statements.get_statement(labelled.plain_statement_id))
    assert editor.stance.currentData() == "reports"
    assert editor.stance.currentText() == "Reports (neutral attribution) (retired)"
    editor.show_statement(services.statements.get_statement(labelled.emoji_statement_id))
    assert editor.stance.findData("reports") == -1


def test_tab_walks_the_fields_in_order(editor: StatementEditor) -> None:
    chain = [editor.speaker, editor.cue, editor.stance, editor.party, editor.claim, editor.status, editor.verdict,
             editor.explanation, editor.note]
    walked = [chain[0]]
    widget = chain[0]
    while len(walked) < len(chain):
        widget = widget.nextInFocusChain()
        if widget in chain:
            walked.append(widget)
    assert walked == chain
