"""The site under a sub-path (site_url https://example.gov.vn/phuong-phuc-loi/), served by
nginx under that path with the build's security headers: links, photos, search, feeds,
redirects (old addresses) and the 404 page all stay inside the sub-path and work."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from tests.nginxkit import RunningNginx, nginx

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/phuong-phuc-loi/"
SITE_URL = "https://example.gov.vn" + PREFIX
OLD_ADDRESS = "tin-tuc/ket-qua-cong-tac-mat-tran-9-thang-dau-nam-2019.html"

pytestmark = [pytest.mark.nginx, pytest.mark.browser]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("subpath") / "project"
    root.mkdir()
    for name in ("docs", "posts", "data", "overrides"):
        shutil.copytree(REPO / name, root / name)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = SITE_URL
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="module")
def server(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNginx]:
    www = tmp_path_factory.mktemp("www")
    (www / PREFIX.strip("/")).symlink_to(project / "site")
    headers = project / ".site-headers" / "nginx-security-headers.conf"
    lines = f"""
        root {www};
        index index.html;
        charset utf-8;
        absolute_redirect off;
        disable_symlinks off;
        include {headers};
        error_page 404 {PREFIX}404.html;
        location / {{ try_files $uri $uri/ =404; }}
    """
    with nginx(tmp_path_factory.mktemp("nginx"), None, lines) as running:
        yield running


def local(server: RunningNginx, url: str) -> str:
    """A site URL (absolute on example.gov.vn, or a path) as a URL of the test server."""
    parts = urlsplit(url)
    return server.base.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield page
    context.close()


def visit(page, url: str) -> list[str]:
    """Load ``url`` (once per page); requests that failed or answered an error, CSP violations."""
    bad: list[str] = []
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
    page.on(
        "response",
        lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != url else None,
    )
    page.goto(url, wait_until="networkidle")
    bad += [f"csp {v}" for v in page.evaluate("window.__csp")]
    return bad


def test_pages_links_and_photos_stay_under_the_sub_path(page, server: RunningNginx) -> None:
    home = server.base + PREFIX.lstrip("/")
    assert visit(page, home) == []
    article = page.locator(".bt-card__title a").first
    links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    inside = [u for u in links if urlsplit(u).netloc == urlsplit(home).netloc]
    assert inside and all(urlsplit(u).path.startswith(PREFIX) for u in inside), [
        u for u in inside if not urlsplit(u).path.startswith(PREFIX)
    ]
    for url in sorted(set(inside))[:40]:
        status, _, _ = server.get(urlsplit(url).path)
        assert status == 200, url
    article.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.startswith(PREFIX)
    photos = page.evaluate(
        "[...document.images].map(i => [i.currentSrc, i.complete && i.naturalWidth > 0])"
    )
    assert photos and all(ok and urlsplit(src).path.startswith(PREFIX) for src, ok in photos)
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical.startswith(SITE_URL)


def test_search_finds_and_opens_articles_under_the_sub_path(page, server: RunningNginx) -> None:
    assert visit(page, server.base + PREFIX.lstrip("/")) == []
    page.locator("[data-bt-search-open]").click()
    page.locator("#bt-search-input").fill("dan van kheo")
    page.locator("#bt-search-input").press("Enter")
    page.wait_for_selector(".bt-search__result")
    hrefs = page.locator(".bt-search__link").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(urlsplit(h).path.startswith(PREFIX) for h in hrefs), hrefs
    page.locator(".bt-search__link").first.click()
    page.wait_for_load_state("networkidle")
    assert "Dân vận khéo" in page.locator("h1").text_content()
    assert page.evaluate("window.__csp") == []


def test_feeds_point_into_the_sub_path(server: RunningNginx) -> None:
    status, _, body = server.get(PREFIX + "rss.xml")
    assert status == 200
    links = [e.text for e in ElementTree.fromstring(body).iter("link") if e.text]
    assert links and all(link.startswith(SITE_URL) for link in links), links
    for link in links[:5]:
        assert server.get(urlsplit(link).path)[0] == 200, link


def test_old_addresses_redirect_inside_the_sub_path(page, server: RunningNginx) -> None:
    status, _, body = server.get(PREFIX + OLD_ADDRESS)
    assert status == 200
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', body.decode()).group(1)
    page.goto(server.base + PREFIX.lstrip("/") + OLD_ADDRESS, wait_until="networkidle")
    assert urlsplit(page.url).path.startswith(PREFIX + "2019/"), (target, page.url)
    assert page.locator("h1#bt-title").is_visible()


def test_the_404_page_is_styled_and_its_links_work(page, server: RunningNginx) -> None:
    missing = server.base + PREFIX.lstrip("/") + "khong-co-trang-nay/"
    response = page.goto(missing, wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").text_content().strip() == "Không tìm thấy trang"
    # bantin's stylesheet is loaded from the sub-path: the header has its gold rule
    gold = page.evaluate("getComputedStyle(document.querySelector('.bt-header')).borderBottomColor")
    assert gold == "rgb(255, 213, 79)"
    for href in page.evaluate("[...document.querySelectorAll('.bt-notfound a')].map(a => a.href)"):
        assert urlsplit(href).path.startswith(PREFIX), href
        assert page.request.get(urljoin(missing, href)).status == 200, href
    page.locator("[data-bt-search-open]").click()
    page.locator("#bt-search-input").fill("phuc loi")
    page.locator("#bt-search-input").press("Enter")
    page.wait_for_selector(".bt-search__result")
