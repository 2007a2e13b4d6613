"""The workspace: articles on the left, the article in the middle, claims on the right."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import Changes, EntityRecord, StatementRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.errors import ServiceError
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.ui.actions import build_actions, fill_menus, fill_toolbar
from karabakh_annotator.ui.article_filters import ArticleFilterBar
from karabakh_annotator.ui.article_list import ArticleListModel, ArticleListView
from karabakh_annotator.ui.article_view import ArticleView
from karabakh_annotator.ui.dialogs.import_dialog import paths_from_mime
from karabakh_annotator.ui.fonts import arabic_font
from karabakh_annotator.ui.statement_colors import StatementColors
from karabakh_annotator.ui.undo_commands import (
    CreateClaimCommand,
    DeleteStatementCommand,
    EditClaimCommand,
    EditStatementCommand,
    MarkStatementCommand,
    ResizeStatementCommand,
)
from karabakh_annotator.ui.workspace_actions import ACTIONS, MENUS, TOOLBAR, WINDOW_TITLE
from karabakh_annotator.ui.workspace_desk import WorkspaceDesk
from karabakh_annotator.ui.workspace_files import WorkspaceFiles
from karabakh_annotator.ui.workspace_settings import WorkspaceSettings
from karabakh_annotator.ui.workspace_suggestions import WorkspaceSuggestions

if TYPE_CHECKING:
    from karabakh_annotator.ui.claims_panel.panel import ClaimsPanel
    from karabakh_annotator.ui.workspace_team import WorkspaceTeam

LIST_POINT_SIZE = 11
CLAIMS_PANE = 2  # the splitter's third pane

EMPTY_DATABASE_MESSAGE = (
    "<p style='font-size: 13pt'>No articles yet.</p>"
    "<p>Import files or a folder (File ▸ Import, Ctrl+I), or drop them on this window.</p>"
)
NO_SELECTION_MESSAGE = "<p>Select an article on the left to read it.</p>"
OPENING_MESSAGE = "<p style='font-size: 13pt'>Opening the database…</p><p>{database}</p>"

__all__ = ["EMPTY_DATABASE_MESSAGE", "NO_SELECTION_MESSAGE", "OPENING_MESSAGE", "WINDOW_TITLE", "MainWindow"]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _explicit(font: QFont) -> QFont:
    """A copy of `font` marked as set, so a child keeps it instead of inheriting its parent's."""
    copy = QFont(font)
    copy.setFamilies(font.families() or [font.family()])
    copy.setPointSizeF(font.pointSizeF())
    return copy


class MainWindow(QMainWindow):
    """Thin shell: reads through the services, edits through undoable commands.

    Built without services it is the window of a database still opening: the
    panes are empty, the commands that need the database are disabled, and
    `attach_services` fills it. run_gui shows it that way, so the analyst
    sees the window before SQLAlchemy and the services have even loaded.
    """

    sig_changes = Signal(object)  # Changes, after every edit, import or undo
    sig_open_database_requested = Signal(str)
    sig_database_attached = Signal()  # attach_services is done: lists read, commands enabled

    # Set by attach_services, once the database is open.
    _services: Services
    claims_panel: ClaimsPanel
    team: WorkspaceTeam

    def __init__(
        self,
        services: Services | None,
        settings: QSettings,
        arabic_family: str,
        database_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = WorkspaceSettings(settings)
        self._arabic_family = arabic_family
        self._database_ready = False
        self.server_analyst: str | None = None
        """The analyst a team server knows this connection as (None: the name in Settings counts)."""
        self.undo_stack = QUndoStack(self)
        self.setAcceptDrops(True)

        self.filter_bar = ArticleFilterBar()
        self._article_model = ArticleListModel(self)
        self.article_list = ArticleListView(self._article_model)
        # Titles and outlets are Arabic: read them in the same face as the article.
        self.article_list.setFont(arabic_font(arabic_family, LIST_POINT_SIZE))
        self.article_list.header().setFont(_explicit(self.font()))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.article_list)

        self.article_view = ArticleView(arabic_family)
        # The claims panel reads labels and speakers as it is built: an empty
        # pane holds its place until the database is open.
        claims_pane = QWidget()
        claims_pane.setObjectName("claims_pane_placeholder")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        # Explicit minimum widths: the panes' own hints add up to more than a
        # small screen; below their hints they squeeze (combos elide) instead.
        panes = ((left, 2, 160), (self.article_view, 4, 260), (claims_pane, 3, 260))
        for widget, stretch, minimum in panes:
            widget.setMinimumWidth(minimum)
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([360, 620, 520])
        self.desk = WorkspaceDesk(self, self.splitter, arabic_family)
        self.setCentralWidget(self.desk.tabs)

        self.files = WorkspaceFiles(self, self._settings, arabic_family)
        self.suggestions = WorkspaceSuggestions(self)
        self.recent_menu = self.files.recent_menu
        self.actions_by_id = build_actions(ACTIONS, self)
        fill_menus(self.menuBar(), MENUS, self.actions_by_id)
        file_menu = self.actions_by_id["open_database"].associatedObjects()[-1]
        if isinstance(file_menu, QMenu):
            file_menu.insertMenu(self.actions_by_id["reload"], self.recent_menu)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        fill_toolbar(toolbar, TOOLBAR, self.actions_by_id)

        self.counts_label = QLabel()
        self.analyst_label = QLabel()
        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.analyst_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addWidget(self.database_label)
        self._set_database_label(database_label)

        self._connect()
        self._restore_layout()
        self.actions_by_id["blind"].setCheckable(True)
        if services is None:
            self._show_opening(database_label)
        else:
            self.attach_services(services)

    # -- opening the database --------------------------------------------------------

    @property
    def database_ready(self) -> bool:
        """Whether the services are attached (the lists read, the commands enabled)."""
        return self._database_ready

    def show_opening(self, database_label: str) -> None:
        """Say which database is being opened (another one, after the first could not be)."""
        if self._database_ready:
            raise RuntimeError("the window already shows a database")
        self._set_database_label(database_label)
        self._show_opening(database_label)

    def attach_services(self, services: Services) -> None:
        """The database is open: build the claims panel, read the lists, enable the commands."""
        if self._database_ready:
            raise RuntimeError("the window already shows a database")
        # Imported and built only now: the window is on screen before these
        # modules (and SQLAlchemy, which the team watcher's errors need) load.
        from karabakh_annotator.ui.claims_panel.panel import ClaimsPanel  # noqa: PLC0415
        from karabakh_annotator.ui.workspace_team import WorkspaceTeam  # noqa: PLC0415

        self._services = services
        self.server_analyst = services.team.server_analyst()
        self._set_database_label(self._database_name)
        self.claims_panel = ClaimsPanel(services, self._arabic_family, analysts=[self.analyst])
        placeholder = self.splitter.widget(CLAIMS_PANE)
        self.claims_panel.setMinimumWidth(placeholder.minimumWidth())
        # The splitter keeps a pane's stretch factor in the pane's size policy.
        self.claims_panel.setSizePolicy(placeholder.sizePolicy())
        self.splitter.replaceWidget(CLAIMS_PANE, self.claims_panel)
        placeholder.deleteLater()
        self.desk.attach(services)
        self.files.attach(services)
        self.suggestions.attach(services)
        self._connect_claims_panel()
        self._refresh_labels()
        self.reload()
        self.team = WorkspaceTeam(self, services)
        self.filter_bar.setEnabled(True)
        self._database_ready = True
        self._enable_database_actions(True)
        self._update_action_states()
        if self._settings.blind():
            self.apply_blind()
        self.sig_database_attached.emit()

    def _set_database_label(self, database_label: str) -> None:
        self._database_name = database_label
        self.setWindowTitle(f"{WINDOW_TITLE} — {database_label}" if database_label else WINDOW_TITLE)
        self.database_label.setText(database_label)

    def _show_opening(self, database_label: str) -> None:
        self._enable_database_actions(False)
        self.filter_bar.set_choices([], [])
        self.filter_bar.setEnabled(False)
        self.article_view.show_placeholder(OPENING_MESSAGE.format(database=html.escape(database_label)))
        self.analyst_label.setText(f"Analyst: {self.analyst}")
        # In the label, not a status message: a message set before the window is shown overlaps it.
        self.database_label.setText(f"Opening {database_label or 'the database'}…")

    def _enable_database_actions(self, enabled: bool) -> None:
        waiting = {spec.id for spec in ACTIONS if spec.needs_database}
        for action_id, action in self.actions_by_id.items():
            if action_id in waiting:
                action.setEnabled(enabled)

    # -- wiring ------------------------------------------------------------------

    def _connect(self) -> None:
        self.article_list.sig_article_selected.connect(self._on_article_list_article_selected)
        self.filter_bar.sig_filters_changed.connect(self._on_filter_bar_filters_changed)
        self.article_view.sig_statement_clicked.connect(self._on_article_view_statement_clicked)
        self.article_view.sig_selection_changed.connect(self._on_article_view_selection_changed)
        self.article_view.sig_point_size_changed.connect(self._settings.set_point_size)
        self.undo_stack.canUndoChanged.connect(self._update_action_states)
        self.undo_stack.canRedoChanged.connect(self._update_action_states)
        self.undo_stack.indexChanged.connect(self._update_action_states)
        self.sig_changes.connect(self._on_changes)

    def _connect_claims_panel(self) -> None:
        panel = self.claims_panel
        panel.sig_statement_selected.connect(self._on_claims_panel_statement_selected)
        panel.sig_statement_edit_requested.connect(self._on_claims_panel_statement_edit_requested)
        panel.sig_claim_edit_requested.connect(self._on_claims_panel_claim_edit_requested)
        panel.sig_claim_create_requested.connect(self._on_claims_panel_claim_create_requested)
        panel.sig_entity_create_requested.connect(self._on_claims_panel_entity_create_requested)

    # -- reading -----------------------------------------------------------------

    @property
    def analyst(self) -> str:
        """Who is annotating (recorded on every statement and event); on a team server, its account's analyst."""
        return self.server_analyst or self._settings.analyst()

    def reload(self) -> None:
        """Read the article list again, keeping the current article if it is still there."""
        current = self.article_view.article_id()
        self._article_model.set_articles(self._services.articles.list_articles())
        self.filter_bar.set_choices(
            self._services.articles.outlets(), self._services.labels.labels(LabelSet.WORKFLOW_STATUS)
        )
        self._apply_article_filters()
        self.update_counts()
        # A model reset clears the selection without a signal; selecting again emits one.
        if current is None or not self.article_list.select_article(current):
            self._on_article_list_article_selected(None)

    def select_article(self, article_id: int) -> bool:
        """Select and show one article; False if it is not in the (filtered) list."""
        return self.article_list.select_article(article_id)

    def _show_article(self, article_id: int, statement_id: int | None = None) -> None:
        article = self._services.articles.get_article(article_id)
        statements = self._services.statements.statements_for_article(article_id)
        if self._settings.blind():
            statements = [s for s in statements if s.analyst == self.analyst]
        self.article_view.show_article(article, statements, self._colors)
        self.suggestions.refresh(article_id)
        self.claims_panel.show_article(article_id)
        if statement_id is not None:
            self.article_view.select_statement(statement_id)

    def _refresh_labels(self) -> None:
        self._colors = StatementColors.from_labels(self._services.labels)
        self.article_view.set_labels(
            self._services.labels.labels(LabelSet.VERDICT), self._services.labels.labels(LabelSet.WORKFLOW_STATUS)
        )

    def _apply_article_filters(self) -> None:
        query, status = self.filter_bar.query(), self.filter_bar.status()
        ids: frozenset[int] | None = None
        if query:
            ids = frozenset(hit.article_id for hit in self._services.search.search(query, limit=10_000))
        if status:
            with_status = self._services.articles.article_ids_with_status(status)
            ids = with_status if ids is None else ids & with_status
        self.article_list.set_filters(self.filter_bar.outlet(), ids, self.filter_bar.published_range())

    # -- editing: every edit is an undoable command calling a service -------------

    def push(self, make: Callable[..., object], *args: object, **kwargs: object) -> object:
        """Run an undoable command (a ServiceCommand class and its arguments) and put it on the stack."""
        on_error = kwargs.pop("on_error", self.show_error)
        command = make(self._services, *args, analyst=self.analyst, on_changes=self.sig_changes.emit, on_error=on_error, **kwargs)
        self.undo_stack.push(command)  # type: ignore[arg-type]
        return command

    def mark_statement(self) -> None:
        """Mark the selected text (snapped to whole words) as a statement."""
        article_id, span = self.article_view.article_id(), self.article_view.selected_span()
        if article_id is None or span is None or span[0] == span[1]:
            self.statusBar().showMessage("Select some text in the article first.", 4000)
            return
        command = self.push(MarkStatementCommand, article_id, *span)
        statement_id = getattr(command, "statement_id", None)
        if statement_id is not None:
            self.claims_panel.select_statement(statement_id)

    def resize_statement(self) -> None:
        """Give the current statement the span of the text selection."""
        statement_id, span = self.article_view.current_statement_id(), self.article_view.selected_span()
        if statement_id is None or span is None or span[0] == span[1]:
            self.statusBar().showMessage("Select a statement, then the text it should cover.", 4000)
            return
        self.push(ResizeStatementCommand, statement_id, *span, based_on=self._shown_statement(statement_id))

    def delete_statement(self) -> None:
        """Delete the current statement (undo brings it back)."""
        statement_id = self.claims_panel.selected_statement_id() or self.article_view.current_statement_id()
        if statement_id is not None:
            self.push(DeleteStatementCommand, statement_id)

    def _on_claims_panel_statement_edit_requested(self, statement_id: int, patch: StatementPatch) -> None:
        self.push(EditStatementCommand, statement_id, patch, based_on=self._shown_statement(statement_id))

    def _on_claims_panel_claim_edit_requested(self, claim_id: int, patch: ClaimPatch) -> None:
        shown = self.claims_panel.editor.current_statement()
        claim = shown.claim if shown is not None and shown.claim is not None and shown.claim.id == claim_id else None
        self.push(EditClaimCommand, claim_id, patch, based_on=claim)

    def _shown_statement(self, statement_id: int) -> StatementRecord | None:
        """The version of a statement the analyst is looking at: an edit is checked against it."""
        shown = self.claims_panel.editor.current_statement()
        return shown if shown is not None and shown.id == statement_id else None

    def _on_claims_panel_claim_create_requested(self, statement_id: int, summary: str) -> None:
        self.push(CreateClaimCommand, summary, [statement_id])

    def _on_claims_panel_entity_create_requested(self, name: str) -> None:
        # Creating a speaker is a reference-data edit, committed at once and
        # not undone with statement edits (the entity may already be in use).
        try:
            entity, changes = self._services.entities.create_entity(name, self.analyst)
        except ServiceError as exc:
            self.show_error(exc)
            return
        self.claims_panel.entity_created(entity)
        self.sig_changes.emit(changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.labels:
            self._refresh_labels()
        for summary in self._services.articles.article_summaries(changes.articles):
            self._article_model.update_article(summary)
        current = self.article_view.article_id()
        if current is not None and (current in changes.articles or changes.claims or changes.entities):
            self._show_article(current, self.article_view.current_statement_id())
        self.claims_panel.apply_changes(changes)
        self.desk.apply_changes(changes)
        self.update_counts()

    def show_error(self, error: Exception) -> None:
        """Tell the analyst an action was refused (nothing was changed); an edit conflict asks what to keep."""
        if self.team.handle_error(error):
            return
        QMessageBox.warning(self, WINDOW_TITLE, str(error))

    # -- selection sync ---------------------------------------------------------------

    def _on_article_list_article_selected(self, article_id: int | None) -> None:
        if article_id is None:
            empty = self._article_model.rowCount() == 0
            self.article_view.show_placeholder(EMPTY_DATABASE_MESSAGE if empty else NO_SELECTION_MESSAGE)
            self.claims_panel.show_article(None)
            return
        self._show_article(article_id)

    def _on_article_view_statement_clicked(self, statement_id: int) -> None:
        self.claims_panel.select_statement(statement_id)

    def _on_claims_panel_statement_selected(self, statement_id: int) -> None:
        article_id = self._services.statements.get_statement(statement_id).article_id
        if article_id != self.article_view.article_id():
            self.article_list.select_article(article_id) or self._show_article(article_id)
        self.article_view.select_statement(statement_id)

    def _on_article_view_selection_changed(self, _has_selection: bool) -> None:
        self._update_action_states()

    def _on_filter_bar_filters_changed(self) -> None:
        self._apply_article_filters()
        if self.article_list.selected_article_id() is None:
            self._on_article_list_article_selected(None)

    # -- navigation ---------------------------------------------------------------------

    def next_article(self, step: int = 1) -> None:
        """Move to the next (or, with -1, previous) article in the list."""
        ids = self.article_list.visible_article_ids()
        if not ids:
            return
        current = self.article_view.article_id()
        index = ids.index(current) + step if current in ids else 0
        self.article_list.select_article(ids[max(0, min(index, len(ids) - 1))])

    def previous_article(self) -> None:
        """Move to the previous article in the list."""
        self.next_article(-1)

    def focus_search(self) -> None:
        """Put the cursor in the article search box."""
        self.filter_bar.search_box.setFocus()
        self.filter_bar.search_box.selectAll()

    # -- files, dialogs, settings live in WorkspaceFiles (actions name them "files.*") --

    def remember_database(self, url: str) -> None:
        """Record the open database first in the recent list."""
        self.files.remember_database(url)

    def offer_first_run(self) -> None:
        """On an empty database: import a folder, open the demo article, or start empty."""
        self.files.offer_first_run()

    def zoom_in(self) -> None:
        """Larger article text."""
        self.article_view.zoom_in()

    def zoom_out(self) -> None:
        """Smaller article text."""
        self.article_view.zoom_out()

    def undo(self) -> None:
        """Undo the last edit."""
        self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the last undone edit."""
        self.undo_stack.redo()

    def select_next_statement(self) -> None:
        """The next statement in the claims panel."""
        self.claims_panel.select_next()

    def select_previous_statement(self) -> None:
        """The previous statement in the claims panel."""
        self.claims_panel.select_previous()

    # -- drag and drop -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if self._database_ready and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = paths_from_mime(event.mimeData()) if self._database_ready else []
        if paths:
            event.acceptProposedAction()
            self.files.import_paths(paths)

    # -- state ---------------------------------------------------------------------------------

    def _update_action_states(self) -> None:
        actions = self.actions_by_id
        actions["undo"].setEnabled(self.undo_stack.canUndo())
        actions["redo"].setEnabled(self.undo_stack.canRedo())
        actions["undo"].setText(f"&Undo {self.undo_stack.undoText()}".rstrip())
        actions["redo"].setText(f"&Redo {self.undo_stack.redoText()}".rstrip())

    def toggle_blind(self) -> None:
        """Blind annotation on or off: hide the other analysts' statements in the article and the panel."""
        self._settings.set_blind(not self._settings.blind())
        self.apply_blind()

    def apply_blind(self) -> None:
        """Show the article and the panel as the blind setting and the analyst's name say."""
        blind = self._settings.blind()
        self.actions_by_id["blind"].setChecked(blind)
        self.claims_panel.set_blind(self.analyst if blind else None)
        current = self.article_view.article_id()
        if current is not None:
            self._show_article(current)
        self.statusBar().showMessage(
            "Blind annotation: only your statements are shown." if blind else "All analysts' statements are shown.", 4000
        )

    def update_counts(self) -> None:
        articles = self._article_model.articles()
        statements = sum(article.statement_count for article in articles)
        self.counts_label.setText(f"{_plural(len(articles), 'article')} · {_plural(statements, 'statement')}")
        self.analyst_label.setText(f"Analyst: {self.analyst}")

    def _restore_layout(self) -> None:
        geometry, state, splitter = self._settings.layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if state is not None:
            self.restoreState(state)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        size = self._settings.point_size()
        if size is not None:
            self.article_view.set_point_size(size)

    def save_layout(self) -> None:
        """Remember window geometry, toolbar state, splitter sizes and zoom."""
        self._settings.save_layout(self.saveGeometry(), self.saveState(), self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.files.shutdown()
        self.save_layout()
        super().closeEvent(event)
