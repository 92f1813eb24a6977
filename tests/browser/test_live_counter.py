"""The optional live view counter: off by default, and with a counter configured it
records the view and shows carried-over + live views."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import unquote, urlparse

import pytest

from tests.browser.conftest import serve
from tests.sitekit import TinySite

pytestmark = pytest.mark.browser
ARTICLE = "2024/03/01/ra-quan-lam-sach-duong-pho/"


class FakeCounter(BaseHTTPRequestHandler):
    """A GoatCounter-compatible endpoint on 127.0.0.1."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == "/count":
            FakeCounter.hits.append(unquote(url.query.removeprefix("p=")))
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            return
        if url.path.startswith("/counter/") and url.path.endswith(".json"):
            body = json.dumps({"count": "1,234", "count_unique": "1,000"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(404)
        self.end_headers()

    def do_POST(self) -> None:
        url = urlparse(self.path)
        FakeCounter.hits.append(unquote(url.query.removeprefix("p=")))
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _site(tmp_path, counter_url: str = "") -> TinySite:
    site = TinySite(tmp_path / "ward", views={"counter_url": counter_url} if counter_url else {})
    if counter_url:
        site.extra_plugins = [{"bantin-atomic": {"csp_sources": {"connect-src": [counter_url]}}}]
        site.write_config()
    site.post(
        "a.md",
        {
            "title": "Ra quân làm sạch đường phố",
            "date": "2024-03-01",
            "category": "Tin tức - Sự kiện",
            "views": 3072,
        },
    )
    run = site.build()
    assert run.ok, run.output
    return site


def test_counter_is_off_by_default(tmp_path, browser) -> None:
    site = _site(tmp_path)
    assert "bantin-views.js" not in site.html(ARTICLE)
    server, base = serve(site.site)
    try:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + ARTICLE)
        page.wait_for_load_state("networkidle")
        assert page.locator(".bt-meta .bt-views").text_content() == "3.072"
        assert all(url.startswith(base) for url in requests), requests
        page.close()
    finally:
        server.shutdown()


def test_configured_counter_records_and_updates(tmp_path, browser) -> None:
    counter = ThreadingHTTPServer(("127.0.0.1", 0), FakeCounter)
    threading.Thread(target=counter.serve_forever, daemon=True).start()
    FakeCounter.hits = []
    counter_url = f"http://127.0.0.1:{counter.server_address[1]}"
    site = _site(tmp_path, counter_url)
    server, base = serve(site.site)
    try:
        page = browser.new_page()
        page.goto(base + ARTICLE)
        views = page.locator(".bt-meta .bt-views")
        page.wait_for_function(
            "document.querySelector('.bt-meta .bt-views').textContent !== '3.072'"
        )
        assert views.text_content() == "4.306"  # 3.072 carried over + 1.234 live
        assert f"/{ARTICLE}" in FakeCounter.hits
        # Without JavaScript the built-in number stays.
        context = browser.new_context(java_script_enabled=False)
        plain = context.new_page()
        plain.goto(base + ARTICLE)
        assert plain.locator(".bt-meta .bt-views").text_content() == "3.072"
        context.close()
        page.close()
    finally:
        server.shutdown()
        counter.shutdown()


def test_counter_url_must_be_http(tmp_path) -> None:
    site = TinySite(tmp_path / "ward", views={"counter_url": "javascript:alert(1)"})
    run = site.build()
    assert not run.ok and "views.counter_url" in run.output


def test_counter_without_csp_permission_is_a_warning(tmp_path) -> None:
    site = TinySite(tmp_path / "ward", views={"counter_url": "https://thongke.example.vn"})
    site.post("a.md", {"title": "Bài", "date": "2024-03-01", "category": "Thông báo"})
    run = site.build()
    assert not run.ok
    assert "csp_sources: {connect-src: [https://thongke.example.vn]}" in run.output
