"""Parts drawn once and reused (adapter/fragments.py) give the very same site.

Each site is built twice, with reuse on and with ``BANTIN_FRAGMENTS=off``
(everything drawn for every page), and every file is compared byte for byte:
cards on listings at every depth (home, categories with several pages, tags,
years, months), the sidebar on articles and listings, the header, tabs, drawer
navigation and footer on pages inside and outside the navigation.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.sitekit import REPO, manifest, strict_build

sys.path.insert(0, str(REPO / "bench"))
import corpus

pytestmark = pytest.mark.xdist_group("fragments")


def build(root: Path, out: Path, *, reuse: bool) -> None:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1798736400",
        "BANTIN_FRAGMENTS": "on" if reuse else "off",
    }
    strict_build(root, env, out)


def assert_same_site(root: Path, tmp_path: Path) -> dict[str, str]:
    build(root, tmp_path / "reused", reuse=True)
    build(root, tmp_path / "drawn", reuse=False)
    # pagefind/ is the search index drawn from these pages; its piece names vary from
    # one build to the next even with the same pages, so the pages are compared instead.
    reused, drawn = (
        {k: v for k, v in manifest(tmp_path / name).items() if not k.startswith("pagefind/")}
        for name in ("reused", "drawn")
    )
    assert reused.keys() == drawn.keys()
    different = [name for name in reused if reused[name] != drawn[name]]
    assert not different, different[:10]
    return reused


def test_generated_corpus_is_the_same_with_and_without_reuse(tmp_path: Path) -> None:
    root = tmp_path / "src"
    corpus.write_corpus(30, root)
    config = root / "mkdocs.yml"
    # Two cards a page: categories, tags and the archive get second and third pages.
    text = re.sub(
        r"(?m)^  - bantin:\n", "  - bantin:\n      per_page: 2\n", config.read_text("utf-8")
    )
    assert "per_page: 2" in text
    config.write_text(text, encoding="utf-8")
    files = assert_same_site(root, tmp_path)
    pages = [name for name in files if name.endswith("index.html")]
    # The comparison covers listings at every depth, not a handful of pages.
    assert any(re.match(r"chuyen-muc/[^/]+/trang/2/index.html$", p) for p in pages)
    assert any(re.match(r"the/[^/]+/index.html$", p) for p in pages)
    assert any(re.match(r"luu-tru/\d{4}/\d{2}/index.html$", p) for p in pages)
    assert any(re.match(r"chi-so/[^/]+/index.html$", p) for p in pages)


def test_demo_site_is_the_same_with_and_without_reuse(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "posts", "overrides", "data"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copyfile(source, root / name)
    assert_same_site(root, tmp_path)
