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
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from ..core.files import stamp_of
from ..core.memo import PerObject
from .frontmatter import RawPost, parse_post

T = TypeVar("T")


class ParsedPosts:
    """Parsed post files by the name shown to staff, each with its bytes' digest."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, RawPost, dict[str, Any]]] = {}
        # When each file was last read: a file not written since is not read again.
        self._stamps: dict[str, tuple[int, int, int, int]] = {}
        self._pending: dict[str, tuple[int, int, int, int]] = {}
        self.parsed = 0  # files parsed (not found here), for the build log and tests
        self._memos: dict[str, PerObject[Any, Any]] = {}

    def memo(self, name: str) -> PerObject[Any, Any]:
        """Per-post work of the steps after loading (:mod:`bantin.core.memo`), by step name."""
        if name not in self._memos:
            self._memos[name] = PerObject()
        return self._memos[name]

    def next_round(self) -> None:
        """A build is over: what it did not use is dropped at the next."""
        for memo in self._memos.values():
            memo.next_round()

    def kept(self, path: str, info: os.stat_result) -> RawPost | None:
        """The parse of ``path`` if the file was not written since it was read
        (its size, times and inode are the same): reading 10,000 files again took
        a quarter of a second of every save."""
        stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        found = self._files.get(path)
        if found is not None and self._stamps.get(path) == stamp:
            return found[1]
        self._pending[path] = stamp
        return None

    def parse(self, data: bytes, path: str) -> RawPost:
        """:func:`~bantin.posts.frontmatter.parse_post`, once per distinct content of a file."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        stamp = self._pending.pop(path, None)
        found = self._files.get(path)
        if found is not None and found[0] == digest:
            self._remember(path, stamp)
            return found[1]
        raw = parse_post(data, path)  # a file that does not parse raises and is not kept
        self.parsed += 1
        self._files[path] = (digest, raw, {})
        self._remember(path, stamp)
        return raw

    def _remember(self, path: str, stamp: tuple[int, int, int, int] | None) -> None:
        if stamp is None:
            self._stamps.pop(path, None)
        else:
            self._stamps[path] = stamp

    def derived(self, raw: RawPost, name: str, make: Callable[[], T], key: Hashable = None) -> T:
        """``make()``, kept with ``raw`` while its file is unchanged and ``key`` is the same.

        ``key`` holds everything besides ``raw`` that ``make`` reads.
        """
        found = self._files.get(raw.path)
        if found is None or found[1] is not raw:
            return make()
        kept = found[2]
        if name in kept and kept[name][0] == key:
            return kept[name][1]  # type: ignore[no-any-return]
        value = make()
        kept[name] = (key, value)
        return value

    def forget_missing(self, present: set[str]) -> None:
        """Drop files no longer in the posts folder."""
        for path in set(self._files) - present:
            del self._files[path]
            self._stamps.pop(path, None)


def site_files(posts_dir: Path, docs_dir: Path) -> str:
    """A digest of every file under ``docs_dir`` and ``posts_dir`` except the posts,
    with its size and time.

    Checking a post looks for files around it (its photos, attachments, the
    pages of ``docs/`` it links to): a post checked before is checked again
    when any of these changes.
    """
    # The posts themselves are left out: each is compared on its own.
    return stamp_of([posts_dir], skip=lambda path: path.endswith(".md")) + stamp_of([docs_dir])
