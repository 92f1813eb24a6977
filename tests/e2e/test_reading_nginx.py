"""The demo behind deploy/nginx.conf with its security headers: bantin's one stylesheet
cached for a year and gzipped, and the lightbox, fetched only when a photo is opened,
working under the site's Content-Security-Policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.nginxkit import deploy_block, nginx

pytestmark = [pytest.mark.nginx, pytest.mark.browser]

ARTICLE = "2023/03/26/ra-quan-10-phut-lam-sach-phuong-hon-1-200-nguoi-cung-cam-choi/"


def test_stylesheet_and_lightbox_behind_nginx(demo_site: Path, tmp_path: Path, browser) -> None:
    headers = demo_site.parent / ".site-headers" / "nginx-security-headers.conf"
    page_html = (demo_site / ARTICLE / "index.html").read_text(encoding="utf-8")
    sheet = re.search(r'href="[./]*(assets/stylesheets/bantin\.[0-9a-f]{8}\.css)"', page_html)
    assert sheet, "no stylesheet bundle linked"
    with nginx(tmp_path / "nginx", None, deploy_block(demo_site, headers)) as server:
        code, got, _ = server.get(sheet.group(1), **{"Accept-Encoding": "gzip"})
        assert code == 200 and got["Cache-Control"] == "max-age=31536000", got
        assert got.get("Content-Encoding") == "gzip" and "Content-Security-Policy" in got

        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.base + ARTICLE, wait_until="networkidle")
        page.locator("a.bt-zoom").first.click()
        box = page.locator(".glightbox-container")
        box.wait_for(state="visible")
        assert box.get_attribute("role") == "dialog"
        page.keyboard.press("Escape")
        assert page.evaluate("window.__csp") == []
        context.close()
    assert errors == [], errors
