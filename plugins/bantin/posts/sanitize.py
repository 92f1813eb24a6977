"""The raw-HTML policy for post bodies.

Staff write Markdown; some paste HTML from Word or an old portal. The rendered
body keeps the tags of ordinary articles (text, lists, tables, images, links,
figures, headings) and drops everything else: ``<script>``, ``<style>``,
``<iframe>``, forms, event handlers (``onclick``…), inline ``style`` and
``javascript:``/``data:`` URLs. Sanitising uses nh3 (the Rust ``ammonia``
sanitizer), not hand-written filtering.
"""

from __future__ import annotations

import nh3

from ..core.text import strip_forbidden

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
# Tags removed together with their content, never just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "textarea",
        "select",
        "svg",
        "math",
    }
)
_COMMON = {"id", "class", "title", "lang", "dir"}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href", "hreflang"},
    "img": _COMMON | {"src", "alt", "width", "height", "loading", "decoding"},
    "td": _COMMON | {"colspan", "rowspan", "align"},
    "th": _COMMON | {"colspan", "rowspan", "align", "scope"},
    "col": _COMMON | {"span"},
    "ol": _COMMON | {"start", "reversed", "type"},
    "time": _COMMON | {"datetime"},
    "span": _COMMON | {"data-indicator"},
    "blockquote": _COMMON | {"cite"},
    "details": _COMMON | {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Ids the page itself relies on: Material's (``__config``, ``__drawer``, ``__search``…
# and ``md-*``) and bantin's (``bt-*``). A post body that took one of them would
# come first in the document and win ``getElementById``: ``<p id="__config">``
# would stop (or, holding JSON, reconfigure) every theme script on the page.
RESERVED_ID_PREFIXES = ("__", "md-", "md_", "bt-", "bantin")


def is_reserved_id(value: str) -> bool:
    """Whether an ``id`` belongs to the theme or bantin (compared as browsers do: exactly,
    after trimming the white space HTML attribute parsing keeps)."""
    return value.strip().lower().startswith(RESERVED_ID_PREFIXES)


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and is_reserved_id(value):
        return None
    return value


def sanitize_html(html: str) -> str:
    """Clean a post body's rendered HTML according to the policy above."""
    # The sanitiser turns character references into characters: "&#1;" comes out
    # as U+0001, which no feed, sitemap or meta description may carry.
    return strip_forbidden(_clean(html))


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener",
        strip_comments=True,
    )
