"""The ``bantin`` MkDocs plugin: posts in, a Vietnamese news site out.

Each event handler is a few lines; the work lives in ``posts/`` (loading and
grouping), ``news/routes.py`` (which pages exist), ``pages.py`` (turning routes
into MkDocs files) and the templates shipped in ``bantin/templates/`` (``theme.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import BantinConfig
from .headings import use_vietnamese_heading_ids
from .markup import fix_material_markup
from .messages import translate_post_messages
from .pages import SiteBuild
from .preview import PreviewProblems, guard_rebuilds
from .search import allow_webassembly, check_search_config, index_site
from .theme import TEMPLATES, add_theme_layer, drop_raw_templates

log = get_plugin_logger(__name__)


class BantinPlugin(BasePlugin[BantinConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.build: SiteBuild | None = None
        self.preview = PreviewProblems()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is the preview server: only it shows drafts."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and validate every post; a plugin object survives ``serve`` rebuilds, so start afresh."""
        add_theme_layer(config)
        self.build = SiteBuild.start(self.config, config, preview=self.command == "serve")
        for problem in self.build.warnings:
            log.warning(str(problem))
        if self.build.errors and self.command != "serve":
            raise PluginError(self.build.error_report())
        for problem in self.build.errors:  # the preview shows them in every page instead
            log.error(str(problem))
        self.build.default_nav(config)
        use_vietnamese_heading_ids(config)
        translate_post_messages(self.build.post_file_of)
        self._check_counter_csp(config)
        if self.config.search:
            check_search_config(config)
            allow_webassembly(config)
        return config

    def _check_counter_csp(self, config: MkDocsConfig) -> None:
        """A live counter on another origin needs the security headers to allow it."""
        counter = self.config.views.counter_url.strip()
        atomic = config.plugins.get("bantin-atomic")
        if not counter or atomic is None or not atomic.config.get("security_headers"):
            return
        origin = "/".join(counter.split("/")[:3])
        allowed = atomic.config.get("csp_sources", {}).get("connect-src", [])
        if origin not in allowed:
            log.warning(
                f"mkdocs.yml: bộ đếm lượt xem {origin} sẽ bị chính sách bảo mật (CSP) chặn. "
                f"Thêm vào plugin bantin-atomic: csp_sources: {{connect-src: [{origin}]}}"
            )

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
        """Rebuild the preview when a post, the view data or a template changes.

        MkDocs itself watches the theme only with ``--watch-theme``: the site's
        ``custom_dir`` and bantin's own templates are watched here, so a saved
        template is never served stale.
        """
        assert self.build is not None
        for path in self.build.watched_paths():
            server.watch(str(path))
        for folder in (config.theme.custom_dir, TEMPLATES):
            if folder and Path(folder).is_dir():
                server.watch(str(folder))
        guard_rebuilds(server, config.site_dir)

    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every article, listing and image as a generated file (priority 50: before search)."""
        assert self.build is not None
        drop_raw_templates(files, config)
        try:
            refused = self.build.add_files(files, config)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        for problem in refused:
            log.warning(str(problem))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Give generated pages their template, title and processed body."""
        assert self.build is not None
        return self.build.page_markdown(markdown, page)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Sanitise article bodies; keep each first paragraph as the lead for cards."""
        assert self.build is not None
        return self.build.page_content(page, html)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Register Vietnamese filters, the ``bantin`` global, autoescaping, feeds and redirects."""
        assert self.build is not None
        try:
            self.build.prepare_env(env, config, files)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        env.globals["bantin_search"] = self.config.search
        if self.command == "serve":
            self.preview.render(env, self.build.problems)
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Correct the few spots where Material's markup is not valid HTML."""
        return self.preview.inject(fix_material_markup(output))

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
        (priority -100: before ``bantin-atomic`` swaps it in)."""
        assert self.build is not None
        if self.build.bulletins is not None:
            problems = self.build.bulletins.write_pdfs(config)
            if problems:
                raise PluginError("\n".join(str(p) for p in problems))
        if self.config.search:
            index_site(config)

    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        assert self.build is not None
        return self.build.page_context(context, page)
