"""Decoding imported text files: encodings we accept and files we refuse."""

from __future__ import annotations

import codecs
import random

import pytest

from karabakh_annotator.core.text.decoding import (
    DecodedText,
    UndecodableFileError,
    decode_text_bytes,
)

# Our own fixture: a short two-line news item with Arabic punctuation.
ARABIC = "أعلنت الوزارة، مساء الخميس، عن هدنة جديدة في الإقليم.\nوقال المتحدث إن المحادثات ستستأنف؟ نعم."


@pytest.mark.parametrize(
    ("data", "encoding", "had_bom"),
    [
        (ARABIC.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8", True),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16-be", True),
        (ARABIC.encode("cp1256"), "cp1256", False),
        (ARABIC.encode("iso-8859-6"), "iso8859-6", False),
        (ARABIC.encode("utf-16-le"), "utf-16-le", False),  # BOM-less Windows save
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1256", "iso-8859-6", "utf16le-nobom"],
)
def test_decodes_arabic_in_each_supported_encoding(data: bytes, encoding: str, had_bom: bool) -> None:
    assert decode_text_bytes(data, name="a.txt") == DecodedText(ARABIC, encoding, had_bom)


def test_encoding_name_reproduces_the_text() -> None:
    decoded = decode_text_bytes(ARABIC.encode("cp1256"), name="a.txt")
    assert ARABIC.encode("cp1256").decode(decoded.encoding) == ARABIC


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
def test_legacy_code_pages_are_told_apart_on_short_text(encoding: str) -> None:
    text = "قال الوزير إن الوضع هادئ."
    assert decode_text_bytes(text.encode(encoding), name="a.txt").text == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\r\nb", "a\nb"),
        (b"a\rb", "a\nb"),
        (b"a\r\n\r\nb\r", "a\n\nb\n"),
        ("سطر\r\nسطر".encode("utf-16-le"), "سطر\nسطر"),
    ],
)
def test_line_ends_become_lf(raw: bytes, expected: str) -> None:
    assert decode_text_bytes(raw, name="a.txt").text == expected


def test_plain_ascii_is_utf8() -> None:
    assert decode_text_bytes(b"Baku, Oct 9 (Reuters)", name="a.txt").encoding == "utf-8"


_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("data", "reason_part"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "whitespace"),
        (_PNG, "binary"),
        ("خبر".encode("utf-8") + b"\x00\x00\x00" + "آخر".encode("utf-8"), "NUL"),
        (b"abc\x01\x02\x03\x04def\x05\x06\x07\x08", "control"),
        (
            ARABIC.encode("utf-8") * 3 + b"\xff\xfe\xc3" + ARABIC.encode("utf-8") * 3,
            "invalid UTF-8",
        ),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8") + b"\xc3\x28", "byte order mark"),
        (random.Random(7).randbytes(3000).replace(b"\x00", b"\x01"), "binary"),
    ],
    ids=["empty", "whitespace", "png-named-txt", "nul-bytes", "controls", "bad-utf8-middle",
         "bad-utf8-after-bom", "random-bytes"],
)
def test_refuses_unreadable_files_with_a_clear_reason(data: bytes, reason_part: str) -> None:
    with pytest.raises(UndecodableFileError) as info:
        decode_text_bytes(data, name="photo.txt")
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("photo.txt: ")
    assert reason_part.lower() in info.value.reason.lower()
