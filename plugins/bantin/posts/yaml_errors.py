"""YAML syntax errors explained to ward staff, in Vietnamese, at the right line.

libyaml reports "mapping values are not allowed here"; staff need to read
"a value with ': ' must be quoted", on the line of the whole file, naming the
field nearest above.
"""

from __future__ import annotations

import re

import yaml

from ..core.errors import ContentError, Problem


def fail(
    path: str,
    message: str,
    line: int | None = None,
    column: int | None = None,
    name: str | None = None,
) -> ContentError:
    return ContentError([Problem(path, message, field=name, line=line, column=column)])


_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không hợp lệ; xóa ký tự đó."),
    (
        "mapping values are not allowed",
        "có dấu hai chấm ': ' ở giữa giá trị. Nếu giá trị chứa dấu hai chấm, đặt cả giá trị trong "
        "dấu ngoặc kép{example}.",
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
    (
        "did not find expected key",
        "thụt lề không đều: các trường cùng cấp phải bắt đầu ở cùng một cột.",
    ),
    (
        "did not find expected '-'",
        "thụt lề không đều: các mục của danh sách phải thẳng cột với nhau.",
    ),
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


_CURLY = re.compile("[“”„‘’]")
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)*([A-Za-z_][\w]*)\s*:\s+(.+?)\s*$")


def _example(yaml_text: str, mark: object) -> str:
    """', ví dụ: tags: "Dân vận: khéo"' for the line YAML stopped on, or ""."""
    lines = yaml_text.split("\n")
    line = getattr(mark, "line", None)
    if line is None or line >= len(lines):
        return ""
    match = _KEY_VALUE.match(lines[line])
    if match is None or '"' in match.group(2):
        return ""
    return f', ví dụ: {match.group(1)}: "{match.group(2)}"'


_START_CONTEXTS = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
)


def syntax_error(exc: yaml.YAMLError, path: str, origin: int, yaml_text: str) -> ContentError:
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
        text_line = (
            yaml_text.split("\n")[mark.line] if mark.line < yaml_text.count("\n") + 1 else ""
        )
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
    name = field_near(yaml_text, line - origin) if line is not None else None
    explanation = _explain(problem, char).replace("{example}", _example(yaml_text, mark))
    if mark is not None and _CURLY.search(yaml_text.split("\n")[mark.line]):
        hint += (
            " Dấu ngoặc kép của Word (“ ” hoặc ‘ ’) chỉ được hiểu là ngoặc kép khi bao quanh "
            'cả giá trị; nếu không, dùng dấu ngoặc kép thẳng " ".'
        )
    return fail(
        path,
        f"phần thông tin viết sai cú pháp YAML: {explanation}{hint}{found_at} "
        f"(chi tiết: {problem})",
        line=line,
        column=column,
        name=name,
    )


_TOP_KEY = re.compile(
    r"""^(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#:'"\[\]{},&*!|>%@`-][^:\n]*?))[ \t]*:(?:[ \t]|$)"""
)


def field_near(yaml_text: str, index: int) -> str | None:
    """The top-level key written on line ``index`` (0-based) of the YAML, or above it."""
    lines = yaml_text.split("\n")[: index + 1]
    if lines:
        lines[-1] = lines[-1].lstrip()  # a key wrongly indented (a tab) on the error line itself
    for candidate in reversed(lines):
        match = _TOP_KEY.match(candidate)
        if match:
            return next(g for g in match.groups() if g).strip()
    return None
