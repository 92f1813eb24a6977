"""Articles read by a second process while MkDocs reads the rest.

Before a page is drawn MkDocs reads it (``_populate_page``): plugin hooks,
then Markdown to HTML, then bantin's sanitiser and pasted-HTML cleaner. At
10,000 posts that is about 30 seconds on one core, with the other idle. A full
build therefore hands a share of the articles to a forked copy of itself
(:class:`~.fork.SecondProcess`), which reads them with MkDocs' own
``_populate_page``, and sends back what reading left on each page
(:func:`page_state`): the Markdown, front matter, HTML, table of contents,
title, anchors and links to anchors, and the article's lead for cards.

This is done only when bantin is the only plugin that reads pages (no other
plugin hooks ``on_pre_page``, ``on_page_read_source``, ``on_page_markdown`` or
``on_page_content``): what another plugin records elsewhere as it reads would be
lost with the child.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# MkDocs' own reading of a page: private, and the reason mkdocs is pinned below 2.
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# The events a plugin reads pages with.
READING_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
# What reading sets on a page that refers to other files (sent by their paths).
LINKS = "links_to_anchors"

# The share of the articles the child reads (see ``share``).
CHILD_SHARE = 0.47

PageState = tuple[dict[str, Any], dict[str, dict[str, str]] | None, Any]


def only_reader(plugins: PluginCollection, owner: object) -> bool:
    """Whether ``owner`` (bantin's plugin) is the only plugin that reads pages."""
    for event in READING_EVENTS:
        for method in plugins.events.get(event, []):
            if getattr(method, "__self__", None) is not owner:
                return False
    return True


def share(articles: list[File]) -> list[File]:
    """The articles the second process reads: every other one, a little under half.

    The parent reads the rest and every other page, but those are listings with
    no text (a few percent of an article's time each); the child also pickles
    what it read. Measured at 10,000 posts, this share has both finish together.
    Every other article keeps both processes on a mix of old and new posts.
    """
    return articles[::2][: round(len(articles) * CHILD_SHARE)]


def reader(
    config: MkDocsConfig, files: Files, extra: Callable[[Page], Any]
) -> Callable[[File], PageState]:
    """The child's work for one file: read its page as MkDocs would; what that changed."""

    def read(file: File) -> PageState:
        page = file.page
        assert page is not None
        before = dict(vars(page))
        _populate_page(page, config, files)
        changed = {
            name: value
            for name, value in vars(page).items()
            if name not in before or before[name] is not value
        }
        links = changed.pop(LINKS, None)
        by_path = None if links is None else {f.src_uri: d for f, d in links.items()}
        return changed, by_path, extra(page)

    return read


def apply(file: File, state: PageState, files: Files, extra: Callable[[Page, Any], None]) -> None:
    """Put what the child's reading left on a page onto the parent's page."""
    page = file.page
    assert page is not None
    changed, links, value = state
    vars(page).update(changed)
    if links is not None:
        known = files.src_uris
        page.links_to_anchors = {known[uri]: d for uri, d in links.items() if uri in known}
    extra(page, value)


def new_pages(files: list[File], config: MkDocsConfig) -> None:
    """Pages for files MkDocs has not made one for yet (it makes them as it reads)."""
    for file in files:
        if file.page is None:
            Page(None, file, config)
