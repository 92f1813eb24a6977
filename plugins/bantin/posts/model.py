"""The news model: plain frozen data classes, free of any site engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Category:
    """A chuyên mục declared by the site."""

    name: str
    slug: str
    description: str = ""
    order: int = 0

    @property
    def url(self) -> str:
        return f"chuyen-muc/{self.slug}/"


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str

    @property
    def url(self) -> str:
        return f"the/{self.slug}/"


@dataclass(frozen=True)
class Image:
    """A cover photo: where it is on disk and where it is published."""

    source: Path
    url: str
    caption: str = ""


@dataclass(frozen=True)
class Post:
    """One article, validated.

    ``url`` is relative to the site root (``2020/10/13/slug/``) and depends
    only on the date and slug, so recategorising never breaks a shared link.
    """

    path: str
    title: str
    date: datetime
    category: Category
    slug: str
    url: str
    body: str
    body_line: int = 1
    tags: tuple[Tag, ...] = ()
    author: str = ""
    source: str = ""
    summary: str = ""
    image: Image | None = None
    views: int = 0
    draft: bool = False
    pinned: bool = False
    unit: str = ""
    aliases: tuple[str, ...] = ()
    indicators: tuple[Any, ...] = ()
    attachments: tuple[Any, ...] = ()
    has_time: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def output_path(self) -> str:
        return self.url + "index.html"

    @property
    def key(self) -> tuple[datetime, str]:
        """Newest-first ordering key that is stable for equal dates."""
        return (self.date, self.url)
