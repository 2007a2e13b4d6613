"""The verification desk in the main window: tabs beside the annotation workspace.

Annotate (the three panes), Claims, Activity, Adjudicate, Agreement and
Dashboard. Each desk tab is built the first time it is shown: QtCharts and
the claim tables cost nothing until an analyst opens them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from karabakh_annotator.core.records import Changes, ClaimRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.errors import ServiceError

if TYPE_CHECKING:
    from karabakh_annotator.ui.main_window import MainWindow

ANNOTATE, CLAIMS, ACTIVITY, ADJUDICATE, AGREEMENT, DASHBOARD = range(6)
TAB_TITLES = ("&Annotate", "&Claims", "Ac&tivity", "Ad&judicate", "A&greement", "Dash&board")


class WorkspaceDesk:
    """Owns the tab widget; builds each desk view on first show and routes its requests.

    The desk tabs stay disabled until `attach` gives it the services (the
    window is shown before the database is open).
    """

    _services: Services

    def __init__(self, window: MainWindow, annotate: QWidget, arabic_family: str) -> None:
        self._window = window
        self._family = arabic_family
        self.tabs = QTabWidget()
        self.tabs.setObjectName("desk_tabs")
        self.tabs.setDocumentMode(True)
        self._views: dict[int, Any] = {}
        self._builders: dict[int, Callable[[], QWidget]] = {
            CLAIMS: self._build_claims,
            ACTIVITY: self._build_activity,
            ADJUDICATE: self._build_adjudication,
            AGREEMENT: self._build_agreement,
            DASHBOARD: self._build_dashboard,
        }
        self.tabs.addTab(annotate, TAB_TITLES[ANNOTATE])
        for index in range(1, len(TAB_TITLES)):
            placeholder = QLabel("Loading…")
            self.tabs.addTab(placeholder, TAB_TITLES[index])
            self.tabs.setTabEnabled(index, False)
        self.tabs.currentChanged.connect(self._on_current_changed)

    def attach(self, services: Services) -> None:
        """The database is open: the desk tabs can be built."""
        self._services = services
        for index in range(1, len(TAB_TITLES)):
            self.tabs.setTabEnabled(index, True)

    # -- switching -----------------------------------------------------------------

    def show_tab(self, index: int) -> Any:
        """Bring a tab forward (building it on first use); its view."""
        self.tabs.setCurrentIndex(index)
        return self.view(index)

    def show_annotate(self) -> None:
        """The annotation workspace: articles, text, claims panel."""
        self.show_tab(ANNOTATE)

    def show_claims(self) -> None:
        """Every claim, with its page: evidence, history, verdict."""
        self.show_tab(CLAIMS)

    def show_activity(self) -> None:
        """The database's activity log."""
        self.show_tab(ACTIVITY)

    def show_adjudication(self) -> None:
        """Two analysts side by side on one article."""
        self.show_tab(ADJUDICATE)

    def show_agreement(self) -> None:
        """Agreement between analysts."""
        self.show_tab(AGREEMENT)

    def show_dashboard(self) -> None:
        """Charts for a report."""
        self.show_tab(DASHBOARD)

    def view(self, index: int) -> Any:
        """The view of a tab, built now if it was not yet."""
        if index == ANNOTATE:
            return self.tabs.widget(ANNOTATE)
        if index not in self._views:
            widget = self._builders[index]()
            self._views[index] = widget
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, TAB_TITLES[index])
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
        return self._views[index]

    def _on_current_changed(self, index: int) -> None:
        if index == ANNOTATE:
            return
        view = self.view(index)
        # The claims desk reloads itself on show when an edit left it stale.
        if index != CLAIMS and hasattr(view, "reload"):
            view.reload()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh the desk views already built after an edit anywhere."""
        claims = self._views.get(CLAIMS)
        if claims is not None:
            claims.apply_changes(changes)

    # -- views -------------------------------------------------------------------------

    def _build_claims(self) -> QWidget:
        from karabakh_annotator.ui.desk.claims_desk import ClaimsDesk  # noqa: PLC0415
        from karabakh_annotator.ui.desk.evidence_commands import AddEvidenceCommand, WithdrawEvidenceCommand  # noqa: PLC0415
        from karabakh_annotator.ui.undo_commands import EditClaimCommand  # noqa: PLC0415

        window = self._window
        desk = ClaimsDesk(self._services, self._family, lambda: window.analyst)
        # A refused edit (a workflow rule) is told on the claim page, which shows the stored claim again.
        def shown_claim(claim_id: int) -> ClaimRecord | None:
            claim = desk.page.current_claim()
            return claim if claim is not None and claim.id == claim_id else None

        def on_error(error: Exception) -> None:
            # A clash with another analyst's change is asked about; a refusal is told on the page.
            if not window.team.handle_error(error):
                desk.show_error(error)

        desk.sig_claim_edit_requested.connect(
            lambda claim_id, patch: window.push(
                EditClaimCommand, claim_id, patch, on_error=on_error, based_on=shown_claim(claim_id)
            )
        )
        desk.sig_evidence_add_requested.connect(
            lambda claim_id, fields: window.push(AddEvidenceCommand, claim_id, fields, on_error=desk.show_error)
        )
        desk.sig_evidence_withdraw_requested.connect(
            lambda evidence_id: window.push(WithdrawEvidenceCommand, evidence_id, on_error=desk.show_error)
        )
        desk.sig_statement_open_requested.connect(self.open_statement)
        return desk

    def _build_activity(self) -> QWidget:
        from karabakh_annotator.ui.desk.activity_view import ActivityView  # noqa: PLC0415

        view = ActivityView(self._services, self._family)
        view.sig_statement_open_requested.connect(self.open_statement)
        view.sig_claim_open_requested.connect(self.open_claim)
        return view

    def _build_adjudication(self) -> QWidget:
        from karabakh_annotator.ui.desk.adjudication_view import AdjudicationView  # noqa: PLC0415

        view = AdjudicationView(self._services, self._family)
        view.sig_accept_requested.connect(lambda statement_id: self._adjudicate(view, statement_id))
        return view

    def _build_agreement(self) -> QWidget:
        from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog  # noqa: PLC0415
        from karabakh_annotator.ui.desk.agreement_view import AgreementView  # noqa: PLC0415

        view = AgreementView(
            self._services.agreement.report,
            self._services.history.analysts,
            labels=LabelCatalog.from_service(self._services.labels),
            arabic_family=self._family,
        )
        view.sig_report_computed.connect(lambda _report: self._agreement_to_dashboard())
        return view

    def _agreement_to_dashboard(self) -> None:
        agreement, dashboard = self._views.get(AGREEMENT), self._views.get(DASHBOARD)
        if agreement is not None and dashboard is not None:
            dashboard.set_agreement(agreement.agreement_values())

    def _build_dashboard(self) -> QWidget:
        from karabakh_annotator.ui.desk.dashboard import Dashboard  # noqa: PLC0415

        dashboard = Dashboard(self._services, self._family)
        agreement = self._views.get(AGREEMENT)
        if agreement is not None:
            dashboard.set_agreement(agreement.agreement_values())
        return dashboard

    # -- requests ---------------------------------------------------------------------

    def open_statement(self, statement_id: int) -> None:
        """Show a statement in the annotation workspace."""
        self.show_tab(ANNOTATE)
        self._window.claims_panel.select_statement(statement_id)

    def open_claim(self, claim_id: int) -> None:
        """Show a claim's page in the Claims tab."""
        self.show_tab(CLAIMS).select_claim(claim_id)

    def _adjudicate(self, view: Any, statement_id: int) -> None:
        try:
            _, changes = self._services.adjudication.accept(statement_id, self._window.analyst)
        except ServiceError as exc:
            self._window.show_error(exc)
            return
        self._window.sig_changes.emit(changes)
        view.reload()
