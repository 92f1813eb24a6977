"""Indicator boxes in article pages, drawn with MkDocs' own Jinja environment.

Where a box goes was decided when the news model was made
(:mod:`bantin.news.bodies`); the box is put in after the body has been
sanitised, because the sanitiser would strip the box's own markup (bars,
labels), and the box holds only escaped text from a template.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.utils import get_relative_url

from ..indicators.present import present
from ..news.bodies import BOX_SLOT, PostBody
from ..news.routes import indicator_url
from ..posts.model import Post


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
