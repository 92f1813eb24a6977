"""Grouping published posts into what a news site shows: pure functions, no engine.

Everything is computed once per build in O(number of posts); what a single
page needs afterwards (its neighbours, related posts, a listing slice) is a
look-up, so no per-page work grows with the archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..core.dates import to_vietnam
from .model import Category, Post, Tag


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing."""

    number: int
    total: int
    url: str
    posts: tuple[Post, ...]
    first_url: str
    previous_url: str | None = None
    next_url: str | None = None
    page_urls: tuple[str, ...] = ()

    def window(self, radius: int = 2) -> list[tuple[int, str] | None]:
        """Page links to show: first, last and a few around this one; ``None`` marks a gap.

        Bounded in size, so a category with a thousand pages costs each page the same.
        """
        shown = {1, self.total, *range(self.number - radius, self.number + radius + 1)}
        result: list[tuple[int, str] | None] = []
        previous = 0
        for n in sorted(x for x in shown if 1 <= x <= self.total):
            if n > previous + 1:
                result.append(None)
            result.append((n, self.page_urls[n - 1]))
            previous = n
        return result


@dataclass(frozen=True)
class Listing:
    """A list of posts with a title: a category, a tag, a year or a month."""

    kind: str
    key: str
    title: str
    url: str
    posts: tuple[Post, ...]
    description: str = ""
    date: datetime | None = None

    def pages(self, per_page: int) -> list[Pager]:
        return paginate(self.posts, per_page, self.url)


def page_url(base_url: str, number: int) -> str:
    return base_url if number == 1 else f"{base_url}trang/{number}/"


def paginate(posts: Sequence[Post], per_page: int, base_url: str) -> list[Pager]:
    """Split posts into pages ``base/``, ``base/trang/2/``…; an empty listing still has page 1."""
    per_page = max(1, per_page)
    total = max(1, -(-len(posts) // per_page))
    urls = tuple(page_url(base_url, n) for n in range(1, total + 1))
    return [
        Pager(
            number=n,
            total=total,
            url=urls[n - 1],
            posts=tuple(posts[(n - 1) * per_page : n * per_page]),
            first_url=urls[0],
            previous_url=urls[n - 2] if n > 1 else None,
            next_url=urls[n] if n < total else None,
            page_urls=urls,
        )
        for n in range(1, total + 1)
    ]


@dataclass
class NewsCollection:
    """All published posts of a build, grouped once."""

    posts: list[Post]
    categories: list[Category]
    by_category: dict[str, list[Post]] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    by_tag: dict[str, list[Post]] = field(default_factory=dict)
    by_year: dict[int, list[Post]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], list[Post]] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, posts: Sequence[Post], categories: Sequence[Category]) -> NewsCollection:
        """Group posts (given newest first) by category, tag, year and month."""
        ordered = sorted(posts, key=lambda p: p.key, reverse=True)
        by_category: dict[str, list[Post]] = {c.slug: [] for c in categories}
        tags: dict[str, Tag] = {}
        by_tag: dict[str, list[Post]] = defaultdict(list)
        by_year: dict[int, list[Post]] = defaultdict(list)
        by_month: dict[tuple[int, int], list[Post]] = defaultdict(list)
        for post in ordered:
            by_category.setdefault(post.category.slug, []).append(post)
            for tag in post.tags:
                tags.setdefault(tag.slug, tag)
                by_tag[tag.slug].append(post)
            local = to_vietnam(post.date)
            by_year[local.year].append(post)
            by_month[(local.year, local.month)].append(post)
        return cls(
            posts=ordered,
            categories=sorted(categories, key=lambda c: c.order),
            by_category=by_category,
            tags=dict(sorted(tags.items())),
            by_tag=dict(by_tag),
            by_year=dict(sorted(by_year.items(), reverse=True)),
            by_month=dict(sorted(by_month.items(), reverse=True)),
            _index={p.url: i for i, p in enumerate(ordered)},
        )

    def latest(self, count: int) -> list[Post]:
        return self.posts[:count]

    def pinned(self) -> list[Post]:
        return [p for p in self.posts if p.pinned]

    def in_category(self, category: Category) -> list[Post]:
        return self.by_category.get(category.slug, [])

    def related(self, post: Post, count: int) -> list[Post]:
        """Latest posts of the same category, the post itself left out."""
        result: list[Post] = []
        for other in self.by_category.get(post.category.slug, []):
            if other.url != post.url:
                result.append(other)
                if len(result) == count:
                    break
        return result

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """(older, newer) article around this one, in publication order."""
        index = self._index.get(post.url)
        if index is None:
            return None, None
        newer = self.posts[index - 1] if index > 0 else None
        older = self.posts[index + 1] if index + 1 < len(self.posts) else None
        return older, newer
