"""JSON, JSON Lines and CSV exports: one article per record, a failure per bad record."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from importer_golden import DATA, assert_matches, load_expected

from karabakh_annotator.core.importers.record_exports import (
    FieldMap,
    parse_csv_articles,
    parse_json_articles,
    parse_jsonl_articles,
)
from karabakh_annotator.core.records import ImportFailure, ParsedArticle

TEXT = "قال المتحدث باسم الوزارة إن القوات صدت هجوما قرب المدينة."


@pytest.mark.parametrize(
    ("name", "expected", "parse"),
    [
        ("articles.json", "articles.expected.json", parse_json_articles),
        ("articles.jsonl", "articles_jsonl.expected.json", parse_json_articles),
        ("articles_semicolon.csv", "articles_semicolon.expected.json", parse_csv_articles),
    ],
)
def test_golden_exports(
    name: str, expected: str, parse: Callable[[bytes, str], list[ParsedArticle | ImportFailure]]
) -> None:
    results = parse((DATA / name).read_bytes(), name)
    wanted = load_expected(expected)
    assert len(results) == len(wanted)
    for result, record in zip(results, wanted):
        assert_matches(result, record)


def test_jsonl_bad_line_names_its_line_and_the_rest_import() -> None:
    results = parse_json_articles((DATA / "articles.jsonl").read_bytes(), "articles.jsonl")
    failure = results[1]
    assert isinstance(failure, ImportFailure)
    assert failure.source_file == "articles.jsonl:3"
    assert failure.reason.startswith("line 3 is not valid JSON")
    assert sum(isinstance(r, ParsedArticle) for r in results) == 2


def test_jsonl_record_keeps_its_own_line_as_raw() -> None:
    line = json.dumps({"text": TEXT}, ensure_ascii=False).encode("utf-8")
    (article,) = parse_jsonl_articles(b"\n" + line + b"\r\n", "x.jsonl")
    assert isinstance(article, ParsedArticle)
    assert (article.raw, article.source_file) == (line, "x.jsonl:2")


def test_jsonl_with_invalid_utf8_line_reports_that_line() -> None:
    good = json.dumps({"text": TEXT}, ensure_ascii=False).encode("utf-8")
    results = parse_jsonl_articles(good + b"\n" + "{\"text\": \"نص\"}".encode("cp1256") + b"\n", "x.jsonl")
    assert isinstance(results[0], ParsedArticle)
    assert isinstance(results[1], ImportFailure) and "line 2 is not valid UTF-8" in results[1].reason


def test_json_lines_saved_as_json_are_read_as_lines() -> None:
    data = "\n".join(json.dumps({"text": TEXT + str(i)}, ensure_ascii=False) for i in range(2)).encode("utf-8")
    results = parse_json_articles(data, "export.json")
    assert [r.source_file for r in results] == ["export.json:1", "export.json:2"]


@pytest.mark.parametrize("key", ["articles", "items", "data"])
def test_wrapped_list(key: str) -> None:
    data = json.dumps({"meta": {"count": 1}, key: [{"text": TEXT}]}, ensure_ascii=False).encode("utf-8")
    (article,) = parse_json_articles(data, "export.json")
    assert isinstance(article, ParsedArticle) and article.text == TEXT
    assert article.source_file == "export.json#1"


def test_single_article_object() -> None:
    data = json.dumps({"headline": "عنوان", "articleBody": TEXT, "datePublished": "2020-10-04T10:00:00+04:00"},
                      ensure_ascii=False).encode("utf-8")
    (article,) = parse_json_articles(data, "one.json")
    assert isinstance(article, ParsedArticle)
    assert (article.title, article.text, article.published) == ("عنوان", TEXT, dt.date(2020, 10, 4))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b'[{"text": "x"', "not valid JSON (line 1"),
        (b"[]", "array is empty"),
        (b'"just a string"', "holds a string"),
        ("[]".encode("utf-16"), "not valid UTF-8"),
    ],
)
def test_whole_file_problems_raise_clear_errors(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(")):
        parse_json_articles(data, "bad.json")


def test_custom_field_map() -> None:
    fields = FieldMap(text=("matn",), title=("ras",), date=("yawm",), url=(), outlet=("jarida",))
    data = json.dumps([{"matn": TEXT, "ras": "عنوان", "yawm": "2020-10-04", "text": "ليس هذا", "jarida": "المثال"}],
                      ensure_ascii=False).encode("utf-8")
    (article,) = parse_json_articles(data, "x.json", fields)
    assert isinstance(article, ParsedArticle)
    assert (article.text, article.title, article.outlet, article.published) == (TEXT, "عنوان", "المثال", dt.date(2020, 10, 4))


def test_field_names_match_case_insensitively() -> None:
    data = json.dumps([{"Text": TEXT, "TITLE": "عنوان", "Published_At": "2020-10-04"}], ensure_ascii=False).encode("utf-8")
    (article,) = parse_json_articles(data, "x.json")
    assert isinstance(article, ParsedArticle)
    assert (article.title, article.published_raw) == ("عنوان", "2020-10-04")


def test_non_iso_date_stays_raw_only() -> None:
    data = json.dumps([{"text": TEXT, "date": "04/10/2020"}]).encode("utf-8")
    (article,) = parse_json_articles(data, "x.json")
    assert isinstance(article, ParsedArticle)
    assert (article.published, article.published_raw) == (None, "04/10/2020")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_are_sniffed(delimiter: str) -> None:
    rows = [["title", "text", "date"], ["عنوان، بفاصلة عربية", TEXT, "2020-10-04"]]
    data = "\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows).encode("utf-8")
    (article,) = parse_csv_articles(data, "x.csv")
    assert isinstance(article, ParsedArticle)
    assert (article.title, article.text, article.published) == ("عنوان، بفاصلة عربية", TEXT, dt.date(2020, 10, 4))


def test_csv_with_quoted_comma_in_header_row_sniffs_comma() -> None:
    data = 'text,"title; short"\n"نص، مع فاصلة; وفاصلة منقوطة",عنوان\n'.encode("utf-8")
    (article,) = parse_csv_articles(data, "x.csv")
    assert isinstance(article, ParsedArticle) and article.text == "نص، مع فاصلة; وفاصلة منقوطة"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1256", b""), ("utf-16", b"")],
)
def test_csv_encodings(encoding: str, prefix: bytes) -> None:
    data = prefix + f"النص\tالعنوان\n{TEXT}\tعنوان\n".encode(encoding)
    (article,) = parse_csv_articles(data, "x.csv")
    assert isinstance(article, ParsedArticle)
    assert (article.text, article.title) == (TEXT, "عنوان")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        ("title,date\nعنوان,2020-10-04\n".encode("utf-8"), "no text column"),
        (b"text,title\n", "no records"),
    ],
)
def test_csv_whole_file_problems(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_csv_articles(data, "x.csv")


def test_csv_record_numbers_skip_blank_lines() -> None:
    data = f"text\n{TEXT}\n\n\n{TEXT}2\n".encode("utf-8")
    assert [r.source_file for r in parse_csv_articles(data, "x.csv")] == ["x.csv#1", "x.csv#2"]
