"""Reading one post file into front matter and body, safely.

A post file is untrusted input: it is split with python-frontmatter's
:class:`~frontmatter.default_handlers.YAMLHandler` boundary and parsed with
PyYAML's *safe* loader only (``CSafeLoader`` when libyaml is present). Every
problem becomes a :class:`ContentError` naming the file, the field and the line
counted in the whole file; nothing else ever escapes :func:`read_post`.

How the YAML is read, in one pass:

1. **Before parsing**: the file must be a regular file of at most
   ``MAX_FILE_BYTES`` (10 MiB), valid UTF-8 (a BOM and CRLF/CR line ends are
   accepted), and the front matter at most ``MAX_FRONT_MATTER_BYTES`` (64 KiB).
   Control characters (invalid in XML) are removed and U+2028/U+2029 become
   spaces, so YAML and the file agree on line numbers.
2. **Events, not PyYAML's composer**: the values are built straight from
   libyaml's event stream by a small iterative loop (one YAML pass, no node
   tree) in :mod:`bantin.posts.safe_yaml`; syntax errors are explained by
   :mod:`bantin.posts.yaml_errors`. PyYAML's C composer is recursive and crashes the whole process
   (segfault) on about 50,000 nested brackets, so it is never used; this loop
   stops at ``MAX_DEPTH`` (20) nested lists/mappings and ``MAX_NODES`` (5,000)
   values. Anchors and aliases (``&a``/``*a``, the "billion laughs" bomb) are
   refused outright: front matter never needs them. Explicit tags are refused
   except ``!!str``, ``!!seq`` and ``!!map`` (``!!python/...`` would run code
   under an unsafe loader; here it is an error, never a silent drop).
3. **Checks while building**: a key written twice in any mapping (PyYAML
   would silently keep the last) is reported with both lines; keys are always
   text (``no:`` is the key "no", not ``False``; ``<<`` merges nothing); a
   YAML 1.1 number that does not mean what it looks like (``012`` = 10,
   ``0x1F``, ``1:30`` = 90, ``.nan``, ``.inf``) is an error saying to quote
   it; a date that does not exist (``2020-13-45``) stays text so that the
   ``date`` validator explains it; a top-level key with spaces is a sentence
   (the body read as YAML because the closing ``---`` is missing), an error.
   Scalars are resolved by PyYAML's safe
   resolver and converted by SafeConstructor's int/float/timestamp functions;
   every string is NFC-normalised and free of control characters.

Plain (unquoted) values that YAML turned into something other than text are
kept as written in :attr:`RawPost.plain`, so validators can say "write
``title: "no"``" instead of "False is not text" (see :func:`quote_hint`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from ..core.text import clean_text
from .safe_yaml import MAX_DEPTH, MAX_FRONT_MATTER_BYTES, MAX_NODES, parse_yaml
from .yaml_errors import fail

MAX_FILE_BYTES = 10 * 1024 * 1024


class SafeYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, loading through bantin's hardened reader.

    ``frontmatter.loads(text, handler=SafeYAMLHandler())`` works for other code;
    :func:`read_post` uses the same boundary and :meth:`load`.
    """

    def load(self, fm: str, **kwargs: object) -> Any:
        return parse_yaml(_sanitize(fm), str(kwargs.get("path", "<front matter>")), 2).meta


_HANDLER = SafeYAMLHandler()
_OPEN = _HANDLER.FM_BOUNDARY
# The closing line: python-frontmatter's boundary, or YAML's document end "...".
_CLOSE = re.compile(rf"{_OPEN.pattern}|^\.\.\.[ \t]*$", re.MULTILINE)
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]")


@dataclass(frozen=True)
class RawPost:
    """A post file split and parsed, not yet validated.

    ``lines`` maps each top-level key to the line it is written on;
    ``positions`` maps every value's path (``title``, ``tags[1]``,
    ``indicators[0].value``) to ``(line, column)`` in the whole file;
    ``plain`` maps the path of every unquoted value that YAML read as a
    number, true/false or date to the text as written (``"93.095"``, ``"no"``).
    """

    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)
    yaml_line: int = 2
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    plain: dict[str, str] = field(default_factory=dict)

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    def position(self, path: str) -> tuple[int, int] | None:
        return self.positions.get(path)


def _sanitize(text: str) -> str:
    """Drop control characters; U+2028/U+2029 (YAML line breaks) become spaces."""
    if _UNSAFE_CHARS.search(text) is None:
        return text
    return _UNSAFE_CHARS.sub(lambda m: " " if m.group() in "\u2028\u2029" else "", text)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text with a BOM removed and every line end turned into ``\\n``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        hint = ""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = " Tệp đang được lưu bằng UTF-16."
        raise fail(
            path,
            f"tệp không phải mã UTF-8: byte lỗi ở vị trí {start} (byte 0x{data[start]:02X}).{hint} "
            "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8.",
            line=line,
            column=column,
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def split_front_matter(text: str, path: str) -> tuple[str, str, int, int]:
    """Return (YAML text, body, line where the YAML starts, line where the body starts).

    Blank lines before the opening ``---`` are allowed (python-frontmatter
    strips them too); the front matter closes at the next ``---`` (or ``...``).
    """
    start = _LEADING_BLANK_LINES.match(text).end()  # type: ignore[union-attr]
    if not _HANDLER.detect(text[start:]):
        first = text[start:].split("\n", 1)[0].strip()
        if first.startswith("+++"):
            hint = " Trang chỉ đọc phần thông tin viết bằng YAML giữa hai dòng '---' (không dùng TOML '+++')."
        elif first.startswith("{"):
            hint = " Trang chỉ đọc phần thông tin viết bằng YAML giữa hai dòng '---' (không dùng JSON)."
        elif re.match(r"^[A-Za-z_]+\s*:", first):
            hint = f" Dòng “{first[:40]}” có vẻ là một trường: hãy thêm dòng '---' phía trên nó."
        else:
            hint = ""
        raise fail(
            path,
            "tệp không bắt đầu bằng phần thông tin (front matter). Dòng đầu tiên phải là "
            "'---', tiếp theo là các trường như 'title:', 'date:', 'category:', rồi một dòng "
            f"'---' đóng lại.{hint}",
            line=_line_at(text, start),
        )
    open_end = text.find("\n", start)
    open_line = _line_at(text, start)
    closing = _CLOSE.search(text, open_end + 1) if open_end >= 0 else None
    if closing is None:
        raise fail(
            path,
            f"phần thông tin (front matter) mở bằng '---' ở dòng {open_line} nhưng không có dòng "
            "'---' đóng lại. Thêm một dòng '---' ngay sau trường cuối cùng, trước nội dung bài.",
            line=open_line,
        )
    yaml_start = open_end + 1
    yaml_text = text[yaml_start : closing.start()]
    body_start = text.find("\n", closing.start())
    body = text[body_start + 1 :] if body_start >= 0 else ""
    body_line = (
        _line_at(text, body_start) + 1 if body_start >= 0 else _line_at(text, closing.start()) + 1
    )
    return yaml_text, body, open_line + 1, body_line


def parse_post(data: bytes, path: str) -> RawPost:
    """Split and parse the bytes of one post file; raise :class:`ContentError` naming it."""
    text = decode(data, path)
    yaml_text, body, yaml_line, body_line = split_front_matter(text, path)
    parsed = parse_yaml(_sanitize(yaml_text), path, yaml_line)
    return RawPost(
        path=path,
        meta=parsed.meta,
        body=clean_text(body),
        body_line=body_line,
        lines=parsed.lines,
        yaml_line=yaml_line,
        positions=parsed.positions,
        plain=parsed.plain,
    )


def read_post(
    abs_path: Path,
    path: str,
    parse: Callable[[bytes, str], RawPost] = parse_post,
    kept: Callable[[str, os.stat_result], RawPost | None] | None = None,
) -> RawPost:
    """Read and parse one post file; raise :class:`ContentError` naming the file.

    ``path`` is the name shown to staff (relative to the site root); ``parse``
    and ``kept`` (the parse of a file not written since) may be a cache's
    (:class:`bantin.posts.cache.ParsedPosts`).
    """
    try:
        info = os.stat(abs_path)
        if not stat.S_ISREG(info.st_mode):
            raise fail(
                path, "đây không phải một tệp thường nên không đọc được. Xóa hoặc đổi tên nó."
            )
        if info.st_size > MAX_FILE_BYTES:
            raise fail(
                path,
                f"tệp quá lớn ({info.st_size // (1024 * 1024)} MiB, tối đa "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB). Ảnh và tài liệu đính kèm để thành tệp riêng.",
            )
        found = kept(path, info) if kept is not None else None
        if found is not None:
            return found
        data = abs_path.read_bytes()
    except OSError as exc:
        raise fail(path, f"không đọc được tệp ({exc.strerror or exc}).") from None
    return parse(data, path)


# --- helping validators explain YAML's reading ----------------------------------------------


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"giá trị đúng/sai ({'true' if value else 'false'})"
    if isinstance(value, (int, float)):
        return f"số {value}"
    return "ngày tháng"


def quote_hint(raw: RawPost, name: str, parse: Callable[[Any], Any]) -> str:
    """A sentence to add to a field's error when quoting the value as written would fix it.

    ``title: no`` is read by YAML as false; if ``parse("no")`` is accepted the
    hint says to write ``title: "no"``. Returns "" when quoting would not help.
    """
    value = raw.meta.get(name)
    written = raw.plain.get(name)
    if written is not None:
        candidate: Any = written
        said = f"YAML đọc “{written}” thành {_kind(value)}"
        example = f'{name}: "{written}"'
    elif isinstance(value, list):
        items = [raw.plain.get(f"{name}[{i}]") for i in range(len(value))]
        surprising = [w for w in items if w is not None]
        if not surprising:
            return ""
        candidate = [w if w is not None else v for w, v in zip(items, value, strict=True)]
        said = (
            "YAML đọc " + ", ".join(f"“{w}”" for w in surprising) + " thành số, ngày hoặc đúng/sai"
        )
        example = ", ".join(f'"{w}"' for w in surprising)
    else:
        return ""
    try:
        parse(candidate)
    except ValueError:
        return ""
    return f" ({said}; hãy viết trong dấu ngoặc kép: {example}.)"


__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_FRONT_MATTER_BYTES",
    "MAX_NODES",
    "RawPost",
    "SafeYAMLHandler",
    "decode",
    "parse_post",
    "quote_hint",
    "read_post",
    "split_front_matter",
]
