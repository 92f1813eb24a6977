"""What a feed says, as plain data; the XML itself is the template ``feeds/rss.xml``.

Feed readers render an item's title, description and author as HTML. So every
text field is HTML-escaped here, and the template XML-escapes it once more:
after XML decoding a reader sees ``&lt;script&gt;``, text, never a tag. Characters
XML 1.0 forbids are removed first, so the feed stays well-formed.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urljoin

from ..core.text import clean_line
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


def feed_text(value: str) -> str:
    """Text as the HTML a feed reader will render: forbidden characters out, markup escaped."""
    return html.escape(clean_line(value), quote=False)


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
            title=feed_text(post.title),
            link=urljoin(base, post.url),
            guid=urljoin(base, post.url),
            description=feed_text(lead(post)),
            category=feed_text(post.category.name),
            author=feed_text(post.author),
            published=rfc822(post.date),
        )
        for post in chosen
    )
    updated = rfc822(chosen[0].date if chosen else now)
    return Feed(
        path=path,
        title=feed_text(title),
        link=base or "./",
        description=feed_text(description),
        self_link=urljoin(base, path),
        updated=updated,
        items=items,
    )
