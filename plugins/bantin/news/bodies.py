"""Article bodies as MkDocs will convert them: indicator markers expanded, box place marked.

The body's ``[[...]]`` markers are expanded once, when the news model is
made, so that ``bantin check`` reports unknown indicator ids too. Where the
indicator box goes is marked with :data:`BOX_SLOT`; the box itself is drawn
from a template by the adapter (``adapter/boxes.py``) after the body has been
sanitised: the sanitiser would strip the box's own markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.errors import Problem
from ..core.memo import NoMemo, PerObject
from ..indicators.inline import expand, find_placement
from ..posts.model import Post

BOX_SLOT = '<div class="bt-box-slot"></div>'


@dataclass(frozen=True)
class PostBody:
    """A post's Markdown with markers expanded, and where its box goes."""

    markdown: str
    placement: str  # "default" (after the lead), "inline" (at the marker) or "hidden"


def prepare_bodies(
    posts: Iterable[Post], memo: PerObject[Post, tuple[PostBody, list[Problem]]] | None = None
) -> tuple[dict[str, PostBody], list[Problem]]:
    """Each post's body by post URL, and the problems its markers have.

    ``memo``: bodies of the same post objects from an earlier build (``bantin serve``).
    """
    kept = memo if memo is not None else NoMemo[Post, tuple[PostBody, list[Problem]]]()
    bodies: dict[str, PostBody] = {}
    problems: list[Problem] = []
    for post in posts:
        bodies[post.url], found = kept.get(post, _body)
        problems.extend(found)
    return bodies, problems


def _body(post: Post) -> tuple[PostBody, list[Problem]]:
    if "[[" not in post.body:
        return PostBody(post.body, "default"), []
    placement = find_placement(post.body)
    markdown, found = expand(post.body, post.indicators, BOX_SLOT, post.path, post.body_line)
    return PostBody(markdown, placement), found
