"""Finding the post files under ``posts/``, and the names staff see for them."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..core.errors import Problem, Severity
from .unread import is_hidden


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to the site root, with ``/`` (the name staff see in messages)."""
    text, base = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(base):  # Path.relative_to, ten times faster: called for every post
        return text[len(base) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# The same post files are found on every save of ``bantin serve``: their Path objects,
# slow to make, are kept.
_path = lru_cache(maxsize=1 << 16)(Path)


def discover(posts_dir: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """Every publishable ``.md`` file, sorted; editor leftovers and escaping symlinks skipped."""
    found: list[Path] = []
    problems: list[Problem] = []
    if not posts_dir.is_dir():
        return found, problems
    real_root = root.resolve()

    def walk(folder: str) -> None:
        # os.scandir, not os.walk: a folder's entries say whether they are links
        # without one more system call per post.
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        folders: list[str] = []
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if not is_hidden(name):
                    folders.append(entry.path)
                continue
            if not name.endswith(".md") or is_hidden(name):
                continue
            path = _path(entry.path)
            if not entry.is_symlink():  # walked without following links: inside posts/
                found.append(path)
                continue
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):  # a symlink loop or a link to nothing
                problems.append(
                    Problem(
                        display_path(path, root),
                        "liên kết (symlink) vòng lặp hoặc trỏ tới tệp không còn nên không được "
                        "đăng. Hãy xoá liên kết đó hoặc chép tệp thật vào thư mục posts/.",
                        severity=Severity.WARNING,
                    )
                )
                continue
            if not real.is_relative_to(real_root):
                problems.append(
                    Problem(
                        display_path(path, root),
                        "liên kết (symlink) trỏ ra ngoài thư mục của trang nên không được đăng. "
                        "Hãy chép tệp thật vào thư mục posts/.",
                        severity=Severity.WARNING,
                    )
                )
                continue
            found.append(path)
        for sub in folders:
            walk(sub)

    walk(str(posts_dir))
    return found, problems
