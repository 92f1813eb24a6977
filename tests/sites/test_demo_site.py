"""The demo ward site: complete, valid HTML, no broken internal link or anchor."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import frontmatter
import pytest

from tests.sitekit import REPO

VNU = REPO / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and not (
                tag == "link" and attrs.get("rel") in ("canonical", "alternate")
            ):
                self.links.append(attrs[key])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_demo_content_covers_the_contract() -> None:
    posts = [frontmatter.load(p) for p in sorted((REPO / "posts").rglob("*.md"))]
    assert len(posts) >= 15
    categories = {p["category"] for p in posts}
    assert {
        "Tin tức - Sự kiện",
        "Bài viết chuyên sâu",
        "Dân vận chính quyền",
        "Mặt trận - Đoàn thể",
        "Thông báo",
    } <= categories
    assert any(p.get("pinned") for p in posts)
    assert any(p.get("draft") for p in posts)
    assert any(p.get("indicators") for p in posts)
    assert sum(1 for p in posts if p.get("image")) >= 5


def test_no_broken_internal_link_or_anchor(demo_site: Path) -> None:
    pages = {p: _parse(p) for p in demo_site.rglob("*.html")}
    broken: list[str] = []
    checked = 0
    for page, parsed in pages.items():
        base = "file://" + str(page)
        for link in parsed.links:
            if link.startswith("/") and not link.startswith("//"):
                link = "file://" + str(demo_site) + link  # site_url's path is "/"
            target = urlparse(urljoin(base, link))
            if target.scheme != "file":
                continue
            path = Path(unquote(target.path))
            if path.is_dir():
                path = path / "index.html"
            checked += 1
            if not path.is_file():
                broken.append(f"{page.relative_to(demo_site)} -> {link}")
                continue
            if target.fragment and path.suffix == ".html":
                ids = pages[path].ids if path in pages else _parse(path).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{page.relative_to(demo_site)} -> {link} (anchor)")
    assert checked > 500
    assert broken == []


def test_demo_html_is_valid(demo_site: Path) -> None:
    java = shutil.which("java")
    if not (java and VNU.is_file()):
        pytest.fail(
            "The Nu Html Checker needs Java and vnu.jar: run .ci/run, or 'make test' with npm and Java installed"
        )
    pages = sorted(str(p) for p in demo_site.rglob("*.html") if "/assets/" not in str(p))
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors[:40])
