"""Keyboard only, on a phone-sized article page: Tab reaches the search button, every
category tab and the share buttons, each with a visible focus ring; Enter works."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

FOCUS = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return { tag: e.tagName, cls: e.className && String(e.className), text: (e.textContent || '').trim(),
           bt: e.getAttribute('data-bt'), search: e.hasAttribute('data-bt-search-open'),
           ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' }; }"""


def test_tabs_search_and_share_by_keyboard(browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    article = page.locator(".bt-card__title a").first.get_attribute("href")
    page.goto(base_url + article.lstrip("/"), wait_until="networkidle")
    seen = []
    for _ in range(120):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUS))
        if seen[-1]["bt"] == "print":
            break
    tabs = [f for f in seen if "md-tabs__link" in (f["cls"] or "")]
    assert any(f["search"] for f in seen), "Tab never reaches the search button"
    assert len(tabs) >= 5, "Tab does not reach the category tabs"
    shares = {f["bt"] for f in seen if f["bt"]}
    assert {"zalo", "copy", "print"} <= shares, shares
    no_ring = [f for f in seen if not f["ring"]]
    assert no_ring == [], f"focused without a visible ring: {no_ring[:5]}"
    # Enter on a category tab opens it.
    page.goto(base_url + article.lstrip("/"), wait_until="networkidle")
    for _ in range(60):
        page.keyboard.press("Tab")
        if (
            "md-tabs__link" in (page.evaluate(FOCUS)["cls"] or "")
            and page.evaluate("document.activeElement.textContent.trim()") == "Thông báo"
        ):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/chuyen-muc/thong-bao/")
    context.close()
