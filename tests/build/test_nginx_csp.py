"""nginx serves a built Material site with deploy/nginx.conf; Chromium sees zero CSP violations.

The server block lines between the ``bantin site`` markers of
``deploy/nginx.conf`` are used as they are; only ``root`` and the headers
``include`` are pointed at the build in ``tmp_path``. A control run with a
policy lacking the script hashes must show violations, so the detector is
known to work.
"""

from __future__ import annotations

import gzip
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bantin.build.headers import render_nginx, security_headers
from conftest import ROOT, Site

NGINX = Path("/usr/sbin/nginx")
CHROMIUM = Path("/usr/bin/chromium")
DEPLOY = ROOT / "deploy" / "nginx.conf"

pytestmark = [pytest.mark.nginx, pytest.mark.browser]

MATERIAL = (
    "  - search:\n      lang: vi\n"
)
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


def _site_block(root: Path, headers: Path) -> str:
    text = DEPLOY.read_text(encoding="utf-8")
    block = re.search(r"# --- bantin site: begin.*?\n(.*?)\n\s*# --- bantin site: end", text, re.S)
    assert block, "deploy/nginx.conf lost its 'bantin site' markers"
    lines = block.group(1)
    lines, roots = re.subn(r"(?m)^(\s*)root\s+[^;]+;", rf"\1root {root};", lines)
    lines, includes = re.subn(
        r"(?m)^(\s*)include\s+\S*bantin-security-headers\.conf;", rf"\1include {headers};", lines
    )
    assert roots == 1 and includes == 1
    return lines


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    def __init__(self, workdir: Path, root: Path, headers: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        workdir.mkdir(parents=True, exist_ok=True)
        conf = workdir / "nginx.conf"
        conf.write_text(
            f"""
daemon off;
master_process on;
worker_processes 1;
user root;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    server {{
        listen 127.0.0.1:{self.port};
        server_name localhost;
{_site_block(root, headers)}
    }}
}}
""",
            encoding="utf-8",
        )
        test = subprocess.run(
            [str(NGINX), "-t", "-c", str(conf), "-p", str(workdir), "-e", str(workdir / "error.log")],
            capture_output=True, text=True,
        )
        assert test.returncode == 0, test.stderr
        self.process = subprocess.Popen(
            [str(NGINX), "-c", str(conf), "-p", str(workdir), "-e", str(workdir / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(self.base + "/", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise AssertionError((workdir / "error.log").read_text()) from None
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.base + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    if not NGINX.exists() or not CHROMIUM.exists():
        pytest.skip("needs /usr/sbin/nginx and /usr/bin/chromium")
    root = tmp_path_factory.mktemp("csp") / "project"
    root.mkdir()
    site = Site(root, root / "site")
    site.write_config(theme="material", extra_plugins=MATERIAL, hooks=False,
                      extra="markdown_extensions:\n  - admonition\n")
    text = (root / "mkdocs.yml").read_text().replace("  font: false\n", "  font: false\n" + THEME_EXTRA)
    (root / "mkdocs.yml").write_text(text)
    site.write_pages("v1")
    done = site.build("--strict")
    assert done.returncode == 0, done.stdout
    return site


@pytest.fixture(scope="module")
def server(built: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    headers = built.root / ".site-headers" / "nginx-security-headers.conf"
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), built.site_dir, headers)
    yield nginx
    nginx.stop()


def _violations(browser, base: str, paths: list[str], search: bool = True) -> tuple[list[str], bool]:
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
        page.on("console", lambda m: found.append(f"console {m.type}: {m.text}")
                if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
                else None)
        page.on("pageerror", lambda e: found.append(f"pageerror: {e}"))
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            found += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        if search:
            page.goto(base + "/", wait_until="networkidle")
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


def test_chromium_loads_pages_with_zero_csp_violations(server: Nginx, browser) -> None:
    found, searched = _violations(browser, server.base, PAGES)
    assert found == []
    assert searched, "search returned no result: the search worker was blocked or broken"


def test_control_without_hashes_shows_violations(built: Site, tmp_path: Path, browser) -> None:
    """The same site with a policy lacking the hashes: the test above would catch it."""
    headers = tmp_path / "no-hashes.conf"
    headers.write_text(render_nginx(security_headers([])))
    nginx = Nginx(tmp_path / "nginx", built.site_dir, headers)
    try:
        found, _ = _violations(browser, nginx.base, ["/"], search=False)
    finally:
        nginx.stop()
    assert any("script-src" in v for v in found), found


def test_headers_caching_and_compression(server: Nginx, built: Site) -> None:
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
    code, headers, body = server.get(f"/assets/javascripts/{bundle.name}", **{"Accept-Encoding": "gzip"})
    assert code == 200
    assert headers["Cache-Control"] == "max-age=31536000"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == bundle.read_bytes()
    assert headers["X-Content-Type-Options"] == "nosniff"  # asset locations keep the headers

    code, headers, _ = server.get("/")
    assert headers["Cache-Control"] == "no-cache"
    assert server.get("/_headers")[0] == 404
    shutil.copy(built.site_dir / "index.html", built.site_dir / ".an.html")
    assert server.get("/.an.html")[0] == 404
    (built.site_dir / ".an.html").unlink()
