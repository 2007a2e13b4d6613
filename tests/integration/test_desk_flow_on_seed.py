"""Issue 6 end to end on a real seed article: two analysts annotate it, their agreement is measured,
a reviewer adjudicates, a claim is verified with evidence through to 'published', the dashboard
counts it, and everything is exported in all four formats and read back losslessly."""

from __future__ import annotations

import json
from pathlib import Path

from karabakh_annotator.core.importers.files import read_article_file
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.services.adjudication import GOLD_ANALYST
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.storage.database import open_database


def test_two_analysts_to_a_published_claim_and_four_exports(seeds: Path, tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "desk.sqlite3"))
    services = build_services(database)
    [parsed] = [p for p in read_article_file(sorted(seeds.glob("*.txt"))[0]) if isinstance(p, ParsedArticle)]
    article_id = services.articles.store_article(parsed).article_id
    assert article_id is not None

    # Two analysts pre-annotate the same seed article from the suggestions, then differ on one stance.
    suggestions = services.suggestions.for_article(article_id)
    assert len(suggestions) >= 3
    mine = [services.suggestions.accept(article_id, s, "أمل")[0] for s in suggestions[:3]]
    theirs = [
        services.statements.mark_statement(article_id, s.start, s.end, "بلال", StatementPatch(stance=s.stance))[0]
        for s in suggestions[:3]
    ]
    services.statements.edit_statement(theirs[0].id, StatementPatch(stance="distances"), "بلال")

    report = services.agreement.report(["أمل", "بلال"])
    assert report.spans[0].f1_exact == 1.0
    stance = report.label("reporting_stance")
    assert stance.units == 3 and stance.alpha is not None and stance.alpha < 1.0

    # Adjudication: the reviewer takes Amal's version of the disputed statement into gold.
    rows = services.adjudication.compare(article_id, "أمل", "بلال")
    assert len(rows) == 3 and all(r.first and r.second for r in rows)
    gold, _ = services.adjudication.accept(mine[0].id, "سارة")
    assert gold.analyst == GOLD_ANALYST and gold.stance == mine[0].stance

    # Verification: a claim with evidence through the workflow to published.
    claim, _ = services.claims.create_claim("ادعاء من المقال الأول", "أمل", [mine[0].id])
    services.claims.edit_claim(claim.id, ClaimPatch(status="check_worthy"), "أمل")
    services.claims.edit_claim(claim.id, ClaimPatch(status="in_progress"), "أمل")
    services.evidence.add_evidence(claim.id, "supports", "أمل", citation="بيان رسمي", url="https://example.org/b")
    services.claims.edit_claim(claim.id, ClaimPatch(verdict="mostly_true", explanation="يؤيده البيان الرسمي"), "أمل")
    services.claims.edit_claim(claim.id, ClaimPatch(status="verdict_drafted"), "أمل")
    services.claims.edit_claim(claim.id, ClaimPatch(status="reviewed"), "بلال")
    services.claims.edit_claim(claim.id, ClaimPatch(status="published"), "بلال")
    assert services.claims.get_claim(claim.id).status == "published"

    figures = services.dashboard.figures()
    assert {v.key: v.count for v in figures.verdicts}["mostly_true"] == 1

    # All four exchange formats; the JSONL one restores a new database byte for byte.
    out = tmp_path / "out"
    out.mkdir()
    assert services.exchange.export_csv(out / "statements.csv") == 7
    assert services.exchange.export_claims_csv(out / "claims.csv") == 1
    assert services.exchange.export_web_annotation(out / "annotations.jsonld") == 7
    assert services.exchange.export_claimreview(out / "claimreview.jsonld") == 1
    review = json.loads((out / "claimreview.jsonld").read_text(encoding="utf-8"))
    assert "ادعاء من المقال الأول" in json.dumps(review, ensure_ascii=False)
    services.exchange.export_jsonl(out / "all.jsonl")
    database.dispose()

    restored_db = open_database(str(tmp_path / "restored.sqlite3"))
    restored = build_services(restored_db)
    assert restored.exchange.import_annotations(out / "all.jsonl").complete
    restored.exchange.export_jsonl(out / "again.jsonl")
    restored_db.dispose()
    assert (out / "again.jsonl").read_bytes() == (out / "all.jsonl").read_bytes()
