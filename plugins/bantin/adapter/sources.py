"""Which files under ``docs/`` may be published at all.

MkDocs copies whatever it finds, following symlinks. A ward site must never
publish a file that a symlink pulls in from outside the project, nor an
editor's leftovers (``x.md~``, ``#x.md#``, ``x.swp``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from ..core.errors import Problem, Severity
from ..core.files import is_leftover


def drop_unsafe_sources(files: Files, root: Path, docs_dir: str) -> list[Problem]:
    """Remove leftovers and docs files that resolve outside ``root``; say what was left out.

    Only files from ``docs/`` are judged: theme files come from the installed theme.
    """
    problems: list[Problem] = []
    real_root = root.resolve()
    docs = Path(docs_dir).resolve()
    for file in list(files):
        if file.generated_by is not None or not file.abs_src_path or not file.src_dir:
            continue
        if Path(file.src_dir).resolve() != docs:
            continue
        shown = f"docs/{file.src_uri}"
        if is_leftover(Path(file.src_uri).name):
            files.remove(file)
            continue
        try:
            real = Path(file.abs_src_path).resolve(strict=True)
        except (OSError, RuntimeError):  # a symlink loop or a link to nothing
            files.remove(file)
            problems.append(
                Problem(
                    shown,
                    "tệp là liên kết (symlink) vòng lặp hoặc trỏ tới tệp không còn, nên không "
                    "được đăng. Hãy xoá liên kết đó hoặc cho nó trỏ tới một tệp thật trong docs/.",
                    severity=Severity.WARNING,
                )
            )
            continue
        if not real.is_relative_to(real_root):
            files.remove(file)
            problems.append(
                Problem(
                    shown,
                    "tệp là liên kết (symlink) trỏ ra ngoài thư mục của trang nên không được đăng. "
                    "Chép tệp thật vào docs/ nếu muốn đăng.",
                    severity=Severity.WARNING,
                )
            )
    return problems
