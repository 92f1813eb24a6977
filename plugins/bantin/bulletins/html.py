"""Moving an article's HTML into an issue page: links, headings and anchors.

An article's rendered body has links relative to its own page
(``anh/photo.jpg``); inside ``ban-tin/2020-10/`` they must point to the same
files. Headings go one level down (the article title is the issue's ``h2``)
and ids get the article's prefix so two articles never share an anchor.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

import markdown

from ..posts.sanitize import sanitize_html


def _attribute(name: str) -> re.Pattern[str]:
    """``name="…"``. One pattern per name, starting with its literal text: the regex
    engine then jumps from one candidate to the next, where a ``\\b(?:src|href)``
    pattern is tried at every character (ten times slower on an article)."""
    return re.compile(rf'(?P<name>{name})="(?P<value>[^"]*)"')


_LINKS = tuple(_attribute(name) for name in ("src", "href", "data-original"))
_SRCSET = _attribute("srcset")
_ID = _attribute("id")
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#)")


def relative(target: str, page_url: str) -> str:
    """``target`` (relative to the site root) as a link from the page at ``page_url``."""
    base = page_url or "."
    result = posixpath.relpath(target or ".", base)
    return result + "/" if target.endswith("/") and not result.endswith("/") else result


def rebase(html: str, from_url: str, to_url: str, anchor_prefix: str = "") -> str:
    """Re-point relative ``src``/``href``/``srcset`` from the page ``from_url`` to the page ``to_url``."""

    def moved(value: str) -> str:
        if not value or _EXTERNAL.match(value):
            if value.startswith("#") and anchor_prefix:
                return f"#{anchor_prefix}{value[1:]}"
            return value
        path, hash_sign, fragment = value.partition("#")
        target = posixpath.normpath(posixpath.join(from_url or ".", path))
        if path.endswith("/") or not path:
            target += "/"
        return f"{relative(target, to_url)}{hash_sign}{fragment}"

    def move_set(match: re.Match[str]) -> str:
        items = []
        for item in match["value"].split(","):
            url, _, size = item.strip().partition(" ")
            items.append(moved(url) + (f" {size}" if size else ""))
        return f'srcset="{", ".join(items)}"'

    for pattern in _LINKS:
        html = _sub_whole(pattern, lambda m: f'{m["name"]}="{moved(m["value"])}"', html)
    html = _sub_whole(_SRCSET, move_set, html)
    if anchor_prefix:
        html = _sub_whole(_ID, lambda m: f'id="{anchor_prefix}{m["value"]}"', html)
    return html


def _sub_whole(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], html: str) -> str:
    """``pattern.sub`` where the attribute's name starts a word, as ``\\b`` would say (``xsrc`` is not ``src``)."""

    def whole(match: re.Match[str]) -> str:
        start = match.start()
        before = html[start - 1] if start else " "
        return match[0] if before.isalnum() or before == "_" else replace(match)

    return pattern.sub(whole, html)


def demote_headings(html: str, levels: int = 1) -> str:
    """``<h2>`` becomes ``<h3>`` and so on (``h6`` stays ``h6``)."""
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + levels)}", html)


def editorial_html(text: str) -> str:
    """The editor's "Lời ngỏ" (Markdown) as sanitised HTML; its headings start at ``h3``."""
    if not text.strip():
        return ""
    rendered = markdown.markdown(text, extensions=["attr_list", "tables", "sane_lists"])
    return demote_headings(sanitize_html(rendered), 1)
