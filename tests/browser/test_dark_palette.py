"""A site owner who turns on Material's dark palette gets a toggle in bantin's header
and readable text: axe-core finds no contrast problem in the dark scheme."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import DESKTOP, PHONE, REPO, serve
from tests.browser.test_accessibility import AXE, axe_violations

pytestmark = pytest.mark.browser

PALETTE = [
    {
        "scheme": "default",
        "primary": "custom",
        "accent": "custom",
        "toggle": {"icon": "material/brightness-4", "name": "Chuyển sang nền tối"},
    },
    {
        "scheme": "slate",
        "primary": "custom",
        "accent": "custom",
        "toggle": {"icon": "material/brightness-7", "name": "Chuyển sang nền sáng"},
    },
]


@pytest.fixture(scope="module")
def dark_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("dark") / "project"
    project.mkdir()
    for name in ("docs", "posts", "data", "overrides"):
        shutil.copytree(REPO / name, project / name)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["palette"] = PALETTE
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    server, url = serve(project / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_dark_palette_toggle_and_contrast(browser, dark_url: str, screenshots: Path, viewport):
    if not AXE.is_file():
        pytest.fail(
            "axe-core is missing: run `make test` (it installs it from npm into .cache/axe)"
        )
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(dark_url, wait_until="networkidle")
    toggle = page.get_by_title("Chuyển sang nền tối")
    assert toggle.is_visible(), "the header hides the palette toggle"
    toggle.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 23, 26)", background
    found = {}
    article = page.locator(".bt-card__title a").first.get_attribute("href")
    for name, path in (("home", ""), ("article", article.lstrip("/")), ("archive", "luu-tru/")):
        page.goto(dark_url + path, wait_until="networkidle")  # the choice is remembered
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.screenshot(path=screenshots / f"dark-{name}.png")
        if violations := axe_violations(page):
            found[name] = violations
    page.locator("[data-bt-search-open]").click()
    page.locator("#bt-search-input").fill("dan van kheo")
    page.locator("#bt-search-input").press("Enter")
    page.wait_for_selector(".bt-search__result")
    page.screenshot(path=screenshots / "dark-search.png")
    if violations := axe_violations(page):
        found["search"] = violations
    # and back to light
    page.keyboard.press("Escape")
    page.get_by_title("Chuyển sang nền sáng").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    context.close()
    assert found == {}, found
