"""The search index is told when no page to index is left (adapter/search.py: SearchFeed)."""

from __future__ import annotations

from typing import Any, cast

from bantin.adapter.search import SearchFeed
from mkdocs.structure.files import Files


class Indexer:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def add(self, rel: str, html: str) -> None:
        self.calls.append(("add", rel))

    def flush(self) -> None:
        self.calls.append(("flush",))


def feed(expected: list[str]) -> tuple[SearchFeed, Indexer]:
    indexer = Indexer()
    return SearchFeed(cast(Any, indexer), Files([]), expected), indexer


def test_the_part_is_flushed_once_after_the_last_page_that_may_be_indexed() -> None:
    search, indexer = feed(["2020/10/13/a/index.html", "gioi-thieu/index.html"])
    for rel in (
        "2020/10/13/a/index.html",
        "chuyen-muc/tin/index.html",
        "gioi-thieu/index.html",
        "the/y-te/index.html",
        "luu-tru/index.html",
    ):
        search.add(rel, "<html></html>")
    assert indexer.calls == [
        ("add", "2020/10/13/a/index.html"),
        ("add", "chuyen-muc/tin/index.html"),
        ("add", "gioi-thieu/index.html"),
        ("flush",),
        ("add", "the/y-te/index.html"),
        ("add", "luu-tru/index.html"),
    ]


def test_a_site_with_nothing_to_index_never_flushes() -> None:
    search, indexer = feed([])
    search.add("index.html", "<html></html>")
    assert indexer.calls == [("add", "index.html")]
