"""The ward theme in a real browser: fits a 360 px phone and a desktop, sets text in the
reader's system font (no font download; the site's own Be Vietnam Pro with ``web_font: true``),
asks no one else.

Runs on the demo site (built once by ``demo_site``, served on 127.0.0.1 by
``base_url``) in Debian's Chromium. Screenshots go to
``test-output/screenshots/<test>/`` (git-ignored): look at them.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from tests.browser.conftest import DESKTOP, PHONE, REPO, serve
from tests.sitekit import TinySite

pytestmark = pytest.mark.browser

FONT = "Be Vietnam Pro"
# bantin.css: the reader's own fonts, each with every Vietnamese letter; not system-ui.
SYSTEM_FONTS = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", '
    "Arial, sans-serif"
)

# Whether the page really renders with the site's font: every face of the
# family that the page used is loaded from the site, the body asks for it
# first, and text measured with it differs from the fallback (so the glyphs
# come from the font file, not from a system font of another name).
FONT_STATE = """async (family) => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter(f => f.family.replace(/"/g, "") === family);
  const ctx = document.createElement("canvas").getContext("2d");
  const sample = "Trọng dân, gần dân, hiểu dân: Ủy ban nhân dân phường Đồng Tâm";
  ctx.font = `16px "${family}", monospace`;
  const withFont = ctx.measureText(sample).width;
  ctx.font = "16px monospace";
  const fallback = ctx.measureText(sample).width;
  return {
    declared: faces.length,
    loaded: faces.filter(f => f.status === "loaded").map(f => `${f.weight} ${f.style}`),
    check: document.fonts.check(`16px "${family}"`),
    body: getComputedStyle(document.body).fontFamily,
    differs: Math.abs(withFont - fallback) > 1,
  };
}"""

OVERFLOW = "[document.documentElement.scrollWidth, window.innerWidth]"


def _config() -> dict:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def _categories() -> list[str]:
    for plugin in _config()["plugins"]:
        if isinstance(plugin, dict) and "bantin" in plugin:
            return [c["name"] for c in plugin["bantin"]["categories"]]
    raise AssertionError("mkdocs.yml declares no bantin categories")


def _watch(page) -> tuple[list[str], list[str], list[str]]:
    """Record requests leaving 127.0.0.1, font files fetched, and script errors."""
    outside: list[str] = []
    fonts: list[str] = []
    errors: list[str] = []

    def on_request(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.hostname != "127.0.0.1":
            outside.append(request.url)

    def on_response(response) -> None:
        if response.url.endswith(".woff2") and response.ok:
            fonts.append(response.url)

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return outside, fonts, errors


def _platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium really drew an element's text with (DevTools: "Rendered Fonts")."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


def _pages(browser, base_url: str) -> dict[str, str]:
    """Name -> URL of one page of each kind, found by following links from home."""
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url)
    article = page.locator(".bt-card__title a").first.get_attribute("href")
    category = page.locator(".md-tabs a", has_text=_categories()[0]).first.get_attribute("href")
    page.close()
    return {
        "home": base_url,
        "category": urljoin(base_url, category),
        "article": urljoin(base_url, article),
        "archive": urljoin(base_url, "luu-tru/"),
        "static": urljoin(base_url, "gioi-thieu/"),
        "not-found": urljoin(base_url, "404.html"),
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_fit_use_the_system_font_and_stay_on_the_site(
    browser, base_url: str, screenshots: Path, viewport
) -> None:
    page = browser.new_page(viewport=viewport)
    outside, fonts, errors = _watch(page)
    for name, url in _pages(browser, base_url).items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        state = page.evaluate(FONT_STATE, FONT)
        page.screenshot(path=screenshots / f"{name}.png", full_page=True)

        width, inner = page.evaluate(OVERFLOW)
        assert width <= inner, f"{name}: the page scrolls sideways ({width} px in {inner} px)"
        text = page.inner_text("body")
        assert "<script" not in text and "</" not in text, f"{name}: markup printed as text"
        # The reader's system font: no web font declared, none loaded, nothing to wait for.
        assert state["body"].startswith(SYSTEM_FONTS), f"{name}: body font is {state['body']}"
        assert state["declared"] == 0 and state["loaded"] == [], f"{name}: {state}"
        assert page.locator('link[rel="preload"][as="font"]').count() == 0, name
        if name == "article":
            # Title and lead, full of tone marks, drawn by one installed font that has them all.
            for selector in ("h1", ".bt-lead"):
                used = _platform_fonts(page, selector)
                assert len(used) == 1 and used[0]["isCustomFont"] is False, (selector, used)

        # Vietnamese marks above capitals and below letters need room: no
        # heading set tighter than 1.25, no body text under 16 px.
        h1 = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('h1'));
                                     return [parseFloat(s.fontSize), parseFloat(s.lineHeight)]; }""")
        assert h1[1] >= 1.25 * h1[0], f"{name}: h1 line-height {h1[1]} for {h1[0]} px"
        if name in ("article", "static"):
            size = page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('.bt-body p, .md-content__inner > p')).fontSize)"
            )
            assert size >= 16, f"{name}: body text is {size} px"

    assert fonts == [], f"font files fetched: {fonts}"
    assert outside == [], f"requests left the site: {outside}"
    assert errors == []
    page.close()


def test_web_font_setting_brings_the_site_font_from_the_site_itself(
    browser, tmp_path: Path, screenshots: Path
) -> None:
    """``web_font: true``: Be Vietnam Pro, every face the page uses, from the site; no third party."""
    site = TinySite(tmp_path / "ward", web_font=True)
    site.post(
        "bai.md",
        {"title": "Ủy ban phường Đồng Tâm tổng kết", "date": "2024-03-01", "category": "Thông báo"},
        "Người dân *phường* đã góp **93.095.000 đồng** cho Quỹ “Vì người nghèo”.\n",
    )
    run = site.build()
    assert run.ok, run.output
    server, base = serve(site.site)
    try:
        page = browser.new_page(viewport=PHONE)
        outside, fonts, errors = _watch(page)
        page.goto(base)
        article = urljoin(base, page.locator(".bt-card__title a").first.get_attribute("href"))
        for url, faces in ((base, {"400 normal", "700 normal"}), (article, {"400 italic"})):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            state = page.evaluate(FONT_STATE, FONT)
            assert state["body"].startswith(f'"{FONT}", {SYSTEM_FONTS}'), state["body"]
            assert state["check"] and state["differs"], (
                f"{FONT} is not what the text is in: {state}"
            )
            assert faces <= set(state["loaded"]), state
            assert page.locator('link[rel="preload"][as="font"]').count() == 2
        page.screenshot(path=screenshots / "web-font-article.png", full_page=True)
        assert fonts and all(urlparse(u).hostname == "127.0.0.1" for u in fonts), fonts
        assert all("/assets/fonts/be-vietnam-pro-" in u for u in fonts), fonts
        assert outside == [], f"requests left the site: {outside}"
        assert errors == []
        page.close()
    finally:
        server.shutdown()


def test_phone_header_fits_and_the_menu_opens_with_every_category(
    browser, base_url: str, screenshots: Path
) -> None:
    page = browser.new_page(viewport=PHONE)
    outside, _, errors = _watch(page)
    page.goto(_pages(browser, base_url)["article"])
    page.wait_for_load_state("networkidle")

    header = page.locator(".md-header").bounding_box()
    assert header["height"] <= 80, f"the header takes {header['height']} px of a phone screen"
    name = page.locator(".md-header").get_by_text(_config()["site_name"], exact=True).first
    assert name.is_visible()
    # The long site name wraps (two lines at most, then "…"), it never runs
    # under the search button, off the screen or out of the header band.
    box = name.bounding_box()
    search = page.locator(".md-header [data-bt-search-open]").bounding_box()
    assert box["x"] + box["width"] <= search["x"] + 1, "the site name runs under the search button"
    assert (
        box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"] + 1
    ), "the site name spills out of the header band"
    fits, lines = name.evaluate("""e => { const s = getComputedStyle(e);
        return [e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1,
                e.getBoundingClientRect().height / parseFloat(s.lineHeight)]; }""")
    assert fits, "the site name is cut off inside its box"
    assert lines <= 2.1, f"the site name takes {lines:.1f} lines"

    drawer = page.locator(".md-sidebar--primary")
    closed = drawer.bounding_box()
    assert closed["x"] + closed["width"] <= 0, "the menu drawer shows before it is opened"

    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_timeout(400)  # Material slides the drawer in over 250 ms
    opened = drawer.bounding_box()
    assert opened["x"] >= 0 and opened["width"] > 0.5 * PHONE["width"]
    page.screenshot(path=screenshots / "drawer.png")
    categories = _categories()
    for category in categories:
        link = page.locator(".md-nav--primary a", has_text=category).first
        assert link.is_visible(), f"'{category}' is not in the opened menu"
        link_box = link.bounding_box()
        assert link_box["x"] + link_box["width"] <= PHONE["width"]

    page.locator(".md-nav--primary a", has_text=categories[-1]).first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith(categories[-1])
    width, inner = page.evaluate(OVERFLOW)
    assert width <= inner
    assert outside == [] and errors == []
    page.close()


def test_desktop_bantin_pages_use_the_full_width(browser, base_url: str, screenshots: Path) -> None:
    page = browser.new_page(viewport=DESKTOP)
    pages = _pages(browser, base_url)
    for name in ("home", "category", "article", "archive"):
        page.goto(pages[name])
        page.wait_for_load_state("networkidle")
        # Material's left column is empty on these pages: it must not push the content right.
        assert not page.locator(".md-sidebar--primary").is_visible(), f"{name}: empty left column"
        grid = page.locator(".md-main__inner").bounding_box()
        layout = page.locator(".bt-layout").bounding_box()
        aside = page.locator(".bt-aside").bounding_box()
        assert layout["x"] - grid["x"] <= 40, (
            f"{name}: content starts {layout['x'] - grid['x']} px into the grid"
        )
        assert layout["width"] >= 0.9 * grid["width"]
        assert aside["x"] >= layout["x"] + layout["width"] / 2, (
            f"{name}: 'Tin mới nhất' is not on the right"
        )
        assert page.locator(".md-tabs").is_visible()
    # The article keeps a reading measure: about 70 characters a line, not the whole column.
    page.goto(pages["article"])
    chars = page.evaluate("""() => {
      const p = [...document.querySelectorAll('.bt-body p')].sort((a, b) => b.textContent.length - a.textContent.length)[0];
      const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
      return p.textContent.length / lines; }""")
    assert 55 <= chars <= 85, f"{chars:.0f} characters a line"
    page.screenshot(path=screenshots / "article.png", full_page=True)
    page.close()


def test_print_shows_the_article_alone(browser, base_url: str, screenshots: Path) -> None:
    page = browser.new_page(viewport={"width": 800, "height": 1100})
    page.goto(_pages(browser, base_url)["article"])
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-tabs",
        ".bt-aside",
        ".bt-neighbours",
        ".md-sidebar--primary",
    ):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    for selector in ("h1#bt-title", ".bt-meta", ".bt-body", ".bt-footer__name"):
        assert page.locator(selector).first.is_visible(), f"{selector} is not printed"
    article = page.locator(".bt-article").bounding_box()
    assert article["width"] >= 0.9 * page.evaluate("document.documentElement.clientWidth")
    page.screenshot(path=screenshots / "print.png", full_page=True)
    page.close()


# For every separator of a row of facts: (painted, its fact starts a line, any fact
# split over two lines). Painted: what the reader sees at the separator's centre
# is the separator (not clipped away).
_FACT_ROWS = """() => [...document.querySelectorAll('.bt-facts__sep')].map(sep => {
  const fact = sep.parentElement, before = fact.previousElementSibling;
  sep.scrollIntoView({block: 'center'});
  const s = sep.getBoundingClientRect();
  const hit = document.elementFromPoint(s.left + s.width / 2, s.top + s.height / 2);
  const starts = Math.abs(fact.getBoundingClientRect().top - before.getBoundingClientRect().top) > 2;
  const lines = [...fact.parentElement.children].map(f => f.getClientRects().length);
  return [hit === sep, starts, Math.max(...lines) > 1];
})"""


@pytest.mark.parametrize("width", [320, 360, 412], ids=lambda w: f"{w}px")
def test_a_separator_never_ends_or_starts_a_line_of_facts(
    browser, base_url: str, width: int
) -> None:
    """ "Ngày đăng … | Lượt xem: …" and the cards' "… · Lượt xem: …" wrap between facts."""
    pages = _pages(browser, base_url)
    page = browser.new_page(viewport={"width": width, "height": 800})
    wrapped = 0
    for name in ("home", "category", "article"):
        page.goto(pages[name])
        rows = page.evaluate(_FACT_ROWS)
        assert rows, name
        for painted, starts, split in rows:
            assert painted is not starts, (name, rows)
            assert not split, (name, rows)
            wrapped += starts
    page.close()
    assert wrapped  # narrow enough that some rows do wrap
