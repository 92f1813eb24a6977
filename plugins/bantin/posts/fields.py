"""Validation of each front-matter field, one small function per field.

Each function takes the raw value and returns the clean one, or raises
:class:`FieldError` with a Vietnamese message that says how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..core.dates import parse_post_date
from ..core.text import (
    MAX_SLUG,
    clean_line,
    clean_text,
    cut_slug,
    fold_key,
    has_visible,
    slugify,
)

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ALIAS_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


class FieldError(ValueError):
    """A field value that cannot be used; ``str(exc)`` is the Vietnamese message."""


def _yaml_surprise(value: Any) -> str:
    """Explain a value YAML turned into something other than text."""
    if isinstance(value, bool):
        return (
            "YAML hiểu giá trị này là đúng/sai (true/false, yes/no, on/off). "
            "Nếu muốn viết chữ, đặt nó trong dấu ngoặc kép."
        )
    if isinstance(value, (int, float)):
        return "YAML hiểu giá trị này là một số. Nếu muốn viết chữ, đặt nó trong dấu ngoặc kép."
    if isinstance(value, (date, datetime)):
        return "YAML hiểu giá trị này là ngày tháng. Nếu muốn viết chữ, đặt nó trong dấu ngoặc kép."
    if isinstance(value, list):
        return "giá trị là một danh sách, nhưng trường này cần một đoạn chữ."
    if isinstance(value, dict):
        return "giá trị là một nhóm trường con, nhưng trường này cần một đoạn chữ."
    return "trường này cần một đoạn chữ."


def text(value: Any, *, required: bool = False, multiline: bool = False) -> str:
    """A plain-text field (title, author, ...): never interpreted as HTML."""
    if value is None:
        if required:
            raise FieldError("trường bắt buộc đang để trống. Hãy điền nội dung.")
        return ""
    if not isinstance(value, str):
        raise FieldError(_yaml_surprise(value))
    cleaned = clean_text(value).strip() if multiline else clean_line(value)
    if required and not cleaned:
        raise FieldError("trường bắt buộc đang để trống. Hãy điền nội dung.")
    if cleaned and not has_visible(cleaned):
        # Zero-width spaces, Hangul fillers…: a title nobody can see or click.
        raise FieldError(
            "chỉ có ký tự vô hình (khoảng trắng đặc biệt, ký tự không độ rộng), không có chữ nào "
            "hiện ra. Hãy gõ lại nội dung bằng chữ thường."
        )
    return cleaned


def flag(value: Any) -> bool:
    """``draft`` and ``pinned``: true or false."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise FieldError(f"giá trị {value!r} không hợp lệ; chỉ viết true (có) hoặc false (không).")


def count(value: Any) -> int:
    """``views``: a whole number ≥ 0, plain (3072) or Vietnamese-grouped ("3.072")."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise FieldError("lượt xem phải là một số nguyên, ví dụ: views: 3072.")
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", value.strip()):
        value = int(value.strip().replace(".", ""))
    if not isinstance(value, int) or value < 0:
        raise FieldError(
            f"giá trị {value!r} không hợp lệ; lượt xem là số nguyên không âm, ví dụ: views: 3072."
        )
    return value


# Tags per post, in either form (a list, or one comma-separated string: the
# string is one YAML value, so the front matter's value limit does not see it).
MAX_TAGS = 30
MAX_TAG_LENGTH = 80


def tags(value: Any) -> list[str]:
    """A list of strings, or one comma-separated string; duplicates dropped."""
    if value is None:
        return []
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise FieldError(
            "viết thẻ dạng danh sách [thẻ 1, thẻ 2] hoặc một dòng chữ ngăn cách bằng dấu phẩy."
        )
    result: list[str] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise FieldError(f"thẻ {item!r} không phải chữ. {_yaml_surprise(item)}")
        name = clean_line(item)
        if len(name) > MAX_TAG_LENGTH:
            raise FieldError(
                f"thẻ “{name[:40]}…” dài {len(name)} ký tự, quá {MAX_TAG_LENGTH} ký tự. Thẻ là "
                "vài từ khoá ngắn, ngăn cách bằng dấu phẩy."
            )
        if name and fold_key(name) not in seen:
            seen.add(fold_key(name))
            result.append(name)
    if len(result) > MAX_TAGS:
        raise FieldError(
            f"bài có {len(result)} thẻ, quá {MAX_TAGS} thẻ (mỗi thẻ là một trang riêng). "
            "Chỉ giữ vài thẻ chính của bài."
        )
    return result


def slug(value: Any) -> str:
    """An explicit ``slug``: lower-case ASCII words joined by hyphens, nothing else."""
    raw = text(value)
    if not _SLUG.match(raw):
        suggestion = slugify(raw)
        fix = f" Ví dụ: slug: {suggestion}" if suggestion else ""
        raise FieldError(
            f"“{raw}” không dùng được làm đường dẫn; chỉ dùng chữ thường không dấu, "
            f"số và dấu gạch ngang.{fix}"
        )
    if len(raw) > MAX_SLUG:
        raise FieldError(
            f"đường dẫn dài {len(raw)} ký tự, quá {MAX_SLUG} ký tự (giới hạn để mọi hệ thống "
            f"tệp và máy chủ đều nhận). Rút gọn, ví dụ: slug: {cut_slug(raw)}"
        )
    return raw


def alias(value: Any) -> str:
    """One old URL path of the article, to be redirected; must stay inside the site."""
    if not isinstance(value, str):
        raise FieldError(f"đường dẫn cũ {value!r} phải là chữ, ví dụ: tin-tuc/bai-cu.html")
    raw = clean_line(value)
    lowered = raw.lower()
    fix = " Viết đường dẫn tương đối không có dấu '/' ở đầu, ví dụ: tin-tuc/bai-cu.html"
    if lowered.startswith(_UNSAFE_SCHEMES) or "://" in raw or raw.startswith("//"):
        raise FieldError(f"“{raw}” là địa chỉ đầy đủ, không phải đường dẫn trong trang.{fix}")
    if raw.startswith("/") or "\\" in raw or "%" in raw or "?" in raw or "#" in raw:
        raise FieldError(f"đường dẫn cũ “{raw}” có ký tự không được phép.{fix}")
    segments = raw.rstrip("/").split("/")
    if not raw or any(s in ("", ".", "..") or not _ALIAS_SEGMENT.match(s) for s in segments):
        raise FieldError(f"đường dẫn cũ “{raw}” không hợp lệ.{fix}")
    hidden = next((s for s in segments if s.startswith(".")), None)
    if hidden is not None:
        # Web servers and static hosts give dot-files and dot-folders meaning
        # (.htaccess, .well-known/) or refuse to serve them.
        raise FieldError(
            f"đường dẫn cũ “{raw}” có phần “{hidden}” bắt đầu bằng dấu chấm: máy chủ web "
            f"dành những tên này cho cấu hình (như .htaccess, .well-known).{fix}"
        )
    return raw


def aliases(value: Any) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise FieldError("viết các đường dẫn cũ dạng danh sách, ví dụ: [tin-tuc/bai-cu.html]")
    return [alias(item) for item in items]


def link(value: Any) -> str:
    """A URL field: http(s), mailto, tel or relative; never script or data URLs."""
    raw = text(value)
    if raw.lower().replace(" ", "").startswith(_UNSAFE_SCHEMES):
        raise FieldError(
            f"địa chỉ “{raw}” không được phép; chỉ dùng http://, https:// hoặc đường dẫn trong trang."
        )
    return raw


@dataclass(frozen=True)
class Field:
    """One front-matter field of a post: the row of :data:`FIELDS` that describes it."""

    name: str
    # Reads the raw value; ``None`` where the reader needs more than the value:
    # ``category`` (the site's categories, posts/loader.py) and ``indicators``
    # (the indicators package, plugged into the loader).
    parse: Callable[[Any], Any] | None
    required: bool = False
    # One line of text as staff type it in Word: posts/habits.py takes it as written.
    words: bool = False


# Every field of the content contract, in the order they are read (and their problems
# reported). The one place to add a field: the loader, the unknown-field warning,
# Word habits and the tests of the README and of ``bantin new``'s template read it.
FIELDS = (
    Field("title", lambda value: text(value, required=True), required=True, words=True),
    Field("date", parse_post_date, required=True),
    Field("category", None, required=True),
    Field("tags", tags),
    Field("author", text, words=True),
    Field("source", text, words=True),
    Field("unit", text, words=True),
    Field("image_caption", text, words=True),
    Field("summary", lambda value: text(value, multiline=True), words=True),
    Field("views", count),
    Field("slug", slug),
    Field("draft", flag),
    Field("pinned", flag),
    Field("aliases", aliases),
    Field("image", text),
    Field("indicators", None),
)
KNOWN_FIELDS = tuple(field.name for field in FIELDS)
REQUIRED_FIELDS = tuple(field.name for field in FIELDS if field.required)
TEXT_FIELDS = frozenset(field.name for field in FIELDS if field.words)
