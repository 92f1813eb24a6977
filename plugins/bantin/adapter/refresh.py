"""``bantin serve`` after a save in ``posts/``: the preview refreshed in place, not built again.

A full build, even MkDocs' ``--dirty`` one with pages drawn on request
(:mod:`.incremental`), makes every file and page object of the site again,
the navigation and the sitemap: about 4 s at 10,000 posts, for a save that
changed one article (issue 11). When only the posts, their photos or the
view data changed (not ``mkdocs.yml``, ``docs/`` or a template), the site's
skeleton is the one of the last build, so bantin keeps it:

1. the news model is made again (post files parsed only when their bytes
   changed, :mod:`bantin.posts.cache`);
2. the files are those MkDocs and the theme gave the last full build, plus
   bantin's generated ones; each route, photo and attachment keeps its file
   and page object when what it holds is unchanged
   (:class:`~.incremental.GeneratedFiles`), and a page object forgets what it
   had read;
3. the navigation's pages and the articles whose Markdown is new are read
   at once (titles and leads are printed on other pages); every other page,
   and the sitemap, is drawn when the browser asks for it, with the same
   MkDocs functions a full build uses; new files are written and outputs
   that are gone deleted; the 404 page is drawn again.

Anything else falls back to the full build: another file changed, another
navigation (a new category, the first indicator), a plugin other than
bantin's, or an error while refreshing. ``tests/sites/test_preview_equals_build.py``
compares every page served after a sequence of edits with a clean build.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

from ..core.files import stamp_of
from .theme import TEMPLATES

if TYPE_CHECKING:
    from .incremental import Build, IncrementalPreview
    from .plugin import BantinPlugin

log = get_plugin_logger(__name__)

# Plugins whose events a refresh stands in for: bantin's own.
OWN_PLUGINS = frozenset({"bantin", "bantin-atomic"})
# Drawn at once after a refresh; the theme's other pages (the sitemaps), which
# MkDocs draws on every build, are drawn on request.
EAGER_TEMPLATES = ("404.html",)


def inputs_stamp(config: MkDocsConfig) -> str:
    """Size and time of every input a refresh does not read again: ``mkdocs.yml``,
    ``docs/``, the templates and what ``watch`` names in mkdocs.yml."""
    folders = [config.docs_dir, str(TEMPLATES), *config.watch]
    if config.theme.custom_dir:
        folders.append(config.theme.custom_dir)
    return stamp_of([config.config_file_path or "", *folders])


def quick_builder(server: Any, refresh: Callable[[], bool]) -> None:
    """Make the preview server refresh in place when it can, and build in full otherwise."""
    full: Callable[..., Any] = server.builder

    def builder(*args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and refresh():
            return None
        return full(*args, **kwargs)

    server.builder = builder


def refresh(plugin: BantinPlugin) -> bool:
    """Refresh the preview in place after a save; ``False``: a full build is needed."""
    preview = plugin.incremental
    last = preview.last if preview is not None else None
    if preview is None or last is None:
        return False
    config = last.config
    if not OWN_PLUGINS.issuperset(config.plugins) or preview.stamp != inputs_stamp(config):
        return False
    # MkDocs' polling sees a save the system's file events (watch.py) reported already:
    # with nothing changed since the last refresh, there is nothing to do.
    posts = stamp_of(plugin.pages.model.watched_paths())
    if posts == preview.posts_stamp:
        return True
    started = time.monotonic()
    collecting = gc.isenabled()
    gc.disable()  # the last build's objects would be scanned again and again
    try:
        with preview.lock:
            done = _refresh(plugin, preview, last)
        if done:
            preview.posts_stamp = posts
            log.info(
                f"Xem thử: làm mới tại chỗ (không dựng lại cả trang) trong "
                f"{time.monotonic() - started:.2f} giây."
            )
        return done
    finally:
        if collecting:
            gc.enable()


def _refresh(plugin: BantinPlugin, preview: IncrementalPreview, last: Build) -> bool:
    config = last.config
    preview.start(config)
    pages = plugin.start_pages(config, same_settings=True)
    if preview.nav_entries is not None and pages.nav_entries(config) != preview.nav_entries:
        return False  # a new category or the first indicator: MkDocs makes the navigation
    plugin.report(pages.model)
    files = Files(list(preview.base))
    preview.memo.reusing = True
    try:
        refused = pages.add_files(files, config)
    except ValueError:
        return False  # the full build reports it
    finally:
        preview.memo.reusing = False
    for problem in refused:
        log.warning(str(problem))
    set_exclusions(files, config)
    shown = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in shown:
        if file.page is None:
            Page(None, file, config)
        else:
            _forget(file.page)
    preview.choose(
        files,
        pages.article_sources(),
        (page.file.src_uri for page in last.nav.pages),
        answer=False,
    )
    for file in shown:
        if file.src_uri in preview.to_read and file.page is not None:
            _populate_page(file.page, config, files)
    plugin.use_nav(last.nav)
    env = plugin.prepare_env(last.env, config, files)
    before = {id(file) for file in last.files}
    for file in files:
        new = id(file) not in before and not file.is_documentation_page()
        if new and InclusionLevel.is_in_serve(file.inclusion):
            file.copy_file()
    for name in EAGER_TEMPLATES:
        _build_theme_template(name, env, files, config, last.nav)
    lazy = {
        os.path.join(config.site_dir, name): name
        for name in sorted(config.theme.static_templates)
        if name not in EAGER_TEMPLATES
    }
    preview.finish(files, config.site_dir, lazy, shown)
    return True


def _forget(page: Page) -> None:
    """A kept page object reads and draws its page again when asked."""
    page.markdown = None
    page.content = None
    page.toc = []  # type: ignore[assignment]
    page.meta = {}
    page._title_from_render = None
