"""UTF-8 text whose last character a truncation cut in half: still UTF-8, not a legacy code page."""

from __future__ import annotations

import codecs


def decode_utf8_cut_short(data: bytes) -> str | None:
    """`data` as UTF-8 (a BOM dropped) when it is, or when its only fault is a last character cut short; else None.

    Importers that fall back to Windows-1256 when UTF-8 fails would otherwise
    read a cut-off UTF-8 file (an interrupted download or copy) as mojibake.
    """
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data" or exc.end != len(body):
            return None
        return body[: exc.start].decode("utf-8")  # everything before the cut character was valid
