"""`agreement --analysts A,B [--json]`, called directly with parsed arguments."""

from __future__ import annotations

import argparse
import io
import json
from types import SimpleNamespace
from typing import Any

import pytest

from karabakh_annotator.cli.agreement_command import agreement
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import Database
from tests.core.agreement.test_agreement_service import AZ_MFA, KREMLIN, RU_MFA, Desk, build_desk


@pytest.fixture
def desk(services: Services, database: Database) -> Desk:
    return build_desk(services, database)


def run(desk: Desk, analysts: str, as_json: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    # Only the agreement service is needed until Services carries it.
    services: Any = SimpleNamespace(agreement=desk.agreement)
    code = agreement(services, argparse.Namespace(analysts=analysts, json=as_json), out, err)
    return code, out.getvalue(), err.getvalue()


def test_table_shows_span_f1_coefficients_and_confusion(desk: Desk) -> None:
    code, out, err = run(desk, "Amal, Bilal")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Agreement of Amal, Bilal over 1 article annotated by all (3 matched statements)"
    assert lines[lines.index("Statements") + 2].split() == ["Amal", "/", "Bilal", "4", "/", "4", "2", "3", "0.500", "0.750"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[lines.index("Labels on matched statements") + 2 :][:4]}
    assert rows == {
        "speaker": ["3", "0.571", "0.615"],
        "party_alignment": ["3", "1.000", "1.000"],
        "reporting_stance": ["2", "0.333", "0.400"],
        "verdict": ["2", "—", "—"],
    }
    # Speaker confusion: counts first, the (Arabic) name last on each line.
    start = lines.index("speaker: rows Amal, columns Bilal")
    table = {line.split(maxsplit=5)[-1]: line.split()[1:5] for line in lines[start + 2 : start + 6]}
    assert table[RU_MFA] == ["1", "0", "0", "0"]  # Amal's Russian MFA against Bilal's Kremlin (column 1)
    assert table[AZ_MFA] == ["0", "1", "0", "0"]
    assert table[KREMLIN] == ["0", "0", "0", "0"]


def test_json_is_one_object_with_undefined_as_null(desk: Desk) -> None:
    code, out, _ = run(desk, "Amal,Bilal", as_json=True)
    report = json.loads(out)
    assert code == 0 and set(report) == {"analysts", "articles", "units", "spans", "labels"}
    assert report["spans"][0]["f1_exact"] == 0.5 and report["spans"][0]["f1_partial"] == 0.75
    labels = {x["label_set"]: x for x in report["labels"]}
    assert labels["verdict"]["kappa"] is None and labels["verdict"]["alpha"] is None
    assert labels["reporting_stance"]["confusion"][0]["categories"] == ["reports", "distances", "refutes", "(none)"]
    assert labels["reporting_stance"]["confusion"][0]["counts"][0] == [1, 0, 0, 1]


def test_usage_and_service_errors(desk: Desk) -> None:
    code, out, err = run(desk, "Amal")
    assert code == 2 and out == "" and "at least two" in err
    assert run(desk, "Amal,,Amal")[0] == 2
    with pytest.raises(ServiceError, match="no analyst named 'Zed'"):  # main() prints it and exits 1
        run(desk, "Amal,Zed")


def test_agreement_through_the_command_line(database_url, capsys) -> None:  # noqa: ANN001
    import json

    from karabakh_annotator.core.records import ParsedArticle
    from karabakh_annotator.core.services import build_services
    from karabakh_annotator.core.storage.database import open_database
    from karabakh_annotator.main import main

    text = "قالت الوزارة إن القوات صدت الهجوم. ونفى الطرف الآخر ذلك."
    db_path = database_url
    database = open_database(db_path)
    services = build_services(database)
    article = services.articles.store_article(ParsedArticle(text, text.encode(), "a.txt")).article_id
    assert article is not None
    quote = "القوات صدت الهجوم"
    start = text.index(quote)
    for analyst in ("أمل", "بلال"):
        services.statements.mark_statement(article, start, start + len(quote), analyst)
    database.dispose()
    assert main(["--db", str(db_path), "agreement", "--analysts", "أمل,بلال", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["analysts"] == ["أمل", "بلال"]
    assert report["spans"][0]["f1_exact"] == 1.0
    assert main(["--db", str(db_path), "agreement", "--analysts", "أمل"]) == 2
