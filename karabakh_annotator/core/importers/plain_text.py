"""Plain-text articles: decode, normalise, find a title."""

from __future__ import annotations

import unicodedata

from karabakh_annotator.core.records import ParsedArticle

_TITLE_MAX_CHARS = 200


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (BOM allowed); a clear error for anything else."""
    if not data.strip():
        raise ValueError("file is empty")
    if b"\x00" in data:
        raise ValueError("file contains NUL bytes: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 text (byte {exc.start}: {exc.reason})") from exc


def normalise_text(text: str) -> str:
    """NFC, `\\n` line ends, no trailing spaces, no leading or trailing blank lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def first_line_title(text: str) -> str | None:
    """The first line when it is short enough to be a headline."""
    first = text.split("\n", 1)[0].strip()
    return first if 0 < len(first) <= _TITLE_MAX_CHARS else None


def parse_plain_text(data: bytes, source_file: str) -> ParsedArticle:
    """A parsed article from the bytes of a .txt file."""
    text = normalise_text(decode_utf8(data))
    if not text.strip():
        raise ValueError("file holds no text")
    return ParsedArticle(text=text, raw=data, source_file=source_file, title=first_line_title(text))
