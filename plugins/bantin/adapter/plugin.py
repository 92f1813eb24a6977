"""The ``bantin`` MkDocs plugin: posts in, a Vietnamese news site out.

Each event handler is a few lines. The settings are converted once from
``mkdocs.yml`` (``settings.py``); the news model of the build is made once
from them in ``on_config`` (:class:`bantin.news.model.NewsModel`, domain,
read-only afterwards); ``pages.py`` turns its routes into MkDocs files and
pages; the templates ship in ``bantin/templates/`` (``theme.py``) and render
with MkDocs' own Jinja environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from watchdog.observers.api import BaseObserver

from ..core.heap import settle, skip_last_collection
from ..core.vnformat import format_integer
from ..news.model import NewsModel
from .config import BantinConfig
from .fork import SecondProcess, choice, wanted
from .headings import use_vietnamese_heading_ids
from .incremental import IncrementalPreview, install, quiet_dirty_notice
from .markup import fix_material_markup
from .messages import translate_post_messages
from .pages import SitePages
from .preview import PreviewProblems, guard_rebuilds
from .reading import apply, new_pages, only_reader, reader, share
from .refresh import inputs_stamp, quick_builder, refresh
from .search import SearchFeed, check_search_config, indexable, start_index
from .settings import site_settings
from .theme import TEMPLATES, add_stylesheet_bundle, add_theme_layer, drop_raw_templates
from .watch import system_events

log = get_plugin_logger(__name__)


class BantinPlugin(BasePlugin[BantinConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        # Set by on_startup: the mkdocs command line, whose process ends with the build.
        self._started = False
        self._pages: SitePages | None = None
        self.preview = PreviewProblems()
        self._nav: Navigation | None = None
        # ``bantin serve`` (MkDocs' dirty mode): pages drawn on request after a save.
        self.incremental: IncrementalPreview | None = None
        self._events: BaseObserver | None = None  # the system's file events (watch.py)
        self._index: SearchFeed | None = None  # this build's search index, fed page by page
        # Articles being read by a second process (reading.py), from on_nav to on_env.
        self._reader: SecondProcess | None = None

    @property
    def pages(self) -> SitePages:
        if self._pages is None:
            raise PluginError("bantin: trang chưa được chuẩn bị (on_config chưa chạy).")
        return self._pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is the preview server (only it shows drafts) and whether
        it is ``bantin serve`` (``mkdocs serve --dirty``), which draws pages on request."""
        self.command = command
        self.dirty = dirty
        self._started = True
        # A new command starts afresh: MkDocs keeps plugin objects across the configs
        # one process loads, and a kept preview would take a new site for a rebuild.
        self.incremental = None
        if command == "serve" and dirty:
            self.incremental = IncrementalPreview(
                finish=lambda page: self.pages.finish_article(page),
                printed=lambda page: self.pages.printed_articles(page),
            )
            quiet_dirty_notice()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Make this build's news model; a plugin object survives ``serve`` rebuilds, so start afresh."""
        add_theme_layer(config)
        if self.incremental is not None:
            self.incremental.full_build(inputs_stamp(config))
        pages = self.start_pages(config)
        self.report(pages.model)
        nav = pages.default_nav(config)
        use_vietnamese_heading_ids(config)
        if self.incremental is not None:
            self.incremental.nav_entries = nav
            # After every change bantin makes to the Markdown settings: a refresh in
            # place starts from this same config.
            self.incremental.start(config)
        if pages.model.settings.search:
            check_search_config(config)
        return config

    def start_pages(self, config: MkDocsConfig, *, same_settings: bool = False) -> SitePages:
        """This build's news model and the pages made from it.

        ``same_settings``: mkdocs.yml is unchanged since the last build, whose photo
        cache (with what it knows of every photo) is kept.
        """
        kept = self._pages.photos if same_settings and self._pages is not None else None
        model = NewsModel.build(
            site_settings(config),
            preview=self.command == "serve",
            parsed=self.incremental.parsed if self.incremental is not None else None,
            split=self.in_two_processes,
        )
        make_file = self.incremental.memo.file if self.incremental is not None else File.generated
        self._pages = SitePages(model, make_file, kept.cache if kept is not None else None)
        translate_post_messages(model.post_file_of)
        return self._pages

    def in_two_processes(self, count: int) -> bool:
        """Whether ``count`` posts or pages are shared with a second process: only
        in a full build (the preview keeps its caches in its own process)."""
        return self.command == "build" and not self.dirty and wanted(count, choice())

    def report(self, model: NewsModel) -> None:
        """Content problems: a build stops on errors; the preview logs them and shows them on pages."""
        for problem in model.warnings:
            log.warning(str(problem))
        if model.errors and self.command != "serve":
            raise PluginError(model.error_report())
        for problem in model.errors:  # the preview shows them in every page instead
            log.error(str(problem))
        for note in model.notes:
            log.info(note)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
        """Rebuild the preview when a post, the view data or a template changes.

        MkDocs itself watches the theme only with ``--watch-theme``: the site's
        ``custom_dir`` and bantin's own templates are watched here, so a saved
        template is never served stale.
        """
        for path in self.pages.model.watched_paths():
            server.watch(str(path))
        for folder in (config.theme.custom_dir, TEMPLATES):
            if folder and Path(folder).is_dir():
                server.watch(str(folder))
        if self.incremental is not None:
            quick_builder(server, lambda: refresh(self))
            if self._events is None:
                self._events = system_events(server, self.pages.model.watched_paths())
        guard_rebuilds(server, config.site_dir, self.incremental)
        if self.incremental is not None:
            install(server, self.incremental)

    def on_shutdown(self) -> None:
        self.drop_index()
        self.drop_reader()
        if self._events is not None:
            self._events.stop()
            self._events = None
        skip_last_collection()

    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every article, listing and image as a generated file (priority 50: before search)."""
        drop_raw_templates(files, config)
        add_stylesheet_bundle(files, config)
        if self.incremental is not None:
            self.incremental.base = list(files)
        try:
            refused = self.pages.add_files(files, config)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        for problem in refused:
            log.warning(str(problem))
        return files

    def _on_nav_choose(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation:
        """``bantin serve`` after a save: say which pages MkDocs must read now.
        Pages drawn from the model alone get no Markdown converter."""
        self._nav = nav
        self.pages.view_pages(files)
        if self.incremental is not None:
            self.incremental.choose(
                files,
                self.pages.article_sources(),
                (page.file.src_uri for page in nav.pages),
            )
            self.incremental.reading()
        return nav

    @event_priority(-5000)
    def _on_nav_read(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A full build: a second process reads a share of the articles while MkDocs
        reads the rest (after every plugin's ``on_nav``: reading starts next)."""
        self.drop_reader()
        if not only_reader(config.plugins, self):
            return nav
        articles = self.pages.article_files(files)
        if not self.in_two_processes(len(articles)):
            return nav
        mine = share(articles)
        new_pages(mine, config)
        self._reader = SecondProcess(mine, reader(config, files, self.pages.lead_of))
        self._reader.start()
        return nav

    on_nav = CombinedEvent(_on_nav_choose, _on_nav_read)

    def use_nav(self, nav: Navigation) -> None:
        self._nav = nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Give generated pages their template and title."""
        return self.pages.page_markdown(markdown, page)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Sanitise article bodies; record each first paragraph as the lead for cards."""
        remember = self.incremental.record_lead if self.incremental is not None else None
        return self.pages.page_content(page, html, remember)

    @event_priority(5000)
    def _on_env_read(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment:
        """The articles the second process read, before anything uses them."""
        second, self._reader = self._reader, None
        if second is not None:
            for file, state in zip(second.files, second.join(), strict=True):
                apply(file, state, files, self.pages.put_lead)
            log.info(
                f"{format_integer(len(second.files))} bài viết được đọc trong một tiến trình thứ hai."
            )
        return env

    def _on_env_prepare(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment:
        """Register Vietnamese filters, the ``bantin`` global, autoescaping, feeds and redirects;
        start the search index of a full build (``bantin serve`` keeps its first one)."""
        env = self.prepare_env(env, config, files)
        self.drop_index()
        rebuilding = self.incremental is not None and self.incremental.rebuilding
        if self.pages.model.settings.search and not rebuilding:
            self._index = SearchFeed(start_index(config), files, indexable(files))
        if self._started and self.command == "build":
            settle()  # what the drawing keeps is read: later collections skip it
        return env

    on_env = CombinedEvent(_on_env_read, _on_env_prepare)

    def prepare_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """:meth:`on_env`, also run by ``bantin serve``'s refresh in place."""
        if self.incremental is not None:
            env.bytecode_cache = self.incremental.templates
        if self.incremental is not None and self.incremental.rebuilding:
            self.pages.known_leads(files, self.incremental.known_lead)
        try:
            self.pages.prepare_env(env, config, files)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        env.globals["bantin_search"] = self.pages.model.settings.search
        if self.command == "serve":
            self.preview.render(env, self.pages.model.problems)
        if self.incremental is not None and self._nav is not None:
            self.incremental.drawing(config, files, self._nav, env)
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """The route's view; an article's box, an issue page's articles."""
        return self.pages.page_context(context, page)

    def _on_post_page_markup(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Correct the few spots where Material's markup is not valid HTML."""
        return self.preview.inject(fix_material_markup(output))

    @event_priority(-100)
    def _on_post_page_search(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """The page as written (after every plugin), for the search index."""
        if self._index is not None:
            self._index.add(page.file.dest_uri, output)
        return output

    on_post_page = CombinedEvent(_on_post_page_markup, _on_post_page_search)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The same corrections for theme pages such as ``404.html``."""
        if not template_name.endswith(".html"):
            return output_content
        return self.preview.inject(
            fix_material_markup(output_content), not_found=template_name == "404.html"
        )

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Bulletin PDFs and the search index, written into the site being built
        (priority -100: before ``bantin-atomic`` swaps it in). ``bantin serve``
        keeps both from its first build (its later builds draw pages on request)."""
        if self.incremental is not None:
            rebuilt = self.incremental.rebuilding
            self.incremental.finish(self.pages.files, config.site_dir)
            if rebuilt:
                return
        bulletins = self.pages.bulletins
        if bulletins is not None:
            problems = bulletins.write_pdfs(config)
            if problems:
                raise PluginError("\n".join(str(p) for p in problems))
        if self._index is not None:
            index, self._index = self._index, None
            try:
                index.finish()
            finally:
                index.close()

    def on_build_error(self, *, error: Exception) -> None:
        self.drop_reader()
        self.drop_index()

    def drop_reader(self) -> None:
        if self._reader is not None:
            self._reader.abandon()
        self._reader = None

    def drop_index(self) -> None:
        """Abandon an unfinished search index (a failed build): stop Pagefind, remove its copies."""
        if self._index is not None:
            self._index.close()
        self._index = None
