"""Indicator boxes in article pages: where they go and how they are drawn.

The body's markers are expanded once, when posts are loaded, so that
``bantin check`` reports unknown indicator ids too. The box itself is put in
after the body has been sanitised: the sanitiser would strip the box's own
markup (bars, labels), and the box holds only escaped text from a template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import Environment
from mkdocs.utils import get_relative_url

from ..core.errors import Problem
from ..indicators.inline import expand, find_placement
from ..indicators.present import present
from ..news.routes import indicator_url
from ..posts.model import Post

BOX_SLOT = '<div class="bt-box-slot"></div>'


@dataclass(frozen=True)
class PostBody:
    """A post's Markdown with markers expanded, and where its box goes."""

    markdown: str
    placement: str  # "default" (after the lead), "inline" (at the marker) or "hidden"


def prepare_bodies(posts: Iterable[Post]) -> tuple[dict[str, PostBody], list[Problem]]:
    bodies: dict[str, PostBody] = {}
    problems: list[Problem] = []
    for post in posts:
        if "[[" not in post.body:
            bodies[post.url] = PostBody(post.body, "default")
            continue
        placement = find_placement(post.body)
        markdown, found = expand(post.body, post.indicators, BOX_SLOT, post.path, post.body_line)
        problems.extend(found)
        bodies[post.url] = PostBody(markdown, placement)
    return bodies, problems


class BoxRenderer:
    """Draws ``partials/indicator-box.html`` for one article."""

    def __init__(self, env: Environment) -> None:
        self.template = env.get_template("partials/indicator-box.html")

    def render(self, post: Post, page_url: str) -> str:
        if not post.indicators:
            return ""
        items = [
            (present(i), get_relative_url(indicator_url(i.id), page_url)) for i in post.indicators
        ]
        return self.template.render(post=post, items=items)

    def place(self, html: str, body: PostBody, post: Post, page_url: str) -> tuple[str, str]:
        """Return (body HTML, box HTML for the default place after the lead)."""
        if body.placement == "hidden" or not post.indicators:
            return html.replace(BOX_SLOT, ""), ""
        box = self.render(post, page_url)
        if body.placement == "inline" and BOX_SLOT in html:
            return html.replace(BOX_SLOT, box, 1), ""
        return html, box
