"""Issue 13 item 4: no alias may take a path the site, a web server or a static host gives
meaning to (``_headers``, ``_redirects``, ``.htaccess``, ``.well-known/``…), in any case,
form, or as a folder above an alias. Data-driven over the whole reserved list."""

from __future__ import annotations

from datetime import datetime

import pytest
from bantin.core.dates import VIETNAM
from bantin.news.routes import RESERVED
from bantin.posts.fields import FieldError, alias
from bantin.posts.model import Category, Post
from bantin.posts.sitewide import check_unique

HOST_FILES = ("_headers", "_redirects", ".htaccess", ".well-known", "_routes.json", "CNAME")


def _post(aliases: tuple[str, ...]) -> Post:
    return Post(
        path="posts/a.md",
        title="Họp dân",
        date=datetime(2020, 10, 13, tzinfo=VIETNAM),
        category=Category("Thông báo", "thong-bao"),
        slug="hop-dan",
        url="2020/10/13/hop-dan/",
        body="",
        aliases=aliases,
    )


def _refused(value: str) -> bool:
    try:
        checked = alias(value)
    except FieldError:
        return True
    return bool(check_unique([_post((checked,))], RESERVED))


def test_host_files_are_reserved() -> None:
    assert set(HOST_FILES) <= set(RESERVED)


@pytest.mark.parametrize("reserved", RESERVED)
@pytest.mark.parametrize(
    "shape", ["{}", "{}/", "{}/index.html", "{}/cu/bai.html", "UPPER", "{}/acme-challenge/x"]
)
def test_every_reserved_path_and_what_is_under_it_is_refused(reserved: str, shape: str) -> None:
    value = reserved.upper() if shape == "UPPER" else shape.format(reserved)
    assert _refused(value), value


@pytest.mark.parametrize("value", ["tin-tuc/.htaccess", "a/.git/config", ".env", "cu/.well-known/"])
def test_dot_segments_anywhere_are_refused(value: str) -> None:
    with pytest.raises(FieldError, match="dấu chấm"):
        alias(value)


@pytest.mark.parametrize("value", ["tin-tuc/bai-cu.html", "headers", "redirects/x", "well-known"])
def test_ordinary_old_paths_still_pass(value: str) -> None:
    assert not _refused(value)
