"""Reading one post file into front matter and body, safely.

python-frontmatter splits the file; YAML is parsed with PyYAML's *safe*
loader only, and parsed into nodes first so that every top-level key keeps its
line number for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import ContentError, Problem

# The C loader is several times faster; both are *safe* loaders (no Python tags).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class RawPost:
    """A post file split and parsed, not yet validated."""

    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


def _fail(path: str, message: str, line: int | None = None, column: int | None = None) -> ContentError:
    return ContentError([Problem(path, message, line=line, column=column)])


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise _fail(
            path,
            "tệp không bắt đầu bằng phần thông tin (front matter). Dòng đầu tiên phải là "
            "'---', tiếp theo là các trường như 'title:', 'date:', 'category:', rồi một dòng '---'.",
            line=1,
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise _fail(
        path,
        "phần thông tin (front matter) mở bằng '---' ở dòng 1 nhưng không có dòng '---' đóng lại. "
        "Thêm một dòng '---' ngay sau trường cuối cùng.",
        line=1,
    )


def read_post(abs_path: Path, path: str) -> RawPost:
    """Read and parse one post file; raise :class:`ContentError` naming the file."""
    data = abs_path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(
            path,
            f"tệp không phải mã UTF-8 (byte lỗi ở vị trí {exc.start}). "
            "Mở tệp và lưu lại với bảng mã UTF-8.",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yaml_text, body, body_line = split_front_matter(text, path)
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise _fail(
            path,
            f"phần thông tin viết sai cú pháp YAML ({problem}). Kiểm tra dấu ':' sau tên trường, "
            "thụt lề bằng dấu cách, và đặt giá trị có ký tự đặc biệt trong dấu ngoặc kép.",
            line=line,
            column=column,
        ) from None
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _fail(
            path,
            "phần thông tin phải là danh sách các trường dạng 'tên: giá trị'.",
            line=2,
        )
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines.setdefault(str(key_node.value), key_node.start_mark.line + 2)
    return RawPost(path=path, meta=meta, body=body, body_line=body_line, lines=lines)
