"""Build the site's search index with Pagefind, inside the folder being built.

Pagefind (https://pagefind.app, the ``pagefind[extended]`` package ships its
binary) reads the finished HTML and writes a ``pagefind/`` folder of small
files: the reader's browser fetches only the pieces of the index that the
words typed need, so one search on a 10,000-post site costs a few hundred KB,
not the whole index.

Only pages marked ``data-pagefind-body`` (articles and the site's own pages)
are indexed; menus, sidebars and lists carry ``data-pagefind-ignore`` or sit
outside the marked element. The pages are not given to Pagefind as they are:
a copy of each, in a temporary folder, is written in :func:`~.fold.index_form`
(one tone placement, ``đ`` as ``ḏ``) so that "hoả"/"hỏa" and "duong"/"đường"
find each other, and in :func:`~.opening.opening_form` (the opening in full,
every further word once) so that the index pieces stay small on a large
archive. The published pages are never changed.

Run while the site is still in its staging folder, so the index goes live in
the same swap as the pages it describes. This module knows nothing of MkDocs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import Problem
from .fold import index_form
from .opening import opening_form

BUNDLE_DIR = "pagefind"
MARKER = b"data-pagefind-body"
# Pagefind's ready-made interfaces; bantin has its own (bantin-search.js).
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
TIMEOUT_SECONDS = 900
EMPTY_WORD = "bantinchuacobaiviet"
# Words per index piece (Pagefind counts them in word positions). Pagefind 1.5.2
# counts only the positions of words written without marks, so with Vietnamese
# its default (20,000) put dozens of common syllables in one piece and a search
# for "dan" fetched "cua", "cong", "co"... with it (300 KB to 1 MB a piece on a
# 10,000-post site). A small number closes a piece at almost every word that
# occurs unmarked: a search fetches the words it needs and few others. The
# variable is Pagefind's own (marked unstable; the version is pinned, and
# tests/browser/test_search_bytes.py measures what one search costs).
CHUNK_SIZE = "50"


class SearchIndexError(Exception):
    """The index could not be built; carries a Vietnamese :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class IndexResult:
    pages: int
    bundle: Path


def find_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind[extended]`` package.

    ``PAGEFIND_BINARY_PATH`` may point at another one (Pagefind's own convention).
    """
    try:
        from pagefind.service import get_executable
    except ImportError:
        executable = None
    else:
        executable = get_executable()
    if executable is None or not Path(executable).is_file():
        raise SearchIndexError(
            Problem(
                path="pagefind",
                message="không tìm thấy chương trình Pagefind để tạo chỉ mục tìm kiếm. Hãy cài "
                "lại các gói của bantin: pip install -c requirements.lock -e . (gói "
                "'pagefind[extended]' mang theo chương trình này).",
            )
        )
    return Path(executable)


def pages_to_index(site_dir: Path) -> list[Path]:
    """HTML files (relative to ``site_dir``) with a ``data-pagefind-body`` element."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = Path(folder, name)
                if MARKER in path.read_bytes():
                    found.append(path.relative_to(site_dir))
    return found


# Attribute values Pagefind keeps only to show them (``data-pagefind-meta=
# "display_title[data-bt-display-title]"``): copied as written, so a result
# shows "Hoả táng" as the author wrote it while "hỏa" and "hoả" find it alike.
_DISPLAY_ATTRIBUTE = re.compile(r'( data-bt-display-[a-z]+="[^"]*")')


def index_copy(html: str) -> str:
    """The page as Pagefind reads it: :func:`index_form` everywhere but display attributes."""
    parts = _DISPLAY_ATTRIBUTE.split(html)
    return "".join(part if i % 2 else index_form(part) for i, part in enumerate(parts))


def build_index(
    site_dir: Path,
    *,
    language: str = "vi",
    executable: Path | None = None,
    shown_as: str = "site",
) -> IndexResult:
    """Index ``site_dir`` into ``site_dir/pagefind``; raise :class:`SearchIndexError` on failure."""
    executable = executable or find_executable()
    bundle = site_dir / BUNDLE_DIR
    if bundle.exists():
        raise SearchIndexError(
            Problem(
                path=f"{shown_as}/{BUNDLE_DIR}",
                message="đã có sẵn (có lẽ từ thư mục docs/), nhưng đường dẫn này dành cho chỉ "
                "mục tìm kiếm. Hãy đổi tên hoặc xoá thư mục 'pagefind' trong docs/.",
            )
        )
    pages = pages_to_index(site_dir)
    with tempfile.TemporaryDirectory(prefix="bantin-search-") as tmp:
        source = Path(tmp)
        for rel in pages:
            target = source / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
            target.write_text(opening_form(index_copy(text)), encoding="utf-8")
        if not pages:
            # A site with no article yet still gets a working search. Pagefind
            # refuses an empty index, so it holds one placeholder word nobody types.
            (source / "index.html").write_text(
                f'<!doctype html><html lang="{language}"><body>'
                f"<main data-pagefind-body>{EMPTY_WORD}</main></body></html>",
                encoding="utf-8",
            )
        _run(executable, source, bundle, language, shown_as)
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    return IndexResult(pages=len(pages), bundle=bundle)


def _run(executable: Path, source: Path, bundle: Path, language: str, shown_as: str) -> None:
    command = [
        str(executable),
        "--site",
        str(source),
        "--output-path",
        str(bundle),
        "--force-language",
        language,
        "--quiet",
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(bundle, ignore_errors=True)
        raise SearchIndexError(
            Problem(
                path=f"{shown_as}/{BUNDLE_DIR}",
                message=f"không chạy được Pagefind để tạo chỉ mục tìm kiếm ({exc}). Trang "
                "đang chạy được giữ nguyên; hãy cài lại các gói của bantin rồi dựng lại.",
            )
        ) from None
    if done.returncode != 0 or not (bundle / "pagefind.js").is_file():
        shutil.rmtree(bundle, ignore_errors=True)
        output = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SearchIndexError(
            Problem(
                path=f"{shown_as}/{BUNDLE_DIR}",
                message="Pagefind không tạo được chỉ mục tìm kiếm; trang đang chạy được giữ "
                "nguyên. Thông báo của Pagefind: " + (" / ".join(output) or "(không có)"),
            )
        )
