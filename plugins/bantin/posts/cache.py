"""Post files parsed by earlier builds of one preview server, kept under their bytes.

``bantin serve`` makes the news model again after every save; at 10,000 posts
parsing every file's front matter and indicators again was most of that work
(issue 11). A file is parsed again only when its bytes change, so a cached
parse is always the parse of the bytes on disk. What is checked against the
rest of the site (categories, photos and attachments next to the post, links,
URLs) is checked again on every build: only the pure parse is kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from .frontmatter import RawPost, parse_post

T = TypeVar("T")


class ParsedPosts:
    """Parsed post files by the name shown to staff, each with its bytes' digest."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, RawPost, dict[str, Any]]] = {}
        self.parsed = 0  # files parsed (not found here), for the build log and tests

    def parse(self, data: bytes, path: str) -> RawPost:
        """:func:`~bantin.posts.frontmatter.parse_post`, once per distinct content of a file."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        found = self._files.get(path)
        if found is not None and found[0] == digest:
            return found[1]
        raw = parse_post(data, path)  # a file that does not parse raises and is not kept
        self.parsed += 1
        self._files[path] = (digest, raw, {})
        return raw

    def derived(self, raw: RawPost, name: str, make: Callable[[], T]) -> T:
        """``make()``, kept with ``raw`` while its file is unchanged (``make`` reads only ``raw``)."""
        found = self._files.get(raw.path)
        if found is None or found[1] is not raw:
            return make()
        kept = found[2]
        if name not in kept:
            kept[name] = make()
        return kept[name]  # type: ignore[no-any-return]

    def forget_missing(self, present: set[str]) -> None:
        """Drop files no longer in the posts folder."""
        for path in set(self._files) - present:
            del self._files[path]
