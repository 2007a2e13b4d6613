"""Every supported format through one entry point; each bad input gets a clear reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from karabakh_annotator.core.importers.files import ImportOptions, collect_files, read_article_file
from karabakh_annotator.core.records import ImportFailure, ParsedArticle

DATA = Path(__file__).parents[2] / "data" / "importers"
BODY = (
    "قال المتحدث باسم وزارة الدفاع إن القوات صدت هجوما قرب مدينة شوشا صباح الأحد،\n"
    "مؤكدا أن الوضع على خط التماس بات تحت السيطرة.\n"
    "ونفت الوزارة الأخرى هذه الرواية في بيان مقتضب."
)


def _articles(items: list[ParsedArticle | ImportFailure]) -> list[ParsedArticle]:
    assert all(isinstance(i, ParsedArticle) for i in items), items
    return [i for i in items if isinstance(i, ParsedArticle)]


def _failure(items: list[ParsedArticle | ImportFailure]) -> ImportFailure:
    assert len(items) == 1 and isinstance(items[0], ImportFailure), items
    return items[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256", "iso8859-6"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_files_in_every_encoding_and_line_end_give_the_same_article(
    tmp_path: Path, encoding: str, newline: str
) -> None:
    path = tmp_path / "بيان الوزارة.txt"
    # ISO-8859-6 has no Arabic-Indic digits or the Arabic comma variants we use; keep to letters.
    path.write_bytes(BODY.replace("\n", newline).encode(encoding))
    (article,) = _articles(read_article_file(path))
    assert article.text == BODY.replace("،\n", "، ").replace("السيطرة.\n", "السيطرة.\n")
    assert article.source_file == "بيان الوزارة.txt"
    assert article.raw == path.read_bytes()
    assert article.raw_encoding is not None


def test_wrapped_lines_are_rejoined_and_debris_dropped(tmp_path: Path) -> None:
    path = tmp_path / "scraped.txt"
    path.write_text(
        "الرئيسية\nسياسة\nاقتصاد\nرياضة\n"
        "الخارجية تعلن استئناف المحادثات\n"
        "أعلنت وزارة الخارجية أن المحادثات بين الطرفين ستستأنف في\n"
        "عاصمة محايدة الأسبوع المقبل بعد توقف دام شهرين كاملين.\n"
        "اقرأ أيضا: تبادل الاتهامات بخرق الهدنة\n"
        "أضف تعليق\n",
        encoding="utf-8",
    )
    (article,) = _articles(read_article_file(path))
    assert "ستستأنف في عاصمة محايدة" in article.text
    for debris in ("الرئيسية", "اقرأ أيضا", "أضف تعليق"):
        assert debris not in article.text
    assert article.title == "الخارجية تعلن استئناف المحادثات"
    assert article.cleaning_report is not None and "أضف تعليق" in article.cleaning_report


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "only whitespace"),
        ("photo.txt", bytes(range(256)) * 4, "binary"),
        ("nul.txt", "قال الوزير".encode() + b"\x00\x00\x00" + "إن".encode(), "NUL"),
        ("broken.txt", ("قال المتحدث إن القوات صدت الهجوم " * 20).encode() + b"\xc3\x28" + "نص".encode() * 30, "UTF-8"),
        ("page.html", b"<html><body><nav><a href='/'>\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3\xd9\x8a\xd8\xa9</a></nav></body></html>", "no article text"),
        ("corpus.sgml", b"<DOC><DOCNO>X1</DOCNO><HEADLINE>\xd8\xb9</HEADLINE>", "DOC"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
    ],
)
def test_bad_inputs_fail_with_a_clear_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    failure = _failure(read_article_file(path))
    assert failure.source_file.startswith(str(path))
    assert reason.lower() in failure.reason.lower(), failure.reason


def test_a_file_above_the_size_limit_is_refused_and_the_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    paragraph = "أعلنت وزارة الخارجية أن المحادثات ستستأنف الأسبوع المقبل في عاصمة محايدة. " * 40
    size = len(paragraph.encode()) + 8
    with path.open("wb") as handle:
        for number in range(50 * 1024 * 1024 // size + 1):
            handle.write(f"{number} {paragraph}\n".encode())
    failure = _failure(read_article_file(path, ImportOptions(max_bytes=10 * 1024 * 1024)))
    assert "above the 10 MB limit" in failure.reason
    (article,) = _articles(read_article_file(path, ImportOptions(max_bytes=64 * 1024 * 1024)))
    assert len(article.text) > 25_000_000


def test_missing_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "no such file" in _failure(read_article_file(tmp_path / "gone.txt")).reason
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY, encoding="utf-8")

    def refuse(_self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert _failure(read_article_file(locked)).reason == "cannot read file: Permission denied"


def test_golden_formats_dispatch_by_suffix() -> None:
    html = _articles(read_article_file(DATA / "news_page.html"))[0]
    assert html.title == "الخارجية تعلن استئناف المحادثات الأسبوع المقبل"
    assert html.outlet == "وكالة الأنباء التجريبية" and str(html.published) == "2020-10-04"
    assert "اقرأ أيضا" not in html.text and "ستستأنف الأسبوع المقبل" in html.text
    assert sum(isinstance(i, ParsedArticle) for i in read_article_file(DATA / "articles.json")) >= 2
    jsonl = read_article_file(DATA / "articles.jsonl")
    assert any(isinstance(i, ImportFailure) and ":" in i.source_file for i in jsonl)
    assert any(isinstance(i, ParsedArticle) for i in jsonl)
    sgml = read_article_file(DATA / "gigaword.sgml")
    assert sum(isinstance(i, ParsedArticle) for i in sgml) == 2 and sum(isinstance(i, ImportFailure) for i in sgml) == 1
    assert any(isinstance(i, ParsedArticle) for i in read_article_file(DATA / "articles_semicolon.csv"))


def test_zip_archives_import_their_members(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("أخبار/بيان.txt", BODY.encode("cp1256"))
        archive.writestr("page.html", (DATA / "news_page.html").read_bytes())
        archive.writestr("../escape.txt", BODY.encode())
        archive.writestr("readme.pdf", b"%PDF")
    path = tmp_path / "batch.zip"
    path.write_bytes(buffer.getvalue())
    items = read_article_file(path)
    names = sorted(i.source_file for i in items if isinstance(i, ParsedArticle))
    assert names == ["batch.zip/page.html", "batch.zip/أخبار/بيان.txt"]
    failures = [i for i in items if isinstance(i, ImportFailure)]
    assert len(failures) == 1 and "escape" in failures[0].source_file + failures[0].reason


def test_folders_are_walked_recursively_for_supported_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.HTML", "a/b/three.jsonl", "a/skip.docx", "a/b/four.zip"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path / "a"])]
    assert found == ["a/b/four.zip", "a/b/three.jsonl", "a/b/two.HTML", "a/one.txt"]


def test_the_light_suffix_list_matches_the_parsers() -> None:
    from karabakh_annotator.core.importers.files import PARSED_SUFFIXES
    from karabakh_annotator.core.importers.formats import SUPPORTED_SUFFIXES

    assert PARSED_SUFFIXES == SUPPORTED_SUFFIXES
