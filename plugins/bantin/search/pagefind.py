"""Build the site's search index with Pagefind, while the site is being built.

Pagefind (https://pagefind.app, the ``pagefind[extended]`` package ships its
binary) reads HTML and writes a ``pagefind/`` folder of small files: the
reader's browser fetches only the pieces of the index that the words typed
need, so one search on a 10,000-post site costs a few hundred KB, not the
whole index.

Only pages marked ``data-pagefind-body`` (articles and the site's own pages)
are indexed. Pagefind is not given the published pages but a search copy of
each (:func:`search_copy`): the marked part alone, in :func:`~.fold.index_form`
(one tone placement, ``đ`` as ``ḏ``) so that "hoả"/"hỏa" and "duong"/"đường"
find each other, and in :func:`~.opening.opening_form` (the opening in full,
every further word once) so that the index pieces stay small on a large
archive. The copy is made from the page as it is drawn, so the build does
not read its own output back; the index Pagefind writes is the same as from
the whole page, since Pagefind reads nothing outside the marked part.

**Parts.** Pagefind holds about 300 KB of memory per page it indexes (about
3 GB for 10,000 articles) whatever the size of its input. So the pages go to
Pagefind in parts of :data:`PART_PAGES`, each indexed by its own run while
the build goes on drawing pages (Pagefind works on the second core), one run
at a time. The first part is the ``pagefind/`` bundle; each further one is
``pagefind/parts/N/``, listed in ``pagefind/bantin-parts.json``, and the
search page merges them (Pagefind's ``mergeIndex``). A site of fewer pages
has one part, exactly the bundle a single run would write.

Run while the site is still in its staging folder, so the index goes live in
the same swap as the pages it describes. This module knows nothing of MkDocs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..core.errors import Problem
from .fold import index_form
from .opening import opening_form

BUNDLE_DIR = "pagefind"
PARTS_DIR = "parts"
PARTS_FILE = "bantin-parts.json"
MARKER = "data-pagefind-body"
# Pages per Pagefind run: about 450 MB of memory each (measured with Pagefind
# 1.5.2 on bench/corpus.py articles), next to the build's own. Each further part
# also costs a reader's first search its own metadata and index pieces (at
# 10,000 articles, parts of 1,000 made a search 25-50% heavier than one index):
# parts as large as the memory target allows (bench/build.py).
PART_PAGES = 1500
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
# A merged part is read by the first part's script and WebAssembly: it keeps
# only its own index.
PART_FILES = ("pagefind-entry.json", "fragment", "index", "filter")
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
    parts: int
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
    marker = MARKER.encode()
    for folder, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = Path(folder, name)
                if marker in path.read_bytes():
                    found.append(path.relative_to(site_dir))
    return found


def pages_on_disk(site_dir: Path, rels: Iterable[str]) -> Iterator[tuple[str, str]]:
    """``(rel, html)`` of each HTML file of ``rels`` that exists in ``site_dir``."""
    for rel in rels:
        path = site_dir / rel
        if path.suffix == ".html" and path.is_file():
            yield rel, path.read_text(encoding="utf-8", errors="replace")


# Attribute values Pagefind keeps only to show them (``data-pagefind-meta=
# "display_title[data-bt-display-title]"``): copied as written, so a result
# shows "Hoả táng" as the author wrote it while "hỏa" and "hoả" find it alike.
_DISPLAY_ATTRIBUTE = re.compile(r'( data-bt-display-[a-z]+="[^"]*")')
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


def index_copy(html: str) -> str:
    """The page as Pagefind reads it: :func:`index_form` everywhere but display attributes."""
    parts = _DISPLAY_ATTRIBUTE.split(html)
    return "".join(part if i % 2 else index_form(part) for i, part in enumerate(parts))


def _element_at(html: str, marker: int) -> tuple[int, int] | None:
    """Start and end of the element whose start tag holds the ``marker`` position."""
    start = html.rfind("<", 0, marker)
    name = _TAG_NAME.match(html, start) if start >= 0 else None
    if name is None or ">" in html[start:marker]:
        return None  # the word is text (say, in a code sample), not an attribute
    tag = re.compile(rf"<(/?){name.group(1)}[\s/>]", re.I)
    depth = 0
    for found in tag.finditer(html, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            end = html.find(">", found.end() - 1)
            return (start, end + 1) if end >= 0 else None
    return None


def marked_parts(html: str) -> list[str] | None:
    """Every ``data-pagefind-body`` element of ``html``, whole; ``None`` if unsure.

    Pagefind reads nothing else of a page that has one (its language is given,
    its title comes from the ``<h1>`` inside). ``None``: an element whose end
    cannot be told by counting its tags, to be indexed from the whole page.
    """
    parts: list[str] = []
    at = html.find(MARKER)
    while at >= 0:
        element = _element_at(html, at)
        if element is None:
            at = html.find(MARKER, at + len(MARKER))
            continue
        start, end = element
        if end <= start:
            return None
        parts.append(html[start:end])
        at = html.find(MARKER, end)
    return parts if parts else None


def marked_page(html: str, language: str = "vi") -> str | None:
    """The page reduced to its marked parts (and title); ``None`` for a page not indexed.

    Cheap (string search), and the same again when given its own result.
    """
    if MARKER not in html:
        return None
    parts = marked_parts(html)
    if parts is None:
        return html
    title = _TITLE.search(html)
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"{title.group() if title else ''}</head><body>{''.join(parts)}</body></html>"
    )


def search_copy(html: str, language: str = "vi") -> str | None:
    """What Pagefind reads of a published page; ``None`` for a page it should not index."""
    page = marked_page(html, language)
    return None if page is None else opening_form(index_copy(page))


class SearchIndexer:
    """The search index of one build, fed page by page as the pages are drawn.

    ``add`` writes each page's search copy into a temporary folder; every
    :data:`PART_PAGES` pages, Pagefind indexes that part in the background.
    ``finish`` indexes the last part, waits, and returns what was built;
    ``close`` abandons the work (a failed build). A failed Pagefind run raises
    :class:`SearchIndexError` and leaves no ``pagefind/`` folder behind.
    """

    def __init__(
        self,
        site_dir: Path,
        *,
        language: str = "vi",
        executable: Path | None = None,
        shown_as: str = "site",
        part_pages: int = PART_PAGES,
        work: Path | None = None,
    ) -> None:
        """``work``: an empty folder for the search copies (default: a new temporary one)."""
        self.site_dir = Path(site_dir)
        self.language = language
        self.executable = executable or find_executable()
        self.shown_as = shown_as
        self.part_pages = part_pages
        self.bundle = self.site_dir / BUNDLE_DIR
        self.pages = 0
        self._work = work or Path(tempfile.mkdtemp(prefix="bantin-search-"))
        self._filled = 0  # pages in the part being filled
        self._parts = 0  # parts closed (numbered from 1)
        self._waiting: list[int] = []
        self._running: tuple[int, subprocess.Popen[bytes], IO[bytes]] | None = None

    def add(self, rel: str, html: str) -> None:
        """The page written at ``rel``; indexed if it has a marked part."""
        page = marked_page(html, self.language)
        if page is not None:
            self.add_marked(rel, page)

    def add_marked(self, rel: str, page: str) -> None:
        """A page already cut down by :func:`marked_page` (in the build's own process)."""
        target = self._source(self._parts + 1) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(opening_form(index_copy(page)), encoding="utf-8")
        self.pages += 1
        self._filled += 1
        if self._filled >= self.part_pages:
            self._close_part()
        self.pump()

    def flush(self) -> None:
        """Index the pages given so far without waiting for their part to fill: the
        feeder knows that no page to index comes before the end. A page that comes
        after all starts a part of its own."""
        if self._filled:
            self._close_part()
        self.pump()

    def finish(self) -> IndexResult:
        """Index what is left, wait for every part and put the bundle in place."""
        try:
            if self._filled or not self._parts:
                if not self.pages:
                    # A site with no article yet still gets a working search. Pagefind
                    # refuses an empty index, so it holds one placeholder word nobody types.
                    self._source(1).mkdir(parents=True, exist_ok=True)
                    (self._source(1) / "index.html").write_text(
                        f'<!doctype html><html lang="{self.language}"><body>'
                        f"<main {MARKER}>{EMPTY_WORD}</main></body></html>",
                        encoding="utf-8",
                    )
                self._close_part()
            while self._running is not None or self._waiting:
                if self._running is not None:
                    self._reap(wait=True)
                self.pump()
            self._tidy()
        except BaseException:
            self.close()
            raise
        self.close()
        return IndexResult(pages=self.pages, parts=self._parts, bundle=self.bundle)

    def close(self) -> None:
        """Stop any Pagefind run and remove the search copies (idempotent)."""
        if self._running is not None:
            _, process, log = self._running
            self._running = None
            process.kill()
            process.wait()
            log.close()
        shutil.rmtree(self._work, ignore_errors=True)

    # --- parts ------------------------------------------------------------------

    def _source(self, part: int) -> Path:
        return self._work / f"part-{part}"

    def _output(self, part: int) -> Path:
        return self.bundle if part == 1 else self.bundle / PARTS_DIR / str(part)

    def _close_part(self) -> None:
        self._parts += 1
        self._filled = 0
        self._waiting.append(self._parts)

    def pump(self) -> None:
        """Launch the next part if Pagefind is idle (one run at a time: its memory).

        Called with each page, and by whoever feeds the pages while none comes:
        a full part must not wait for a next page that may never come (the
        build draws its listings, which are not indexed, after the articles)."""
        if self._running is not None:
            self._reap(wait=False)
        if self._running is None and self._waiting:
            self._launch(self._waiting.pop(0))

    def _launch(self, part: int) -> None:
        if part == 1 and self.bundle.exists():
            raise self._failed(
                "đã có sẵn (có lẽ từ thư mục docs/), nhưng đường dẫn này dành cho chỉ mục "
                "tìm kiếm. Hãy đổi tên hoặc xoá thư mục 'pagefind' trong docs/.",
                remove=False,
            )
        command = [
            str(self.executable),
            "--site",
            str(self._source(part)),
            "--output-path",
            str(self._output(part)),
            "--force-language",
            self.language,
            "--quiet",
        ]
        log = (self._work / f"part-{part}.log").open("w+b")
        try:
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE},
            )
        except OSError as exc:
            log.close()
            raise self._failed(
                f"không chạy được Pagefind để tạo chỉ mục tìm kiếm ({exc}). Trang đang chạy "
                "được giữ nguyên; hãy cài lại các gói của bantin rồi dựng lại."
            ) from None
        self._running = (part, process, log)

    def _reap(self, *, wait: bool) -> None:
        assert self._running is not None
        part, process, log = self._running
        if wait:
            try:
                process.wait(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                raise self._failed(
                    f"Pagefind chạy quá {TIMEOUT_SECONDS} giây mà chưa xong. Trang đang chạy "
                    "được giữ nguyên; hãy thử dựng lại."
                ) from None
        elif process.poll() is None:
            return
        self._running = None
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace").strip().splitlines()[-5:]
        log.close()
        if process.returncode != 0 or not (self._output(part) / "pagefind-entry.json").is_file():
            raise self._failed(
                "Pagefind không tạo được chỉ mục tìm kiếm; trang đang chạy được giữ nguyên. "
                "Thông báo của Pagefind: " + (" / ".join(output) or "(không có)")
            )
        shutil.rmtree(self._source(part), ignore_errors=True)

    def _tidy(self) -> None:
        for name in UNUSED_FILES:
            (self.bundle / name).unlink(missing_ok=True)
        parts = []
        for part in range(2, self._parts + 1):
            output = self._output(part)
            for path in output.iterdir():
                if path.name not in PART_FILES and not path.name.endswith(".pf_meta"):
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
            parts.append(f"{PARTS_DIR}/{part}/")
        (self.bundle / PARTS_FILE).write_text(json.dumps({"parts": parts}), encoding="utf-8")

    def _failed(self, message: str, *, remove: bool = True) -> SearchIndexError:
        self.close()
        if remove:
            shutil.rmtree(self.bundle, ignore_errors=True)
        return SearchIndexError(Problem(path=f"{self.shown_as}/{BUNDLE_DIR}", message=message))


def build_index(
    site_dir: Path,
    *,
    language: str = "vi",
    executable: Path | None = None,
    shown_as: str = "site",
    part_pages: int = PART_PAGES,
) -> IndexResult:
    """Index the finished site in ``site_dir`` into ``site_dir/pagefind``."""
    indexer = SearchIndexer(
        site_dir,
        language=language,
        executable=executable,
        shown_as=shown_as,
        part_pages=part_pages,
    )
    try:
        rels = (rel.as_posix() for rel in pages_to_index(Path(site_dir)))
        for rel, html in pages_on_disk(Path(site_dir), rels):
            indexer.add(rel, html)
    except BaseException:
        indexer.close()
        raise
    return indexer.finish()
