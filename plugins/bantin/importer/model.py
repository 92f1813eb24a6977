"""What the importer finds in one source file, before it is written as a post."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ImportFailure(Exception):
    """A file that cannot be imported; ``message`` is Vietnamese and says what to do."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        super().__init__(f"{name}: {message}")


@dataclass(frozen=True)
class Block:
    """One piece of an article body, in reading order.

    ``kind`` is ``paragraph``, ``line`` (plain text of a text page, not yet Markdown), ``heading`` (``level``), ``list`` (``items``,
    ``ordered``), ``table`` (``rows``, the first one the header), ``image``
    (``source`` inside the page or document, ``text`` the caption) or
    ``caption`` (the caption of a photo the saved page no longer has).
    Inline text is Markdown already (``**bold**``, ``*italic*``).
    """

    kind: str
    text: str = ""
    level: int = 0
    ordered: bool = False
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Photo:
    """A photo to write beside the post: its bytes and the file name chosen for it."""

    name: str
    data: bytes
    caption: str = ""


@dataclass(frozen=True)
class ProposedIndicator:
    """An ``indicators`` entry read from a sentence of the article, for staff to review."""

    label: str
    value: str
    unit: str = ""
    of: str | None = None
    percent: str | None = None
    parts: tuple[tuple[str, str], ...] = ()
    quote: str = ""


@dataclass(frozen=True)
class Article:
    """Everything found in one source file.

    ``todo`` maps a front-matter field to the reason it could not be
    determined; ``notes`` are what the per-file report says besides.
    """

    title: str = ""
    date: datetime | None = None
    has_time: bool = False
    category: str = ""
    author: str = ""
    source: str = ""
    unit: str = ""
    views: int | None = None
    url: str = ""
    image_caption: str = ""
    blocks: tuple[Block, ...] = ()
    photos: tuple[Photo, ...] = ()
    todo: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
