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
   libyaml's event stream by a small iterative loop here (one YAML pass, no
   node tree). PyYAML's C composer is recursive and crashes the whole process
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
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from ..core.errors import ContentError, Problem
from ..core.text import clean_text

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_DEPTH = 20
MAX_NODES = 5_000

_YAML = "tag:yaml.org,2002:"
STR, SEQ, MAP = _YAML + "str", _YAML + "seq", _YAML + "map"
INT, FLOAT, BOOL, NULL = _YAML + "int", _YAML + "float", _YAML + "bool", _YAML + "null"
TIMESTAMP, MERGE, VALUE = _YAML + "timestamp", _YAML + "merge", _YAML + "value"
_INF = float("inf")
_CONSTRUCTORS = {
    INT: SafeConstructor.construct_yaml_int,
    FLOAT: SafeConstructor.construct_yaml_float,
    TIMESTAMP: SafeConstructor.construct_yaml_timestamp,
}

# Both are *safe* loaders; the C one is several times faster (10,000-post builds).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SafeYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, loading through bantin's hardened reader.

    ``frontmatter.loads(text, handler=SafeYAMLHandler())`` works for other code;
    :func:`read_post` uses the same boundary and :meth:`load`.
    """

    def load(self, fm: str, **kwargs: object) -> Any:
        return _parse_yaml(_sanitize(fm), str(kwargs.get("path", "<front matter>")), 2).meta


_HANDLER = SafeYAMLHandler()
_OPEN = _HANDLER.FM_BOUNDARY
# The closing line: python-frontmatter's boundary, or YAML's document end "...".
_CLOSE = re.compile(rf"{_OPEN.pattern}|^\.\.\.[ \t]*$", re.MULTILINE)
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]")

# YAML 1.1 numbers that do not mean what a reader sees.
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_BASED = re.compile(r"[-+]?0[xXbB][0-9a-fA-F_]+")


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


def _fail(path: str, message: str, line: int | None = None, column: int | None = None,
          name: str | None = None) -> ContentError:
    return ContentError([Problem(path, message, field=name, line=line, column=column)])


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
        raise _fail(
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
        raise _fail(
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
        raise _fail(
            path,
            f"phần thông tin (front matter) mở bằng '---' ở dòng {open_line} nhưng không có dòng "
            "'---' đóng lại. Thêm một dòng '---' ngay sau trường cuối cùng, trước nội dung bài.",
            line=open_line,
        )
    yaml_start = open_end + 1
    yaml_text = text[yaml_start : closing.start()]
    body_start = text.find("\n", closing.start())
    body = text[body_start + 1 :] if body_start >= 0 else ""
    body_line = _line_at(text, body_start) + 1 if body_start >= 0 else _line_at(text, closing.start()) + 1
    return yaml_text, body, open_line + 1, body_line


# --- YAML syntax errors, explained ---------------------------------------------------------

_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không hợp lệ; xóa ký tự đó."),
    (
        "mapping values are not allowed",
        "có dấu hai chấm ': ' ở giữa giá trị. Nếu giá trị chứa dấu hai chấm, đặt cả giá trị trong "
        'dấu ngoặc kép, ví dụ: title: "Thông báo: lịch tiếp công dân".',
    ),
    (
        "could not find expected ':'",
        "thiếu dấu ':' sau tên trường, hoặc một giá trị bị xuống dòng mà không thụt lề. "
        "Mỗi trường viết trên một dòng dạng 'tên: giá trị'.",
    ),
    ("'\\t'", "có ký tự tab; hãy thụt lề bằng dấu cách."),
    ("tab", "có ký tự tab; hãy thụt lề bằng dấu cách."),
    (
        "found unknown escape character",
        "trong dấu ngoặc kép, dấu '\\' có nghĩa đặc biệt; viết '\\\\' hoặc dùng dấu ngoặc đơn '...'.",
    ),
    (
        "found unexpected end of stream",
        "có dấu ngoặc kép hoặc ngoặc đơn mở mà chưa đóng; thêm dấu đóng ở cuối giá trị.",
    ),
    (
        "did not find expected ',' or ']'",
        "danh sách trong [...] chưa đóng hoặc thiếu dấu phẩy giữa các mục. Nếu một mục có dấu ':', "
        "'[' hoặc ']', đặt mục đó trong dấu ngoặc kép.",
    ),
    (
        "did not find expected ',' or '}'",
        "nhóm trong {...} chưa đóng hoặc thiếu dấu phẩy giữa các mục.",
    ),
    (
        "block sequence entries are not allowed",
        "dấu '-' của danh sách đặt sai chỗ; viết mỗi mục trên một dòng riêng, thụt lề dưới tên trường.",
    ),
    ("expected <block end>", "thụt lề không đều: các trường cùng cấp phải bắt đầu ở cùng một cột."),
    ("did not find expected key", "thụt lề không đều: các trường cùng cấp phải bắt đầu ở cùng một cột."),
    ("did not find expected '-'", "thụt lề không đều: các mục của danh sách phải thẳng cột với nhau."),
    (
        "expected alphabetic or numeric character",
        "giá trị bắt đầu bằng '*', '&' hoặc '!' phải đặt trong dấu ngoặc kép.",
    ),
    ("found undefined tag handle", "giá trị bắt đầu bằng '!' phải đặt trong dấu ngoặc kép."),
    (
        "that cannot start any token",
        "giá trị bắt đầu bằng ký tự đặc biệt (như '@' hoặc '`') phải đặt trong dấu ngoặc kép.",
    ),
    (
        "expected a comment or a line break",
        "có ký tự thừa sau giá trị trong dấu ngoặc; đặt cả giá trị trong dấu ngoặc kép.",
    ),
)

_GENERIC_FIX = (
    "Kiểm tra dấu ':' sau tên trường, thụt lề bằng dấu cách, và đặt giá trị có ký tự đặc biệt "
    "(: # [ ] { } , & * ! | > ' \" % @ `) trong dấu ngoặc kép."
)


def _explain(problem: str, char: str) -> str:
    if char == "\t":
        return "có ký tự tab; hãy thụt lề bằng dấu cách."
    for needle, explanation in _EXPLANATIONS:
        if needle in problem:
            return explanation
    return _GENERIC_FIX


_START_CONTEXTS = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
)


def _syntax_error(exc: yaml.YAMLError, path: str, origin: int, yaml_text: str) -> ContentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    found_at = ""
    context = getattr(exc, "context_mark", None)
    if context is not None and str(getattr(exc, "context", "")).startswith(_START_CONTEXTS):
        # An unclosed quote or bracket, a key without ':' is noticed lines later:
        # point at where the unfinished value starts, which is what needs fixing.
        if mark is not None and mark.line != context.line:
            found_at = f" (YAML nhận ra lỗi ở dòng {origin + mark.line})"
        mark = context
    problem = str(getattr(exc, "problem", None) or getattr(exc, "reason", None) or exc)
    line = column = None
    char = ""
    if mark is not None:
        line, column = origin + mark.line, mark.column + 1
        text_line = yaml_text.split("\n")[mark.line] if mark.line < yaml_text.count("\n") + 1 else ""
        char = text_line[mark.column : mark.column + 1]
    elif isinstance(exc, yaml.reader.ReaderError):
        index = min(exc.position, len(yaml_text))
        line = origin + yaml_text.count("\n", 0, index)
        column = index - (yaml_text.rfind("\n", 0, index) + 1) + 1
    hint = ""
    if mark is not None:
        blank = yaml_text.find("\n\n")
        if blank >= 0 and yaml_text.count("\n", 0, blank) < mark.line - 1:
            hint = (
                " Nếu nội dung bài bắt đầu từ trước dòng này, có thể phần thông tin thiếu dòng "
                "'---' đóng lại."
            )
    name = _field_near(yaml_text, line - origin) if line is not None else None
    return _fail(
        path,
        f"phần thông tin viết sai cú pháp YAML: {_explain(problem, char)}{hint}{found_at} "
        f"(chi tiết: {problem})",
        line=line,
        column=column,
        name=name,
    )


_TOP_KEY = re.compile(r"""^(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#:'"\[\]{},&*!|>%@`-][^:\n]*?))[ \t]*:(?:[ \t]|$)""")


def _field_near(yaml_text: str, index: int) -> str | None:
    """The top-level key written on line ``index`` (0-based) of the YAML, or above it."""
    lines = yaml_text.split("\n")[: index + 1]
    if lines:
        lines[-1] = lines[-1].lstrip()  # a key wrongly indented (a tab) on the error line itself
    for candidate in reversed(lines):
        match = _TOP_KEY.match(candidate)
        if match:
            return next(g for g in match.groups() if g).strip()
    return None


# --- building values from events, with limits -------------------------------------------------


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def _text(value: str) -> str:
    """:func:`clean_text` with a fast path for strings that are already clean."""
    if value.isascii():
        if value.isprintable():
            return value
    elif unicodedata.is_normalized("NFC", value) and _CONTROL_IN_VALUE.search(value) is None:
        return value
    return clean_text(value)


class _Frame:
    __slots__ = ("index", "is_map", "key", "keys", "path", "value")

    def __init__(self, value: list[Any] | dict[str, Any], path: str) -> None:
        self.value = value
        self.path = path
        self.is_map = isinstance(value, dict)
        self.index = 0
        self.keys: dict[str, int] = {}
        self.key: str | None = None  # a mapping's key waiting for its value


class _Reader:
    """Builds the front-matter values from loader events, iteratively, checking as it goes.

    This replaces PyYAML's composer (recursive: it overflows the C stack on deep
    nesting) and constructor. It is on the hot path of a 10,000-post build,
    hence the terse main loop.
    """

    def __init__(self, loader: Any, path: str, origin: int) -> None:
        self.loader = loader
        self.path = path
        self.origin = origin  # whole-file line of the YAML's first line
        self.problems: list[Problem] = []
        self.positions: dict[str, tuple[int, int]] = {}
        self.plain: dict[str, str] = {}
        self.lines: dict[str, int] = {}
        self.root_mark: Any = None

    # Locations and problems.
    def where(self, mark: Any) -> tuple[int, int]:
        return self.origin + mark.line, mark.column + 1

    @staticmethod
    def field_of(path: str) -> str | None:
        return re.split(r"[.\[]", path, maxsplit=1)[0] or None

    def fatal(self, message: str, mark: Any, path: str) -> ContentError:
        line, column = self.where(mark)
        return _fail(self.path, message, line, column, self.field_of(path))

    def report(self, message: str, mark: Any, path: str) -> None:
        line, column = self.where(mark)
        self.problems.append(Problem(self.path, message, self.field_of(path), line, column))

    def refuse(self, event: Any, path: str, depth: int, count: int) -> ContentError:
        """The error for an event that :meth:`load` found suspicious."""
        where = f" (ở '{path}')" if path else ""
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            return self.fatal(
                f"YAML hiểu '*{event.anchor}' là tham chiếu tới một neo{where}; phần thông tin không "
                "dùng neo và tham chiếu. Nếu giá trị bắt đầu bằng dấu '*', đặt nó trong dấu ngoặc kép.",
                mark,
                path,
            )
        if event.anchor is not None:
            return self.fatal(
                f"YAML hiểu '&{event.anchor}' là một neo (anchor){where}; phần thông tin không dùng neo "
                "và tham chiếu. Nếu giá trị bắt đầu bằng dấu '&', đặt nó trong dấu ngoặc kép.",
                mark,
                path,
            )
        if count > MAX_NODES:
            return self.fatal(
                f"phần thông tin có quá nhiều giá trị (hơn {MAX_NODES}). Rút gọn phần thông tin; "
                "số liệu dài nên đưa vào nội dung bài.",
                mark,
                path,
            )
        if depth >= MAX_DEPTH:
            return self.fatal(
                f"phần thông tin lồng nhau quá sâu (hơn {MAX_DEPTH} cấp danh sách/nhóm). "
                "Kiểm tra các dấu '[' '{' và thụt lề; phần thông tin của một bài không cần "
                "nhiều cấp như vậy.",
                mark,
                path,
            )
        tag = str(event.tag)
        if tag in (SEQ, MAP, STR):  # a standard tag on the wrong kind of value
            reason = "không hợp với giá trị viết sau nó"
        elif "python/" in tag:
            reason = "có thể chạy mã lệnh trên máy dựng trang nên bị cấm"
        else:
            reason = "không được hỗ trợ"
        return self.fatal(
            f"thẻ YAML '{_shown_tag(tag)}'{where} {reason}. Xóa thẻ này; nếu giá trị là chữ bắt đầu "
            "bằng '!', đặt nó trong dấu ngoặc kép.",
            mark,
            path,
        )

    def scalar(self, event: ScalarEvent, tag: str, path: str) -> Any:
        """The value of a plain scalar YAML resolved to ``tag`` (not text); explain surprises."""
        text = event.value
        if tag == NULL:
            return None
        if tag == BOOL:
            self.plain[path] = text
            return SafeConstructor.bool_values[text.lower()]
        if tag not in (INT, FLOAT, TIMESTAMP):  # merge "<<", value "=": just text
            return _text(text)
        node = ScalarNode(tag, text, event.start_mark, event.end_mark)
        try:
            value = _CONSTRUCTORS[tag](self.loader, node)
        except (ValueError, OverflowError, TypeError) as exc:
            if tag == TIMESTAMP:
                return _text(text)  # not a real date: the date field explains it
            detail = "quá dài" if len(text) > 100 else str(exc)
            self.report(
                f"không đọc được số “{text[:40]}” ({detail}). Viết số ngắn hơn, hoặc nếu đây là chữ "
                "thì đặt trong dấu ngoặc kép.",
                event.start_mark,
                path,
            )
            return None
        self.plain[path] = text
        surprise = None
        if tag == INT and (":" in text or _OCTAL.fullmatch(text) or _BASED.fullmatch(text)):
            kind = (
                "hệ 60, kiểu giờ:phút" if ":" in text
                else "hệ 8, vì có số 0 ở đầu" if _OCTAL.fullmatch(text)
                else "hệ 16 hoặc hệ 2"
            )
            surprise = f"YAML 1.1 đọc “{text}” thành số {value} ({kind})"
        elif tag == FLOAT:
            if ":" in text:
                surprise = f"YAML 1.1 đọc “{text}” thành số {value} (hệ 60, kiểu giờ:phút)"
            elif value != value:
                surprise = f"YAML đọc “{text}” thành giá trị không phải số (NaN)"
            elif value in (_INF, -_INF):
                surprise = f"YAML đọc “{text}” thành giá trị vô cực"
        if surprise is not None:
            key = path.rsplit(".", 1)[-1]
            example = f'"{text}"' if key.endswith("]") else f'{key}: "{text}"'
            self.report(
                f"{surprise}, có lẽ không phải điều bạn muốn viết. Nếu đây là chữ, đặt trong dấu "
                f"ngoặc kép: {example}; nếu là số, viết bằng chữ số thường (ví dụ 12, không có số 0 "
                "ở đầu).",
                event.start_mark,
                path,
            )
        return value

    def load(self) -> Any:
        """The front matter's top value (``None`` when empty)."""
        loader = self.loader
        get_event = loader.get_event
        resolve = loader.resolve
        origin = self.origin
        positions = self.positions
        get_event()  # stream start
        if loader.check_event(StreamEndEvent):
            return None
        get_event()  # document start
        stack: list[_Frame] = []
        root: Any = None
        count = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                if stack:
                    continue
                break
            # A new value: where does it go?
            parent = stack[-1] if stack else None
            is_key = False
            if parent is None:
                path = ""
            elif not parent.is_map:
                path = f"{parent.path}[{parent.index}]"
                parent.index += 1
            elif parent.key is None:
                is_key = True
                path = parent.path
            else:
                path = f"{parent.path}.{parent.key}" if parent.path else parent.key
            count += 1
            if kind is AliasEvent:
                raise self.refuse(event, path, len(stack), count)
            tag = event.tag
            if kind is ScalarEvent:
                expected = STR
            elif kind is SequenceStartEvent:
                expected = SEQ
            else:
                expected = MAP
            if (
                event.anchor is not None
                or (tag is not None and tag != "!" and tag != expected)
                or count > MAX_NODES
                or (kind is not ScalarEvent and len(stack) >= MAX_DEPTH)
            ):
                raise self.refuse(event, path, len(stack), count)
            mark = event.start_mark
            if kind is ScalarEvent:
                text = event.value
                if is_key:  # a key is a name: "no:" is the key "no", "<<:" is no merge
                    self.add_key(parent, _text(text), mark)  # type: ignore[arg-type]
                    continue
                if tag is None and event.implicit[0]:
                    resolved = resolve(ScalarNode, text, event.implicit)
                    value = _text(text) if resolved == STR else self.scalar(event, resolved, path)
                else:
                    value = _text(text)
            elif is_key:
                raise self.fatal(
                    "tên trường phải là một chữ, không phải danh sách hay nhóm. "
                    "Viết mỗi trường dạng 'tên: giá trị'.",
                    mark,
                    path,
                )
            else:
                value = [] if kind is SequenceStartEvent else {}
            positions[path] = (origin + mark.line, mark.column + 1)
            if parent is None:
                root = value
                self.root_mark = mark
            elif parent.is_map:
                parent.value[parent.key] = value  # type: ignore[index]
                parent.key = None
            else:
                parent.value.append(value)  # type: ignore[union-attr]
            if kind is ScalarEvent:
                if parent is None:
                    break
            else:
                stack.append(_Frame(value, path))
        get_event()  # document end
        if not loader.check_event(StreamEndEvent):
            raise self.fatal(
                "phần thông tin chứa hơn một khối YAML (có dòng '---' hoặc '...' thừa ở giữa). "
                "Xóa dòng đó để các trường nằm giữa đúng hai dòng '---'.",
                get_event().start_mark,
                "",
            )
        return root

    def add_key(self, frame: _Frame, name: str, mark: Any) -> None:
        line = self.origin + mark.line
        if not name.strip():
            self.report("có một tên trường để trống. Viết mỗi trường dạng 'tên: giá trị'.",
                        mark, frame.path)
        first = frame.keys.get(name)
        if first is not None:
            child = f"{frame.path}.{name}" if frame.path else name
            self.report(
                f"trường '{child}' được viết hai lần (dòng {first} và dòng {line}); YAML chỉ giữ "
                "giá trị viết sau và bỏ qua giá trị trước. Xóa một trong hai dòng.",
                mark,
                child,
            )
        else:
            frame.keys[name] = line
        if not frame.path:
            self.lines.setdefault(name, line)
            if len(name.split()) > 1:
                # No field name has a space: this is a sentence, most likely the body
                # read as YAML because the closing '---' is missing.
                self.report(
                    f"dòng {line} “{name[:50]}:…” không phải tên trường (tên trường không có dấu "
                    "cách). Nếu đây là nội dung bài, phần thông tin đang thiếu dòng '---' đóng lại "
                    "trước nội dung; nếu là một trường, sửa tên trường cho đúng quy ước.",
                    mark,
                    name,
                )
        frame.key = name


@dataclass
class _Parsed:
    meta: dict[str, Any]
    lines: dict[str, int]
    positions: dict[str, tuple[int, int]]
    plain: dict[str, str]


def _parse_yaml(yaml_text: str, path: str, origin: int) -> _Parsed:
    """Parse front-matter YAML whose first line is line ``origin`` of the file."""
    if len(yaml_text) > MAX_FRONT_MATTER_BYTES // 4 and (
        len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES
    ):
        raise _fail(
            path,
            f"phần thông tin quá lớn (hơn {MAX_FRONT_MATTER_BYTES // 1024} KiB). Phần giữa hai dòng "
            "'---' chỉ nên chứa các trường ngắn; đưa nội dung dài xuống phần bài viết.",
            line=origin - 1,
        )
    loader = _BaseLoader(yaml_text)
    reader = _Reader(loader, path, origin)
    try:
        meta = reader.load()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, path, origin, yaml_text) from None
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        line, column = reader.where(reader.root_mark)
        what = "một danh sách" if isinstance(meta, list) else "một dòng chữ"
        raise _fail(
            path,
            f"phần thông tin là {what}, nhưng phải là các trường dạng 'tên: giá trị' "
            "(ví dụ 'title: Tiêu đề bài'), mỗi trường một dòng.",
            line,
            column,
        )
    if reader.problems:
        raise ContentError(reader.problems)
    return _Parsed(meta, reader.lines, reader.positions, reader.plain)


def parse_post(data: bytes, path: str) -> RawPost:
    """Split and parse the bytes of one post file; raise :class:`ContentError` naming it."""
    text = decode(data, path)
    yaml_text, body, yaml_line, body_line = split_front_matter(text, path)
    parsed = _parse_yaml(_sanitize(yaml_text), path, yaml_line)
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


def read_post(abs_path: Path, path: str) -> RawPost:
    """Read and parse one post file; raise :class:`ContentError` naming the file.

    ``path`` is the name shown to staff (relative to the site root).
    """
    try:
        info = os.stat(abs_path)
        if not stat.S_ISREG(info.st_mode):
            raise _fail(path, "đây không phải một tệp thường nên không đọc được. Xóa hoặc đổi tên nó.")
        if info.st_size > MAX_FILE_BYTES:
            raise _fail(
                path,
                f"tệp quá lớn ({info.st_size // (1024 * 1024)} MiB, tối đa "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB). Ảnh và tài liệu đính kèm để thành tệp riêng.",
            )
        data = abs_path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"không đọc được tệp ({exc.strerror or exc}).") from None
    return parse_post(data, path)


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
        said = "YAML đọc " + ", ".join(f"“{w}”" for w in surprising) + " thành số, ngày hoặc đúng/sai"
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
