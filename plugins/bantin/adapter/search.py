"""Site search: Pagefind indexes the pages as the build draws them.

Each page drawn is handed, as MkDocs writes it, to the indexer running in a
process of its own (:class:`~bantin.search.worker.BackgroundIndexer`): the
search copies are made there, not read back from the output, and Pagefind
indexes them in parts while the build goes on. The index is
finished before ``bantin-atomic`` swaps the folder into place, so the live
site and its index always match; a failed index fails the build and the last
good site stays. Material's own ``search`` plugin (lunr, which sends the whole
index to every reader) is not used: the header's search button opens bantin's
dialog (``partials/search.html``, ``bantin-search.js``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from ..search.pagefind import PART_PAGES, SearchIndexError
from ..search.worker import BackgroundIndexer
from .view_pages import ViewPage

log = get_plugin_logger(__name__)

# Pages per Pagefind run (its memory); for developers and tests, not for staff.
PART_PAGES_VARIABLE = "BANTIN_SEARCH_PART_PAGES"


def check_search_config(config: MkDocsConfig) -> None:
    """Material's lunr search next to bantin's would load its whole index on every page."""
    if "material/search" in config.plugins or "search" in config.plugins:
        log.warning(
            "mkdocs.yml: hãy bỏ plugin 'search' khỏi mục plugins: bantin đã có ô tìm kiếm "
            "riêng (Pagefind) hiểu tiếng Việt không dấu; plugin 'search' của Material bắt "
            "mỗi người đọc tải toàn bộ chỉ mục."
        )


def start_index(config: MkDocsConfig) -> BackgroundIndexer:
    """An index of the folder being built (the staging folder under bantin-atomic)."""
    language = str(config.theme.get("language") or "vi")
    given = os.environ.get(PART_PAGES_VARIABLE, "").strip()
    if given and not (given.isdigit() and int(given) > 0):
        raise PluginError(
            f"Biến môi trường {PART_PAGES_VARIABLE}={given!r} phải là một số nguyên dương "
            f"(số trang mỗi phần chỉ mục tìm kiếm, mặc định {PART_PAGES}). Hãy sửa hoặc bỏ biến này."
        )
    try:
        return BackgroundIndexer(
            Path(config.site_dir), language=language, part_pages=int(given or PART_PAGES)
        )
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


class SearchFeed:
    """The index of one build, and the pages that can still give it something.

    Pages drawn from the model alone (listings, home, archives: most pages of a
    large site) are never indexed; MkDocs draws them after the articles. Once the
    last page that may be indexed is drawn, the part being filled goes to Pagefind
    at once rather than when the build ends (at 1,000 posts the whole index is one
    part: 2.5 s of a 12 s build were spent waiting for it).
    """

    def __init__(self, indexer: BackgroundIndexer, files: Files, expected: Iterable[str]) -> None:
        self.indexer = indexer
        self._files = files
        self._waiting = set(expected)

    def add(self, dest_uri: str, output: str) -> None:
        try:
            self.indexer.add(dest_uri, output)
            if self._waiting:
                self._waiting.discard(dest_uri)
                if not self._waiting:
                    self.indexer.flush()
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def finish(self) -> None:
        """Index the HTML the build copied rather than drew, then write ``pagefind/``.

        Those are HTML files in ``docs/`` and, in a ``--dirty`` build, the pages it
        did not draw again.
        """
        indexer = self.indexer
        rest = (
            file.dest_uri
            for file in self._files
            if file.dest_uri.endswith(".html") and not indexer.seen(file.dest_uri)
        )
        try:
            indexer.add_files(rest)
            result = indexer.finish()
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        log.info(f"Chỉ mục tìm kiếm (Pagefind): {result.pages} trang, {result.parts} phần.")

    def close(self) -> None:
        """Stop the index's child and Pagefind, remove the copies (idempotent, never raises)."""
        self.indexer.close()


def indexable(files: Files) -> list[str]:
    """Pages that may carry a part to index: every page but those drawn from the model alone."""
    return [
        file.dest_uri
        for file in files.documentation_pages()
        if file.page is not None and not isinstance(file.page, ViewPage)
    ]
