"""Every command of the workspace, declared once: menus and the toolbar list them by id."""

from __future__ import annotations

from karabakh_annotator.ui.actions import SEPARATOR, ActionSpec

WINDOW_TITLE = "Karabakh Annotator"

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_files", "&Import Files…", "Ctrl+I", "fa5s.file-import", "files.import_files", "Import article files"),
    ActionSpec("import_folder", "Import &Folder…", "Ctrl+Shift+I", "fa5s.folder-open", "files.import_folder", "Import a folder"),
    ActionSpec("export_csv", "&Export CSV…", "Ctrl+E", "fa5s.file-csv", "files.export_csv", "Export the listed statements"),
    ActionSpec("export_any", "Export &As…", "Ctrl+Shift+E", "fa5s.file-export", "files.export_any",
               "Statements or claims CSV, whole-database JSONL, W3C Web Annotation or ClaimReview"),
    ActionSpec("import_annotations", "Import A&nnotations…", None, "fa5s.file-upload", "files.import_annotations",
               "Read a JSONL or statements CSV export back in"),
    ActionSpec("open_database", "&Open Database…", "Ctrl+Shift+O", "fa5s.database", "files.open_database", "Open another database",
               needs_database=False),
    ActionSpec("reload", "&Reload Articles", "F5", "fa5s.sync-alt", "reload", "Read the article list again"),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "fa5s.sign-out-alt", "close", "Close the window", needs_database=False),
    ActionSpec("undo", "&Undo", "Ctrl+Z", "fa5s.undo", "undo", "Undo the last edit"),
    ActionSpec("redo", "&Redo", "Ctrl+Shift+Z", "fa5s.redo", "redo", "Redo the last undone edit"),
    ActionSpec("mark", "&Mark Statement", "Ctrl+M", "fa5s.highlighter", "mark_statement", "Mark the selected text"),
    ActionSpec("resize", "Set Span to &Selection", "Ctrl+R", "fa5s.arrows-alt-h", "resize_statement",
               "Make the current statement cover the selected text"),
    ActionSpec("delete", "&Delete Statement", "Ctrl+Delete", "fa5s.trash-alt", "delete_statement",
               "Delete the current statement (undo brings it back)"),
    ActionSpec("accept_suggestion", "&Accept Suggestion", "Ctrl+Return", "fa5s.check", "suggestions.accept_suggestion",
               "Store the underlined suggestion as a statement, speaker and cue filled in"),
    ActionSpec("reject_suggestion", "Re&ject Suggestion", "Ctrl+Backspace", "fa5s.times", "suggestions.reject_suggestion",
               "Do not offer this suggestion again (undo offers it again)"),
    ActionSpec("next_suggestion", "Next Suggestion", "Ctrl+Down", "fa5s.chevron-down", "suggestions.next_suggestion"),
    ActionSpec("previous_suggestion", "Previous Suggestion", "Ctrl+Up", "fa5s.chevron-up", "suggestions.previous_suggestion"),
    ActionSpec("restore_statement", "Res&tore Deleted Statement…", None, "fa5s.trash-restore", "files.restore_statement",
               "Bring back a statement deleted from this article (its history is kept)"),
    ActionSpec("find", "&Find Articles", "Ctrl+F", "fa5s.search", "focus_search", "Search the articles"),
    ActionSpec("next_statement", "Next Statement", "Alt+Down", "fa5s.arrow-down", "select_next_statement"),
    ActionSpec("previous_statement", "Previous Statement", "Alt+Up", "fa5s.arrow-up", "select_previous_statement"),
    ActionSpec("next_article", "Next Article", "Ctrl+PgDown", "fa5s.angle-double-down", "next_article"),
    ActionSpec("previous_article", "Previous Article", "Ctrl+PgUp", "fa5s.angle-double-up", "previous_article"),
    ActionSpec("tab_annotate", "&Annotate", "Ctrl+1", "fa5s.highlighter", "desk.show_annotate", "Articles, text and claims panel"),
    ActionSpec("tab_claims", "&Claims", "Ctrl+2", "fa5s.clipboard-check", "desk.show_claims",
               "Every claim with its evidence, history and verdict"),
    ActionSpec("tab_activity", "Acti&vity", "Ctrl+3", "fa5s.history", "desk.show_activity", "Who changed what, when"),
    ActionSpec("tab_adjudicate", "Ad&judicate", "Ctrl+4", "fa5s.balance-scale", "desk.show_adjudication",
               "Two analysts side by side; take one version into the gold set"),
    ActionSpec("tab_agreement", "A&greement", "Ctrl+5", "fa5s.user-friends", "desk.show_agreement",
               "Agreement between analysts"),
    ActionSpec("tab_dashboard", "Dash&board", "Ctrl+6", "fa5s.chart-bar", "desk.show_dashboard", "Charts for a report"),
    ActionSpec("zoom_in", "Zoom &In", "Ctrl++", "fa5s.search-plus", "zoom_in", "Larger article text", needs_database=False),
    ActionSpec("zoom_out", "Zoom &Out", "Ctrl+-", "fa5s.search-minus", "zoom_out", "Smaller article text", needs_database=False),
    ActionSpec("labels", "&Label Sets…", "Ctrl+Shift+L", "fa5s.tags", "files.edit_labels", "Edit verdicts, statuses and other labels"),
    ActionSpec("analyst", "&Analyst Name…", None, "fa5s.user", "files.set_analyst_name", "Who is annotating"),
    ActionSpec("blind", "&Blind Annotation", "Ctrl+Shift+B", "fa5s.eye-slash", "toggle_blind",
               "Hide the other analysts' statements while you annotate"),
)
MENUS: dict[str, tuple[str, ...]] = {
    "&File": ("import_files", "import_folder", "import_annotations", "export_csv", "export_any", SEPARATOR, "open_database", "reload", SEPARATOR, "quit"),
    "&Edit": ("undo", "redo", SEPARATOR, "mark", "resize", "delete", "restore_statement", SEPARATOR, "accept_suggestion",
              "reject_suggestion", SEPARATOR, "find"),
    "&View": ("next_statement", "previous_statement", "next_suggestion", "previous_suggestion", "next_article",
              "previous_article", SEPARATOR, "zoom_in", "zoom_out"),
    "&Desk": ("tab_annotate", "tab_claims", "tab_activity", "tab_adjudicate", "tab_agreement", "tab_dashboard"),
    "&Settings": ("labels", "analyst", "blind"),
}
TOOLBAR: tuple[str, ...] = (
    "import_files", "export_csv", SEPARATOR, "undo", "redo", SEPARATOR, "mark", "delete", SEPARATOR,
    "accept_suggestion", "reject_suggestion",
)
