"""Bytes of a saved page to text: UTF-8, UTF-16, Windows-1258 and mislabelled files.

Old portals and the browsers that saved their pages disagree about encodings:
a page may declare ``windows-1252`` and hold Windows-1258 or UTF-8 bytes, or
hold UTF-8 text that was once read as Windows-1252 and saved again
("Hiá»‡u quáº£"). The declared label is therefore only a candidate;
charset-normalizer proposes others, and the candidate that reads as the most
Vietnamese text wins.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from .model import ImportFailure

# A right decoding has many Vietnamese letters beyond Latin-1 (ă, đ, ơ, ư, ạ, ế…); a
# wrong one has Latin-1 letters Vietnamese never uses (Ð, Þ, ë…), capitals inside
# words ("viêÌt": a tone mark read as a letter), replacement characters and C1
# controls, or the pairs UTF-8 leaves when read as Windows-1252 ("á»", "Ã ").
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_VIETNAMESE_EXTRA = re.compile(
    "[ăđĩũơưĂĐĨŨƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]"
)
_FOREIGN = re.compile(
    "["
    + "".join(
        chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha() and chr(c) not in _VIETNAMESE_LATIN1
    )
    + "]"
)
_CAMEL = re.compile(r"(?<=[a-zà-ỹ])[A-ZÀ-ÝĐ](?=[a-zà-ỹ])")
_GARBAGE = re.compile(r"[\ufffd\x80-\x9f]|á»|áº|Ã[\x80-\xbf ]|Ä[\x80-\xbf‘]|Æ°|Æ¡")
_MOJIBAKE = re.compile(r"á»|áº|Ä‘|Æ°|Æ¡|Ã[¡ ¢ ©ª³´º½]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def _score(text: str) -> float:
    good = 2 * len(_VIETNAMESE_EXTRA.findall(text)) + sum(c in _VIETNAMESE_LATIN1 for c in text)
    bad = len(_FOREIGN.findall(text)) + len(_CAMEL.findall(text)) + len(_GARBAGE.findall(text))
    return good - 5 * bad


def _declared(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _undo_mojibake(text: str) -> str | None:
    """UTF-8 text that was read as Windows-1252 and saved again, read back the right way."""
    out = bytearray()
    for char in text:
        code = ord(char)
        if code < 0x80 or 0x80 <= code <= 0x9F or 0xA0 <= code <= 0xFF:
            out.append(code)
            continue
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            return None
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _finish(text: str) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, name: str) -> str:
    """The text of a saved page, NFC-normalised with ``\\n`` line ends.

    Raises :class:`ImportFailure` for an empty file or bytes that are no text.
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFailure(name, "tệp rỗng, không có nội dung để nhập.")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _finish(data.decode(encoding))
            except UnicodeDecodeError:
                break
    candidates: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _MOJIBAKE.search(text):
            repaired = _undo_mojibake(text)
            if repaired is not None and _score(repaired) > _score(text):
                return _finish(repaired)
        return _finish(text)
    if b"\x00" in data[:4096]:
        candidates += ["utf-16-le", "utf-16-be"]
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        candidates.append(best.encoding)
    declared = _declared(data)
    if declared:
        candidates.append(declared)
    candidates += ["cp1258", "cp1252"]
    decoded: list[tuple[float, str]] = []
    for encoding in dict.fromkeys(candidates):
        try:
            text = _finish(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        decoded.append((_score(text), text))
    if not decoded:
        raise ImportFailure(
            name, "không đọc được chữ trong tệp (không phải tệp văn bản hay trang web)."
        )
    _, text = max(decoded, key=lambda pair: pair[0])
    if (
        "\x00" in text
        or sum(not c.isprintable() and c not in "\n\t" for c in text) > len(text) / 20
    ):
        raise ImportFailure(
            name, "tệp không phải văn bản (có thể là ảnh hoặc tệp nén); không nhập được."
        )
    return text
