"""What a feed says, as plain data; the XML itself is the template ``feeds/rss.xml``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urljoin

from ..posts.model import Post


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    guid: str
    description: str
    category: str
    author: str
    published: str


@dataclass(frozen=True)
class Feed:
    path: str
    title: str
    link: str
    description: str
    self_link: str
    updated: str
    items: tuple[FeedItem, ...]


def rfc822(value: datetime) -> str:
    """RSS wants RFC 822 dates (a machine format, not shown to readers)."""
    return format_datetime(value)


def build_feed(
    *,
    path: str,
    title: str,
    description: str,
    site_url: str,
    posts: Sequence[Post],
    lead: Callable[[Post], str],
    count: int,
    now: datetime,
) -> Feed:
    """The ``count`` newest posts as a feed written at ``path`` (relative to the site root)."""
    base = site_url or ""
    chosen = list(posts[:count])
    items = tuple(
        FeedItem(
            title=post.title,
            link=urljoin(base, post.url),
            guid=urljoin(base, post.url),
            description=lead(post),
            category=post.category.name,
            author=post.author,
            published=rfc822(post.date),
        )
        for post in chosen
    )
    updated = rfc822(chosen[0].date if chosen else now)
    return Feed(
        path=path,
        title=title,
        link=base or "./",
        description=description,
        self_link=urljoin(base, path),
        updated=updated,
        items=items,
    )
