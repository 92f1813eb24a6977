"""Saved pages in the encodings old portals and Windows produce all read as the same text."""

from __future__ import annotations

import codecs

import pytest
from bantin.importer.decode import decode_bytes
from bantin.importer.model import ImportFailure

from .pages import SEED_000, encode_cp1258

TEXT = SEED_000.read_text(encoding="utf-8")


def _mojibake(text: str) -> bytes:
    """UTF-8 read as Windows-1252 (undefined bytes as C1 controls) and saved as UTF-8 again."""
    misread = "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in text.encode("utf-8")
    )
    return misread.encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a BOM, as Notepad's "Unicode"
        TEXT.encode("utf-16-le"),  # without one
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        encode_cp1258(TEXT),
        _mojibake(TEXT),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-no-bom", "crlf", "windows-1258", "mojibake"],
)
def test_every_encoding_gives_the_same_text(data: bytes) -> None:
    assert decode_bytes(data, "x.txt") == TEXT


def test_windows_1258_uses_combining_tones_and_still_reads_as_nfc() -> None:
    data = encode_cp1258("Phường Phúc Lợi, Đảng ủy")
    assert b"\xcc" in data or b"\xec" in data or b"\xde" in data or b"\xf2" in data
    assert decode_bytes(data, "x.txt") == "Phường Phúc Lợi, Đảng ủy"


def test_html_mislabelled_as_windows_1252() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>' + TEXT + "</p></body></html>"
    assert TEXT in decode_bytes(page.encode("utf-8"), "x.html")
    assert TEXT in decode_bytes(encode_cp1258(page), "x.html")


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n", codecs.BOM_UTF8])
def test_empty_file_is_an_error(data: bytes) -> None:
    with pytest.raises(ImportFailure) as caught:
        decode_bytes(data, "tin/rong.txt")
    assert caught.value.name == "tin/rong.txt"
    assert "tệp rỗng" in caught.value.message


def test_binary_file_is_an_error() -> None:
    with pytest.raises(ImportFailure) as caught:
        decode_bytes(bytes(range(256)) * 40, "anh.txt")
    assert "không phải tệp văn bản" in caught.value.message
