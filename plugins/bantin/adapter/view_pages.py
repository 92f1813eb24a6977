"""Pages drawn from the news model alone: no Markdown converter started for nothing.

A listing, the home page, an archive month, an indicator's page, a bulletin issue
have no Markdown of their own: their template draws them from the model. MkDocs
still starts a whole ``markdown.Markdown`` (every extension registered) for each
page to convert the empty text, about a fifth of a millisecond a page, ten
thousand times at 10,000 posts. :class:`ViewPage` gives the page what that
conversion gives for empty text, without it.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

# MkDocs keeps a page's links to anchors only when its own logger is quieter than DEBUG.
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


class ViewPage(Page):
    """A page of bantin's with no Markdown; one that gets some (from another plugin) is converted."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        # What Page.render leaves for empty text: markdown.Markdown.convert returns ""
        # before any extension runs.
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}


def as_view_page(page: Page) -> None:
    """Make MkDocs' page of a model view a :class:`ViewPage`.

    MkDocs makes the page objects when it makes the navigation (which gives them
    their titles), so the page's class is changed there rather than the page made
    anew; a page some other plugin made of its own class is left alone.
    """
    if type(page) is Page:
        page.__class__ = ViewPage
