"""TREC/Gigaword SGML: one article per <DOC>; a malformed DOC fails alone."""

from __future__ import annotations

import datetime as dt

import pytest
from importer_golden import DATA, assert_matches, load_expected

from karabakh_annotator.core.importers.sgml import parse_sgml_docs
from karabakh_annotator.core.records import ImportFailure, ParsedArticle


def doc(docno: str, text: str = "<P>أعلنت الوزارة وقف إطلاق النار.</P>", extra: str = "") -> str:
    return f"<DOC>\n<DOCNO>{docno}</DOCNO>\n{extra}<TEXT>\n{text}\n</TEXT>\n</DOC>\n"


def test_golden_sgml() -> None:
    results = parse_sgml_docs((DATA / "gigaword.sgml").read_bytes(), "gigaword.sgml")
    wanted = load_expected("gigaword.expected.json")
    assert len(results) == len(wanted) == 3
    for result, record in zip(results, wanted):
        assert_matches(result, record)


def test_each_doc_keeps_its_own_raw_text() -> None:
    first, _, third = parse_sgml_docs((DATA / "gigaword.sgml").read_bytes(), "gigaword.sgml")
    assert isinstance(first, ParsedArticle) and isinstance(third, ParsedArticle)
    assert first.raw.startswith(b'<DOC id="XIN_ARB_20201004.0001"') and first.raw.endswith(b"</DOC>")
    assert b"TST20201005.0003" in third.raw and b"XIN_ARB" not in third.raw


def test_unclosed_doc_fails_and_the_next_doc_still_imports() -> None:
    data = (doc("A1") + "<DOC>\n<DOCNO>B2</DOCNO>\n<TEXT>\n<P>نص مقطوع\n" + doc("C3")).encode("utf-8")
    results = parse_sgml_docs(data, "f.sgml")
    assert [r.source_file for r in results] == ["f.sgml#A1", "f.sgml#B2", "f.sgml#C3"]
    failure = results[1]
    assert isinstance(failure, ImportFailure)
    assert failure.reason == "DOC 2 (B2) has no closing </DOC> (file cut short or tags broken)"
    assert isinstance(results[0], ParsedArticle) and isinstance(results[2], ParsedArticle)


def test_doc_without_docno_is_named_by_its_number() -> None:
    data = (doc("A1") + "<DOC>\n<HEADLINE>عنوان</HEADLINE>\n</DOC>\n").encode("utf-8")
    failure = parse_sgml_docs(data, "f.sgml")[1]
    assert isinstance(failure, ImportFailure)
    assert (failure.source_file, failure.reason) == ("f.sgml#2", "DOC 2 has no <TEXT> element")


def test_empty_text_is_a_failure() -> None:
    (failure,) = parse_sgml_docs(doc("E1", text="<P>  </P>").encode("utf-8"), "f.sgml")
    assert isinstance(failure, ImportFailure) and "empty <TEXT>" in failure.reason


def test_text_without_paragraph_tags_keeps_its_lines() -> None:
    (article,) = parse_sgml_docs(doc("T1", text="السطر الأول\nالسطر الثاني &amp; الأخير").encode("utf-8"), "f.sgml")
    assert isinstance(article, ParsedArticle)
    assert article.text == "السطر الأول\nالسطر الثاني & الأخير"


def test_paragraph_wraps_are_joined_and_unclosed_paragraphs_split() -> None:
    text = "<P>\nالفقرة الأولى\nتكمل هنا.\n<P>\nالفقرة الثانية.\n<P>الثالثة &quot;بين علامتين&quot;."
    (article,) = parse_sgml_docs(doc("P1", text=text).encode("utf-8"), "f.sgml")
    assert isinstance(article, ParsedArticle)
    assert article.text == 'الفقرة الأولى تكمل هنا.\nالفقرة الثانية.\nالثالثة "بين علامتين".'


@pytest.mark.parametrize(
    ("docno", "extra", "published", "raw"),
    [
        ("AFP_ARB_20201004.0001", "", dt.date(2020, 10, 4), "20201004"),
        ("X1", "<DATE>20201005</DATE>\n", dt.date(2020, 10, 5), "20201005"),
        ("X2", "<DATE_TIME>2020-10-06T10:00:00</DATE_TIME>\n", dt.date(2020, 10, 6), "2020-10-06T10:00:00"),
        ("X3", "<DATELINE>باكو 7 أكتوبر (أ ف ب) -</DATELINE>\n", None, "باكو 7 أكتوبر (أ ف ب) -"),
        # The DATE element wins over the DOCNO, and a DATE that is not a date fills nothing.
        ("AFP_ARB_20201004.0002", "<DATE>أمس</DATE>\n", dt.date(2020, 10, 4), "أمس"),
        ("X4", "", None, None),
        ("AFP_ARB_20201399.0001", "", None, None),  # not a real date
    ],
)
def test_dates(docno: str, extra: str, published: dt.date | None, raw: str | None) -> None:
    (article,) = parse_sgml_docs(doc(docno, extra=extra).encode("utf-8"), "f.sgml")
    assert isinstance(article, ParsedArticle)
    assert (article.published, article.published_raw) == (published, raw)


def test_doc_id_attribute_and_lowercase_tags() -> None:
    data = "<doc id='lc-1' type='story'><headline>عنوان</headline><text><p>نص قصير.</p></text></doc>".encode("utf-8")
    (article,) = parse_sgml_docs(data, "f.sgml")
    assert isinstance(article, ParsedArticle)
    assert (article.source_file, article.title, article.text) == ("f.sgml#lc-1", "عنوان", "نص قصير.")


def test_cp1256_file_is_decoded() -> None:
    (article,) = parse_sgml_docs(doc("W1").encode("cp1256"), "f.sgml")
    assert isinstance(article, ParsedArticle) and article.text == "أعلنت الوزارة وقف إطلاق النار."


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), ("نص عادي بلا وسوم".encode("utf-8"), "no <DOC> elements")])
def test_not_sgml(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_sgml_docs(data, "f.sgml")
