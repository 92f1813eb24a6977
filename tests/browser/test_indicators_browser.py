"""Indicator boxes, the "Chỉ số" pages and the home block in Chromium, on a 360 px phone and a desktop."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ARTICLES = {
    # the demo post with a breakdown (parts) and a change against the previous period
    "parts": "2022/08/12/nhan-rong-mo-hinh-dan-van-kheo-2022/",
    # amount against a target with a compact figure, and a ratio; inline figures in the prose
    "target": "2019/10/01/ket-qua-cong-tac-mat-tran-phuong-phuc-loi-9-thang-dau-nam-2019/",
    # five indicators, the box placed in the body with [[chỉ số]]
    "placed": "2020/10/13/hieu-qua-cong-tac-dan-van-cua-dang-bo-phuong-phuc-loi-9-thang-dau-nam-2020/",
}
FUND = "chi-so/quy-vi-nguoi-ngheo/"


def _no_sideways_scroll(page, viewport: dict[str, int], what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (
        f"{what} scrolls sideways: {width}px on a {viewport['width']}px screen"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_boxes_fit_and_show_their_bars(
    browser, base_url: str, screenshots: Path, viewport
) -> None:
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for name, url in ARTICLES.items():
        page.goto(base_url + url)
        box = page.locator(".bt-indicators").first
        assert box.is_visible()
        _no_sideways_scroll(page, viewport, url)
        # every card stays inside the box, and the box inside the screen
        outside = page.evaluate(
            """() => {
              const box = document.querySelector('.bt-indicators').getBoundingClientRect();
              return [...document.querySelectorAll('.bt-indicators *')]
                .filter(e => { const r = e.getBoundingClientRect();
                  return r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5); })
                .map(e => e.className || e.tagName);
            }"""
        )
        assert outside == [], f"{url}: {outside}"
        assert (
            page.evaluate("document.querySelector('.bt-indicators').getBoundingClientRect().right")
            <= viewport["width"]
        )
        # bars are drawn (styled <meter>, a few pixels high, as wide as their cell or card)
        for meter in page.locator(".bt-indicators meter").all():
            size = meter.bounding_box()
            assert size is not None and 3 <= size["height"] <= 12 and size["width"] >= 40, (
                url,
                size,
            )
        box.screenshot(path=screenshots / f"box-{name}.png")
        page.screenshot(path=screenshots / f"article-{name}.png", full_page=True)
    # the box on the phone is one column; on the desktop cards sit side by side
    page.goto(base_url + ARTICLES["target"])
    lefts = page.evaluate(
        "[...document.querySelectorAll('.bt-indicator')].map(e => Math.round(e.getBoundingClientRect().left))"
    )
    assert len(lefts) == 2
    assert (lefts[0] == lefts[1]) is (viewport is PHONE)
    # the change reads the same with or without colour: the words are on the page
    page.goto(base_url + ARTICLES["parts"])
    assert page.locator(".bt-indicator__delta").first.text_content() == "▲ 23 (tăng 13,1%)"
    assert errors == []
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_indicator_page_chart_per_width_and_table_scrolls_in_its_box(
    browser, base_url: str, screenshots: Path, viewport
) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + FUND)
    assert page.locator("h1#bt-title").text_content() == "Quỹ “Vì người nghèo”"
    wide = page.locator("svg.bt-chart__svg--wide")
    narrow = page.locator("svg.bt-chart__svg--narrow")
    if viewport is PHONE:
        assert narrow.is_visible() and not wide.is_visible()
        shown = narrow
    else:
        assert wide.is_visible() and not narrow.is_visible()
        shown = wide
    chart = shown.bounding_box()
    assert (
        chart is not None
        and chart["width"] >= 300
        and chart["x"] + chart["width"] <= viewport["width"]
    )
    assert shown.locator("circle").count() == 4
    _no_sideways_scroll(page, viewport, FUND)
    wrap = page.evaluate(
        "(() => { const w = document.querySelector('.bt-table-wrap'); return [w.scrollWidth, w.clientWidth]; })()"
    )
    if viewport is PHONE:
        assert wrap[0] > wrap[1], "on a phone the table scrolls inside its own box"
    else:
        assert wrap[0] <= wrap[1], "on a desktop the whole table is in sight"
    page.screenshot(path=screenshots / "indicator-page.png", full_page=True)
    page.locator(".bt-chart").screenshot(path=screenshots / "chart.png")

    page.goto(base_url + "chi-so/")
    _no_sideways_scroll(page, viewport, "chi-so/")
    assert page.locator(".bt-figure-list__item").count() >= 30
    page.screenshot(path=screenshots / "index.png", full_page=True)

    page.goto(base_url)
    block = page.locator(".bt-headline-figures")
    assert block.is_visible()
    _no_sideways_scroll(page, viewport, "home")
    tiles = page.evaluate(
        "[...document.querySelectorAll('.bt-headline-figure')].map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tiles) == 4
    # a row of tiles: two rows of two on a phone, one row on a desktop
    assert len(set(tiles)) == (2 if viewport is PHONE else 1)
    block.screenshot(path=screenshots / "home-figures.png")
    page.close()


def test_print_keeps_boxes_whole_and_draws_the_wide_chart(
    browser, base_url: str, screenshots: Path
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.emulate_media(media="print")
    page.goto(base_url + ARTICLES["parts"])
    styles = page.evaluate(
        """() => [...document.querySelectorAll('.bt-indicator, .bt-indicator__parts tr')]
              .map(e => getComputedStyle(e).breakInside)"""
    )
    assert styles and set(styles) == {"avoid"}, styles
    # bars are backgrounds: printed only when the page asks for exact colours
    adjust = page.evaluate(
        "[...document.querySelectorAll('.bt-indicators meter')].map(m => getComputedStyle(m).printColorAdjust)"
    )
    assert adjust and set(adjust) == {"exact"}
    page.locator(".bt-indicators").screenshot(path=screenshots / "print-box.png")
    page.goto(base_url + FUND)
    # on paper the wide chart, even from a phone, and the whole table without a scroll box
    assert page.locator("svg.bt-chart__svg--wide").is_visible()
    assert not page.locator("svg.bt-chart__svg--narrow").is_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.bt-chart')).breakInside")
        == "avoid"
    )
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.bt-table-wrap')).overflowX")
        == "visible"
    )
    page.close()
