"""The search index built in a child process (bantin.search.worker.BackgroundIndexer)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from bantin.search.pagefind import SearchIndexError
from bantin.search.worker import BackgroundIndexer


def page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="vi"><head><title>{title}</title></head><body>'
        f"<nav>Trang chủ</nav><article data-pagefind-body><h1>{title}</h1><p>{body}</p>"
        "</article></body></html>"
    )


def test_pages_are_indexed_in_parts_by_the_child(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    indexer = BackgroundIndexer(site, part_pages=2)
    indexer.add("a/index.html", page("Đường làng", "Con đường mới."))
    indexer.add("danh-sach/index.html", "<body><p>Danh sách tin, không tìm.</p></body>")
    indexer.add("b/index.html", page("Hỏa táng", "Nghĩa trang."))
    indexer.add("c/index.html", page("Quỹ vì người nghèo", "Đạt 104,81%."))
    assert indexer.seen("danh-sach/index.html") and not indexer.seen("d/index.html")
    result = indexer.finish()
    assert (result.pages, result.parts) == (3, 2)
    parts = json.loads((site / "pagefind" / "bantin-parts.json").read_text("utf-8"))
    assert parts == {"parts": ["parts/2/"]}
    assert (site / "pagefind" / "pagefind.js").is_file() and not indexer._work.exists()
    assert len(list((site / "pagefind" / "fragment").iterdir())) == 2
    assert len(list((site / "pagefind" / "parts" / "2" / "fragment").iterdir())) == 1


def test_a_child_that_dies_is_a_clear_error(tmp_path: Path) -> None:
    indexer = BackgroundIndexer(tmp_path, part_pages=2)
    indexer.add("a/index.html", page("Một", "Một."))
    indexer._child.kill()
    indexer._child.wait()
    with pytest.raises(SearchIndexError, match="dừng đột ngột"):
        for n in range(200):  # until the pipe to the dead child breaks, or at finish
            indexer.add(f"p{n}/index.html", page("Bài", "Nội dung " * 500))
        indexer.finish()
    assert not (tmp_path / "pagefind").exists()
    assert not indexer._work.exists()  # its copies too


def test_an_abandoned_index_leaves_nothing(tmp_path: Path) -> None:
    indexer = BackgroundIndexer(tmp_path, part_pages=1)
    for n in range(3):
        indexer.add(f"p{n}/index.html", page(f"Bài {n}", "Nội dung."))
    work = indexer._work
    assert work.is_dir()
    indexer.close()
    indexer.close()  # twice is harmless
    assert not work.exists()
    assert indexer._child.poll() is not None


def test_parts_go_to_pagefind_while_no_page_comes(tmp_path: Path) -> None:
    """A build draws its listings (not indexed) after its articles: the parts filled
    by then are indexed meanwhile, not when the build ends."""
    site = tmp_path / "site"
    site.mkdir()
    indexer = BackgroundIndexer(site, part_pages=1)
    try:
        for n in range(3):  # part 1 starts at once; parts 2 and 3 wait for it
            indexer.add(f"p{n}/index.html", page(f"Bài {n}", "Nội dung."))
        last = site / "pagefind" / "parts" / "3" / "pagefind-entry.json"
        deadline = time.monotonic() + 60
        while not last.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert last.is_file(), "the waiting parts were not indexed until the build's end"
        assert indexer.finish().parts == 3
    finally:
        indexer.close()


def test_a_flushed_part_is_indexed_before_the_end_and_later_pages_start_another(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    indexer = BackgroundIndexer(site, part_pages=100)
    try:
        for n in range(3):
            indexer.add(f"p{n}/index.html", page(f"Bài {n}", "Nội dung."))
        indexer.flush()
        first = site / "pagefind" / "pagefind-entry.json"
        deadline = time.monotonic() + 60
        while not first.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert first.is_file(), "the flushed part waited for the end"
        indexer.add("muon/index.html", page("Bài đến muộn", "Vẫn được tìm thấy."))
        result = indexer.finish()
        assert (result.pages, result.parts) == (4, 2)
    finally:
        indexer.close()
