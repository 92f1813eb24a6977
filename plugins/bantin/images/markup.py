"""Find the photos in an article's sanitised HTML and hand them to a renderer.

The body has been through the sanitiser (nh3) first, so its tags are
well-formed and every attribute value is double-quoted and escaped: simple
patterns read it reliably. Nothing here draws markup; the adapter renders a
template for each photo.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import unquote

T = TypeVar("T")

_TOKEN = re.compile(r"<img\b[^>]*>|<a\b[^>]*>|</a\s*>", re.I)
_ATTR = re.compile(r'([a-zA-Z_:][-\w:.]*)(?:\s*=\s*"([^"]*)")?')
_HREF = re.compile(r'(\bhref=")([^"]*)(")', re.I)


@dataclass(frozen=True)
class BodyImage(Generic[T]):
    """An ``<img>`` of the body that points at a processed photo."""

    photo: T
    alt: str
    title: str
    index: int  # 0 for the body's first photo
    in_link: bool  # already inside <a>: no lightbox link around it
    attrs: dict[str, str]


def attributes(tag: str) -> dict[str, str]:
    """The attributes of one tag, unescaped."""
    inner = tag[1:].rstrip(">").rstrip("/")
    inner = inner.split(None, 1)[1] if " " in inner.strip() else ""
    return {m.group(1).lower(): htmllib.unescape(m.group(2) or "") for m in _ATTR.finditer(inner)}


def reference(url: str) -> str:
    """A body URL as a file reference: entities and %-escapes undone, no query or fragment."""
    return unquote(htmllib.unescape(url).split("#", 1)[0].split("?", 1)[0])


def rewrite_photos(
    html: str,
    resolve: Callable[[str], T | None],
    draw: Callable[[BodyImage[T]], str],
    link: Callable[[T], str],
) -> str:
    """Replace each photo ``<img>`` with ``draw(...)`` and point plain links at ``link(photo)``.

    ``resolve`` maps a body reference (``anh/tiep-dan.jpg``) to a photo, or
    ``None`` for anything that is not one of the post's processed photos.
    """
    out: list[str] = []
    last = 0
    depth = 0
    index = 0
    for match in _TOKEN.finditer(html):
        tag = match.group(0)
        lower = tag[:4].lower()
        replacement = tag
        if lower.startswith("</a"):
            depth = max(0, depth - 1)
        elif lower.startswith("<a"):
            depth += 1
            href = _HREF.search(tag)
            photo = resolve(reference(href.group(2))) if href else None
            if href and photo is not None:
                target = htmllib.escape(link(photo), quote=True)
                replacement = tag[: href.start(2)] + target + tag[href.end(2) :]
        else:
            attrs = attributes(tag)
            photo = resolve(reference(attrs.get("src", "")))
            if photo is not None:
                image = BodyImage(
                    photo, attrs.get("alt", ""), attrs.get("title", ""), index, depth > 0, attrs
                )
                replacement = draw(image)
                index += 1
        out.append(html[last : match.start()])
        out.append(replacement)
        last = match.end()
    out.append(html[last:])
    return "".join(out)
