"""The adapter between the news model and MkDocs: routes become generated pages.

:class:`SitePages` holds the MkDocs side of one build: the
:class:`~bantin.news.model.NewsModel` (made once, read-only), the photos, the
reusable fragments, the bulletins' PDFs, and the Jinja environment MkDocs
passes to ``on_env`` (bantin makes none of its own). ``plugin.py`` calls it
from each event:

* ``on_files``: one generated file per route, photos processed;
* ``on_page_markdown`` / ``on_page_content``: title and template; the body
  sanitised and its lead recorded;
* ``on_env`` (every page's Markdown is converted by then): the environment is
  prepared, then every article's body gets its ``<picture>`` photos and its
  indicator box, drawn with that environment, before any page is rendered
  (issue pages print other articles' finished bodies); feeds and redirects;
* ``on_page_context``: the template's ``view`` and extras.

Files that are not pages (redirects, feeds) are in ``outputs.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..bulletins.routes import BulletinView
from ..core.errors import Problem
from ..images.cache import PhotoCache
from ..news.context import FILTERS
from ..news.model import NewsModel, error_report
from ..news.routes import PostView, src_uri
from ..posts.model import Post
from ..posts.pasted import clean_pasted_html
from ..posts.sanitize import sanitize_html
from .boxes import BoxRenderer
from .bulletins import BulletinBuild
from .fragments import Fragments, Translations
from .outputs import check_output_paths, feed_files, redirect_files
from .photos import SitePhotos
from .sources import drop_unsafe_sources
from .theme import own_templates
from .view_pages import as_view_page

MakeFile = Callable[..., File]


class SitePages:
    """The MkDocs files and pages of one build (or one preview rebuild)."""

    def __init__(
        self,
        model: NewsModel,
        make_file: MakeFile = File.generated,
        photo_cache: PhotoCache | None = None,
    ) -> None:
        """``make_file``: how generated files are made (``bantin serve`` reuses the
        unchanged ones of its last build, :class:`~.incremental.GeneratedFiles`);
        ``photo_cache``: the last build's, with the same settings."""
        self.model = model
        self.make_file = make_file
        self.photo_cache = photo_cache
        self.env: Environment | None = None
        self.photos: SitePhotos | None = None
        self.fragments = Fragments()
        self.bulletins = BulletinBuild.for_model(model)
        # Each article's finished body and box, for the issue pages that reprint them.
        self.post_html: dict[str, str] = {}
        self.boxes: dict[str, str] = {}
        self.files: Files | None = None
        self._boxes: BoxRenderer | None = None

    def default_nav(self, config: MkDocsConfig) -> list[Any] | None:
        """Without a ``nav`` in mkdocs.yml: home, the categories in order, static pages, archive.

        Returns the navigation bantin gave (``None`` when mkdocs.yml has its own).
        """
        if config.nav is not None:
            return None
        config.nav = self.nav_entries(config)
        return config.nav

    def nav_entries(self, config: MkDocsConfig) -> list[Any]:
        """The navigation :meth:`default_nav` gives."""
        docs = Path(config.docs_dir)
        static = sorted(
            p.relative_to(docs).as_posix()
            for p in docs.rglob("*.md")
            if p.name != "index.md" and not p.name.startswith((".", "_"))
        )
        return [
            {"Trang chủ": "index.md"},
            # Escaped: Material prints navigation titles as HTML.
            *({escape(c.name): c.url + "index.md"} for c in self.model.news.categories),
            *static,
            *([{"Bản tin": "ban-tin/index.md"}] if self.bulletins else []),
            *([{"Chỉ số": "chi-so/index.md"}] if self.model.has_indicators else []),
            {"Lưu trữ": "luu-tru/index.md"},
        ]

    def add_files(self, files: Files, config: MkDocsConfig) -> list[Problem]:
        """Add generated pages and attachments; return what was refused from docs/."""
        refused = drop_unsafe_sources(files, self.model.settings.root, config.docs_dir)
        known = files.src_uris  # route URIs are normal already: no get_file_from_path
        for route in self.model.routes.values():
            existing = known.get(route.src_uri)
            if existing is not None:
                raise ValueError(
                    f"docs/{existing.src_uri}: trùng đường dẫn với trang do bantin tạo "
                    f"(“{route.title}”). Đổi tên hoặc xoá tệp này trong docs/."
                )
            view = route.view
            content = self.model.body(view.post).markdown if isinstance(view, PostView) else ""
            inclusion = InclusionLevel.INCLUDED if route.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                self.make_file(config, route.src_uri, content=content, inclusion=inclusion)
            )
        photos = self._photos()
        published: set[str] = set()
        for post in self.model.news.posts:
            wanted = [(a.target, a.source) for a in post.attachments]
            if post.image is not None and post.image.url.startswith(post.url):
                wanted.append((post.image.url.removeprefix(post.url), post.image.source))
            for target, source in wanted:
                uri = post.url + target
                if uri not in published:
                    published.add(uri)
                    # A processed photo's original is known to MkDocs (links to it are
                    # valid) but never written: its stripped copies are published instead.
                    excluded = photos.handles(source)
                    files.append(
                        self.make_file(
                            config,
                            uri,
                            abs_src_path=str(source),
                            inclusion=InclusionLevel.EXCLUDED
                            if excluded
                            else InclusionLevel.UNDEFINED,
                        )
                    )
                    if excluded:
                        photos.hide_link_notice(uri)
        photos.add_files(files, config, self.model.settings.ward.name, self.make_file)
        check_output_paths(files)
        return refused

    def _photos(self) -> SitePhotos:
        """Process every photo of the posts (from the cache when unchanged); bad photos are errors."""
        settings = self.model.settings
        self.photos = SitePhotos(
            settings.photos, settings.root, settings.config_file.name, self.photo_cache
        )
        problems = self.photos.collect(self.model.news.posts)
        if problems:
            raise ValueError(error_report(problems))
        return self.photos

    def page_markdown(self, markdown: str, page: Page) -> str:
        route = self.model.route(page.file.src_uri)
        if route is None:
            if isinstance(page.meta.get("title"), str):
                # A page of docs/: Material prints its title as HTML too.
                page.meta["title"] = escape(page.meta["title"])
            return markdown
        # An escaped Markup title: Material's own templates and its search index
        # print page titles as HTML, and our autoescaped templates will not escape it twice.
        page.meta = {"title": escape(route.title), "template": route.template, "hide": ["toc"]}
        if isinstance(route.view, BulletinView):
            # An issue repeats its articles: search finds them at their own address.
            page.meta["search"] = {"exclude": True}
        return markdown

    def page_content(
        self, page: Page, html: str, remember: Callable[[Page, str], None] | None = None
    ) -> str:
        """Sanitise an article's body and record its first paragraph as its lead
        (``remember(page, lead)``: ``bantin serve`` keeps it for its next builds)."""
        post = self._article(page)
        if post is None:
            return html
        html = clean_pasted_html(sanitize_html(html))
        leads = self.model.site.leads
        leads.record(post, html)
        if remember is not None:
            remember(page, leads.get(post))
        return html

    def _article(self, page: Page) -> Post | None:
        """The post ``page`` publishes; ``None`` for any other page."""
        route = self.model.route(page.file.src_uri)
        return route.view.post if route is not None and isinstance(route.view, PostView) else None

    def prepare_env(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """MkDocs' own environment: autoescaping, filters, globals; finished articles; feeds and redirects."""
        own = own_templates(config)
        env.autoescape = lambda name: name is not None and name in own
        env.filters.update(FILTERS)
        env.globals["bantin"] = self.model.site
        env.globals["bantin_photos"] = self.photos
        env.globals["bantin_fragments"] = self.fragments
        env.globals["bantin_card"] = self.fragments.card
        env.globals["bantin_translate"] = Translations(env, config.theme["language"])
        env.globals["bantin_web_font"] = self.model.settings.web_font
        self.env = env
        self._finish_articles(env, files)
        generated = [
            *redirect_files(env, config, self.model.news.posts),
            *feed_files(env, config, self.model),
        ]
        for file in generated:
            files.append(file)
        check_output_paths(files)

    def _finish_articles(self, env: Environment, files: Files) -> None:
        """Every article read so far gets its photos and indicator box, before any page is drawn.

        In ``bantin serve`` after a save most articles are not read yet: each is
        finished when it is read (:meth:`finish_article`).
        """
        self.files = files
        self._boxes = BoxRenderer(env)
        known = files.src_uris
        for uri, route in self.model.routes.items():
            file = known.get(uri) if isinstance(route.view, PostView) else None
            if file is not None and file.page is not None and file.page.content is not None:
                self.finish_article(file.page)

    def finish_article(self, page: Page) -> None:
        """Put the photos and the indicator box into one article's converted body."""
        post = self._article(page)
        if post is None or self.env is None:
            return
        html = page.content or ""
        if self.photos is not None:
            html = self.photos.rewrite(html, post, page, self.env)
        if self._boxes is None:
            self._boxes = BoxRenderer(self.env)
        html, self.boxes[post.url] = self._boxes.place(html, self.model.body(post), post, page.url)
        page.content = self.post_html[post.url] = html

    def printed_articles(self, page: Page) -> list[Page]:
        """The article pages whose finished bodies ``page`` prints (an issue of the bulletin)."""
        route = self.model.route(page.file.src_uri)
        if route is None or not isinstance(route.view, BulletinView) or self.files is None:
            return []
        found = []
        for post in route.view.issue.posts:
            file = self.files.get_file_from_path(src_uri(post.url))
            if file is not None and file.page is not None:
                found.append(file.page)
        return found

    def article_files(self, files: Files) -> list[File]:
        """Every article this build publishes."""
        known = files.src_uris
        found = []
        for uri, route in self.model.routes.items():
            file = known.get(uri) if isinstance(route.view, PostView) else None
            if file is not None and file.inclusion.is_included():
                found.append(file)
        return found

    def view_pages(self, files: Files) -> None:
        """Pages drawn from the model alone skip MkDocs' Markdown converter (:mod:`.view_pages`)."""
        known = files.src_uris
        for uri, route in self.model.routes.items():
            file = None if isinstance(route.view, PostView) else known.get(uri)
            if file is not None and file.page is not None:
                as_view_page(file.page)

    def lead_of(self, page: Page) -> str | None:
        """An article's lead as its reading recorded it (``None``: not an article)."""
        post = self._article(page)
        return None if post is None else self.model.site.leads.get(post)

    def put_lead(self, page: Page, lead: str | None) -> None:
        """An article's lead, recorded by a second process as it read the article."""
        post = self._article(page)
        if lead is not None and post is not None:
            self.model.site.leads.put(post, lead)

    def article_sources(self) -> dict[str, str]:
        """Each article's source URI and Markdown."""
        return {
            uri: self.model.body(route.view.post).markdown
            for uri, route in self.model.routes.items()
            if isinstance(route.view, PostView)
        }

    def known_leads(self, files: Files, lead_of: Callable[[str], str | None]) -> None:
        """Articles not read in this build: their leads as ``lead_of`` remembers them."""
        known = files.src_uris
        for uri, route in self.model.routes.items():
            if not isinstance(route.view, PostView):
                continue
            file = known.get(uri)
            if file is not None and file.page is not None and file.page.content is None:
                lead = lead_of(uri)
                if lead is not None:
                    self.model.site.leads.put(route.view.post, lead)

    def page_context(self, context: TemplateContext, page: Page) -> TemplateContext:
        """Give the template its view, an article its box, an issue page its articles."""
        route = self.model.route(page.file.src_uri)
        if route is None:
            return context
        # bantin's own names beside MkDocs' (TemplateContext lists only MkDocs' keys).
        extra = cast(dict[str, Any], context)
        extra["view"] = route.view
        if isinstance(route.view, PostView):
            extra["box_html"] = self.boxes.get(route.view.post.url, "")
        elif isinstance(route.view, BulletinView) and self.bulletins is not None:
            self.bulletins.page_context(
                extra, page, route.view, self.post_html, self.boxes, self.model.site.lead
            )
            if self.env is not None:
                self.bulletins.remember_pdf_html(self.env, page, extra)
        return context
