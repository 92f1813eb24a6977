"""The adapter between the news model and MkDocs: routes become generated pages.

``SiteBuild`` holds what one build knows; ``plugin.py`` calls it from each
event. Files that are not pages (redirects, feeds) are in ``outputs.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..bulletins.routes import BulletinView
from ..core.errors import HasProblems, Problem
from ..indicators.parse import parse_indicators
from ..indicators.present import present
from ..indicators.series import collect_series, latest_points, series_problems
from ..news.context import FILTERS, SiteContext, first_paragraph_text
from ..news.routes import RESERVED, PostView, Route, indicator_routes, indicator_url, news_routes
from ..posts.collection import NewsCollection
from ..posts.loader import LoadResult, load_posts
from ..posts.pasted import clean_pasted_html
from ..posts.sanitize import sanitize_html
from ..views.counts import ViewCounts
from ..views.store import ViewsDataError
from .boxes import BoxRenderer, PostBody, prepare_bodies
from .bulletins import BulletinBuild
from .config import BantinConfig
from .fragments import Fragments
from .outputs import check_output_paths, feed_files, redirect_files
from .photos import SitePhotos
from .settings import declared_categories, load_options, ward
from .sources import drop_unsafe_sources
from .theme import own_templates


@dataclass
class SiteBuild(HasProblems):
    """Everything one build (or one preview rebuild) knows about the news site."""

    cfg: BantinConfig
    result: LoadResult
    news: NewsCollection
    routes: dict[str, Route]
    context: SiteContext
    posts_dir: Path
    root: Path
    problems: list[Problem] = field(default_factory=list)
    bodies: dict[str, PostBody] = field(default_factory=dict)
    has_indicators: bool = False
    boxes: dict[str, str] = field(default_factory=dict)
    box_renderer: BoxRenderer | None = None
    photos: SitePhotos | None = None
    fragments: Fragments = field(default_factory=Fragments)
    page_env: Environment | None = None
    bulletins: BulletinBuild | None = None
    post_html: dict[str, str] = field(default_factory=dict)
    env: Environment | None = None

    @classmethod
    def start(cls, cfg: BantinConfig, config: MkDocsConfig, *, preview: bool) -> SiteBuild:
        config_file = config.config_file_path or "mkdocs.yml"
        if not config.use_directory_urls:
            raise ValueError("bantin cần use_directory_urls: true trong mkdocs.yml.")
        categories, problems = declared_categories(cfg, Path(config_file).name)
        counter = cfg.views.counter_url.strip()
        if counter and not counter.lower().startswith(("https://", "http://")):
            problems.append(
                Problem(
                    Path(config_file).name,
                    f"views.counter_url “{counter}” phải là địa chỉ bắt đầu bằng https://, "
                    "ví dụ: https://thongke.phucloi.example.vn. Để trống nếu không dùng bộ đếm trực tiếp.",
                    field="views.counter_url",
                )
            )
        options = load_options(
            cfg,
            config_file=config_file,
            docs_dir=config.docs_dir,
            categories=categories,
            include_drafts=preview,
            indicator_parser=parse_indicators,
        )
        result = load_posts(options, reserved=RESERVED)
        news = NewsCollection.build(result.posts, result.categories)
        bodies, body_problems = prepare_bodies(news.posts)
        series = collect_series(news.posts)
        routes = news_routes(
            news,
            per_page=cfg.per_page,
            related_count=cfg.related_count,
            home_block_count=cfg.home_block_count,
            latest_count=cfg.latest_count,
        ) + (indicator_routes(series) if series else [])
        context = SiteContext(
            ward=ward(cfg, config.site_name),
            news=news,
            latest=news.latest(cfg.latest_count),
            now=options.now,
            preview=preview,
            counter_url=cfg.views.counter_url,
        )
        view_problems = attach_views(context, cfg, Path(config_file).resolve().parent, news)
        context.extras["headline_figures"] = [
            (point, present(point.indicator), indicator_url(point.indicator.id))
            for point in latest_points(series, cfg.home_figures_count)
        ]
        bulletins, bulletin_problems = BulletinBuild.start(
            cfg,
            config,
            news=news,
            series=series,
            ward=context.ward,
            posts_dir=options.posts_dir,
            root=options.root,
            scheduled=result.scheduled,
        )
        if bulletins is not None:
            routes += bulletins.routes
            context.extras["issues_by_post"] = bulletins.by_post
        return cls(
            cfg=cfg,
            result=result,
            news=news,
            routes={r.src_uri: r for r in routes},
            context=context,
            posts_dir=options.posts_dir,
            root=options.root,
            problems=problems
            + result.problems
            + body_problems
            + series_problems(series)
            + view_problems
            + bulletin_problems,
            bodies=bodies,
            has_indicators=bool(series),
            bulletins=bulletins,
        )

    def error_report(self) -> str:
        lines = [str(p) for p in self.errors]
        return f"Có {len(lines)} lỗi trong nội dung, trang chưa được dựng lại:\n" + "\n".join(lines)

    def post_file_of(self, src_uri: str) -> str | None:
        """The ``posts/…`` file an article page was made from (for messages)."""
        route = self.routes.get(src_uri)
        return route.view.post.path if route and isinstance(route.view, PostView) else None

    def watched_paths(self) -> list[Path]:
        data = self.root / self.cfg.views.data_file
        extra = self.bulletins.watched_paths() if self.bulletins else []
        return [p for p in (self.posts_dir, data) if p.exists()] + extra

    def default_nav(self, config: MkDocsConfig) -> None:
        """Without a ``nav`` in mkdocs.yml: home, the categories in order, static pages, archive."""
        if config.nav is not None:
            return
        docs = Path(config.docs_dir)
        static = sorted(
            p.relative_to(docs).as_posix()
            for p in docs.rglob("*.md")
            if p.name != "index.md" and not p.name.startswith((".", "_"))
        )
        config.nav = [
            {"Trang chủ": "index.md"},
            # Escaped: Material prints navigation titles as HTML.
            *({escape(c.name): c.url + "index.md"} for c in self.news.categories),
            *static,
            *([{"Bản tin": "ban-tin/index.md"}] if self.bulletins else []),
            *([{"Chỉ số": "chi-so/index.md"}] if self.has_indicators else []),
            {"Lưu trữ": "luu-tru/index.md"},
        ]

    def add_files(self, files: Files, config: MkDocsConfig) -> list[Problem]:
        """Add generated pages and attachments; return what was refused from docs/."""
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        refused = drop_unsafe_sources(files, root, config.docs_dir)
        for route in self.routes.values():
            existing = files.get_file_from_path(route.src_uri)
            if existing is not None:
                raise ValueError(
                    f"docs/{existing.src_uri}: trùng đường dẫn với trang do bantin tạo "
                    f"(“{route.title}”). Đổi tên hoặc xoá tệp này trong docs/."
                )
            view = route.view
            content = self.bodies[view.post.url].markdown if isinstance(view, PostView) else ""
            inclusion = InclusionLevel.INCLUDED if route.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, route.src_uri, content=content, inclusion=inclusion)
            )
        photos = self._photos(config)
        published: set[str] = set()
        for post in self.news.posts:
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
                        File.generated(
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
        photos.add_files(files, config, self.context.ward.name)
        check_output_paths(files)
        self.page_env = self._env(config, files)
        self.box_renderer = BoxRenderer(self.page_env)
        return refused

    def _photos(self, config: MkDocsConfig) -> SitePhotos:
        """Process every photo of the posts (from the cache when unchanged); bad photos are errors."""
        config_file = config.config_file_path or "mkdocs.yml"
        root = Path(config_file).resolve().parent
        self.photos = SitePhotos(self.cfg.photos, root, Path(config_file).name)
        problems = self.photos.collect(self.news.posts)
        if problems:
            self.problems += problems
            raise ValueError(self.error_report())
        return self.photos

    def page_markdown(self, markdown: str, page: Page) -> str:
        route = self.routes.get(page.file.src_uri)
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

    def page_content(self, page: Page, html: str) -> str:
        """Sanitise an article's body and keep its first paragraph as its lead."""
        route = self.routes.get(page.file.src_uri)
        if route is None or not isinstance(route.view, PostView):
            return html
        post = route.view.post
        html = clean_pasted_html(sanitize_html(html))
        self.context.leads[post.url] = first_paragraph_text(html)
        if self.photos is not None and self.page_env is not None:
            html = self.photos.rewrite(html, post, page, self.page_env)
        if self.box_renderer is not None:
            html, self.boxes[post.url] = self.box_renderer.place(
                html, self.bodies[post.url], post, page.url
            )
        self.post_html[post.url] = html
        return html

    def _env(self, config: MkDocsConfig, files: Files) -> Environment:
        """A theme environment for drawing boxes while pages render (before ``on_env``)."""
        env = config.theme.get_env()
        self.prepare_env(env, config, files, generate=False)
        return env

    def prepare_env(
        self, env: Environment, config: MkDocsConfig, files: Files, *, generate: bool = True
    ) -> None:
        own = own_templates(config)
        env.autoescape = lambda name: name is not None and name in own
        env.filters.update(FILTERS)
        env.globals["bantin"] = self.context
        env.globals["bantin_photos"] = self.photos
        env.globals["bantin_fragments"] = self.fragments
        env.globals["bantin_card"] = self.fragments.card
        if not generate:
            return
        self.env = env
        generated = [
            *redirect_files(env, config, self.news.posts),
            *feed_files(
                env, config, self.news, self.context.lead, self.cfg.feed_count, self.context.now
            ),
        ]
        for file in generated:
            files.append(file)
        check_output_paths(files)

    def page_context(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        route = self.routes.get(page.file.src_uri)
        if route is not None:
            context["view"] = route.view
            if isinstance(route.view, PostView):
                context["box_html"] = self.boxes.get(route.view.post.url, "")
            elif isinstance(route.view, BulletinView) and self.bulletins is not None:
                self.bulletins.page_context(
                    context, page, route.view, self.post_html, self.boxes, self.context.leads
                )
                if self.env is not None:
                    self.bulletins.remember_pdf_html(self.env, page, context)
        return context


def attach_views(
    context: SiteContext, cfg: BantinConfig, root: Path, news: NewsCollection
) -> list[Problem]:
    """Views per post (carried over + imported), the most read list and the statistics box.

    A corrupt data file is an error, never a silent restart from zero.
    """
    try:
        counts = ViewCounts.load(root / cfg.views.data_file)
    except ViewsDataError as exc:
        return exc.problems
    context.view_count = counts.total_for
    context.most_read = [post for post, _ in counts.most_read(news.posts, cfg.most_read_count)]
    context.stats = counts.site_stats(context.now, carried=sum(p.views for p in news.posts))
    return []
