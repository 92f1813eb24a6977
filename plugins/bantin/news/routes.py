"""Which pages a news site has: every generated page as a plain route.

A route names the source URI the page pretends to have, the template that
draws it and the view object the template receives. Pure: no engine here, so
another site engine can reuse the same routes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from ..core import vnformat
from ..core.dates import VIETNAM
from ..indicators.chart import Chart, build_charts
from ..indicators.measure import TableRow, table_rows
from ..indicators.present import IndicatorView, present
from ..indicators.series import IndicatorSeries
from ..posts.collection import Listing, NewsCollection, Pager
from ..posts.model import Post

HOME = "index.md"
# Output paths the site itself uses; a post slug or alias may never take them.
RESERVED = (
    "index.html",
    "search",
    "pagefind",
    "sitemap.xml",
    "sitemap.xml.gz",
    "sitemap-pages.xml",
    "404.html",
    "assets",
    "chuyen-muc",
    "the",
    "luu-tru",
    "chi-so",
    "ban-tin",
    "rss.xml",
    "feed_rss.xml",
    "feeds",
    "anh",  # processed photos (bantin.images)
    # Files a static host or web server gives meaning to: an alias taking one
    # would replace the security headers (``_headers``), add redirects, change
    # the server's rules or claim a domain.
    "_headers",
    "_redirects",
    "_routes.json",
    "_worker.js",
    "_config.yml",
    ".htaccess",
    ".htpasswd",
    ".well-known",
    ".nojekyll",
    "netlify.toml",
    "vercel.json",
    "staticwebapp.config.json",
    "web.config",
    "CNAME",
    "robots.txt",
    "favicon.ico",
    "manifest.webmanifest",
    "humans.txt",
    "security.txt",
    "crossdomain.xml",
    "sw.js",
)


@dataclass(frozen=True)
class Route:
    src_uri: str
    template: str
    title: str
    view: Any
    in_nav: bool = False


@dataclass(frozen=True)
class PostView:
    post: Post
    older: Post | None
    newer: Post | None
    news: NewsCollection = field(repr=False, compare=False)
    related_count: int = 0

    @cached_property
    def related(self) -> list[Post]:
        """Found when the page is drawn (``bantin serve`` draws only the pages opened)."""
        return self.news.related(self.post, self.related_count)


@dataclass(frozen=True)
class ListingView:
    listing: Listing
    pager: Pager


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    count: int
    url: str
    months: list[tuple[str, int, str]]


@dataclass(frozen=True)
class ArchiveView:
    years: list[ArchiveYear]


@dataclass(frozen=True)
class HomeView:
    pinned: list[Post]
    latest: list[Post]
    blocks: list[tuple[Any, list[Post]]]


def src_uri(url: str) -> str:
    return f"{url}index.md" if url else HOME


def _listing_routes(listing: Listing, per_page: int, template: str = "listing.html") -> list[Route]:
    routes = []
    for pager in listing.pages(per_page):
        title = listing.title if pager.number == 1 else f"{listing.title} - Trang {pager.number}"
        routes.append(Route(src_uri(pager.url), template, title, ListingView(listing, pager)))
    return routes


def news_routes(
    news: NewsCollection,
    *,
    per_page: int,
    related_count: int,
    home_block_count: int,
    latest_count: int,
) -> list[Route]:
    """Every page the news part of the site has, home first."""
    routes = [
        Route(
            HOME,
            "home.html",
            "Trang chủ",
            HomeView(
                pinned=news.pinned()[:3],
                latest=news.latest(latest_count),
                blocks=[(c, news.in_category(c)[:home_block_count]) for c in news.categories],
            ),
            in_nav=True,
        )
    ]
    for post in news.posts:
        older, newer = news.neighbours(post)
        routes.append(
            Route(
                src_uri(post.url),
                "post.html",
                post.title,
                PostView(post, older, newer, news, related_count),
            )
        )
    for category in news.categories:
        listing = Listing(
            "category",
            category.slug,
            category.name,
            category.url,
            tuple(news.in_category(category)),
            category.description,
        )
        first, *rest = _listing_routes(listing, per_page)
        routes.append(Route(first.src_uri, first.template, first.title, first.view, in_nav=True))
        routes.extend(rest)
    for slug, tag in news.tags.items():
        listing = Listing("tag", slug, tag.name, tag.url, tuple(news.by_tag[slug]))
        routes.extend(_listing_routes(listing, per_page))
    years = []
    for year, posts in news.by_year.items():
        start = datetime(year, 1, 1, tzinfo=VIETNAM)
        listing = Listing(
            "year", str(year), f"Năm {year}", f"luu-tru/{year}/", tuple(posts), date=start
        )
        routes.extend(_listing_routes(listing, per_page))
        months = []
        for (y, month), month_posts in news.by_month.items():
            if y != year:
                continue
            when = datetime(year, month, 1, tzinfo=VIETNAM)
            url = f"luu-tru/{year}/{month:02d}/"
            title = vnformat.format_month_year(when)
            title = title[:1].upper() + title[1:]
            months.append((vnformat.format_month_name(when), len(month_posts), url))
            routes.extend(
                _listing_routes(
                    Listing(
                        "month", f"{year}-{month:02d}", title, url, tuple(month_posts), date=when
                    ),
                    per_page,
                )
            )
        years.append(ArchiveYear(year, len(posts), f"luu-tru/{year}/", months))
    routes.append(
        Route("luu-tru/index.md", "archive.html", "Lưu trữ", ArchiveView(years), in_nav=True)
    )
    return routes


@dataclass(frozen=True)
class IndicatorIndexView:
    """The "Chỉ số" section: every indicator followed across posts, with its latest figure."""

    items: list[tuple[IndicatorSeries, IndicatorView, str]]


@dataclass(frozen=True)
class IndicatorPageView:
    """One indicator over time: chart, accessible table, the posts that report it.

    The chart and the table are worked out when the page is drawn, not when the
    model is made: at 10,000 posts they were a quarter of making the model, and
    ``bantin serve`` draws only the pages a reader opens.
    """

    series: IndicatorSeries
    latest: IndicatorView

    @cached_property
    def _charts(self) -> tuple[Chart, Chart]:
        return build_charts(self.series)

    @property
    def chart(self) -> Chart:
        return self._charts[0]

    @property
    def narrow(self) -> Chart:
        return self._charts[1]

    @cached_property
    def rows(self) -> tuple[TableRow, ...]:
        return table_rows(self.series)


def indicator_url(series_id: str) -> str:
    return f"chi-so/{series_id}/"


def indicator_routes(series: list[IndicatorSeries]) -> list[Route]:
    """``chi-so/`` and one page per indicator id (ids are slugs, so safe as paths)."""
    routes = [
        Route(
            "chi-so/index.md",
            "indicators.html",
            "Chỉ số",
            IndicatorIndexView(
                [(s, present(s.latest.indicator), indicator_url(s.id)) for s in series]
            ),
            in_nav=True,
        )
    ]
    for item in series:
        routes.append(
            Route(
                src_uri(indicator_url(item.id)),
                "indicator.html",
                item.label,
                IndicatorPageView(item, present(item.latest.indicator)),
            )
        )
    return routes
