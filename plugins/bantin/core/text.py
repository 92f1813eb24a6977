"""Text hygiene for Vietnamese content: normalisation, control characters, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# C0/C1 control characters except tab, newline and carriage return, the
# non-characters U+FFFE/U+FFFF and lone surrogates: invalid in XML 1.0 (they
# would break feeds and the sitemap), and surrogates cannot even be written as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# đ/Đ have no Unicode decomposition: NFKD alone would drop them ("Đường" -> "uong").
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def clean_text(value: str) -> str:
    """NFC-normalise and strip control characters from text shown to readers.

    NFC matters for Vietnamese: the same word typed on a Mac (NFD) and on
    Windows (NFC) must give the same category, tag and slug.
    """
    return unicodedata.normalize("NFC", _CONTROL.sub("", value))


def strip_forbidden(value: str) -> str:
    """Remove the characters XML 1.0 forbids (and HTML calls errors), nothing else.

    For text that may already hold markup (a sanitised body): unlike
    :func:`clean_text` it leaves the normalisation form alone.
    """
    return _CONTROL.sub("", value)


# Letters that draw nothing: Hangul fillers, the braille blank. Everything in the
# Unicode categories below draws nothing either (format characters such as
# U+200B, combining marks with no letter, separators, unassigned code points).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})


def is_visible(char: str) -> bool:
    """Whether one character draws something a reader can see."""
    return (
        char not in _BLANK_LETTERS
        and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        and not "\ufe00" <= char <= "\ufe0f"
    )


def has_visible(value: str) -> bool:
    """Whether the text shows anything at all (not only spaces, zero-width or blank letters)."""
    return any(is_visible(char) for char in value)


def clean_line(value: str) -> str:
    """Like :func:`clean_text`, and fold all white space to single spaces."""
    return " ".join(clean_text(value).split())


# Longest slug or id: a URL part and a folder name. Every file system takes 255
# bytes per name; 100 ASCII characters leave room for any suffix and stay readable.
MAX_SLUG = 100


# Pure functions of short strings, asked about the same tag and category names
# hundreds of thousands of times at 10,000 posts: remembered.
@lru_cache(maxsize=1 << 16)
def slugify(text: str, max_length: int | None = MAX_SLUG) -> str:
    """ASCII slug of Vietnamese text: "Đảng ủy phường Phúc Đồng" -> "dang-uy-phuong-phuc-dong".

    At most ``max_length`` characters, cut at a word (hyphen) boundary.
    """
    ascii_text = strip_marks(clean_text(text)).encode("ascii", "ignore").decode("ascii").lower()
    return cut_slug(_NON_SLUG.sub("-", ascii_text).strip("-"), max_length)


def cut_slug(slug: str, max_length: int | None = MAX_SLUG) -> str:
    """``slug`` shortened to ``max_length`` at the last hyphen that fits (a word boundary)."""
    if max_length is None or len(slug) <= max_length:
        return slug
    head = slug[: max_length + 1]
    cut = head.rsplit("-", 1)[0] if "-" in head else slug[:max_length]
    return cut[:max_length].strip("-")


def strip_marks(text: str) -> str:
    """Text without tone and vowel marks, ``đ`` as ``d``: "Đường Phúc" -> "Duong Phuc".

    Letters with no Latin base (Chinese, emoji) stay as they are.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTER_MAP))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_marks(text: str) -> str:
    """Comparison key for words typed with or without marks: "Ẩn  Chỉ Số" -> "an chi so"."""
    return " ".join(strip_marks(text).casefold().split())


@lru_cache(maxsize=1 << 16)
def fold_key(text: str) -> str:
    """Comparison key for names: case-, space- and normalisation-insensitive."""
    return " ".join(clean_text(text).casefold().split())
