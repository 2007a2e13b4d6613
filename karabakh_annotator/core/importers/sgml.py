"""News-corpus SGML (TREC, LDC Gigaword): one article per <DOC>, read with tolerant patterns.

These files are not well-formed XML (unclosed <P>, bare ``&``, no root element),
so they are read with regular expressions rather than an XML parser. Within a
<P> the corpus hard-wraps lines; those wraps are joined with spaces and each
paragraph ends with ``\\n``. A <TEXT> without <P> keeps its lines as they are.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from karabakh_annotator.core.importers.utf8 import decode_utf8_cut_short
from karabakh_annotator.core.text.dates import iso_date_prefix
from karabakh_annotator.core.records import ImportFailure, ParsedArticle

# Attributes stop at the next "<" as well as ">": with "[^>]*" a tag left
# open ("<DOC " many times, no ">") made each match scan to the end of the
# file, and the whole scan quadratic (minutes for a few hundred kilobytes).
_DOC_OPEN = re.compile(r"<DOC(?:\s[^<>]*)?>", re.IGNORECASE)
_DOC_CLOSE = re.compile(r"</DOC\s*>", re.IGNORECASE)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_PARAGRAPH_TAG = re.compile(r"</?P(?:\s[^<>]*)?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>")
_DATE_DIGITS = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_DATE_TAGS = ("DATE_TIME", "DATE", "TIME", "DATELINE")
_TITLE_TAGS = ("HEADLINE", "TITLE", "HL")


def parse_sgml_docs(data: bytes, source_file: str) -> list[ParsedArticle | ImportFailure]:
    """One parsed article per <DOC>, or a failure naming the DOC when it is malformed."""
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    opens = list(_DOC_OPEN.finditer(text))
    if not opens:
        raise ValueError("no <DOC> elements found: not a TREC/Gigaword SGML file")
    results: list[ParsedArticle | ImportFailure] = []
    for number, start in enumerate(opens, start=1):
        limit = opens[number].start() if number < len(opens) else len(text)
        close = _DOC_CLOSE.search(text, start.end(), limit)
        end = close.end() if close else limit
        body = text[start.end() : close.start() if close else limit]
        docno = _docno(start.group(0), body)
        name = f"{source_file}#{docno or number}"
        label = f"DOC {number}" + (f" ({docno})" if docno else "")
        if close is None:
            reason = f"{label} has no closing </DOC> (file cut short or tags broken)"
            results.append(ImportFailure(name, reason))
            continue
        results.append(_article(body, text[start.start() : end], name, label, docno))
    return results


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ValueError("file is empty")
    text = decode_utf8_cut_short(data)  # a file cut short stays UTF-8: its last DOC is then reported as cut
    if text is not None:
        return text
    try:
        return data.decode("cp1256")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def _open_tag(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<{tag}(?:\s[^<>]*)?>", re.IGNORECASE)


def _element(body: str, tag: str) -> str | None:
    """The content of the first <TAG>...</TAG> in the DOC (None when absent)."""
    # The first opening tag, then its closing tag: one lazy pattern over both
    # retried the scan to the end from every unclosed <TAG> (quadratic).
    opened = _open_tag(tag).search(body)
    if opened is None:
        return None
    closed = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(body, opened.end())
    return body[opened.end() : closed.start()] if closed else None


_DOCNO_MAX_CHARS = 80


def _docno(open_tag: str, body: str) -> str | None:
    docno = _element(body, "DOCNO") or _element(body, "DOCID")
    if not (docno and docno.strip()):
        match = _ID_ATTR.search(open_tag)
        docno = next(group for group in match.groups() if group is not None) if match else None
    if docno is None:
        return None
    # It names the article (file#DOCNO) on one line: a broken tag can hold line breaks and pages of text.
    docno = " ".join(docno.split())
    return docno[: _DOCNO_MAX_CHARS - 1] + "\u2026" if len(docno) > _DOCNO_MAX_CHARS else docno or None


def _inline(value: str | None) -> str | None:
    """An element's content as one line: tags dropped, entities decoded, whitespace collapsed."""
    if value is None:
        return None
    return " ".join(html.unescape(_ANY_TAG.sub(" ", value)).split()) or None


def _article(body: str, raw: str, name: str, label: str, docno: str | None) -> ParsedArticle | ImportFailure:
    content = _element(body, "TEXT")
    if content is None:
        opened = _open_tag("TEXT").search(body)
        if opened is None:
            return ImportFailure(name, f"{label} has no <TEXT> element")
        content = body[opened.end() :]  # tolerate a missing </TEXT>: the DOC still closes
    text = _body_text(content)
    if not text:
        return ImportFailure(name, f"{label} has an empty <TEXT> element")
    title = next((t for t in (_inline(_element(body, tag)) for tag in _TITLE_TAGS) if t), None)
    published_raw = next((d for d in (_inline(_element(body, tag)) for tag in _DATE_TAGS) if d), None)
    published = _date_from(published_raw) if published_raw else None
    digits = _DATE_DIGITS.search(docno) if published is None and docno else None
    if digits is not None:  # Gigaword DOCNOs carry the date: AFP_ARB_20201004.0001
        published = _safe_date(*digits.groups())
        if published is not None and published_raw is None:
            published_raw = digits.group(0)
    return ParsedArticle(
        text=text,
        raw=raw.encode("utf-8"),
        source_file=name,
        title=title,
        published=published,
        published_raw=published_raw,
    )


def _body_text(content: str) -> str:
    """TEXT content with <P> paragraphs on their own lines and entities decoded."""
    if _PARAGRAPH_TAG.search(content):
        # Unclosed <P> is normal in these corpora: every <P> or </P> is a boundary.
        chunks = _PARAGRAPH_TAG.split(content)
        paragraphs = (" ".join(html.unescape(_ANY_TAG.sub(" ", chunk)).split()) for chunk in chunks)
        return "\n".join(p for p in paragraphs if p)
    lines = html.unescape(_ANY_TAG.sub(" ", content)).split("\n")
    return "\n".join(line.strip() for line in lines).strip("\n")


def _date_from(raw: str) -> dt.date | None:
    """An unambiguous date in a DATE-like element: ISO 8601 or eight digits (YYYYMMDD)."""
    iso = iso_date_prefix(raw)
    if iso is not None:
        return iso
    if re.fullmatch(r"\s*\d{8}(?:[\s.T_-]?\d{4,6})?\s*", raw):
        return _digits_date(raw)
    return None


def _digits_date(value: str) -> dt.date | None:
    match = _DATE_DIGITS.search(value)
    return _safe_date(match.group(1), match.group(2), match.group(3)) if match else None


def _safe_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
