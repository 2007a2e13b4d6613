"""Zip archives: members by name, with bombs, traversal, encryption and corruption reported."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from karabakh_annotator.core.importers.archives import iter_zip_members
from karabakh_annotator.core.records import ImportFailure

TEXT = "أعلنت وزارة الخارجية استئناف المحادثات الأسبوع المقبل.".encode("utf-8")
MB = 1024 * 1024


def build_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def patch_name(data: bytes, placeholder: str, raw_name: bytes) -> bytes:
    """Put raw name bytes (same length) where zipfile wrote an ASCII placeholder, unflagged."""
    assert len(placeholder.encode("ascii")) == len(raw_name)
    return data.replace(placeholder.encode("ascii"), raw_name)


def set_flag(data: bytes, flag: int) -> bytes:
    """Set a general-purpose flag bit on every member, in local and central headers."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = out.find(signature)
        while start != -1:
            (flags,) = struct.unpack_from("<H", out, start + offset)
            struct.pack_into("<H", out, start + offset, flags | flag)
            start = out.find(signature, start + 4)
    return bytes(out)


def run(data: bytes, max_member_bytes: int = MB, max_members: int = 100) -> list[tuple[str, bytes] | ImportFailure]:
    return list(iter_zip_members(data, "batch.zip", max_member_bytes, max_members))


def test_files_are_yielded_with_archive_paths_and_junk_skipped() -> None:
    data = build_zip(
        {
            "news/": b"",
            "news/talks.txt": TEXT,
            "news/بيان الوزارة.html": b"<p>x</p>",
            "__MACOSX/news/._talks.txt": b"junk",
            "news/.DS_Store": b"junk",
            ".hidden/a.txt": b"junk",
            "Thumbs.db": b"junk",
            "./top.json": b"[]",
        }
    )
    assert run(data) == [
        ("batch.zip/news/talks.txt", TEXT),
        ("batch.zip/news/بيان الوزارة.html", b"<p>x</p>"),
        ("batch.zip/top.json", b"[]"),
    ]


@pytest.mark.parametrize("name", ["../evil.txt", "news/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "..\\evil.txt"])
def test_traversal_names_are_refused_and_others_still_import(name: str) -> None:
    results = run(build_zip({name: b"x", "ok.txt": TEXT}))
    failure = results[0]
    assert isinstance(failure, ImportFailure)
    assert "unsafe member name" in failure.reason
    assert results[1] == ("batch.zip/ok.txt", TEXT)


@pytest.mark.parametrize("encoding", ["cp1256", "cp720"])
def test_unflagged_arabic_names_from_old_windows_zips(encoding: str) -> None:
    name = "بيان_الوزارة.txt"
    raw = name.encode(encoding)
    placeholder = "p" * len(raw)
    data = patch_name(build_zip({placeholder: TEXT}), placeholder, raw)
    assert run(data) == [(f"batch.zip/{name}", TEXT)]


def test_unflagged_utf8_name() -> None:
    name = "هدنة.txt"
    raw = name.encode("utf-8")
    placeholder = "u" * len(raw)
    assert run(patch_name(build_zip({placeholder: TEXT}), placeholder, raw)) == [(f"batch.zip/{name}", TEXT)]


def test_info_zip_unicode_path_field_gives_the_name() -> None:
    stored = b"OLDNAME.TXT"
    unicode_name = "مقالات/الهدنة.txt".encode("utf-8")
    body = b"\x01" + struct.pack("<I", zlib.crc32(stored)) + unicode_name
    info = zipfile.ZipInfo(stored.decode("ascii"))
    info.extra = struct.pack("<HH", 0x7075, len(body)) + body
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, TEXT)
    assert run(buffer.getvalue()) == [("batch.zip/مقالات/الهدنة.txt", TEXT)]


def test_encrypted_member_is_reported() -> None:
    data = set_flag(build_zip({"secret.txt": TEXT}), 0x1)
    (failure,) = run(data)
    assert isinstance(failure, ImportFailure)
    assert failure.source_file == "batch.zip/secret.txt"
    assert "encrypted" in failure.reason


def test_member_over_the_size_limit_is_refused() -> None:
    results = run(build_zip({"big.txt": b"a" * 5000, "small.txt": TEXT}), max_member_bytes=4096)
    assert isinstance(results[0], ImportFailure) and "above the 4096-byte limit" in results[0].reason
    assert results[1] == ("batch.zip/small.txt", TEXT)


def test_highly_compressed_member_is_refused_as_a_bomb() -> None:
    results = run(build_zip({"bomb.txt": b"\0" * (8 * MB), "ok.txt": TEXT}), max_member_bytes=64 * MB)
    assert isinstance(results[0], ImportFailure) and "zip bomb" in results[0].reason
    assert results[1] == ("batch.zip/ok.txt", TEXT)


def test_member_lying_about_its_size_is_caught() -> None:
    data = bytearray(build_zip({"liar.txt": b"b" * 10000}))
    # Declare 100 bytes in both headers; the real content is 10000.
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 100)
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 100)
    (failure,) = run(bytes(data), max_member_bytes=1000)
    assert isinstance(failure, ImportFailure)
    assert failure.source_file == "batch.zip/liar.txt"


def test_member_count_limit() -> None:
    results = run(build_zip({f"{i}.txt": TEXT for i in range(5)}), max_members=3)
    assert [r[0] for r in results[:3] if isinstance(r, tuple)] == ["batch.zip/0.txt", "batch.zip/1.txt", "batch.zip/2.txt"]
    failure = results[3]
    assert isinstance(failure, ImportFailure) and failure.source_file == "batch.zip"
    assert "more than 3 files" in failure.reason
    assert len(results) == 4


def test_total_size_limit() -> None:
    data = build_zip({f"{i}.txt": b"c" * 1000 for i in range(4)}, compression=zipfile.ZIP_STORED)
    results = list(iter_zip_members(data, "batch.zip", 1000, 10, max_total_bytes=2500))
    assert [type(r) for r in results] == [tuple, tuple, ImportFailure]
    assert "2500 bytes in all" in results[2].reason  # type: ignore[union-attr]


def test_corrupt_member_is_reported_and_the_others_import() -> None:
    data = bytearray(build_zip({"bad.txt": b"d" * 200, "good.txt": TEXT}, compression=zipfile.ZIP_STORED))
    data[data.find(b"d" * 200) + 50] = ord("X")  # stored content no longer matches its CRC
    results = run(bytes(data))
    assert isinstance(results[0], ImportFailure) and "corrupt" in results[0].reason
    assert results[1] == ("batch.zip/good.txt", TEXT)


@pytest.mark.parametrize(
    "data",
    [b"", b"not a zip at all", build_zip({"a.txt": TEXT})[:40], "نص عربي".encode("utf-8")],
)
def test_unreadable_archive_is_one_clear_failure(data: bytes) -> None:
    (failure,) = run(data)
    assert isinstance(failure, ImportFailure)
    assert failure.source_file == "batch.zip"
    assert failure.reason.startswith("not a readable zip archive")


def test_unsupported_compression_is_reported() -> None:
    data = bytearray(build_zip({"a.txt": TEXT}, compression=zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        struct.pack_into("<H", data, data.find(signature) + offset, 97)  # WavPack: not supported
    (failure,) = run(bytes(data))
    assert isinstance(failure, ImportFailure) and "compression method" in failure.reason
