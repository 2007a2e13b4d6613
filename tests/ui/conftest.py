"""UI tests: offscreen Qt, real services on a temp SQLite file, short Arabic articles written here."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402

from karabakh_annotator.core.records import Changes, ParsedArticle  # noqa: E402
from karabakh_annotator.core.services import Services, build_services  # noqa: E402
from karabakh_annotator.core.services.patches import ClaimPatch  # noqa: E402
from karabakh_annotator.core.storage.database import open_database  # noqa: E402

ANALYST = "analyst"

PLAIN_TITLE = "هدنة جديدة في الإقليم"
PLAIN_TEXT = "قال المتحدث إن الهدنة صامدة منذ يومين.\nوأضاف أن المراقبين وصلوا إلى المنطقة صباح الأحد."
PLAIN_QUOTE = "الهدنة صامدة منذ يومين"

# An emoji (outside the BMP: one code point, two UTF-16 units) before the statement.
EMOJI_TITLE = "عاجل من خط التماس"
EMOJI_TEXT = "🔴 عاجل: أعلن الجيش 🚀 أن قواته أسقطت طائرة مسيرة من طراز D-20 فوق الوادي.\nولم يصدر تعليق من الطرف الآخر."
EMOJI_QUOTE = "قواته أسقطت طائرة مسيرة"


@dataclass(frozen=True)
class DemoData:
    """Ids of what the `demo` fixture stored, and the texts it stored."""

    plain_id: int
    emoji_id: int
    plain_statement_id: int
    emoji_statement_id: int
    plain_title: str = PLAIN_TITLE
    plain_text: str = PLAIN_TEXT
    plain_quote: str = PLAIN_QUOTE
    emoji_title: str = EMOJI_TITLE
    emoji_text: str = EMOJI_TEXT
    emoji_quote: str = EMOJI_QUOTE


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """Real services over a fresh SQLite file."""
    database = open_database(str(tmp_path / "t.sqlite3"))
    try:
        yield build_services(database)
    finally:
        database.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """QSettings in a temp INI file, so tests never touch the user's settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def arabic_family(qapp: object) -> str:
    """The Arabic family the app would choose (loads the bundled fonts once)."""
    from karabakh_annotator.ui.fonts import load_fonts

    return load_fonts()


def _store(services: Services, title: str, text: str, outlet: str, day: int) -> int:
    outcome = services.articles.store_article(
        ParsedArticle(
            text=text,
            raw=text.encode(),
            source_file=f"{title}.txt",
            title=title,
            outlet=outlet,
            published=dt.date(2020, 10, day),
        )
    )
    assert outcome.article_id is not None
    return outcome.article_id


def _mark(services: Services, article_id: int, text: str, quote: str) -> int:
    start = text.index(quote)
    statement, _ = services.statements.mark_statement(article_id, start, start + len(quote), ANALYST)
    return statement.id


@pytest.fixture
def demo(services: Services) -> DemoData:
    """Two articles, one statement each; the emoji article's claim is judged false."""
    plain_id = _store(services, PLAIN_TITLE, PLAIN_TEXT, "وكالة الاختبار", 1)
    emoji_id = _store(services, EMOJI_TITLE, EMOJI_TEXT, "قناة التجربة", 2)
    plain_statement = _mark(services, plain_id, PLAIN_TEXT, PLAIN_QUOTE)
    emoji_statement = _mark(services, emoji_id, EMOJI_TEXT, EMOJI_QUOTE)
    claim, _ = services.claims.create_claim("Drone shot down", ANALYST, statement_ids=[emoji_statement])
    services.claims.edit_claim(claim.id, ClaimPatch(verdict="false"), ANALYST)
    return DemoData(plain_id, emoji_id, plain_statement, emoji_statement)


class Recorder:
    """Collects what undoable commands report."""

    def __init__(self) -> None:
        self.changes: list[Changes] = []
        self.errors: list[Exception] = []

    def kwargs(self) -> dict[str, object]:
        return {"analyst": ANALYST, "on_changes": self.changes.append, "on_error": self.errors.append}


@pytest.fixture
def stack(qapp) -> QUndoStack:  # noqa: ANN001
    return QUndoStack()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
