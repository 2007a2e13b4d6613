"""Where the database lives by default: names only, no SQLAlchemy (the CLI parser and the UI read these)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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


def resolve_database_url(path_or_url: str | None = None) -> str:
    """Turn `--db`, then $KARABAKH_ANNOTATOR_DB, then the default file into a URL."""
    chosen = path_or_url or os.environ.get(DB_ENV_VAR) or str(default_database_path())
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def display_url(url: str) -> str:
    """A database URL fit for a title bar: any password shown as *** (as SQLAlchemy shows it), the rest as given."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
