"""``bantin serve``'s refresh in place (adapter/refresh.py): when it runs, what it keeps, when
it steps aside for a full build.

In process, on a small corpus: the first build is MkDocs' own ``--dirty`` build, then
:func:`refresh` is called as the preview server calls it after a save. Byte-for-byte
equality with a clean build after a sequence of edits is ``test_preview_equals_build.py``.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from bantin.adapter.refresh import inputs_stamp, refresh
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.sitekit import REPO

sys.path.insert(0, str(REPO / "bench"))
import corpus

SERVE_URL = "http://127.0.0.1:8000/"


def post_url(path: Path) -> str:
    raw = re.search(r"(?m)^date: (.*)$", path.read_text("utf-8")).group(1)  # type: ignore[union-attr]
    d, m, y = raw.split(" ")[0].split("/") if "/" in raw else raw[:10].split("-")[::-1]
    return f"{y}/{m}/{d}/{path.stem}/"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Path], Any, Path]:
    """A corpus site after the first build of ``bantin serve``: (root, posts, plugin, site)."""
    root = tmp_path / "src"
    posts = sorted(corpus.write_corpus(8, root), key=post_url, reverse=True)
    text = (root / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"(?m)^(\s*custom_dir:).*$", r"\1 overrides", text)
    text = text.replace(
        "      bulletins:\n        enabled: true\n",
        "      bulletins:\n        enabled: true\n        pdf: false\n",
    )
    (root / "mkdocs.yml").write_text(text, "utf-8")
    (root / "overrides").mkdir()
    monkeypatch.chdir(root)
    site = tmp_path / "site"
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVE_URL, dirty=True)
    plugin = config.plugins["bantin"]
    assert plugin.incremental.last is not None
    return root, posts, plugin, site


def draw(plugin: Any, site: Path, url: str) -> str:
    """What the preview server answers for ``url`` (the page drawn on request)."""
    target = site / url / "index.html"
    plugin.incremental.serve_fresh(str(target))
    return target.read_text("utf-8")


def later(path: Path, text: str) -> None:
    """Write ``path`` so that its time differs from the last build's stamp."""
    path.write_text(text, "utf-8")
    stamp = time.time_ns() + 5_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_a_saved_post_is_refreshed_in_place_keeping_every_unchanged_page(served) -> None:
    _root, posts, plugin, site = served
    files_before = {f.src_uri: f for f in plugin.incremental.last.files}
    edited, untouched = posts[0], posts[1]
    later(edited, edited.read_text("utf-8") + "\nCâu mới sau khi lưu.\n")
    assert refresh(plugin) is True
    files_after = {f.src_uri: f for f in plugin.incremental.last.files}
    edited_uri, untouched_uri = post_url(edited) + "index.md", post_url(untouched) + "index.md"
    assert files_after[edited_uri] is not files_before[edited_uri], "new Markdown, new file"
    assert files_after[untouched_uri] is files_before[untouched_uri], "kept with its page"
    assert "Câu mới sau khi lưu." in draw(plugin, site, post_url(edited))
    # The kept page forgot what it had read: it is read and drawn again with this model.
    assert files_after[untouched_uri].page.content is None
    assert str(site / post_url(untouched) / "index.html") in plugin.incremental.stale
    assert "<title>" in draw(plugin, site, post_url(untouched))


def test_a_new_title_reaches_the_home_page_and_a_deleted_post_its_404(served) -> None:
    _root, posts, plugin, site = served
    retitled, deleted = posts[0], posts[1]
    text = retitled.read_text("utf-8")
    later(retitled, re.sub(r"(?m)^title: .*$", "title: Tiêu đề mới khi làm mới", text, count=1))
    gone = site / post_url(deleted) / "index.html"
    deleted.unlink()
    assert refresh(plugin) is True
    assert "Tiêu đề mới khi làm mới" in draw(plugin, site, "")
    assert not gone.exists(), "the deleted post's page is removed from the preview"
    assert str(gone) not in plugin.incremental.stale


@pytest.mark.parametrize(
    "change",
    ["mkdocs.yml", "docs/gioi-thieu.md", "overrides/main.html"],
    ids=["mkdocs.yml", "a page of docs/", "a template"],
)
def test_anything_but_posts_needs_the_full_build(served, change: str) -> None:
    root, _posts, plugin, _site = served
    stamp = inputs_stamp(plugin.incremental.last.config)
    path = root / change
    later(path, (path.read_text("utf-8") if path.exists() else "# Trang\n") + "\n")
    assert inputs_stamp(plugin.incremental.last.config) != stamp
    assert refresh(plugin) is False


def test_another_plugin_needs_the_full_build(served) -> None:
    """A refresh stands in for bantin's events only: another plugin's would be skipped."""
    _root, posts, plugin, _site = served
    config = plugin.incremental.last.config
    config.plugins["search"] = object()
    try:
        later(posts[0], posts[0].read_text("utf-8") + "\nThêm.\n")
        assert refresh(plugin) is False
    finally:
        del config.plugins["search"]


def test_a_save_heard_twice_is_refreshed_once(served) -> None:
    """The system's file event and MkDocs' polling both report one save (watch.py): the
    second call finds nothing changed and leaves the preview as it is."""
    _root, posts, plugin, _site = served
    later(posts[0], posts[0].read_text("utf-8") + "\nMột lần lưu.\n")
    assert refresh(plugin) is True
    builds, files = plugin.incremental.builds, plugin.incremental.last.files
    assert refresh(plugin) is True
    assert plugin.incremental.builds == builds and plugin.incremental.last.files is files
    later(posts[1], posts[1].read_text("utf-8") + "\nLần lưu khác.\n")
    assert refresh(plugin) is True
    assert plugin.incremental.builds == builds + 1


def test_a_broken_post_is_shown_on_the_pages_after_a_refresh(served) -> None:
    """A save that breaks a post: the refresh leaves it out and every page (the 404 page
    too) carries the Vietnamese panel naming the file, as a full preview build does."""
    _root, posts, plugin, site = served
    broken = posts[0]
    page = site / post_url(broken) / "index.html"
    assert page.exists()
    text = broken.read_text("utf-8")
    later(broken, re.sub(r"(?m)^date: .*$", "date: 31/02/2020 09:00", text, count=1))
    assert refresh(plugin) is True
    home = draw(plugin, site, "")
    assert "bt-preview-problems" in home and broken.name in home
    assert broken.name in (site / "404.html").read_text("utf-8")
    assert not page.exists(), "the broken post is left out until it is mended"
