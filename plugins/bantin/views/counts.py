"""What templates need from the data file: views per page, most read, site statistics.

Only the views imported from access logs are here. A post's front-matter
``views`` (carried over from the old portal) are added by the caller, or by
:meth:`ViewCounts.total_for` and :meth:`ViewCounts.most_read` which read
``post.views`` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ..core.dates import VIETNAM
from . import store
from .paths import normalize_page_url

P = TypeVar("P")


class SiteStats(NamedTuple):
    """The "Thống kê truy cập" box: views of the whole site."""

    total: int
    this_year: int
    this_month: int


class ViewCounts:
    """Imported views, looked up by page URL."""

    def __init__(
        self, pages: Mapping[str, int] | None = None, days: Mapping[str, int] | None = None
    ) -> None:
        self._pages = dict(pages or {})
        self._days = dict(days or {})
        # Page URL as asked -> count: every page of a build prints the same few
        # posts' views (latest, most read), so each URL is normalised only once.
        self._resolved: dict[str, int] = {}

    @classmethod
    def load(cls, path: str | Path) -> ViewCounts:
        """Counts from the data file; empty when there is none yet.

        Raises :class:`~bantin.views.store.ViewsDataError` (a ``ContentError``
        with a Vietnamese problem naming the file) when it is corrupt.
        """
        data = store.load(path)
        return cls(data.pages, data.days)

    def __bool__(self) -> bool:
        return bool(self._pages)

    def for_page(self, url: str) -> int:
        """Imported views of the page at ``url`` (``2020/10/13/slug/``, ``/…/index.html``, ``""`` for home)."""
        found = self._resolved.get(url)
        if found is None:
            found = self._pages.get(url)
            if found is None:
                found = self._pages.get(normalize_page_url(url), 0)
            self._resolved[url] = found
        return found

    def total_for(self, post: Any) -> int:
        """Imported views of a post plus the ``views`` its front matter carries."""
        return self.for_page(post.url) + int(getattr(post, "views", 0) or 0)

    def most_read(
        self, posts: Iterable[P], limit: int = 5, *, carried: bool = True
    ) -> list[tuple[P, int]]:
        """The ``limit`` posts with the most views, most first, as ``(post, views)``.

        ``carried`` adds each post's front-matter ``views``. Ties go to the
        newer post (``post.date``), then to the URL, so the list is stable
        from one build to the next. Posts without any view are left out.
        """
        scored = []
        for post in posts:
            url = post.url  # type: ignore[attr-defined]
            views = self.total_for(post) if carried else self.for_page(url)
            if views > 0:
                scored.append((post, views))
        scored.sort(key=lambda item: item[0].url)  # type: ignore[attr-defined]
        scored.sort(
            key=lambda item: getattr(item[0], "date", None) or datetime.min.replace(tzinfo=VIETNAM),
            reverse=True,
        )
        scored.sort(key=lambda item: item[1], reverse=True)
        return scored[:limit]

    def site_stats(self, today: date | datetime, carried: int = 0) -> SiteStats:
        """Total views, views this year and this month, for the day ``today`` (Vietnam time).

        ``carried`` (for example the sum of the posts' front-matter ``views``)
        is added to the total only: its dates are unknown.
        """
        if isinstance(today, datetime):
            today = today.astimezone(VIETNAM).date() if today.tzinfo else today.date()
        year, month = f"{today.year:04d}-", f"{today.year:04d}-{today.month:02d}-"
        total = this_year = this_month = 0
        for day, views in self._days.items():
            total += views
            if day.startswith(year):
                this_year += views
                if day.startswith(month):
                    this_month += views
        return SiteStats(total + carried, this_year, this_month)
