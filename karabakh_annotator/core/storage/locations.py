"""Where the database lives by default: names only, no SQLAlchemy (the CLI parser and the UI read these)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "karabakh-annotator"
DB_ENV_VAR = "KARABAKH_ANNOTATOR_DB"
DEFAULT_DB_FILE = "annotations.sqlite3"


def default_database_path() -> Path:
    """The SQLite file used when neither --db nor the environment names one."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DEFAULT_DB_FILE


def user_speaker_variants_path() -> Path:
    """The analyst's own speaker spelling variants, added to the shipped list (optional file)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "speaker_variants.txt"
