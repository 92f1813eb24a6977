"""Front-matter YAML read safely: one pass over libyaml's events, with limits.

PyYAML's composer is recursive (the C one segfaults on ~50,000 nested
brackets), so values are built here from the event stream by an iterative
loop that stops at ``MAX_DEPTH`` nested lists/mappings and ``MAX_NODES``
values, refuses anchors/aliases and every tag but ``!!str``/``!!seq``/``!!map``,
reports keys written twice, and turns YAML 1.1 surprises (``012``, ``1:30``,
``.nan``) into errors. Syntax errors are explained in Vietnamese with the line
counted in the whole file. :mod:`bantin.posts.frontmatter` explains the whole
reading of a post file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
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
from .habits import curly_inner, normalize_front_matter
from .yaml_errors import fail, syntax_error

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


# YAML 1.1 numbers that do not mean what a reader sees.
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_BASED = re.compile(r"[-+]?0[xXbB][0-9a-fA-F_]+")


_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


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
        return fail(self.path, message, line, column, self.field_of(path))

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
        node = ScalarNode(tag, text, cast(Mark, event.start_mark), cast(Mark, event.end_mark))
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
                "hệ 60, kiểu giờ:phút"
                if ":" in text
                else "hệ 8, vì có số 0 ở đầu"
                if _OCTAL.fullmatch(text)
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
                    if resolved != STR:
                        value = self.scalar(event, resolved, path)
                    elif text[0] in "“”„‘’" and (inner := curly_inner(text)) is not None:
                        value = _text(inner)  # [“a”, “b”]: Word's quotes are quotes
                    else:
                        value = _text(text)
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
                cast(dict[str, Any], parent.value)[cast(str, parent.key)] = value
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
            self.report(
                "có một tên trường để trống. Viết mỗi trường dạng 'tên: giá trị'.", mark, frame.path
            )
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
class ParsedYAML:
    meta: dict[str, Any]
    lines: dict[str, int]
    positions: dict[str, tuple[int, int]]
    plain: dict[str, str]


def parse_yaml(yaml_text: str, path: str, origin: int) -> ParsedYAML:
    """Parse front-matter YAML whose first line is line ``origin`` of the file."""
    if len(yaml_text) > MAX_FRONT_MATTER_BYTES // 4 and (
        len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES
    ):
        raise fail(
            path,
            f"phần thông tin quá lớn (hơn {MAX_FRONT_MATTER_BYTES // 1024} KiB). Phần giữa hai dòng "
            "'---' chỉ nên chứa các trường ngắn; đưa nội dung dài xuống phần bài viết.",
            line=origin - 1,
        )
    yaml_text = normalize_front_matter(yaml_text)
    loader = _BaseLoader(yaml_text)
    reader = _Reader(loader, path, origin)
    try:
        meta = reader.load()
    except yaml.YAMLError as exc:
        raise syntax_error(exc, path, origin, yaml_text) from None
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        line, column = reader.where(reader.root_mark)
        what = "một danh sách" if isinstance(meta, list) else "một dòng chữ"
        raise fail(
            path,
            f"phần thông tin là {what}, nhưng phải là các trường dạng 'tên: giá trị' "
            "(ví dụ 'title: Tiêu đề bài'), mỗi trường một dòng.",
            line,
            column,
        )
    if reader.problems:
        raise ContentError(reader.problems)
    return ParsedYAML(meta, reader.lines, reader.positions, reader.plain)
