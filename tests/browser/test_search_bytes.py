"""What one search costs on a growing archive, in Chromium (bench/search_bytes.py's way).

A 10,000-post build is far too slow for CI; the 10,000-post figure comes from
``bench/search_bytes.py``. Here the same corpus generator (bench/corpus.py:
600 to 1,500 words an article) gives 100 and 400 articles, indexed by bantin's
own ``build_index`` (the opening in full, every further word once, small index
pieces), and served with the demo's home page and search. Before the index was
shaped, one search on 400 of these articles cost 420 to 860 KB, and the part
that depends on the archive grew by 380 KB from 100 to 400 articles.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.sitekit import REPO

sys.path.insert(0, str(REPO / "bench"))
import search_bytes

pytestmark = pytest.mark.browser

# Everything a search fetches but the code (pagefind.js, its WebAssembly,
# bantin-search-ui.js), which is the same on any site: index pieces, the page
# list, the excerpts of the first ten results.
ARCHIVE_PARTS = ("index", "meta", "fragment")


def archive_bytes(row: dict) -> int:
    return sum(row["by_kind"].get(kind, 0) for kind in ARCHIVE_PARTS)


@pytest.fixture(scope="module")
def measured(browser, demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    rows = {}
    for posts in (100, 400):
        work = tmp_path_factory.mktemp(f"search-bytes-{posts}")
        pages = search_bytes.corpus_pages(posts, work)
        site = search_bytes.with_index(demo_site, pages, work / "site")
        rows[posts] = {r["query"]: r for r in search_bytes.measure(site, browser=browser)}
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return rows


def test_nothing_of_search_is_fetched_with_the_page(measured: dict) -> None:
    for size in measured.values():
        for row in size.values():
            assert row["search_files_before_opening"] == [], row


def test_one_search_on_400_articles_stays_small(measured: dict) -> None:
    for row in measured[400].values():
        assert row["by_kind"].get("index", 0) > 0, row  # the search did fetch its pieces
        assert row["search_bytes"] < 200_000, row


def test_what_a_search_fetches_grows_little_with_the_archive(measured: dict) -> None:
    for query, row in measured[400].items():
        grown = archive_bytes(row) - archive_bytes(measured[100][query])
        assert grown < 40_000, (query, grown, row["by_kind"], measured[100][query]["by_kind"])
