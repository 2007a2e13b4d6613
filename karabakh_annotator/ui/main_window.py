"""The main window: article list on the left, the article on the right, counts below."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.actions import SEPARATOR, ActionSpec, build_actions, fill_menus, fill_toolbar
from karabakh_annotator.ui.article_list import ArticleListModel, ArticleListView
from karabakh_annotator.ui.article_view import ArticleView
from karabakh_annotator.ui.fonts import arabic_font
from karabakh_annotator.ui.statement_colors import StatementColors

WINDOW_TITLE = "Karabakh Annotator"
LIST_POINT_SIZE = 11

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("reload", "&Reload Articles", "F5", "fa5s.sync-alt", "reload", "Read the article list again"),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "fa5s.sign-out-alt", "close", "Close the window"),
)
MENUS: dict[str, tuple[str, ...]] = {
    "&File": ("reload", SEPARATOR, "quit"),
}
TOOLBAR: tuple[str, ...] = ("reload",)

EMPTY_DATABASE_MESSAGE = (
    "<p style='font-size: 13pt'>No articles yet.</p>"
    "<p>Import with <code>karabakh-annotator import FOLDER</code></p>"
)
NO_SELECTION_MESSAGE = "<p>Select an article on the left to read it.</p>"

_SETTINGS_GEOMETRY = "main_window/geometry"
_SETTINGS_STATE = "main_window/state"
_SETTINGS_SPLITTER = "main_window/splitter"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _explicit(font: QFont) -> QFont:
    """A copy of `font` marked as set, so a child keeps it instead of inheriting its parent's."""
    copy = QFont(font)
    copy.setFamilies(font.families() or [font.family()])
    copy.setPointSizeF(font.pointSizeF())
    return copy


class MainWindow(QMainWindow):
    """Thin shell: asks the services for data and hands plain records to the widgets."""

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        arabic_family: str,
        database_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._colors = StatementColors.from_labels(services.labels)
        self.setWindowTitle(f"{WINDOW_TITLE} — {database_label}" if database_label else WINDOW_TITLE)

        self._article_model = ArticleListModel(self)
        self.article_list = ArticleListView(self._article_model)
        # Titles and outlets are Arabic: read them in the same face as the article.
        self.article_list.setFont(arabic_font(arabic_family, LIST_POINT_SIZE))
        self.article_list.header().setFont(_explicit(self.font()))
        self.article_view = ArticleView(arabic_family)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.article_list)
        self.splitter.addWidget(self.article_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 760])
        self.setCentralWidget(self.splitter)

        self.actions_by_id = build_actions(ACTIONS, self)
        fill_menus(self.menuBar(), MENUS, self.actions_by_id)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        fill_toolbar(toolbar, TOOLBAR, self.actions_by_id)

        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        if database_label:
            self.statusBar().addWidget(QLabel(database_label))

        self.article_list.sig_article_selected.connect(self._on_article_list_article_selected)
        self._restore_layout()
        self.reload()

    # -- actions -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the article list again, keeping the current article if it is still there."""
        current = self.article_view.article_id()
        articles = self._services.articles.list_articles()
        self._article_model.set_articles(articles)
        self._update_counts()
        # A model reset clears the selection without a signal; selecting again emits one.
        if current is None or not self.article_list.select_article(current):
            self._on_article_list_article_selected(None)

    def select_article(self, article_id: int) -> bool:
        """Select and show one article; False if it is not in the list."""
        return self.article_list.select_article(article_id)

    # -- slots ---------------------------------------------------------------------

    def _on_article_list_article_selected(self, article_id: int | None) -> None:
        if article_id is None:
            empty = self._article_model.rowCount() == 0
            self.article_view.show_placeholder(EMPTY_DATABASE_MESSAGE if empty else NO_SELECTION_MESSAGE)
            return
        self._show_article(article_id)

    def _show_article(self, article_id: int) -> None:
        article = self._services.articles.get_article(article_id)
        statements = self._services.statements.statements_for_article(article_id)
        self.article_view.show_article(article, statements, self._colors)

    # -- state -----------------------------------------------------------------------

    def _update_counts(self) -> None:
        articles = self._article_model.articles()
        statements = sum(article.statement_count for article in articles)
        self.counts_label.setText(f"{_plural(len(articles), 'article')} · {_plural(statements, 'statement')}")

    def _restore_layout(self) -> None:
        geometry = self._settings.value(_SETTINGS_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self._settings.value(_SETTINGS_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = self._settings.value(_SETTINGS_SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        """Remember window geometry, toolbar state and splitter sizes."""
        self._settings.setValue(_SETTINGS_GEOMETRY, self.saveGeometry())
        self._settings.setValue(_SETTINGS_STATE, self.saveState())
        self._settings.setValue(_SETTINGS_SPLITTER, self.splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_layout()
        super().closeEvent(event)
