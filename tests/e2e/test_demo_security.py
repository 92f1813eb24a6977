"""The demo ward site behind nginx with deploy/nginx.conf and the headers the build wrote:
Chromium loads its pages (articles, listings, indicators, search) with zero CSP violations."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests.nginxkit import deploy_block, nginx

pytestmark = [pytest.mark.nginx, pytest.mark.browser]


def test_demo_site_has_zero_csp_violations(demo_site: Path, browser, tmp_path: Path) -> None:
    headers = demo_site.parent / ".site-headers" / "nginx-security-headers.conf"
    assert headers.is_file(), "the build writes the nginx headers snippet beside the site"
    pages = [
        "",
        "chuyen-muc/thong-bao/",
        "chi-so/",
        "luu-tru/",
        "gioi-thieu/",
        "khong-co-trang-nay/",
    ]
    article = next(demo_site.glob("2020/10/13/*/index.html")).parent.relative_to(demo_site)
    indicator = next(p for p in (demo_site / "chi-so").iterdir() if p.is_dir()).relative_to(
        demo_site
    )
    pages += [f"{article}/", f"{indicator}/"]
    with nginx(tmp_path / "nginx", None, deploy_block(demo_site, headers)) as server:
        with urllib.request.urlopen(server.base, timeout=10) as response:
            policy = response.headers["Content-Security-Policy"]
        script_src = policy.split("script-src")[1].split(";")[0]
        assert "script-src 'self' 'sha256-" in policy and "'unsafe-inline'" not in script_src
        # Pagefind's WebAssembly, and nothing that would let JavaScript eval run.
        assert "'wasm-unsafe-eval'" in script_src and "'unsafe-eval'" not in script_src
        context = browser.new_context()
        page = context.new_page()
        violations: list[str] = []
        page.add_init_script(
            "window.__csp = [];document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        for path in pages:
            page.goto(server.base + path, wait_until="networkidle")
            violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        page.locator("[data-bt-search-open]").click()
        page.keyboard.type("dân vận")
        page.locator(".bt-search__result").first.wait_for(timeout=15000)
        violations += [f"search: {v}" for v in page.evaluate("window.__csp")]
        context.close()
    assert violations == []
