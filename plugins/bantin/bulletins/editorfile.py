"""The editor's file of an issue: ``bulletins/2020-10.md``.

Front matter chooses and orders the articles, names the issue and may fix its
number; the Markdown below it is the issue's "Lời ngỏ" (editorial). Without a
file the issue is made automatically from the period's posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import ContentError, Problem
from ..core.suggest import did_you_mean
from ..posts import fields
from ..posts.discover import display_path
from ..posts.frontmatter import read_post
from .periods import Period, PeriodError

FIELDS = ("title", "number", "posts", "digest", "editorial_title")


@dataclass(frozen=True)
class EditorFile:
    """One issue file, read and checked (posts are still references, resolved later)."""

    path: str
    period: Period
    headline: str = ""
    number: int | None = None
    number_line: int | None = None
    posts: tuple[tuple[str, int | None], ...] = ()  # (reference as written, line)
    posts_line: int | None = None
    digest: bool | None = None
    editorial: str = ""
    editorial_line: int = 1


def _number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fields.FieldError(
            f"giá trị {value!r} không hợp lệ; số bản tin là số nguyên dương, ví dụ: number: 10."
        )
    return value


def _references(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fields.FieldError(
            "cần một danh sách bài, mỗi dòng một tệp, ví dụ:\n"
            "posts:\n  - 2020/hieu-qua-cong-tac-dan-van-9-thang-2020.md"
        )
    return [item.strip() for item in value if item.strip()]


def read_editor_file(path: Path, root: Path, kind: str) -> tuple[EditorFile | None, list[Problem]]:
    """Read one issue file; every problem names the file, the field and the line."""
    shown = display_path(path, root)
    try:
        period = Period.parse(path.stem, kind)
    except PeriodError as exc:
        return None, [
            Problem(
                shown,
                f"tên tệp không cho biết kỳ của bản tin: {exc} Đổi tên tệp cho đúng kỳ, ví dụ "
                + ("bulletins/2020-10.md." if kind == "month" else "bulletins/2020-q4.md."),
            )
        ]
    try:
        raw = read_post(path, shown)
    except ContentError as exc:
        return None, exc.problems
    problems: list[Problem] = []
    values: dict[str, Any] = {}

    def check(name: str, parse: Any) -> None:
        try:
            values[name] = parse(raw.meta.get(name))
        except fields.FieldError as exc:
            problems.append(Problem(shown, str(exc), field=name, line=raw.line_of(name)))

    for key in raw.meta:
        if key not in FIELDS:
            hint = did_you_mean(str(key), FIELDS, shown="'{}'")
            problems.append(
                Problem(
                    shown,
                    f"tệp bản tin không có trường '{key}'.{hint} Các trường dùng được: "
                    + ", ".join(FIELDS)
                    + ".",
                    field=str(key),
                    line=raw.line_of(str(key)),
                )
            )
    check("title", fields.text)
    check("number", lambda v: None if v is None else _number(v))
    check("posts", _references)
    check("digest", lambda v: None if v is None else fields.flag(v))
    if problems:
        return None, problems
    references = tuple(
        (ref, (raw.position(f"posts[{i}]") or (None, None))[0])
        for i, ref in enumerate(values["posts"])
    )
    return (
        EditorFile(
            path=shown,
            period=period,
            headline=values["title"],
            number=values["number"],
            number_line=raw.line_of("number"),
            posts=references,
            posts_line=raw.line_of("posts"),
            digest=values["digest"],
            editorial=raw.body.strip(),
            editorial_line=raw.body_line,
        ),
        [],
    )


def read_editor_files(
    folder: Path, root: Path, kind: str
) -> tuple[dict[Period, EditorFile], list[Problem]]:
    """Every ``*.md`` in the bulletins folder, by period (a missing folder is no issue file at all)."""
    files: dict[Period, EditorFile] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return files, problems
    for path in sorted(folder.glob("*.md")):
        if path.name.startswith((".", "_", "~")):
            continue
        found, trouble = read_editor_file(path, root, kind)
        problems.extend(trouble)
        if found is None:
            continue
        other = files.get(found.period)
        if other is not None:
            problems.append(
                Problem(
                    found.path,
                    f"kỳ {found.period.label} đã có tệp {other.path}; mỗi kỳ chỉ một tệp. "
                    "Gộp hai tệp làm một.",
                )
            )
            continue
        files[found.period] = found
    return files, problems
