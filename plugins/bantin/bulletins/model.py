"""A bulletin issue: plain frozen data, ready for a template or a PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..core.text import slugify
from ..posts.model import Post
from .periods import Period

LIST_URL = "ban-tin/"


@dataclass(frozen=True)
class Section:
    """Articles or notices of an issue, in reading order."""

    kind: str  # "articles" or "notices"
    title: str
    posts: tuple[Post, ...]


@dataclass(frozen=True)
class KeyFigure:
    """One indicator of the period: its box view (formatted), where it is followed, who reported it."""

    view: Any  # indicators.present.IndicatorView
    link: str  # the indicator's page, relative to the site root
    post: Post


@dataclass(frozen=True)
class Issue:
    """One bulletin: ``Bản tin phường Phúc Lợi, số 10 – tháng 10/2020``."""

    period: Period
    number: int
    name: str  # "Bản tin phường Phúc Lợi"
    sections: tuple[Section, ...]
    # Worked out when a page prints them (:attr:`figures`): making the model after
    # every save of ``bantin serve`` need not look up 120 issues' figures.
    figures_of: Callable[[], tuple[KeyFigure, ...]] = field(
        default=tuple, compare=False, repr=False
    )
    headline: str = ""  # the editor's title for this issue, if any
    editorial: str = ""  # Markdown of the "Lời ngỏ", if any
    editorial_line: int = 1
    digest: bool = False
    source: str = ""  # the editor's file (bulletins/2020-10.md), or "" when automatic
    edited: bool = False

    @cached_property
    def figures(self) -> tuple[KeyFigure, ...]:
        """The key figures of the issue's period (:func:`.figures.key_figures`)."""
        return self.figures_of()

    @property
    def key(self) -> str:
        return self.period.key

    @property
    def url(self) -> str:
        return f"{LIST_URL}{self.period.key}/"

    @property
    def number_text(self) -> str:
        """``Số 10 – tháng 10/2020``."""
        return f"Số {self.number} – {self.period.label}"

    @property
    def number_label(self) -> str:
        """``số 10 – tháng 10/2020``, as it follows the bulletin's name."""
        return f"số {self.number} – {self.period.label}"

    @property
    def title(self) -> str:
        """``Bản tin phường Phúc Lợi, số 10 – tháng 10/2020``."""
        return f"{self.name}, {self.number_label}"

    @property
    def posts(self) -> tuple[Post, ...]:
        return tuple(post for section in self.sections for post in section.posts)

    @property
    def cover(self) -> Post | None:
        """The first article with a photo: the issue's cover picture."""
        return next((post for post in self.posts if post.image is not None), None)

    @property
    def pdf_name(self) -> str:
        return f"{slugify(f'{self.name} số {self.number} {self.period.year}')}.pdf"

    @property
    def pdf_url(self) -> str:
        return self.url + self.pdf_name
