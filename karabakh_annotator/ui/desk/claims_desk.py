"""The claims desk: the claims view beside the page of the selected claim."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.desk.claim_page import ClaimPage
from karabakh_annotator.ui.desk.claim_page_details import load_claim_details
from karabakh_annotator.ui.desk.claims_view import ClaimsView


PAGE_SHARE = 0.55
"""How much of the desk's width the claim page takes at first."""


class ClaimsDesk(QSplitter):
    """Lists every claim and shows the selected one's page; forwards the page's edit requests.

    Nothing here writes: the window turns the request signals into undoable
    commands, then calls `apply_changes` with what they changed (and
    `show_error` with what a service refused). While hidden the desk reads
    nothing: changes only mark it stale, and it reloads when shown.
    """

    sig_claim_edit_requested = Signal(int, object)  # claim id, ClaimPatch
    sig_evidence_add_requested = Signal(int, object)  # claim id, dict of add_evidence keyword arguments
    sig_evidence_withdraw_requested = Signal(int)  # evidence id
    sig_statement_open_requested = Signal(int)  # statement id

    def __init__(
        self,
        services: Services,
        arabic_family: str,
        analyst: Callable[[], str] | str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("claims_desk")
        self._services = services
        self._analyst: Callable[[], str] = analyst if callable(analyst) else (lambda: analyst)
        self._stale = True
        self._sized = False
        self.view = ClaimsView(arabic_family)
        self.page = ClaimPage(arabic_family, self._analyst)
        # On a short screen the page scrolls as a whole rather than squeezing its lists to nothing.
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("claim_page_scroll")
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page's fields, not the frame
        self.page_scroll.setWidget(self.page)
        self.addWidget(self.view)
        self.addWidget(self.page_scroll)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        chain = [*self.view.focus_chain(), *self.page.focus_chain()]  # from the list on into the page
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.view.sig_claim_selected.connect(self._on_view_claim_selected)
        self.view.sig_claim_activated.connect(self._on_view_claim_activated)
        self.page.sig_claim_edit_requested.connect(self.sig_claim_edit_requested)
        self.page.sig_evidence_add_requested.connect(self.sig_evidence_add_requested)
        self.page.sig_evidence_withdraw_requested.connect(self.sig_evidence_withdraw_requested)
        self.page.sig_statement_open_requested.connect(self.sig_statement_open_requested)

    # -- our interface -------------------------------------------------------

    def reload(self) -> None:
        """Read every claim, the labels and the analysts again, keeping the selected claim."""
        self._stale = False
        self._set_labels(LabelCatalog.from_service(self._services.labels))
        self._read_analysts()
        self.view.set_claims(self._services.claims.overview())
        self.refresh_page()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what an edit changed: the claims' rows, and the page if it shows an affected claim."""
        if not changes:
            return
        if not self.isVisible():
            self._stale = True
            return
        if self._stale:
            self.reload()
            return
        if changes.labels:
            self._set_labels(LabelCatalog.from_service(self._services.labels))
        if changes.claims:
            self._read_analysts()  # an assignee may be a new name
        if changes.claims or changes.statements or changes.articles or changes.entities:
            self.view.set_claims(self._services.claims.overview())
        current = self.page.current_claim_id()
        # A statement, article or speaker edit may change what the page lists: cheap to read again.
        if current is not None and (
            current in changes.claims or changes.statements or changes.articles or changes.entities or changes.labels
        ):
            self.refresh_page()

    def show_error(self, error: Exception | str) -> None:
        """Show why a request was refused on the page, and the claim as it is stored."""
        self.refresh_page()
        self.page.show_error(str(error))

    def select_claim(self, claim_id: int) -> bool:
        """Select a claim and show its page (clearing the filters if they hide it)."""
        if self._stale:
            self.reload()
        return self.view.select_claim(claim_id)

    def current_claim_id(self) -> int | None:
        """The claim the page shows."""
        return self.page.current_claim_id()

    def refresh_page(self) -> None:
        """Read the shown claim again (it may have been deleted meanwhile)."""
        claim_id = self.page.current_claim_id()
        if claim_id is None:
            claim_id = self.view.selected_claim_id()
        self.page.show_claim(load_claim_details(self._services, claim_id) if claim_id is not None else None)

    # -- internals -------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self.reload()
        if not self._sized:
            # The page has more columns to show than the list: give it a little more room.
            self._sized = True
            width = self.width()
            self.setSizes([round(width * (1 - PAGE_SHARE)), round(width * PAGE_SHARE)])
        super().showEvent(event)

    def _set_labels(self, labels: LabelCatalog) -> None:
        self.view.set_labels(labels)
        self.page.set_labels(labels)

    def _read_analysts(self) -> None:
        names = set(self._services.history.analysts()) | {self._analyst()}
        self.view.set_analysts(names)
        self.page.set_analysts(names)

    def _on_view_claim_selected(self, claim_id: int) -> None:
        if claim_id != self.page.current_claim_id():
            self.page.show_claim(load_claim_details(self._services, claim_id))

    def _on_view_claim_activated(self, claim_id: int) -> None:
        self._on_view_claim_selected(claim_id)
        self.page.fields.summary.setFocus()
