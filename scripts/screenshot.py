"""Render the main window over a small demo database to a PNG (default docs/screenshot.png),
then each desk tab beside it (docs/screenshot-claims.png, ...).

Usage: python scripts/screenshot.py [OUT.png]
Runs offscreen unless QT_QPA_PLATFORM says otherwise; touches no user settings.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from karabakh_annotator.app import build_main_window, create_application  # noqa: E402
from karabakh_annotator.core.records import ParsedArticle, StatementRecord  # noqa: E402
from karabakh_annotator.core.services import Services, build_services  # noqa: E402
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch  # noqa: E402
from karabakh_annotator.core.services.versions import EditConflict  # noqa: E402
from karabakh_annotator.core.storage.database import open_database  # noqa: E402
from karabakh_annotator.ui.conflict_resolution import ValueDescriber  # noqa: E402
from karabakh_annotator.ui.dialogs.conflict_dialog import ConflictDialog  # noqa: E402
from karabakh_annotator.ui.workspace_desk import AGREEMENT, CLAIMS, TAB_TITLES  # noqa: E402

ANALYST = "demo"
SECOND_ANALYST = "رنا"

# Demo text written for this script (not taken from any outlet).
DEMO_TITLE = "باكو ويريفان تتبادلان الاتهام بخرق وقف إطلاق النار"
DEMO_TEXT = (
    "أعلنت وزارة الدفاع الأذربيجانية صباح 27 سبتمبر أن القوات الأرمينية قصفت مواقع مدنية "
    "على خط التماس، مؤكدة أن الهدنة لم تعد قائمة.\n"
    "وقال متحدث باسم الوزارة لموقع AzVision إن وحداته دمرت مدفعا من طراز D-20 "
    "قرب إحدى القرى الحدودية، من دون أن يقدم صورا تثبت ذلك.\n"
    "في المقابل، نفت وزارة الدفاع الأرمينية هذه الرواية، وقالت إن الجانب الأذربيجاني "
    "هو الذي بدأ الهجوم فجرا مستخدما الطائرات المسيرة.\n"
    "ودعت مجموعة مينسك الطرفين إلى الالتزام الفوري بوقف إطلاق النار والعودة إلى طاولة المفاوضات."
)
STATEMENTS = (
    # (quote, claim summary, verdict)
    ("القوات الأرمينية قصفت مواقع مدنية على خط التماس", "Armenian forces shelled civilian sites", "false"),
    ("الجانب الأذربيجاني هو الذي بدأ الهجوم فجرا", "Azerbaijan started the attack at dawn", "unverifiable"),
)
OTHER_ARTICLES = (
    ("مجموعة مينسك تدعو إلى التهدئة", "صحيفة المثال", dt.date(2020, 9, 28), "دعت مجموعة مينسك إلى التهدئة."),
    ("أرقام متضاربة حول الخسائر", "إذاعة النموذج", dt.date(2020, 9, 29), "تضاربت الأرقام المعلنة حول الخسائر."),
)


def populate(services: Services) -> int:
    """Store the demo articles and statements; return the id of the main article."""
    main = services.articles.store_article(
        ParsedArticle(
            text=DEMO_TEXT,
            raw=DEMO_TEXT.encode(),
            source_file="demo-ceasefire.txt",
            title=DEMO_TITLE,
            outlet="وكالة الأنباء التجريبية",
            published=dt.date(2020, 9, 27),
            published_raw="27 سبتمبر 2020",
        )
    )
    assert main.article_id is not None
    ministry, _ = services.entities.create_entity(
        "وزارة الدفاع الأذربيجانية", ANALYST, aliases=["الوزارة"], source_type="government", party="pro_azerbaijan"
    )
    for quote, summary, verdict in STATEMENTS:
        start = DEMO_TEXT.index(quote)
        statement, _ = services.statements.mark_statement(
            main.article_id,
            start,
            start + len(quote),
            ANALYST,
            StatementPatch(speaker_id=ministry.id, cue="أعلنت", cue_class="announcing", stance="reports"),
        )
        claim, _ = services.claims.create_claim(summary, ANALYST, statement_ids=[statement.id])
        services.claims.edit_claim(claim.id, ClaimPatch(status="in_progress", verdict=verdict), ANALYST)
    for index, (title, outlet, date, text) in enumerate(OTHER_ARTICLES):
        services.articles.store_article(
            ParsedArticle(text, text.encode(), f"demo-{index}.txt", title=title, outlet=outlet, published=date)
        )
    _second_analyst_and_review(services, main.article_id)
    return main.article_id


def _second_analyst_and_review(services: Services, article_id: int) -> None:
    """A second analyst on the same article, evidence, and one claim reviewed and published."""
    for quote, stance in (("القوات الأرمينية قصفت مواقع مدنية", "distances"), ("نفت وزارة الدفاع الأرمينية هذه الرواية", "refutes")):
        start = DEMO_TEXT.index(quote)
        services.statements.mark_statement(article_id, start, start + len(quote), SECOND_ANALYST, StatementPatch(stance=stance))
    claim = services.claims.list_claims()[-1]  # the first one created
    services.evidence.add_evidence(
        claim.id, "refutes", ANALYST, citation="صور أقمار صناعية ليوم 27 سبتمبر", url="https://example.org/imagery"
    )
    services.claims.edit_claim(claim.id, ClaimPatch(explanation="لا أثر لقصف في الصور المتاحة"), ANALYST)
    services.claims.edit_claim(claim.id, ClaimPatch(status="verdict_drafted"), ANALYST)
    for status in ("reviewed", "published"):
        services.claims.edit_claim(claim.id, ClaimPatch(status=status), SECOND_ANALYST)


def _settle(app: QApplication, seconds: float = 0.4) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def _render_conflict(app: QApplication, services: Services, seen: StatementRecord, parent: QWidget, png: Path) -> Path:
    """The dialog an analyst sees when their edit meets a colleague's change of the same fields."""
    services.statements.edit_statement(
        seen.id, StatementPatch(note="المصدر لم يذكر اسم القرية", stance="refutes"), SECOND_ANALYST
    )
    try:
        services.statements.edit_statement(
            seen.id, StatementPatch(note="يحتاج إلى مصدر ثانٍ", stance="distances"), ANALYST, seen
        )
    except EditConflict as conflict:
        dialog = ConflictDialog(conflict, ValueDescriber(services), parent)
    else:
        raise SystemExit("expected an edit conflict")
    dialog.show()
    _settle(app)
    if not dialog.grab().save(str(png)):
        raise SystemExit(f"could not write {png}")
    dialog.close()
    return png


def render(out: Path) -> None:
    """Build the demo database and window, and save the window's picture to `out`."""
    app: QApplication = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "demo.sqlite3"))
        try:
            services = build_services(database)
            article_id = populate(services)
            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            window = build_main_window(services, settings, database_label="demo.sqlite3")
            window.resize(1500, 900)
            window.show()
            window.select_article(article_id)
            first = services.statements.statements_for_article(article_id)[0]
            window.claims_panel.select_statement(first.id)
            _settle(app)  # suggestion underlines and related statements follow the first paint
            out.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(out)):
                raise SystemExit(f"could not write {out}")
            published = next(c.id for c in services.claims.list_claims() if c.status == "published")
            for index, title in enumerate(TAB_TITLES[1:], start=1):
                view = window.desk.show_tab(index)
                if index == CLAIMS:
                    view.select_claim(published)
                elif index == AGREEMENT:
                    view.compute()
                _settle(app)
                name = title.replace("&", "").lower()
                tab_png = out.with_name(f"{out.stem}-{name}.png")
                if not window.grab().save(str(tab_png)):
                    raise SystemExit(f"could not write {tab_png}")
                print(tab_png)
            print(_render_conflict(app, services, first, window, out.with_name(f"{out.stem}-conflict.png")))
            window.close()
        finally:
            database.dispose()
    print(out)


if __name__ == "__main__":
    render(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshot.png")
