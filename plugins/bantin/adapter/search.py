"""Site search: Pagefind runs over the staging folder at the end of every build.

The index is built before ``bantin-atomic`` swaps the folder into place, so
the live site and its index always match; a failed index fails the build and
the last good site stays. Material's own ``search`` plugin (lunr, which sends
the whole index to every reader) is not used: the header's search button opens
bantin's dialog (``partials/search.html``, ``bantin-search.js``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..search.pagefind import SearchIndexError, build_index

log = get_plugin_logger(__name__)


def check_search_config(config: MkDocsConfig) -> None:
    """Material's lunr search next to bantin's would load its whole index on every page."""
    if "material/search" in config.plugins or "search" in config.plugins:
        log.warning(
            "mkdocs.yml: hãy bỏ plugin 'search' khỏi mục plugins: bantin đã có ô tìm kiếm "
            "riêng (Pagefind) hiểu tiếng Việt không dấu; plugin 'search' của Material bắt "
            "mỗi người đọc tải toàn bộ chỉ mục."
        )


def index_site(config: MkDocsConfig) -> None:
    """Write ``pagefind/`` into the folder being built (the staging folder under bantin-atomic)."""
    language = str(config.theme.get("language") or "vi")
    try:
        result = build_index(Path(config.site_dir), language=language)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"Chỉ mục tìm kiếm (Pagefind): {result.pages} trang.")
