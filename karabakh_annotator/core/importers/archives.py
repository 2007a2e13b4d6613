"""Zip archives of articles: each member's name and bytes, with bombs and bad names refused.

Members are read into memory only, never written to disk, so a hostile name
can do no harm here; such names are still reported, because an analyst should
know the archive is odd. Nested archives are yielded as bytes like any other
member: the caller decides whether to open them (with its own limits).
"""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator

from karabakh_annotator.core.records import ImportFailure

# Text compresses about 3-10x; far beyond this is a zip bomb, not an article.
MAX_COMPRESSION_RATIO = 200.0
# Below this size any ratio is harmless (a short file of repeated letters).
_RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK_BYTES = 64 * 1024
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
_UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP: a UTF-8 copy of the name, for old tools' archives
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0660-\u0669\u067E\u0686\u06A4\u06AF]")


def iter_zip_members(
    data: bytes,
    source_file: str,
    max_member_bytes: int,
    max_members: int,
    *,
    max_total_bytes: int | None = None,
    max_ratio: float = MAX_COMPRESSION_RATIO,
) -> Iterator[tuple[str, bytes] | ImportFailure]:
    """Each file in a zip as (``archive.zip/inner/name``, bytes), or a failure saying why not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        yield ImportFailure(source_file, f"not a readable zip archive ({exc})")
        return
    total_limit = max_total_bytes if max_total_bytes is not None else max_member_bytes * max_members
    with archive:
        count = 0
        total = 0
        for info in archive.infolist():
            name = member_name(info)
            parts = _path_parts(name)
            if info.is_dir() or _is_junk(parts):
                continue
            label = f"{source_file}/{name}"
            if parts is None:
                yield ImportFailure(label, "unsafe member name (absolute path or '..'): not imported")
                continue
            label = f"{source_file}/{'/'.join(parts)}"
            count += 1
            if count > max_members:
                reason = f"archive holds more than {max_members} files; the rest were not imported"
                yield ImportFailure(source_file, reason)
                return
            problem = _declared_problem(info, max_member_bytes, max_ratio)
            if problem:
                yield ImportFailure(label, problem)
                continue
            if total + info.file_size > total_limit:
                reason = f"archive expands past {total_limit} bytes in all; the rest were not imported"
                yield ImportFailure(source_file, reason)
                return
            try:
                content = _read_member(archive, info, max_member_bytes, max_ratio)
            except _MemberTooLarge as exc:
                yield ImportFailure(label, str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - a corrupt member must never escape as an exception
                yield ImportFailure(label, _read_error(exc))
                continue
            total += len(content)
            yield label, content


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its creator meant it: UTF-8 when flagged, else the likeliest code page."""
    if info.flag_bits & _FLAG_UTF8:
        return info.orig_filename
    raw = info.orig_filename.encode("cp437")  # zipfile decoded the unflagged bytes as cp437
    unicode_path = _unicode_path_extra(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")  # many tools write UTF-8 without setting the flag
    except UnicodeDecodeError:
        pass
    # Arabic Windows: Explorer writes the OEM page (cp720), other tools the ANSI page (cp1256).
    candidates = [raw.decode(encoding, errors="replace") for encoding in ("cp1256", "cp720", "cp437")]
    return max(candidates, key=_name_score)


def _name_score(name: str) -> int:
    return sum(2 if _ARABIC_LETTER.match(ch) else 1 if ch.isascii() and ch.isprintable() else -1 for ch in name)


def _unicode_path_extra(extra: bytes, raw_name: bytes) -> str | None:
    """The UTF-8 name in an Info-ZIP Unicode Path field, if it matches the stored name."""
    offset = 0
    while offset + 4 <= len(extra):
        field_id, size = struct.unpack_from("<HH", extra, offset)
        body = extra[offset + 4 : offset + 4 + size]
        offset += 4 + size
        if field_id != _UNICODE_PATH_EXTRA or len(body) < 5 or body[0] != 1:
            continue
        (crc,) = struct.unpack_from("<I", body, 1)
        if crc != zlib.crc32(raw_name):
            return None  # the name was changed by a tool that ignored this field
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def _path_parts(name: str) -> list[str] | None:
    """The name's path parts, or None when it is absolute or climbs out with '..'."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return None
    parts = [part for part in normal.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    return parts


def _is_junk(parts: list[str] | None) -> bool:
    """Folders and files that archivers add for themselves: __MACOSX, dotfiles, Thumbs.db."""
    if parts is None:
        return False
    if not parts:
        return True
    return any(part == "__MACOSX" or part.startswith(".") for part in parts) or parts[-1].lower() in _JUNK_NAMES


def _declared_problem(info: zipfile.ZipInfo, max_member_bytes: int, max_ratio: float) -> str | None:
    if info.flag_bits & _FLAG_ENCRYPTED:
        return "member is encrypted (password-protected): not imported"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "member is a symbolic link, not a file: not imported"
    if info.file_size > max_member_bytes:
        return f"member is {info.file_size} bytes, above the {max_member_bytes}-byte limit"
    if info.file_size > _RATIO_FLOOR_BYTES and info.file_size > max(info.compress_size, 1) * max_ratio:
        return f"member expands {info.file_size // max(info.compress_size, 1)}x (zip bomb?): not imported"
    return None


class _MemberTooLarge(Exception):
    pass


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, max_ratio: float) -> bytes:
    """The member's bytes, stopping as soon as they pass the budget or the ratio, whatever was declared."""
    chunks: list[bytes] = []
    size = 0
    ratio_limit = max(_RATIO_FLOOR_BYTES, int(max(info.compress_size, 1) * max_ratio))
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK_BYTES):
            size += len(chunk)
            if size > budget:
                raise _MemberTooLarge(f"member expands past the {budget}-byte limit, more than it declared")
            if size > ratio_limit:
                raise _MemberTooLarge(f"member expands more than {max_ratio:g}x (zip bomb?): not imported")
            chunks.append(chunk)
    return b"".join(chunks)


def _read_error(exc: Exception) -> str:
    if isinstance(exc, NotImplementedError):
        return f"member uses a compression method this program cannot read ({exc})"
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "member is encrypted (password-protected): not imported"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return f"member is corrupt or cut short ({exc})"
    return f"member cannot be read ({type(exc).__name__}: {exc})"
