"""What every template sees as ``bantin``: the ward, categories, latest news, figures.

Made once per build by :class:`bantin.news.model.NewsModel`; templates only
read from it. The one thing learned while pages render is each article's
lead (its first paragraph, known once MkDocs has converted its Markdown):
:class:`Leads` records it, and the listings and feeds that render afterwards
read it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..core import vnformat
from ..core.text import clean_line
from ..posts.collection import NewsCollection
from ..posts.model import Category, Post
from .settings import Ward

_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def first_paragraph_text(content_html: str, limit: int = 300) -> str:
    """Plain text of the first paragraph of rendered HTML, for cards and descriptions."""
    match = _FIRST_PARAGRAPH.search(content_html)
    if not match:
        return ""
    text = clean_line(html.unescape(_TAGS.sub("", match.group(1))))
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


class Leads:
    """Each article's first paragraph as plain text, recorded as its page renders.

    The only state that grows after the news model is made: written once per
    article (``record``), read by cards, listings and feeds (``get``).
    """

    def __init__(self) -> None:
        self._text: dict[str, str] = {}

    def record(self, post: Post, content_html: str) -> None:
        self._text[post.url] = first_paragraph_text(content_html)

    def put(self, post: Post, text: str) -> None:
        """A lead known from before (``bantin serve`` keeps them between its builds)."""
        self._text[post.url] = text

    def get(self, post: Post) -> str:
        return self._text.get(post.url, "")


def _carried_views(post: Post) -> int:
    return post.views


@dataclass(frozen=True)
class SiteContext:
    """The ``bantin`` template global."""

    ward: Ward
    news: NewsCollection
    latest: list[Post]
    now: datetime
    preview: bool = False
    leads: Leads = field(default_factory=Leads)
    view_count: Callable[[Post], int] = _carried_views
    most_read: list[Post] = field(default_factory=list)
    stats: Any = None
    # Named blocks of data for templates (``headline_figures`` on the home page).
    extras: Mapping[str, Any] = field(default_factory=dict)
    counter_url: str = ""

    @property
    def categories(self) -> list[Category]:
        return self.news.categories

    def lead(self, post: Post) -> str:
        """The sapo: the post's summary, else its first paragraph."""
        return post.summary or self.leads.get(post)

    def views(self, post: Post) -> int:
        return self.view_count(post)

    def category_count(self, category: Category) -> int:
        return len(self.news.in_category(category))


def posted(post: Post) -> str:
    """``13/10/2020 | 09:17``, or just the date when the post gave no time."""
    if post.has_time:
        return vnformat.format_datetime(post.date)
    return vnformat.format_date(post.date)


FILTERS: dict[str, Callable[..., str]] = {
    "vn_posted": posted,
    "vn_date": vnformat.format_date,
    "vn_time": vnformat.format_time,
    "vn_datetime": vnformat.format_datetime,
    "vn_integer": vnformat.format_integer,
    "vn_number": vnformat.format_number,
    "vn_percent": vnformat.format_percent,
    "vn_month_year": vnformat.format_month_year,
    "vn_month_numeric": vnformat.format_month_numeric,
    "vn_long_date": vnformat.format_long_date,
}
