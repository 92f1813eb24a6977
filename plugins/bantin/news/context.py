"""What every template sees as ``bantin``: the ward, categories, latest news, figures.

Built once per build; templates only read from it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..core import vnformat
from ..core.text import clean_line
from ..posts.collection import NewsCollection
from ..posts.model import Category, Post

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


@dataclass
class Ward:
    name: str
    agency: str
    address: str
    phone: str
    email: str
    slogan: str


@dataclass
class SiteContext:
    """The ``bantin`` template global."""

    ward: Ward
    news: NewsCollection
    latest: list[Post]
    now: datetime
    preview: bool = False
    leads: dict[str, str] = field(default_factory=dict)
    view_count: Callable[[Post], int] = lambda post: post.views
    most_read: list[Post] = field(default_factory=list)
    stats: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
    counter_url: str = ""

    @property
    def categories(self) -> list[Category]:
        return self.news.categories

    def lead(self, post: Post) -> str:
        """The sapo: the post's summary, else its first paragraph."""
        return post.summary or self.leads.get(post.url, "")

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
