"""Dialogs the main window opens: import, export, label editing, first run."""
