"""The search index is built with the site: what is indexed, what is not, and failures."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from bantin.search.opening import opening_form
from bantin.search.pagefind import CHUNK_SIZE, find_executable, index_copy, pages_to_index

from tests.sitekit import TinySite

ARTICLE = "/2024/03/01/hoa-tang-van-minh/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = TinySite(tmp_path_factory.mktemp("search") / "ward")
    site.post(
        "bai.md",
        {
            "title": "Hoả táng văn minh",
            "date": "2024-03-01 08:00",
            "category": "Mặt trận - Đoàn thể",
            "author": "Nguyễn Văn Tác Giả",
            "summary": "Sa-pô về đường làng.",
        },
        "Thân bài nói về nghĩa trang.",
    )
    (site.root / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n\nPhường Thử.\n", "utf-8")
    run = site.build()
    assert run.ok, run.output
    return site


def test_articles_and_own_pages_are_indexed_lists_are_not(built: TinySite) -> None:
    pages = built.search_pages()
    assert set(pages) == {ARTICLE, "/gioi-thieu/"}
    article = pages[ARTICLE]
    assert article["meta"]["display_title"] == "Hoả táng văn minh"  # as written
    assert article["meta"]["title"] == "Hỏa táng văn minh"  # as indexed
    assert article["meta"]["display_category"] == "Mặt trận - Đoàn thể"
    assert article["meta"]["date"] == "01/03/2024"
    # no filters: Pagefind writes them in a different order on every run (not reproducible)
    assert article["filters"] == {}
    text = article["content"]
    assert "Sa-pô về đường làng." in text and "Thân bài nói về nghĩa trang." in text
    # menus, the byline, the date line, the sidebar and the lists are not searched
    assert "Tác Giả" not in text and "Lượt xem" not in text and "Tin mới nhất" not in text
    assert pages["/gioi-thieu/"]["meta"]["display_category"] == "Trang thông tin"


def test_bundle_has_only_what_the_site_uses(built: TinySite) -> None:
    bundle = built.site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert (
        not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    )
    html = built.html(ARTICLE.lstrip("/"))
    assert "pagefind" not in html.split("<body", 1)[0]  # nothing of it is loaded by the page
    assert 'src="../../../../assets/javascripts/bantin-search.js" defer' in html


def test_policy_allows_webassembly_and_no_eval(built: TinySite) -> None:
    headers = (built.site / "_headers").read_text(encoding="utf-8")
    script_src = headers.split("script-src", 1)[1].split(";", 1)[0]
    assert "'wasm-unsafe-eval'" in script_src
    assert "'unsafe-eval'" not in script_src and "'unsafe-inline'" not in script_src


def test_search_can_be_turned_off(tiny: TinySite) -> None:
    tiny.bantin["search"] = False
    tiny.write_config()
    tiny.post("bai.md", {"title": "Bài", "date": "2024-03-01", "category": "Thông báo"})
    run = tiny.build()
    assert run.ok, run.output
    assert not (tiny.site / "pagefind").exists()
    html = tiny.html("")
    assert "data-bt-search-open" not in html and "bantin-search" not in html
    assert "wasm-unsafe-eval" not in (tiny.site / "_headers").read_text(encoding="utf-8")


def test_materials_search_next_to_bantins_is_a_warning(tiny: TinySite) -> None:
    tiny.extra_plugins = ["search", "bantin-atomic"]
    tiny.write_config()
    run = tiny.build()
    assert not run.ok
    assert "hãy bỏ plugin 'search'" in run.output


@pytest.mark.parametrize("part_pages", ["1000", "1"], ids=["at-the-end", "while-drawing"])
def test_a_failed_index_keeps_the_live_site(
    tiny: TinySite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_pages: str
) -> None:
    tiny.post("bai.md", {"title": "Bài một", "date": "2024-03-01", "category": "Thông báo"})
    assert tiny.build().ok
    before = {p: p.read_bytes() for p in tiny.site.rglob("*") if p.is_file()}
    broken = tmp_path / "pagefind-hong"
    broken.write_text("#!/bin/sh\necho 'Error: index exploded' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    tiny.post("bai-2.md", {"title": "Bài hai", "date": "2024-03-02", "category": "Thông báo"})
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))  # Pagefind's own override
    temp = tmp_path / "temp"
    temp.mkdir()
    run = tiny.build(env={"BANTIN_SEARCH_PART_PAGES": part_pages, "TMPDIR": str(temp)})
    assert not run.ok
    assert "Pagefind không tạo được chỉ mục tìm kiếm" in run.output
    assert "index exploded" in run.output and "Traceback" not in run.output
    after = {p: p.read_bytes() for p in tiny.site.rglob("*") if p.is_file()}
    assert after == before
    assert list(temp.iterdir()) == []  # the search copies are gone too


def test_a_folder_named_pagefind_in_docs_is_refused(tiny: TinySite) -> None:
    (tiny.root / "docs" / "pagefind").mkdir()
    (tiny.root / "docs" / "pagefind" / "x.txt").write_text("x", encoding="utf-8")
    run = tiny.build()
    assert not run.ok
    assert "site/pagefind" in run.output and "dành cho chỉ mục tìm kiếm" in run.output


def test_a_site_without_posts_has_a_working_empty_search(tiny: TinySite) -> None:
    run = tiny.build()
    assert run.ok, run.output
    assert (tiny.site / "pagefind" / "pagefind.js").is_file()
    assert tiny.search_pages() == {"/": tiny.search_pages()["/"]}


def test_share_buttons_are_not_searched(built: TinySite) -> None:
    text = built.search_pages()[ARTICLE]["content"]
    assert "Chia sẻ" not in text and "Chép liên kết" not in text and "In bài" not in text


def fragments(bundle: Path) -> dict[str, dict[str, object]]:
    """Pagefind's record of each page in one bundle folder, by URL."""
    found = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[12:].decode("utf-8"))
        found[record["url"]] = record
    return found


def test_the_copy_made_as_pages_are_drawn_indexes_like_the_whole_page(
    built: TinySite, tmp_path: Path
) -> None:
    """Pagefind given each published page whole (the earlier way) records the same."""
    whole = tmp_path / "whole"
    for rel in pages_to_index(built.site):
        target = whole / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (built.site / rel).read_text(encoding="utf-8")
        target.write_text(opening_form(index_copy(text)), encoding="utf-8")
    out = tmp_path / "out"
    command = ["--site", str(whole), "--output-path", str(out), "--force-language", "vi"]
    done = subprocess.run(
        [str(find_executable()), *command, "--quiet"],
        capture_output=True,
        env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE},
        check=True,
    )
    assert done.returncode == 0
    from_whole = fragments(out)
    assert set(from_whole) == {ARTICLE, "/gioi-thieu/"}
    assert fragments(built.site / "pagefind") == from_whole


def test_a_large_site_is_indexed_in_parts_that_find_the_same(
    built: TinySite, tmp_path: Path
) -> None:
    parted = TinySite(tmp_path / "ward")
    shutil.copytree(
        built.root, parted.root, ignore=shutil.ignore_patterns("site"), dirs_exist_ok=True
    )
    run = parted.build(env={"BANTIN_SEARCH_PART_PAGES": "1"})
    assert run.ok, run.output
    bundle = parted.site / "pagefind"
    assert json.loads((bundle / "bantin-parts.json").read_text("utf-8")) == {"parts": ["parts/2/"]}
    # The second part is an index only: the first part's script and WebAssembly read it.
    part = bundle / "parts" / "2"
    assert (part / "pagefind-entry.json").is_file() and list(part.glob("*.pf_meta"))
    assert not list(part.glob("*.js")) and not list(part.glob("wasm.*"))
    assert len(fragments(bundle)) == len(fragments(part)) == 1
    assert parted.search_pages() == built.search_pages()
    assert json.loads((built.site / "pagefind" / "bantin-parts.json").read_text("utf-8")) == {
        "parts": []
    }


def test_a_wrong_part_size_is_named(tiny: TinySite) -> None:
    run = tiny.build(env={"BANTIN_SEARCH_PART_PAGES": "nhiều"})
    assert not run.ok
    assert "BANTIN_SEARCH_PART_PAGES='nhiều' phải là một số nguyên dương" in run.output
    assert "Traceback" not in run.output
