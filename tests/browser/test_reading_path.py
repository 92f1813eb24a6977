"""A citizen's path through the demo site: home → category → article, on a phone and a desktop."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_to_category_to_article(browser, base_url: str, screenshots: Path, viewport) -> None:
    page = browser.new_page(viewport=viewport)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
            else None
        ),
    )
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(base_url)
    assert page.title().startswith("Cổng thông tin phường")
    assert page.locator("#bt-latest").is_visible()
    page.screenshot(path=screenshots / "1-home.png", full_page=True)

    # To a category: on the phone through the menu drawer, on the desktop through the tabs.
    if viewport is PHONE:
        page.locator(".md-header label[for='__drawer']").first.click()
        link = page.locator(".md-nav--primary a", has_text="Bài viết chuyên sâu").first
    else:
        link = page.locator(".md-tabs a", has_text="Bài viết chuyên sâu").first
    link.click()
    page.wait_for_url("**/chuyen-muc/bai-viet-chuyen-sau/")
    assert page.locator("h1").text_content().strip().startswith("Bài viết chuyên sâu")
    cards = page.locator(".bt-card__title a")
    assert cards.count() >= 3
    page.screenshot(path=screenshots / "2-category.png", full_page=True)

    # To the newest article of that category.
    title = cards.first.text_content()
    cards.first.click()
    page.wait_for_load_state()
    assert page.locator("h1#bt-title").text_content().strip() == title.strip()
    meta = page.locator(".bt-meta").inner_text()
    assert "Ngày đăng" in meta and "Lượt xem:" in meta
    # text_content, not inner_text: the kicker is upper-cased by CSS only.
    assert page.locator(".bt-kicker a").first.text_content() == "Bài viết chuyên sâu"
    page.screenshot(path=screenshots / "3-article.png", full_page=True)

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "the article scrolls sideways"
    assert outside == [], f"requests left the site: {outside}"
    assert errors == []
    page.close()
