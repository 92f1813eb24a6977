"""Results of pure work on one object, kept while the same object comes back.

``bantin serve`` makes the news model again after every save. Its parse cache
(:class:`bantin.posts.cache.ParsedPosts`) hands back the very same ``Post``
object for a file that did not change, so work done per post (its tags' site
slugs, its expanded body) is done again only for the posts that changed.
Objects are compared by identity, never by value: comparing two posts field
by field would cost what it saves.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class PerObject(Generic[K, V]):
    """``compute(obj)`` for each object, kept for the next round; what a round did
    not ask for is dropped (a deleted post's entry does not outlive one save)."""

    def __init__(self) -> None:
        self._now: dict[int, tuple[K, Hashable, V]] = {}
        self._before: dict[int, tuple[K, Hashable, V]] = {}

    def get(self, obj: K, compute: Callable[[K], V], key: Hashable = None) -> V:
        """``compute(obj)``; ``key``: what else the result depends on."""
        ident = id(obj)
        hit = self._now.get(ident) or self._before.get(ident)
        if hit is not None and hit[0] is obj and hit[1] == key:
            self._now[ident] = hit
            return hit[2]
        value = compute(obj)
        self._now[ident] = (obj, key, value)  # holding obj keeps its id from being reused
        return value

    def next_round(self) -> None:
        self._before, self._now = self._now, {}


class NoMemo(PerObject[K, V]):
    """No memory: what a one-off build uses."""

    def get(self, obj: K, compute: Callable[[K], V], key: Hashable = None) -> V:
        return compute(obj)
