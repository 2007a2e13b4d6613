"""Plain-text articles in any common encoding."""

from __future__ import annotations

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.text.decoding import UndecodableFileError, decode_text_bytes


def parse_plain_text(data: bytes, source_file: str) -> ParsedArticle:
    """A parsed (not yet cleaned) article from the bytes of a .txt file."""
    try:
        decoded = decode_text_bytes(data, name=source_file)
    except UndecodableFileError as exc:
        raise ValueError(f"cannot read as text: {exc.reason}") from exc
    if not decoded.text.strip():
        raise ValueError("the file holds only blank space")
    return ParsedArticle(text=decoded.text, raw=data, source_file=source_file, raw_encoding=decoded.encoding)
