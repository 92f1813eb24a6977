"""Page weight: what a phone's browser really fetches to show a page the first time.

    python bench/weight.py SITE [PAGE ...]     # e.g. site/ index.html 2024/05/01/slug/

The built site is served from 127.0.0.1 and each page opened in headless
Chromium (Debian's ``/usr/bin/chromium``, via Playwright) at phone width
(360 px), in a fresh context (nothing cached). Every response of the load is
recorded until the network is idle (and half a second more: fonts and
Material's late fetches arrive then). Each counts as the wire would carry it:
text (HTML, CSS, JavaScript, JSON, SVG, XML) gzipped at level 5, as
``deploy/nginx.conf`` serves it; fonts (woff2) and images raw. Photos (JPEG,
PNG, WebP, AVIF: the article's own pictures, whose size depends on the post)
are counted apart. Without Chromium the weight falls back to reading the HTML
(stylesheets, scripts, preloads, icons it links, not what the stylesheets pull
in such as fonts), and says so.

``bench/build.py`` prints these figures for an article with an indicator box
and the home page of the largest corpus.
"""

from __future__ import annotations

import gzip
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Response

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
GZIP_LEVEL = 5  # deploy/nginx.conf: gzip_comp_level 5
PHONE = {"width": 360, "height": 780}
PHOTO = re.compile(r"\.(jpe?g|png|webp|avif)$", re.I)
# Types nginx compresses (deploy/nginx.conf gzip_types; text/html always).
_TEXT = re.compile(r"^(text/|application/(javascript|json|xml|rss\+xml|manifest\+json)|image/svg)")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL))


@dataclass
class Weight:
    """What one page load fetched: (path, bytes on the wire) per file, photos apart."""

    page: str
    items: list[tuple[str, int]] = field(default_factory=list)
    photos: list[tuple[str, int]] = field(default_factory=list)
    method: str = "Chromium"

    @property
    def total(self) -> int:
        return sum(size for _, size in self.items)

    @property
    def html(self) -> int:
        return next((size for path, size in self.items if path == self.page), 0)

    def kinds(self) -> dict[str, int]:
        """Bytes per kind of file (html, css, js, font, image, other)."""
        out: dict[str, int] = {}
        for path, size in self.items:
            out[_kind(path, self.page)] = out.get(_kind(path, self.page), 0) + size
        return out


def _kind(path: str, page: str) -> str:
    if path == page:
        return "html"
    suffix = Path(urlsplit(path).path).suffix.lower()
    return {
        ".css": "css",
        ".js": "js",
        ".woff2": "font",
        ".woff": "font",
        ".ttf": "font",
        ".svg": "image",
        ".ico": "image",
        ".gif": "image",
    }.get(suffix, "other")


def _wire_size(body: bytes, content_type: str) -> int:
    return gz(body) if _TEXT.match(content_type.split(";")[0].strip().lower()) else len(body)


def measure(site: Path, pages: list[str]) -> list[Weight]:
    """One Weight per page (paths relative to the site root, e.g. ``index.html``)."""
    if not Path(CHROMIUM).exists():
        return [static_weight(site, page) for page in pages]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [static_weight(site, page) for page in pages]

    sys.path.insert(0, str(REPO))
    from tests.browser.conftest import CHROMIUM_ARGS, serve

    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return [_load(browser, base, page) for page in pages]
            finally:
                browser.close()
    finally:
        server.shutdown()


def _load(browser: Browser, base: str, page: str) -> Weight:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    responses: list[Response] = []
    tab.on("response", lambda response: responses.append(response))
    url = base + page.removesuffix("index.html")
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_timeout(500)
    result = Weight(page=page.removesuffix("index.html") or "/")
    for response in responses:
        path = urlsplit(response.url).path
        if not response.url.startswith(base):
            path = response.url  # a third party: counted, and shown in full
        try:
            body = response.body()
        except Exception:  # a redirect or a failed request has no body
            continue
        size = _wire_size(body, response.headers.get("content-type", ""))
        name = result.page if path == urlsplit(url).path else path
        (result.photos if PHOTO.search(urlsplit(path).path) else result.items).append((name, size))
    context.close()
    return result


class _Refs(HTMLParser):
    """What the HTML itself asks for: stylesheets, scripts, preloads, icons, non-photo images."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "icon"):
            self.refs.append(a.get("href") or "")
        elif (tag == "script" and a.get("src")) or (
            tag == "img" and a.get("src") and not PHOTO.search(a["src"] or "")
        ):
            self.refs.append(a["src"] or "")


def static_weight(site: Path, page: str) -> Weight:
    """The fallback without Chromium: the HTML and the files it links (not what CSS pulls in)."""
    path = site / page
    html = path.read_bytes()
    parser = _Refs()
    parser.feed(html.decode("utf-8"))
    result = Weight(page=page.removesuffix("index.html") or "/", method="static (no Chromium)")
    result.items.append((result.page, gz(html)))
    seen: set[Path] = set()
    for ref in parser.refs:
        if ref.startswith(("http:", "https:", "data:")):
            continue
        target = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
        if target.is_file() and target not in seen:
            seen.add(target)
            data = target.read_bytes()
            text = target.suffix in (".css", ".js", ".svg", ".json", ".html")
            result.items.append(
                (target.relative_to(site.resolve()).as_posix(), gz(data) if text else len(data))
            )
    return result


def describe(weight: Weight, name: str, limit_kb: int | None = None, biggest: int = 5) -> list[str]:
    """Report lines for one page: total, by kind, the biggest files, photos apart."""
    total = weight.total / 1024
    verdict = ""
    if limit_kb is not None:
        verdict = f" (target < {limit_kb} KB: {'met' if total < limit_kb else 'NOT met'})"
    kinds = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(weight.kinds().items()))
    photos = sum(size for _, size in weight.photos)
    lines = [
        f"  {name} ({weight.page}): {total:.1f} KB transferred, {len(weight.items)} files"
        f"{verdict} [{weight.method}, 360 px, gzip 5]",
        f"    by kind (KB): {kinds}; photos aside: {len(weight.photos)} files, "
        f"{photos / 1024:.1f} KB",
    ]
    top = sorted(weight.items, key=lambda item: -item[1])[:biggest]
    lines.append(
        "    biggest: " + ", ".join(f"{Path(p).name or p} {s / 1024:.1f} KB" for p, s in top)
    )
    return lines


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    site = Path(argv[0])
    pages = argv[1:] or ["index.html"]
    pages = [p if p.endswith(".html") else p.rstrip("/") + "/index.html" for p in pages]
    for weight in measure(site, pages):
        print("\n".join(describe(weight, weight.page, biggest=8)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
