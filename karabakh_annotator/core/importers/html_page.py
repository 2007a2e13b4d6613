"""Saved web pages: charset, main article text, title, outlet, url and date.

Parser choice: lxml's HTML parser (libxml2) with our own small extraction rules,
not trafilatura. lxml is one well-kept compiled dependency that PyInstaller
bundles cleanly, it is fully offline (``no_network``; the HTML parser resolves
no entities), and the rules below are short enough to test and tune against
golden pages of Arabic outlets. trafilatura pulls in five more packages
(htmldate, courlan, justext, ...) for heuristics we cannot steer per outlet,
and it would still leave us to find the outlet and the raw date string.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from karabakh_annotator.core.importers.utf8 import decode_utf8_cut_short
from karabakh_annotator.core.text.dates import iso_date_prefix
from karabakh_annotator.core.records import ParsedArticle

# Fewer characters than this outside links is a page with no article on it.
MIN_BODY_CHARS = 60
# A block whose text is mostly link text is a list of links ("related articles").
_MAX_LINK_DENSITY = 0.5
_CHARSET_SCAN_BYTES = 8192

_DROP_TAGS = frozenset(
    "script style noscript nav header footer aside form iframe svg button template select input"
    " textarea object embed canvas audio video figcaption dialog menu".split()
)
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu"})
_BLOCK_TAGS = frozenset(
    "p div section article main blockquote pre li ul ol dl dt dd table tr td th h1 h2 h3 h4 h5 h6"
    " figure address center hr body".split()
)
# Class or id words that mark page furniture; matched as whole words of the attribute.
_DEBRIS_HINT = re.compile(
    r"(?:^|[\s_-])(?:related|share|sharing|social|breadcrumbs?|comments?|advert\w*|ads?|"
    r"banner|newsletter|subscribe|cookies?|promo|sidebar|widget|popular|most-read|"
    r"read-?more|tags|taglist|pagination)(?:$|[\s_-])",
    re.IGNORECASE,
)
_DATE_HINT = re.compile(r"date|time|publish|posted|byline|meta", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHARSET_META = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")
_MONTHS = (
    "يناير|كانون الثاني|فبراير|شباط|مارس|آذار|أبريل|ابريل|إبريل|نيسان|مايو|أيار|يونيو|يونيه|"
    "حزيران|يوليو|يوليه|تموز|أغسطس|اغسطس|آب|سبتمبر|أيلول|أكتوبر|اكتوبر|تشرين الأول|"
    "نوفمبر|تشرين الثاني|ديسمبر|كانون الأول"
)
_VISIBLE_DATE = re.compile(
    rf"\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}(?:[ T]\d{{1,2}}:\d{{2}})?"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}(?: \d{{1,2}}:\d{{2}})?"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}"
)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ")
_ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "webpage"}
)


def parse_html_page(data: bytes, source_file: str) -> ParsedArticle:
    """A parsed article from the bytes of a saved web page; ValueError when it holds none."""
    doc = _parse(decode_html(data))
    meta = _meta_values(doc)
    ld = _json_ld_article(doc)
    outlet = _first(meta.get("og:site_name"), _ld_name(ld.get("publisher")), meta.get("application-name"))
    title = _find_title(doc, meta, ld, outlet)
    url = _find_url(doc, meta, ld)
    furniture = _inside_furniture(doc)
    published_raw = _find_machine_date(doc, meta, ld, furniture)
    visible_date = None if published_raw else _find_visible_date(doc, furniture)
    published = iso_date_prefix(published_raw) if published_raw else None

    _remove_debris(doc)
    text = _body_text(doc)
    ld_body = ld.get("articleBody")
    if len(text) < MIN_BODY_CHARS and isinstance(ld_body, str) and len(ld_body.strip()) >= MIN_BODY_CHARS:
        # A script-rendered page may carry its text only in JSON-LD.
        text = "\n".join(line.strip() for line in ld_body.strip().splitlines() if line.strip())
    if len(text) < MIN_BODY_CHARS:
        found = f"only {len(text)} characters" if text else "nothing"
        raise ValueError(
            f"no article text found in the page ({found} outside navigation, links and page furniture)"
        )
    return ParsedArticle(
        text=text,
        raw=data,
        source_file=source_file,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        published_raw=published_raw or visible_date,
    )


def decode_html(data: bytes) -> str:
    """The page as text: BOM, then a declared charset, then UTF-8, then windows-1256."""
    if not data.strip():
        raise ValueError("file is empty")
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, encoding in boms:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if b"\x00" in data:
        raise ValueError("not a web page: the file contains NUL bytes (binary data)")
    declared = _declared_charset(data[:_CHARSET_SCAN_BYTES])
    candidates = [declared] if declared else []
    candidates += ["utf-8", "cp1256"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            if encoding in {"utf-8", "utf_8"}:
                cut_short = decode_utf8_cut_short(data)  # a page cut off mid-character is still UTF-8
                if cut_short is not None:
                    return cut_short
            continue
    return data.decode("cp1256", errors="replace")


def _declared_charset(head: bytes) -> str | None:
    """The charset a page declares in an XML declaration or a <meta>, as a Python codec name."""
    match = _XML_DECL.match(head) or _CHARSET_META.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return None  # a page read as bytes without a BOM cannot be UTF-16 (the WHATWG rule)
    if name in {"ascii", "latin-1", "iso8859-1", "cp1252"}:
        # Pages mislabelled as Western often hold UTF-8 Arabic; valid UTF-8 wins.
        return None if _is_utf8(head) else "cp1252"
    return name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(data) - 4  # a character cut at the end of the scanned head
    return True


def _parse(text: str) -> HtmlElement:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    text = _XML_DECL_TEXT.sub("", text, count=1)  # lxml refuses str input with an encoding declaration
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ValueError(f"not a readable web page: {exc}") from exc


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


def _elements(doc: HtmlElement, tag: str) -> Iterator[HtmlElement]:
    for el in doc.iter(tag):
        if isinstance(el, HtmlElement):
            yield el


def _meta_values(doc: HtmlElement) -> dict[str, str]:
    """The first content of each <meta> by lower-cased property, name or itemprop."""
    values: dict[str, str] = {}
    for el in _elements(doc, "meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = el.get(attr)
            if key:
                values.setdefault(key.strip().lower(), content.strip())
    return values


def _json_ld_article(doc: HtmlElement) -> dict[str, Any]:
    """The first schema.org article object in the page's JSON-LD (an empty dict if none)."""
    objects: list[dict[str, Any]] = []
    for script in _elements(doc, "script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            parsed = json.loads(script.text_content(), strict=False)
            objects.extend(_ld_objects(parsed))
        except (ValueError, RecursionError):
            continue  # broken (or absurdly nested) JSON-LD is common and never stops the import
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    for obj in objects:
        types = obj.get("@type")
        names = types if isinstance(types, list) else [types]
        if any(isinstance(name, str) and name.lower() in _ARTICLE_TYPES for name in names):
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and set(publisher) == {"@id"}:
                obj = {**obj, "publisher": by_id.get(publisher["@id"], publisher)}
            return obj
    return {}


def _ld_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _ld_objects(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _ld_objects(value["@graph"])


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    return value if isinstance(value, str) else None


def _ld_text(ld: dict[str, Any], key: str) -> str | None:
    value = ld.get(key)
    return value if isinstance(value, str) else None


def _find_title(
    doc: HtmlElement, meta: dict[str, str], ld: dict[str, Any], outlet: str | None
) -> str | None:
    h1 = next(_elements(doc, "h1"), None)
    title_el = next(_elements(doc, "title"), None)
    title = _first(
        meta.get("og:title"),
        meta.get("twitter:title"),
        _ld_text(ld, "headline"),
        h1.text_content() if h1 is not None else None,
        title_el.text_content() if title_el is not None else None,
    )
    return _strip_outlet_suffix(title, outlet) if title else None


def _strip_outlet_suffix(title: str, outlet: str | None) -> str:
    """The title without a trailing " - Outlet" or " | Outlet"."""
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head.strip():
            continue
        tail = tail.strip()
        names_outlet = outlet is not None and (
            tail.casefold() == outlet.casefold() or outlet.casefold() in tail.casefold()
        )
        # Without a known outlet only the unambiguous "|" is trusted: " - " occurs in headlines.
        if names_outlet or (outlet is None and sep == " | " and len(tail.split()) <= 4):
            return head.strip()
    return title


def _find_url(doc: HtmlElement, meta: dict[str, str], ld: dict[str, Any]) -> str | None:
    canonical = None
    for link in _elements(doc, "link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = link.get("href")
            break
    for candidate in (meta.get("og:url"), canonical, _ld_text(ld, "url")):
        if candidate and re.match(r"https?://", candidate.strip(), re.IGNORECASE):
            return candidate.strip()
    return None


def _find_machine_date(
    doc: HtmlElement, meta: dict[str, str], ld: dict[str, Any], furniture: set[HtmlElement]
) -> str | None:
    """A publication date the page gives for machines (meta, JSON-LD, <time datetime>)."""
    for key in ("article:published_time", "datepublished", "og:published_time", "pubdate",
                "publishdate", "dc.date.issued", "dc.date", "date"):
        if key in meta:
            return meta[key]
    ld_date = _ld_text(ld, "datePublished")
    if ld_date and ld_date.strip():
        return ld_date.strip()
    for el in _elements(doc, "time"):
        value = (el.get("datetime") or "").strip()
        if value and el not in furniture:
            return value
    return None


def _find_visible_date(doc: HtmlElement, furniture: set[HtmlElement]) -> str | None:
    """A date string shown to readers in an element named like a date or byline."""
    # An element's text is part of its parent's: under an element searched in
    # vain nothing can match, and searching nested date-named blocks again
    # cost depth x text size.
    searched: set[HtmlElement] = set()
    for el in doc.iter():
        if not isinstance(el, HtmlElement) or el in furniture:
            continue
        if el.getparent() in searched:
            searched.add(el)
            continue
        hint = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el.tag == "time" or _DATE_HINT.search(hint):
            match = _VISIBLE_DATE.search(" ".join(el.text_content().split()))
            if match:
                return match.group(0)
            searched.add(el)
    return None


def _is_furniture(el: HtmlElement) -> bool:
    return el.tag in {"nav", "aside", "footer"} or bool(
        _DEBRIS_HINT.search(f"{el.get('class') or ''} {el.get('id') or ''}")
    )


def _inside_furniture(doc: HtmlElement) -> set[HtmlElement]:
    """Every element with a furniture ancestor (nav, aside, footer, a block named like one).

    Found in one pass from the top; asking each element about its ancestors
    took depth x elements steps, minutes for a deep page of many small elements.
    """
    inside: set[HtmlElement] = set()
    for el in doc.iter():
        parent = el.getparent()
        # Held in the set, each proxy stays alive, so getparent() returns the same object.
        if isinstance(parent, HtmlElement) and (parent in inside or _is_furniture(parent)):
            inside.add(el)
    return inside


def _is_hidden(el: HtmlElement) -> bool:
    return (
        el.get("hidden") is not None
        or (el.get("aria-hidden") or "").strip().lower() == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
    )


def _holds_article(el: HtmlElement, scores: dict[HtmlElement, int], page_paragraphs: int) -> bool:
    """Whether a block named like furniture (class="post share-enabled") holds the article."""
    if el.tag in {"html", "body", "main", "article"} or el.get("itemprop") == "articleBody":
        return True
    if any(True for _ in el.iter("article")) or el.xpath(".//*[@itemprop='articleBody']"):
        return True
    return scores.get(el, 0) * 2 > page_paragraphs


def _subtree_totals(root: HtmlElement, own: Callable[[HtmlElement], int]) -> dict[HtmlElement, int]:
    """For every element under `root`, the sum of `own` over its subtree, in one pass from the leaves up.

    Summing over each element's own subtree instead cost depth x size: with
    nested blocks (up to libxml2's 255 levels) seconds for a page of a few
    hundred kilobytes, minutes for a large one.
    """
    elements = [el for el in root.iter() if isinstance(el, HtmlElement)]
    totals = dict.fromkeys(elements, 0)
    for el in reversed(elements):  # every descendant comes before its ancestors
        totals[el] += own(el)
        parent = el.getparent()
        # Each proxy is held in `elements`, so getparent() returns that same object.
        if parent is not None and parent in totals:
            totals[parent] += totals[el]
    return totals


def _paragraph_scores(doc: HtmlElement) -> dict[HtmlElement, int]:
    """Each element's text in paragraphs, links left out (the whole page's under the root)."""
    return _subtree_totals(doc, lambda el: _text_len(el) - _link_len(el) if el.tag == "p" else 0)


def _nonspace(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _link_dense_blocks(root: HtmlElement) -> set[HtmlElement]:
    """The elements under `root` whose text is mostly link text (`_is_link_dense` of each, in two passes)."""
    texts = _subtree_totals(root, lambda el: _nonspace(el.text) + sum(_nonspace(child.tail) for child in el))
    links = _subtree_totals(root, lambda el: texts[el] if el.tag == "a" else 0)
    return {el for el, total in texts.items() if total > 0 and links[el] / total > _MAX_LINK_DENSITY}


def _remove_debris(doc: HtmlElement) -> None:
    """Drop page furniture, hidden elements and blocks whose class says they are furniture."""
    doomed: list[HtmlElement] = []
    scores = _paragraph_scores(doc)
    page_paragraphs = scores.get(doc, 0)
    for el in doc.iter():
        if not isinstance(el, HtmlElement) or not isinstance(el.tag, str):
            continue
        role = (el.get("role") or "").strip().lower()
        hint = f"{el.get('class') or ''} {el.get('id') or ''}"
        if (
            el.tag in _DROP_TAGS
            or role in _DROP_ROLES
            or _is_hidden(el)
            or (_DEBRIS_HINT.search(hint) and not _holds_article(el, scores, page_paragraphs))
        ):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent


def _text_len(el: HtmlElement) -> int:
    return len("".join(el.text_content().split()))


def _link_len(el: HtmlElement) -> int:
    return sum(_text_len(a) for a in el.iter("a") if isinstance(a, HtmlElement))


def _main_block(doc: HtmlElement) -> HtmlElement | None:
    """The element holding the article: articleBody, else <article>, else the densest <p> parent."""
    paragraph_scores: dict[HtmlElement, int] | None = None
    for query in (".//*[@itemprop='articleBody']", ".//article", ".//*[@role='article']"):
        found = [el for el in doc.xpath(query) if isinstance(el, HtmlElement)]
        if found:
            if paragraph_scores is None:
                paragraph_scores = _paragraph_scores(doc)
            score = paragraph_scores.get
            best = max(found, key=lambda el: score(el, 0))
            if score(best, 0) >= MIN_BODY_CHARS or _text_len(best) >= MIN_BODY_CHARS:
                return best
    scores: dict[HtmlElement, float] = {}
    for p in _elements(doc, "p"):
        length = _text_len(p) - _link_len(p)
        if length <= 0:
            continue
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + length
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] = scores.get(grandparent, 0.0) + length / 2
    if scores:
        return max(scores, key=lambda el: scores[el])
    body = doc.find("body")
    return body if isinstance(body, HtmlElement) else None


def _body_text(doc: HtmlElement) -> str:
    """The main block's text: one line per paragraph, whitespace collapsed, link lists left out."""
    root = _main_block(doc)
    if root is None:
        return ""
    parts: list[str] = []
    _render(root, parts, False, _link_dense_blocks(root))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _render(el: HtmlElement, parts: list[str], preformatted: bool, link_dense: set[HtmlElement]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "h1" or (tag in _BLOCK_TAGS and tag not in {"body", "article", "main"} and el in link_dense):
        return  # the headline is the title; a block of mostly links is navigation
    preformatted = preformatted or tag == "pre"
    block = tag in _BLOCK_TAGS
    if block or tag == "br":
        parts.append("\n")
    if el.text:
        parts.append(_flow(el.text, preformatted))
    for child in el:
        if isinstance(child, HtmlElement):
            _render(child, parts, preformatted, link_dense)
        if child.tail:
            parts.append(_flow(child.tail, preformatted))
    if block:
        parts.append("\n")


def _flow(text: str, preformatted: bool) -> str:
    # Source line breaks inside a paragraph are only whitespace in HTML.
    return text if preformatted else re.sub(r"\s+", " ", text)
