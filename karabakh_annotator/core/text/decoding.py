"""Turn the bytes of an imported text file into a ``str``, or say clearly why not.

Arabic news files arrive as UTF-8 (with or without BOM), UTF-16 with a BOM
(Windows "Unicode" saves), and the two legacy Arabic code pages,
Windows-1256 and ISO-8859-6. Strict UTF-8 is tried first because it almost
never decodes a legacy file by accident; the legacy code pages are then told
apart by what their decoding looks like, with charset-normalizer as a
fallback for anything else.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["DecodedText", "UndecodableFileError", "decode_text_bytes"]


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Decoded file text (``\\n`` line ends) with the encoding that produced it."""

    text: str
    encoding: str  # a Python codec name: ``data.decode(encoding)`` reproduces the text
    had_bom: bool


class UndecodableFileError(ValueError):
    """The bytes of a file are not readable text in any encoding we accept."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: cannot read as text: {reason}")
        self.name = name
        self.reason = reason


# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_LEGACY_ARABIC = ("cp1256", "iso8859-6")

# Control bytes that do not occur in text (everything below 0x20 except tab,
# LF, FF and CR). Deleting them and comparing lengths counts them at C speed.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])

# Characters that make decoded text unreadable: C0/C1 controls (except
# whitespace), replacement characters and private-use code points.
_UNREADABLE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
# Scripts an Arabic-news file plausibly contains; used where a wrong decoding
# would still produce "letters" (BOM-less UTF-16 of binary data gives CJK).
_FOREIGN_TO_CORPUS = re.compile(
    "[^\t\n\f\r -~\u00a0-\u024f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\u2000-\u206f\u20ac\ufb50-\ufdff\ufe70-\ufeff\u0660-\u0669]"
)
_ARABIC_LETTERS = re.compile("[\u0621-\u064a\u0671-\u06d3]+")
# UTF-8 Arabic read as cp1256 starts nearly every letter with the lead byte
# 0xD8/0xD9, which cp1256 shows as TAH/ZAH: mojibake is half TAH and ZAH.
_TAH_ZAH = re.compile("[\u0637\u0638]")
# Accented Latin letters are what ISO-8859-6 Arabic turns into under cp1256.
_LATIN_ACCENTED = re.compile("[\u00c0-\u00ff]")

_MAX_CONTROL_SHARE = 0.01
_MIN_READABLE_SHARE = 0.97
_MAX_FOREIGN_SHARE = 0.05


def decode_text_bytes(data: bytes, *, name: str) -> DecodedText:
    """Decode a text file's bytes, normalising CRLF/CR line ends to ``\\n``."""
    if not data:
        raise UndecodableFileError(name, "the file is empty")
    decoded = _decode_with_bom(data, name)
    if decoded is None:
        decoded = _decode_without_bom(data, name)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UndecodableFileError(name, "the file contains only whitespace")
    return DecodedText(text=text, encoding=decoded.encoding, had_bom=decoded.had_bom)


def _decode_with_bom(data: bytes, name: str) -> DecodedText | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableFileError(
                    name,
                    f"invalid {encoding.upper()} at byte {exc.start + len(bom)} "
                    f"although the file starts with a {encoding.upper()} byte order mark",
                ) from None
            _require_readable(text, name, encoding)
            return DecodedText(text=text, encoding=encoding, had_bom=True)
    return None


def _decode_without_bom(data: bytes, name: str) -> DecodedText:
    if b"\x00" in data:
        utf16 = _guess_bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise UndecodableFileError(
            name, "it contains NUL bytes (binary data, not a text file)"
        )
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > max(2, len(data) * _MAX_CONTROL_SHARE):
        raise UndecodableFileError(
            name, f"{controls} control bytes in {len(data)} (binary data, not a text file)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_non_utf8(data, name, exc)
    _require_readable(text, name, "utf-8")
    return DecodedText(text=text, encoding="utf-8", had_bom=False)


def _guess_bomless_utf16(data: bytes) -> DecodedText | None:
    """Accept BOM-less UTF-16 only when it decodes to our corpus's scripts."""
    if len(data) % 2:
        return None
    # ASCII and spaces put the NUL in the high byte: odd positions for LE.
    odd_nuls = data[1::2].count(0)
    even_nuls = data[0::2].count(0)
    encoding = "utf-16-le" if odd_nuls >= even_nuls else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if (
        _unreadable_share(text) > 1 - _MIN_READABLE_SHARE
        or _foreign_share(text) > _MAX_FOREIGN_SHARE
        or "\x00" in text
    ):
        return None
    return DecodedText(text=text, encoding=encoding, had_bom=False)


def _decode_non_utf8(data: bytes, name: str, exc: UnicodeDecodeError) -> DecodedText:
    lenient = data.decode("utf-8", errors="replace")
    invalid = lenient.count("\ufffd")
    valid_multibyte = len(lenient) - len(lenient.encode("ascii", errors="ignore")) - invalid
    looks_utf8 = valid_multibyte >= 8 and valid_multibyte >= 4 * invalid
    best = _best_legacy_decoding(data)
    if best is not None and not (looks_utf8 and _is_utf8_mojibake(best.text)):
        return best
    if looks_utf8:
        raise UndecodableFileError(
            name,
            f"invalid UTF-8 at byte {exc.start} of {len(data)} in an otherwise UTF-8 "
            "file (the file looks truncated or corrupted)",
        )
    raise UndecodableFileError(
        name,
        "it is neither UTF-8 nor UTF-16 nor Arabic Windows-1256/ISO-8859-6, "
        "and no other encoding gives readable text",
    )


def _best_legacy_decoding(data: bytes) -> DecodedText | None:
    """Pick the legacy code page whose decoding reads most like Arabic text."""
    candidates: dict[str, str] = {}
    for encoding in _LEGACY_ARABIC:
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # ISO-8859-6 leaves half its bytes undefined: a strong "no"
    scored = [
        (_arabic_score(text), encoding, text)
        for encoding, text in candidates.items()
        if _is_readable(text)
    ]
    if scored:
        score, encoding, text = max(scored)
        if score > 0.3:
            return DecodedText(text=text, encoding=encoding, had_bom=False)
    # Not Arabic in a legacy code page: let charset-normalizer name it.
    match = from_bytes(data).best()
    if match is None:
        return None
    encoding = codecs.lookup(match.encoding).name
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if not _is_readable(text) or _foreign_share(text) > _MAX_FOREIGN_SHARE:
        return None
    return DecodedText(text=text, encoding=encoding, had_bom=False)


def _arabic_score(text: str) -> float:
    """Share of non-space characters that are Arabic letters, minus code-page tells."""
    visible = len(text) - text.count(" ") - text.count("\n")
    if visible <= 0:
        return 0.0
    arabic = sum(len(run) for run in _ARABIC_LETTERS.findall(text))
    accented = len(_LATIN_ACCENTED.findall(text))
    return (arabic - 3 * accented) / visible


def _is_utf8_mojibake(text: str) -> bool:
    arabic = sum(len(run) for run in _ARABIC_LETTERS.findall(text))
    return arabic > 0 and len(_TAH_ZAH.findall(text)) > 0.25 * arabic


def _require_readable(text: str, name: str, encoding: str) -> None:
    if not _is_readable(text):
        raise UndecodableFileError(
            name,
            f"it decodes as {encoding.upper()} but is mostly control or "
            "unprintable characters (binary data, not a text file)",
        )


def _is_readable(text: str) -> bool:
    return bool(text) and _unreadable_share(text) <= 1 - _MIN_READABLE_SHARE


def _unreadable_share(text: str) -> float:
    return len(_UNREADABLE.findall(text)) / max(1, len(text))


def _foreign_share(text: str) -> float:
    return (len(text) - len(_FOREIGN_TO_CORPUS.sub("", text))) / max(1, len(text))
