"""Golden files for the importers: inputs and expected outputs in tests/data/importers/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from karabakh_annotator.core.records import ImportFailure, ParsedArticle

DATA = Path(__file__).resolve().parents[2] / "data" / "importers"


def load_expected(name: str) -> Any:
    """An expected-output file; article texts are stored one paragraph per list item."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def assert_matches(result: ParsedArticle | ImportFailure, expected: dict[str, Any]) -> None:
    """A parsed article or failure against one expected record."""
    assert result.source_file == expected["source_file"]
    if "reason_contains" in expected:
        assert isinstance(result, ImportFailure), f"{result.source_file} should have failed"
        assert expected["reason_contains"] in result.reason
        return
    assert isinstance(result, ParsedArticle), f"{result.source_file} failed: {getattr(result, 'reason', '')}"
    actual = {
        "source_file": result.source_file,
        "title": result.title,
        "outlet": result.outlet,
        "url": result.url,
        "published": result.published.isoformat() if result.published else None,
        "published_raw": result.published_raw,
        "text": result.text.split("\n"),
    }
    assert actual == expected
