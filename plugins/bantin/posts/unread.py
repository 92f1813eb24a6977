"""Files in ``posts/`` that look like posts but are not read: said aloud, never skipped in silence.

Windows hides known extensions, so "bai.md" saved from Notepad is often
"bai.md.txt"; a Word document dropped into ``posts/`` is not a post either.
Each gets a warning saying what to do. A Word, PDF… file a post links to is an
attachment, not a forgotten post, and is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..core.errors import Problem, Severity
from ..core.files import is_leftover

HIDDEN_PREFIXES = (".", "_")
MARKDOWN_LIKE = (".markdown", ".mdown", ".mkd", ".mkdn")
LOOKS_LIKE_POSTS = (".txt", ".docx", ".doc", *MARKDOWN_LIKE)
_SHOW_EXTENSIONS = (
    "Trong File Explorer của Windows, bật Xem (View) → Phần mở rộng tên tệp "
    "(File name extensions) để thấy đủ tên tệp."
)


def is_hidden(name: str) -> bool:
    """Whether a file or folder under ``posts/`` is never read: ``_nhap.md``, ``.git``, leftovers."""
    return name.startswith(HIDDEN_PREFIXES) or is_leftover(name)


def candidates(posts_dir: Path) -> list[Path]:
    """Files under ``posts/`` with a name of something meant as a post, sorted."""
    found: list[Path] = []
    if not posts_dir.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(posts_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
        for name in sorted(filenames):
            if not is_hidden(name) and name.lower().endswith(LOOKS_LIKE_POSTS):
                found.append(Path(dirpath, name))
    return found


def advice(shown: str) -> str:
    """What to do with the file ``shown`` (a path relative to the site)."""
    name = shown.rsplit("/", 1)[-1]
    lower = name.lower()
    if lower.endswith(".md.txt"):
        return (
            f"tệp “{name}” không được đọc như một bài vì tên thật của nó kết thúc bằng “.txt” "
            f"(Windows thường ẩn phần này). Đổi tên thành “{name[:-4]}”. {_SHOW_EXTENSIONS}"
        )
    if lower.endswith(MARKDOWN_LIKE):
        stem = name.rsplit(".", 1)[0]
        return (
            f"tệp “{name}” không được đọc: bài viết phải có đuôi “.md”. Đổi tên thành “{stem}.md”."
        )
    if lower.endswith(".txt"):
        stem = name.rsplit(".", 1)[0]
        return (
            f"tệp “{name}” không được đọc như một bài (bài viết có đuôi “.md”). Nếu đây là bài viết "
            f"có phần thông tin giữa hai dòng '---', đổi tên thành “{stem}.md”; nếu là bài chép từ "
            f'cổng thông tin cũ, chuyển thành bài bằng lệnh: bantin import "{shown}"; nếu không '
            f"phải bài viết, chuyển tệp ra khỏi thư mục posts/. {_SHOW_EXTENSIONS}"
        )
    if lower.endswith(".docx"):
        return (
            f"tệp Word “{name}” không được đọc như một bài. Chuyển nó thành bài bằng lệnh: "
            f'bantin import "{shown}" (bài mới là bản nháp: xem lại bằng make serve rồi đăng), '
            "sau đó chuyển tệp Word ra khỏi thư mục posts/. Nếu đây là tệp đính kèm cho người đọc "
            f"tải về, hãy liên kết tới nó trong bài, ví dụ: [Tải văn bản]({name})."
        )
    return (
        f"tệp Word đời cũ “{name}” (.doc) không được đọc như một bài. Mở tệp bằng Word, chọn "
        "Lưu thành (Save As) kiểu “Word Document (.docx)”, rồi chuyển thành bài bằng lệnh: "
        f'bantin import "{shown[:-4]}.docx"; sau đó chuyển các tệp Word ra khỏi thư mục posts/. '
        f"Nếu đây là tệp đính kèm, hãy liên kết tới nó trong bài, ví dụ: [Tải văn bản]({name})."
    )


def unread_problems(
    posts_dir: Path, root: Path, attached: Iterable[Path], shown_of: Callable[[Path, Path], str]
) -> list[Problem]:
    """A warning for every file that looks like a post, is not read, and no post links to."""
    found = candidates(posts_dir)
    if not found:
        return []  # the usual case: no attachment path needs resolving
    linked = {p.resolve() for p in attached}
    problems: list[Problem] = []
    for path in found:
        if path.resolve() in linked:
            continue
        shown = shown_of(path, root)
        problems.append(Problem(shown, advice(shown), severity=Severity.WARNING))
    return problems
