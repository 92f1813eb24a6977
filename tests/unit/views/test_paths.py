"""Request paths to page keys: index.html, trailing slash, sub-path, assets, odd paths."""

from __future__ import annotations

import pytest
from bantin.views.paths import HOME, PageMapper, normalize_page_url, page_key, site_prefix
from bantin.views.skip import Skip

ART = "2020/10/13/ket-qua/"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", (HOME, None)),
        ("/index.html", (HOME, None)),
        ("/?fbclid=IwAR0x", (HOME, None)),
        ("/" + ART, (ART, None)),
        ("/" + ART + "index.html", (ART, None)),
        ("/2020/10/13/ket-qua", (ART, None)),
        ("/" + ART + "?utm_source=zalo&x=1", (ART, None)),
        ("/" + ART + "index.html?x", (ART, None)),
        ("/" + ART + "#top", (ART, None)),
        ("/chuyen-muc/tin-tuc/", ("chuyen-muc/tin-tuc/", None)),
        ("/chuyen-muc/tin-tuc/trang/2/", ("chuyen-muc/tin-tuc/trang/2/", None)),
        ("/the/an-sinh-xa-hoi/", ("the/an-sinh-xa-hoi/", None)),
        ("/luu-tru/2020/10/", ("luu-tru/2020/10/", None)),
        ("/gioi-thieu.html", ("gioi-thieu.html", None)),
        ("/chuy%C3%AAn-m%E1%BB%A5c/th%C3%B4ng-b%C3%A1o/", ("chuyên-mục/thông-báo/", None)),
        ("/%32%30%32%30/", ("2020/", None)),
        # assets and machine files
        ("/assets/stylesheets/main.6543a935.min.css", (None, Skip.ASSET)),
        ("/assets/javascripts/bundle.js?v=3", (None, Skip.ASSET)),
        ("/assets/", (None, Skip.ASSET)),
        ("/search/search_index.json", (None, Skip.ASSET)),
        ("/sitemap.xml", (None, Skip.ASSET)),
        ("/sitemap.xml.gz", (None, Skip.ASSET)),
        ("/feed_rss_created.xml", (None, Skip.ASSET)),
        ("/favicon.ico", (None, Skip.ASSET)),
        ("/robots.txt", (None, Skip.ASSET)),
        ("/" + ART + "anh/trao-qua.JPG", (None, Skip.ASSET)),
        ("/wp-login.php", (None, Skip.ASSET)),
        ("/404.html", (None, Skip.NOT_PAGE)),
        ("/.env", (None, Skip.NOT_PAGE)),
        ("/.git/config", (None, Skip.NOT_PAGE)),
        # traversal and junk
        ("/../etc/passwd", (None, Skip.BAD_PATH)),
        ("/a/../b/", (None, Skip.BAD_PATH)),
        ("/a/%2e%2e/b/", (None, Skip.BAD_PATH)),
        ("/a/./b/", (None, Skip.BAD_PATH)),
        ("/a/..", (None, Skip.BAD_PATH)),
        ("//etc/passwd", (None, Skip.BAD_PATH)),
        ("/a//b/", (None, Skip.BAD_PATH)),
        ("/a%5c..%5cb/", (None, Skip.BAD_PATH)),
        ("/a%00b/", (None, Skip.BAD_PATH)),
        ("/a%0d%0ab/", (None, Skip.BAD_PATH)),
        ("/%C3%28/", (None, Skip.BAD_PATH)),
        ("/%ff/", (None, Skip.BAD_PATH)),
        ("*", (None, Skip.BAD_PATH)),
        ("http://evil.example/", (None, Skip.BAD_PATH)),
        ("", (None, Skip.BAD_PATH)),
    ],
)
def test_page_key_at_site_root(target: str, expected: tuple) -> None:
    assert page_key(target, "/") == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/phuong/", (HOME, None)),
        ("/phuong", (HOME, None)),
        ("/phuong/index.html", (HOME, None)),
        ("/phuong/" + ART, (ART, None)),
        ("/phuong/" + ART + "index.html", (ART, None)),
        ("/phuong/assets/x.css", (None, Skip.ASSET)),
        ("/" + ART, (None, Skip.NOT_PAGE)),
        ("/", (None, Skip.NOT_PAGE)),
        ("/phuongabc/", (None, Skip.NOT_PAGE)),
        ("/phuong/../" + ART, (None, Skip.BAD_PATH)),
    ],
)
def test_page_key_under_a_sub_path(target: str, expected: tuple) -> None:
    assert page_key(target, "/phuong/") == expected


@pytest.mark.parametrize(
    ("site_url", "prefix"),
    [
        (None, "/"),
        ("", "/"),
        ("https://phuong.example.vn", "/"),
        ("https://phuong.example.vn/", "/"),
        ("https://example.vn/phuong", "/phuong/"),
        ("https://example.vn/phuong/", "/phuong/"),
        ("https://example.vn/so/phuong/", "/so/phuong/"),
        ("/phuong", "/phuong/"),
        ("https://example.vn/ph%C6%B0%E1%BB%9Dng/", "/phường/"),
    ],
)
def test_site_prefix(site_url: str | None, prefix: str) -> None:
    assert site_prefix(site_url) == prefix


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (ART, ART),
        ("/" + ART, ART),
        (ART + "index.html", ART),
        ("2020/10/13/ket-qua", ART),
        ("", HOME),
        ("index.html", HOME),
        ("chuy%C3%AAn-m%E1%BB%A5c/", "chuyên-mục/"),
        ("https://phuong.example.vn/" + ART, ART),
    ],
)
def test_normalize_page_url(url: str, key: str) -> None:
    assert normalize_page_url(url) == key


def test_mapper_caches_without_the_query() -> None:
    mapper = PageMapper("/")
    for n in range(100):
        assert mapper(f"/{ART}?fbclid={n}") == (ART, None)
    assert mapper._lookup.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("request_line", "expected"),
    [
        (b"GET /" + ART.encode() + b" HTTP/1.1", (ART, None)),
        (b"GET /" + ART.encode() + b"?a=1 HTTP/2.0", (ART, None)),
        (b"GET /th\xc3\xb4ng-b\xc3\xa1o/ HTTP/1.1", ("thông-báo/", None)),
        (rb"GET /th\xC3\xB4ng/ HTTP/1.1", ("thông/", None)),
        (b"HEAD /" + ART.encode() + b" HTTP/1.1", (None, Skip.NOT_GET)),
        (b"POST /xmlrpc.php HTTP/1.1", (None, Skip.NOT_GET)),
        (rb"\x16\x03\x01", (None, Skip.NOT_GET)),
        (b"", (None, Skip.NOT_GET)),
        (b"GET /assets/a.js HTTP/1.1", (None, Skip.ASSET)),
    ],
)
def test_mapper_request_line(request_line: bytes, expected: tuple) -> None:
    assert PageMapper("/").request(request_line) == expected
