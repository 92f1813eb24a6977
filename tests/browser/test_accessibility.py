"""axe-core (npm, pinned; the Makefile installs it into .cache/axe) on every kind of page,
at 360 and 1280 px, in Debian's Chromium: zero violations of any impact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE, REPO

pytestmark = pytest.mark.browser

AXE = REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


def article_with_indicators_and_photos(site: Path) -> str:
    for path in sorted(site.glob("20*/*/*/*/index.html")):
        html = path.read_text(encoding="utf-8")
        if 'class="bt-indicators"' in html and 'class="bt-cover"' in html:
            return path.parent.relative_to(site).as_posix() + "/"
    raise AssertionError("the demo has no article with indicators and a photo")


def pages(site: Path) -> dict[str, str]:
    indicator = next(p for p in sorted((site / "chi-so").iterdir()) if p.is_dir())
    return {
        "home": "",
        "category": "chuyen-muc/dan-van-chinh-quyen/",
        "archive": "luu-tru/",
        "article": article_with_indicators_and_photos(site),
        "indicator": f"chi-so/{indicator.name}/",
        "contact": "lien-he/",
        "search": "",
    }


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "summary": v["nodes"][0].get("failureSummary", ""),
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_zero_axe_violations(browser, demo_site: Path, base_url: str, viewport) -> None:
    if not AXE.is_file():
        pytest.fail(
            "axe-core is missing: run `make test` (it installs it from npm into .cache/axe)"
        )
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    found: dict[str, list[dict]] = {}
    for name, path in pages(demo_site).items():
        page.goto(base_url + path, wait_until="networkidle")
        if name == "search":
            page.locator("[data-bt-search-open]").click()
            page.locator("#bt-search-input").fill("dan van kheo")
            page.locator("#bt-search-input").press("Enter")
            page.wait_for_selector(".bt-search__result")
            page.wait_for_timeout(300)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
