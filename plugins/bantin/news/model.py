"""The news model of one build: made once from the settings, read-only afterwards.

How a page is produced from a route
-----------------------------------
1. :meth:`NewsModel.build` loads every post (``posts/loader.py``), groups them
   (``posts/collection.py``), expands indicator markers in the bodies
   (``news/bodies.py``), follows indicators across posts
   (``indicators/series.py``), reads the view counts (``views/``) and lists
   every page the site has as a :class:`~bantin.news.routes.Route`
   (``news/routes.py``): a source URI such as ``2020/10/13/slug/index.md``,
   the template that draws it (``post.html``) and the view object that
   template receives (``PostView``).
2. The MkDocs adapter (``adapter/pages.py``) adds one generated MkDocs file
   per route; an article's file holds :meth:`NewsModel.body`'s Markdown, a
   listing's is empty.
3. MkDocs converts the Markdown; the adapter sanitises an article's HTML,
   records its lead (``site.leads``) and puts its indicator box in.
4. MkDocs renders the route's template with MkDocs' own Jinja environment;
   the template reads ``view`` (the route's view object) and the ``bantin``
   global (:attr:`NewsModel.site`).

Nothing here changes after :meth:`build` returns, except ``site.leads``
(each article's first paragraph, known only once its Markdown is converted).
A cache or an incremental preview can keep a model and compare
:attr:`NewsModel.routes` between builds: a route's page depends only on its
view object, the ``bantin`` global and the templates.

This module knows nothing of MkDocs or Jinja.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from ..bulletins.assemble import build_issues
from ..bulletins.model import Issue
from ..bulletins.routes import bulletin_routes, issues_by_post
from ..core.errors import HasProblems, Problem
from ..indicators.parse import parse_indicators
from ..indicators.present import present
from ..indicators.series import IndicatorSeries, collect_series, latest_points, series_problems
from ..posts.cache import ParsedPosts
from ..posts.collection import NewsCollection
from ..posts.loader import LoadResult, load_posts
from ..posts.model import Post
from ..views.counts import ViewCounts
from ..views.store import ViewsDataError
from .bodies import PostBody, prepare_bodies
from .context import SiteContext
from .routes import RESERVED, PostView, Route, indicator_routes, indicator_url, news_routes
from .settings import Settings, build_now


@dataclass(frozen=True)
class NewsModel(HasProblems):
    """Everything one build (or one preview rebuild) knows about the news site."""

    settings: Settings
    preview: bool
    loaded: LoadResult
    news: NewsCollection
    bodies: Mapping[str, PostBody]  # by post URL
    series: tuple[IndicatorSeries, ...]
    issues: tuple[Issue, ...]  # bulletins (bản tin), when enabled
    notes: tuple[str, ...]  # for the build log: issues held back until a scheduled post is out
    routes: Mapping[str, Route]  # by source URI, home first
    site: SiteContext  # the ``bantin`` template global
    problems: tuple[Problem, ...]

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        preview: bool,
        now: datetime | None = None,
        parsed: ParsedPosts | None = None,
        split: Callable[[int], bool] | None = None,
    ) -> NewsModel:
        """Load, check and group every post; ``preview`` (``mkdocs serve``) includes drafts.

        ``parsed``: post files parsed by earlier builds (``bantin serve``);
        ``split(count)``: whether ``count`` post files are worth reading in two processes.
        """
        options = settings.load_options(
            include_drafts=preview,
            now=now or build_now(),
            indicator_parser=parse_indicators,
            parsed=parsed,
            split=split,
        )
        loaded = load_posts(options, reserved=RESERVED)
        news = NewsCollection.build(loaded.posts, loaded.categories)
        bodies, body_problems = prepare_bodies(
            news.posts, parsed.memo("bodies") if parsed is not None else None
        )
        series = collect_series(news.posts, parsed.memo("series") if parsed is not None else None)
        routes = news_routes(
            news,
            per_page=settings.per_page,
            related_count=settings.related_count,
            home_block_count=settings.home_block_count,
            latest_count=settings.latest_count,
        ) + (indicator_routes(series) if series else [])
        issues: list[Issue] = []
        issue_problems: list[Problem] = []
        notes: list[str] = []
        if settings.bulletins is not None:
            issues, issue_problems, notes = build_issues(
                news.posts,
                news.categories,
                settings.bulletins,
                ward_name=settings.ward.name,
                posts_dir=settings.posts_dir,
                root=settings.root,
                series=series,
                scheduled=loaded.scheduled,
            )
            routes += bulletin_routes(issues, pdf=settings.bulletins.pdf)
        counts, views_problems = _view_counts(settings)
        site = SiteContext(
            ward=settings.ward,
            news=news,
            latest=news.latest(settings.latest_count),
            now=options.now,
            preview=preview,
            counter_url=settings.views.counter_url,
            view_count=counts.total_for,
            most_read=[]
            if views_problems
            else [post for post, _ in counts.most_read(news.posts, settings.most_read_count)],
            stats=None
            if views_problems
            else counts.site_stats(options.now, carried=sum(p.views for p in news.posts)),
            extras={
                "headline_figures": [
                    (point, present(point.indicator), indicator_url(point.indicator.id))
                    for point in latest_points(series, settings.home_figures_count)
                ],
                **({"issues_by_post": issues_by_post(issues)} if settings.bulletins else {}),
            },
        )
        if parsed is not None:
            parsed.next_round()
        return cls(
            settings=settings,
            preview=preview,
            loaded=loaded,
            news=news,
            bodies=MappingProxyType(bodies),
            series=tuple(series),
            issues=tuple(issues),
            notes=tuple(notes),
            routes=MappingProxyType({r.src_uri: r for r in routes}),
            site=site,
            problems=(
                *settings.problems,
                *loaded.problems,
                *body_problems,
                *series_problems(series),
                *views_problems,
                *issue_problems,
            ),
        )

    @property
    def has_indicators(self) -> bool:
        return bool(self.series)

    def route(self, src_uri: str) -> Route | None:
        """The generated page with this source URI, if bantin makes it."""
        return self.routes.get(src_uri)

    def body(self, post: Post) -> PostBody:
        return self.bodies[post.url]

    def page_urls(self) -> list[str]:
        """The URL of every generated page (``""`` for the home page)."""
        return [uri.removesuffix("index.md") for uri in self.routes]

    def post_file_of(self, src_uri: str) -> str | None:
        """The ``posts/…`` file an article page was made from (for messages)."""
        route = self.routes.get(src_uri)
        return route.view.post.path if route and isinstance(route.view, PostView) else None

    def watched_paths(self) -> list[Path]:
        """What the preview server watches besides ``docs/``: the posts and the view data."""
        bulletins = self.settings.bulletins
        wanted = [
            self.settings.posts_dir,
            self.settings.views.data_file,
            *([bulletins.folder] if bulletins is not None else []),
        ]
        return [p for p in wanted if p.exists()]

    def error_report(self) -> str:
        return error_report(self.errors)


def error_report(errors: Sequence[Problem]) -> str:
    """The message that stops a build: every error, each on its own line."""
    lines = [str(p) for p in errors]
    return f"Có {len(lines)} lỗi trong nội dung, trang chưa được dựng lại:\n" + "\n".join(lines)


def _view_counts(settings: Settings) -> tuple[ViewCounts, list[Problem]]:
    """Views per page from the data file; a corrupt file is an error, never a silent restart from zero."""
    try:
        return ViewCounts.load(settings.views.data_file), []
    except ViewsDataError as exc:
        return ViewCounts(), exc.problems
