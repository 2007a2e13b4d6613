"""Saved web pages: main text without debris, metadata, charsets, and pages with no article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from importer_golden import DATA, assert_matches, load_expected

from karabakh_annotator.core.importers.html_page import decode_html, parse_html_page

BODY = (
    "<p>أعلنت وزارة الخارجية أن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في عاصمة محايدة.</p>"
    "<p>وقال المتحدث إن الوفدين اتفقا على جدول أعمال يتضمن تثبيت وقف إطلاق النار.</p>"
)
FIRST_SENTENCE = "أعلنت وزارة الخارجية أن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في عاصمة محايدة."


def page(head: str = "", body: str = BODY) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


@pytest.mark.parametrize("name", ["news_page", "cp1256_page"])
def test_golden_pages(name: str) -> None:
    result = parse_html_page((DATA / f"{name}.html").read_bytes(), f"{name}.html")
    assert_matches(result, load_expected(f"{name}.expected.json"))


@pytest.mark.parametrize(
    "debris",
    [
        "الرئيسية",  # header link
        "سياسة",  # nav
        "بحث في الموقع",  # form button
        "شارك على فيسبوك",  # share bar
        "إعلان: اشترك الآن",  # ad slot
        "نص مخفي",  # display:none
        "اقرأ أيضا",  # inline "read also" link paragraph
        "تبادل الاتهامات بخرق الهدنة",
        "مقالات ذات صلة",  # related articles
        "ارتفاع أسعار النفط",
        "الأكثر قراءة",  # aside
        "قصة جانبية",
        "جميع الحقوق محفوظة",  # footer
        "dataLayer",  # script
        "تتبع",
        "font-family",  # style
        "تعليق في الشيفرة",  # HTML comment
        "فعّل جافاسكربت",  # noscript
    ],
)
def test_news_page_leaves_out_debris(debris: str) -> None:
    text = parse_html_page((DATA / "news_page.html").read_bytes(), "news_page.html").text
    assert debris not in text


def test_news_page_keeps_links_inside_paragraphs_but_not_tag_lists() -> None:
    lines = parse_html_page((DATA / "news_page.html").read_bytes(), "news_page.html").text.split("\n")
    assert any("تثبيت وقف إطلاق النار وتبادل الأسرى" in line for line in lines)
    assert "محادثات" not in lines and "وزارة الخارجية" not in lines


def test_news_page_keeps_raw_bytes() -> None:
    data = (DATA / "news_page.html").read_bytes()
    assert parse_html_page(data, "news_page.html").raw == data


def test_page_without_article_is_refused_with_reason() -> None:
    with pytest.raises(ValueError, match="no article text found in the page"):
        parse_html_page((DATA / "no_article.html").read_bytes(), "no_article.html")


@pytest.mark.parametrize("data", [b"", b"  \n "])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="empty"):
        parse_html_page(data, "empty.html")


def test_binary_file_is_refused() -> None:
    with pytest.raises(ValueError, match="NUL bytes"):
        parse_html_page(b"PK\x03\x04\x00\x00binary", "archive.html")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<p>نص عربي</p>".encode("utf-8"), "نص عربي"),  # no declaration: UTF-8
        ("<p>نص عربي</p>".encode("cp1256"), "نص عربي"),  # no declaration, not UTF-8: windows-1256
        ('<meta charset="windows-1256"><p>نص</p>'.encode("cp1256"), "نص"),
        ("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-6'><p>نص</p>".encode("iso-8859-6"), "نص"),
        ('<?xml version="1.0" encoding="windows-1256"?><p>نص</p>'.encode("cp1256"), "نص"),
        ("\ufeff<p>نص</p>".encode("utf-16-le"), "نص"),
        ("\ufeff<p>نص</p>".encode("utf-8"), "نص"),
        # Declared Western but really UTF-8 (a common mislabel): UTF-8 wins.
        ('<meta charset="iso-8859-1"><p>نص</p>'.encode("utf-8"), "نص"),
    ],
)
def test_charset_detection(data: bytes, expected: str) -> None:
    assert expected in decode_html(data)


def test_xml_declaration_page_parses() -> None:
    data = ('<?xml version="1.0" encoding="utf-8"?><html><body>' + BODY + "</body></html>").encode("utf-8")
    assert parse_html_page(data, "x.xhtml").text.startswith(FIRST_SENTENCE)


def test_densest_paragraph_block_wins_without_article_element() -> None:
    body = (
        '<div class="teasers"><p>خبر قصير</p></div>'
        f'<div id="story">{BODY}</div>'
        "<div><p>تواصل معنا</p></div>"
    )
    text = parse_html_page(page(body=body), "x.html").text
    assert text.split("\n")[0] == FIRST_SENTENCE
    assert "خبر قصير" not in text and "تواصل معنا" not in text


def test_item_prop_article_body_is_preferred() -> None:
    body = (
        "<div><p>فقرة طويلة خارج جسم المقال تتحدث عن موضوع آخر تماما ولا علاقة لها بالخبر المنشور هنا أبدا، "
        "وهي أطول من نص المقال نفسه لتختبر أن الخاصية تقدم على الكثافة في اختيار الجسم.</p></div>"
        f'<div itemprop="articleBody">{BODY}</div>'
    )
    assert parse_html_page(page(body=body), "x.html").text.startswith(FIRST_SENTENCE)


def test_paragraph_line_breaks_and_br() -> None:
    body = "<article><p>السطر الأول من الفقرة\n   يكمل هنا.<br>سطر بعد فاصل<br/>وآخر بعده ليطول النص قليلا.</p></article>"
    assert parse_html_page(page(body=body), "x.html").text == (
        "السطر الأول من الفقرة يكمل هنا.\nسطر بعد فاصل\nوآخر بعده ليطول النص قليلا."
    )


def test_json_ld_fills_metadata_and_body_fallback() -> None:
    head = (
        '<title>عنوان الصفحة</title><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Organization", "@id": "#org", "name": "وكالة المثال"},'
        '{"@type": ["NewsArticle"], "headline": "عنوان من البيانات", "datePublished": "2020-10-04",'
        ' "publisher": {"@id": "#org"}, "url": "https://example.org/a",'
        f' "articleBody": "{FIRST_SENTENCE}\\nفقرة ثانية."}}]}}</script>'
    )
    result = parse_html_page(page(head=head, body="<div id='app'></div>"), "x.html")
    assert result.title == "عنوان من البيانات"
    assert result.outlet == "وكالة المثال"
    assert result.url == "https://example.org/a"
    assert result.published == dt.date(2020, 10, 4)
    assert result.published_raw == "2020-10-04"
    assert result.text == FIRST_SENTENCE + "\nفقرة ثانية."


def test_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"headline": </script><title>عنوان</title>'
    assert parse_html_page(page(head=head), "x.html").title == "عنوان"


@pytest.mark.parametrize(
    ("head", "body_prefix", "title"),
    [
        ("<title>المحادثات تستأنف | المثال نيوز</title>", "", "المحادثات تستأنف"),
        # " - " occurs in Arabic headlines: only stripped when it names the outlet.
        ("<title>أذربيجان - أرمينيا: المحادثات تستأنف</title>", "", "أذربيجان - أرمينيا: المحادثات تستأنف"),
        ('<meta property="og:site_name" content="المثال"><title>المحادثات تستأنف - المثال</title>', "", "المحادثات تستأنف"),
        ("<title>عنوان التبويب</title>", "<h1>عنوان المقال</h1>", "عنوان المقال"),
        ('<meta name="twitter:title" content="عنوان تويتر"><title>x</title>', "", "عنوان تويتر"),
    ],
)
def test_title_sources(head: str, body_prefix: str, title: str) -> None:
    assert parse_html_page(page(head=head, body=body_prefix + BODY), "x.html").title == title


def test_application_name_and_canonical_link() -> None:
    head = '<meta name="application-name" content="صحيفة المثال"><link rel="canonical" href="https://example.org/c">'
    result = parse_html_page(page(head=head), "x.html")
    assert (result.outlet, result.url) == ("صحيفة المثال", "https://example.org/c")


def test_relative_url_is_not_taken_as_the_article_url() -> None:
    head = '<meta property="og:url" content="/ar/story">'
    assert parse_html_page(page(head=head), "x.html").url is None


@pytest.mark.parametrize(
    ("html", "published", "raw"),
    [
        ('<time datetime="2020-10-04T08:00:00Z">الأحد</time>' + BODY, dt.date(2020, 10, 4), "2020-10-04T08:00:00Z"),
        # A time inside "related articles" is another article's date.
        ('<div class="related"><time datetime="2019-01-01">x</time></div>' + BODY, None, None),
        ('<span class="post-date">نشر بتاريخ ٤ أكتوبر ٢٠٢٠</span>' + BODY, None, "٤ أكتوبر ٢٠٢٠"),
        ('<div class="byline">بقلم مراسلنا - 04/10/2020 10:15</div>' + BODY, None, "04/10/2020 10:15"),
    ],
)
def test_dates(html: str, published: dt.date | None, raw: str | None) -> None:
    result = parse_html_page(page(body=html), "x.html")
    assert (result.published, result.published_raw) == (published, raw)


def test_no_external_entity_or_network_access(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    data = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<html><body><p>&xxe;</p>{BODY}<img src='http://127.0.0.1:9/x.png'></body></html>"
    ).encode("utf-8")
    result = parse_html_page(data, "x.html")
    assert "SECRET-CONTENT" not in result.text
    assert result.text.endswith("وقف إطلاق النار.")


def test_hidden_and_role_navigation_are_dropped() -> None:
    body = (
        '<div role="navigation"><p>قائمة الأقسام في الموقع كله</p></div>'
        '<p hidden>فقرة مخفية بالخاصية</p><p aria-hidden="true">فقرة مخفية لقارئ الشاشة</p>'
        f"<article>{BODY}</article>"
    )
    text = parse_html_page(page(body=body), "x.html").text
    assert "قائمة" not in text and "مخفية" not in text


def test_furniture_class_on_the_story_block_does_not_drop_the_story() -> None:
    body = f'<div class="story share-enabled">{BODY}</div><div class="share"><p>شارك الخبر على حسابك</p></div>'
    text = parse_html_page(page(body=body), "x.html").text
    assert text.startswith(FIRST_SENTENCE)
    assert "شارك" not in text
