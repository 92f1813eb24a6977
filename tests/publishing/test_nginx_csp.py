"""nginx serves a built Material site with deploy/nginx.conf; Chromium sees zero CSP violations.

The server block lines between the ``bantin site`` markers of
``deploy/nginx.conf`` are used as they are; only ``root`` and the headers
``include`` are pointed at the build in ``tmp_path``. A control run with a
policy lacking the script hashes must show violations, so the detector is
known to work.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bantin.publish.headers import render_nginx, security_headers

from tests.nginxkit import RunningNginx, deploy_block, nginx
from tests.sitekit import Site

NGINX = Path("/usr/sbin/nginx")
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [pytest.mark.nginx, pytest.mark.browser]

MATERIAL = "  - search:\n      lang: vi\n"
THEME_EXTRA = """\
  features:
    - content.tabs.link
    - navigation.top
    - search.suggest
  palette:
    - scheme: default
      toggle:
        icon: material/brightness-7
        name: Chế độ tối
    - scheme: slate
      toggle:
        icon: material/brightness-4
        name: Chế độ sáng
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    if not NGINX.exists() or not CHROMIUM.exists():
        pytest.skip("needs /usr/sbin/nginx and /usr/bin/chromium")
    root = tmp_path_factory.mktemp("csp") / "project"
    root.mkdir()
    site = Site(root, root / "site")
    site.write_config(
        theme="material",
        extra_plugins=MATERIAL,
        hooks=False,
        extra="markdown_extensions:\n  - admonition\n",
    )
    text = (
        (root / "mkdocs.yml")
        .read_text()
        .replace("  font: false\n", "  font: false\n" + THEME_EXTRA)
    )
    (root / "mkdocs.yml").write_text(text)
    site.write_pages("v1")
    done = site.build("--strict")
    assert done.returncode == 0, done.stdout
    return site


@pytest.fixture(scope="module")
def server(built: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNginx]:
    headers = built.root / ".site-headers" / "nginx-security-headers.conf"
    block = deploy_block(built.site_dir, headers)
    with nginx(tmp_path_factory.mktemp("nginx"), None, block) as running:
        yield running


def _violations(
    browser, base: str, paths: list[str], search: bool = True
) -> tuple[list[str], bool]:
    """Load pages in Chromium; return CSP console messages / violation events, and search success."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    found: list[str] = []
    searched = False
    # A fresh context per call: the session's one Chromium (tests/conftest.py) is shared.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.on(
            "console",
            lambda m: (
                found.append(f"console {m.type}: {m.text}")
                if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
                else None
            ),
        )
        page.on("pageerror", lambda e: found.append(f"pageerror: {e}"))
        for path in paths:
            page.goto(base.rstrip("/") + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            found += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        if search:
            page.goto(base, wait_until="networkidle")
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially("phường", delay=50)
            try:
                page.wait_for_selector(".md-search-result__item", timeout=10_000)
                searched = True
            except PlaywrightTimeout:  # reported by the assertion below
                searched = False
            found += [f"search: {v}" for v in page.evaluate("window.__csp")]
    finally:
        context.close()
    return found, searched


PAGES = ["/", "/tin/bai-3/", "/khong-co-trang-nay/"]


def test_chromium_loads_pages_with_zero_csp_violations(server: RunningNginx, browser) -> None:
    found, searched = _violations(browser, server.base, PAGES)
    assert found == []
    assert searched, "search returned no result: the search worker was blocked or broken"


def test_control_without_hashes_shows_violations(built: Site, tmp_path: Path, browser) -> None:
    """The same site with a policy lacking the hashes: the test above would catch it."""
    headers = tmp_path / "no-hashes.conf"
    headers.write_text(render_nginx(security_headers([])))
    with nginx(tmp_path / "nginx", None, deploy_block(built.site_dir, headers)) as running:
        found, _ = _violations(browser, running.base, ["/"], search=False)
    assert any("script-src" in v for v in found), found


def test_headers_caching_and_compression(server: RunningNginx, built: Site) -> None:
    csp = (built.site_dir / "_headers").read_text().splitlines()[2].split(": ", 1)[1]
    for path, status in (("/", 200), ("/tin/bai-3/", 200), ("/khong-co/", 404)):
        code, headers, _ = server.get(path)
        assert code == status
        assert headers["Content-Security-Policy"] == csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["Permissions-Policy"]
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]

    bundle = next((built.site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    code, headers, body = server.get(
        f"/assets/javascripts/{bundle.name}", **{"Accept-Encoding": "gzip"}
    )
    assert code == 200
    assert headers["Cache-Control"] == "max-age=31536000"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == bundle.read_bytes()
    assert headers["X-Content-Type-Options"] == "nosniff"  # asset locations keep the headers

    font = built.site_dir / "assets" / "fonts" / "be-vietnam-pro-latin-400-normal.woff2"
    font.parent.mkdir(parents=True, exist_ok=True)
    font.write_bytes(b"wOF2")
    code, headers, _ = server.get(f"/assets/fonts/{font.name}")
    assert code == 200 and headers["Cache-Control"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    photo = built.site_dir / "anh" / "tiep-dan-0123abcd-800.webp"
    photo.parent.mkdir(exist_ok=True)
    photo.write_bytes(b"RIFF\0\0\0\0WEBP")
    code, headers, _ = server.get("/anh/tiep-dan-0123abcd-800.webp")
    assert code == 200 and headers["Cache-Control"] == "max-age=31536000"
    photo.unlink()
    static = (built.site_dir / "_headers").read_text()
    assert "/anh/*\n  Cache-Control: public, max-age=31536000, immutable" in static

    code, headers, _ = server.get("/")
    assert headers["Cache-Control"] == "no-cache"
    assert server.get("/_headers")[0] == 404
    shutil.copy(built.site_dir / "index.html", built.site_dir / ".an.html")
    assert server.get("/.an.html")[0] == 404
    (built.site_dir / ".an.html").unlink()
