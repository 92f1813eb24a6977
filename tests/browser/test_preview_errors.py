"""`make serve` with a broken post: the Vietnamese error is in the browser, the server keeps
serving the rest, and the page comes back by itself once the file is fixed.

A real `mkdocs serve` on 127.0.0.1, driven in Chromium: break a post while its
page is open, see the message (file, line, fix) in the page, fix the post,
see the article again; other pages are served all along and no request hangs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import PHONE
from tests.sitekit import TinySite, free_port, wait_for

pytestmark = pytest.mark.browser
GOOD = "---\ntitle: Họp dân tổ dân phố số 5\ndate: 2024-03-01 08:00\ncategory: Thông báo\n---\n\nTổ dân phố số 5 họp bàn về vệ sinh môi trường.\n"
BROKEN = GOOD.replace("date: 2024-03-01 08:00", "date: 31/02/2024")
ARTICLE = "2024/03/01/hop-dan-to-dan-pho-so-5/"
OTHER = "2024/02/01/thong-bao-lich-tiep-dan/"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[TinySite, str]]:
    site = TinySite(tmp_path / "ward")
    (site.root / "posts" / "hop-dan.md").write_text(GOOD, encoding="utf-8")
    site.post(
        "tiep-dan.md",
        {"title": "Thông báo lịch tiếp dân", "date": "2024-02-01 08:00", "category": "Thông báo"},
    )
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
        cwd=site.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        try:
            with urllib.request.urlopen(base + ARTICLE, timeout=5) as answer:
                return answer.status == 200
        except (urllib.error.URLError, OSError):
            return False

    try:
        wait_for(up, timeout=120)
        yield site, base
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # never hangs: a 10 s cap
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_a_broken_post_shows_its_error_in_the_browser_until_fixed(
    preview: tuple[TinySite, str], browser, screenshots: Path
) -> None:
    site, base = preview
    post = site.root / "posts" / "hop-dan.md"
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(base + ARTICLE)
        assert page.locator("h1#bt-title").inner_text() == "Họp dân tổ dân phố số 5"

        time.sleep(1.1)  # a different modification time for the watcher
        post.write_text(BROKEN, encoding="utf-8")
        panel = page.locator(".bt-preview-problems")
        panel.wait_for(timeout=60_000)  # live reload brings the message into the open tab
        text = panel.inner_text()
        assert "Bài viết có lỗi" in text
        assert "posts/hop-dan.md:3" in text  # the file and the line
        assert "31/02/2024" in text and "date" in text
        page.screenshot(path=str(screenshots / "loi-360.png"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width

        # The rest of the site is served, with the same message, without waiting.
        started = time.monotonic()
        status, html = fetch(base + OTHER)
        assert status == 200 and "posts/hop-dan.md:3" in html
        status, html = fetch(base)
        assert status == 200 and "bt-preview-problems" in html
        assert time.monotonic() - started < 10

        time.sleep(1.1)
        post.write_text(GOOD, encoding="utf-8")
        page.locator("h1#bt-title", has_text="Họp dân tổ dân phố số 5").wait_for(timeout=60_000)
        wait_for(lambda: page.locator(".bt-preview-problems").count() == 0, timeout=60)
        page.screenshot(path=str(screenshots / "da-sua-360.png"))
    finally:
        page.close()


def test_a_failed_rebuild_never_stalls_the_server(preview: tuple[TinySite, str]) -> None:
    """Whatever else breaks a rebuild (here mkdocs.yml itself), requests are still answered."""
    site, base = preview
    config = site.root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    time.sleep(1.1)
    config.write_text(good + "\nnav: [\n", encoding="utf-8")

    def marked() -> bool:
        status, html = fetch(base + OTHER)
        return status == 200 and "Không dựng lại được trang xem thử" in html

    wait_for(marked, timeout=60)
    time.sleep(1.1)
    config.write_text(good, encoding="utf-8")
    wait_for(lambda: "bt-preview-problems" not in fetch(base + OTHER)[1], timeout=60)
