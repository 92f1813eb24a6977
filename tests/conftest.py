from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sitekit import REPO, TinySite, strict_build


@pytest.fixture
def tiny(tmp_path: Path) -> TinySite:
    """An empty ward site in a temporary folder."""
    return TinySite(tmp_path / "ward")


def build_demo(target: Path) -> Path:
    """Build the repository's demo ward site into ``target`` (strict: no warning allowed)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795219200"}
    strict_build(REPO, env, target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium per test process (Playwright's sync API allows only one)."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: .ci/run installs Debian's 'chromium' package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ward site, built once per test process."""
    return build_demo(tmp_path_factory.mktemp("demo") / "site")
