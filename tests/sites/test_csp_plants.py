"""Issue 13 items 1 and 2: an inline script planted through any content path is shown as
text, never run, and never allowed by the Content-Security-Policy bantin writes; a post
body cannot take an id the theme or bantin relies on (``__config``, ``md-*``, ``bt-*``).

The CSP comes from the scripts the theme and bantin ship: each hash in it must belong to
a script that is word for word in a shipped template.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
from bantin.adapter.theme import TEMPLATES
from bantin.publish.output import script_hash

from tests.sitekit import ATOMIC, TinySite

pytestmark = pytest.mark.skipif(not ATOMIC, reason="bantin-atomic writes the headers")

FIXTURE_IMAGE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "posts" / "valid" / "anh" / "bia.png"
)


def plant(where: str) -> str:
    """A script that says where it came from: its hash is known before the build."""
    return f"<script>alert('{where}')</script>"


FRONT_FIELDS = ("title", "category", "author", "source", "summary", "unit", "image_caption")


class Scripts(HTMLParser):
    """Inline script texts and every element id of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.ids: list[tuple[str, str]] = []
        self._open: bool = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id") is not None:
            self.ids.append((tag, values["id"] or ""))
        self._open = tag == "script" and "src" not in values and values.get("type") is None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = False


def shipped_script_texts() -> str:
    """The text of every template the theme and bantin ship, to find a script's origin in."""
    folders = [Path(material.__file__).parent / "templates", TEMPLATES]
    return "\n".join(
        p.read_text(encoding="utf-8") for f in folders for p in f.rglob("*.html") if p.is_file()
    )


def csp_hashes(site: TinySite) -> set[str]:
    headers = (site.site / "_headers").read_text(encoding="utf-8")
    csp = re.search(r"Content-Security-Policy: (.*)", headers).group(1)
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src "))
    return set(re.findall(r"'sha256-[^']+'", script_src))


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[TinySite, str]:
    # No categories declared: the category name itself goes to the navigation.
    site = TinySite(tmp_path_factory.mktemp("planted") / "ward")
    del site.bantin["categories"]
    site.write_config()
    shutil.copyfile(FIXTURE_IMAGE, site.root / "posts" / "bia.png")
    front = {name: f"Chữ {plant(name)}" for name in FRONT_FIELDS}
    front |= {
        "date": "2025-03-04 08:00",
        "tags": [f"thẻ {plant('tags')}"],
        "image": "bia.png",
        "slug": "bai-cay-ma",
        "indicators": [
            {"label": f"Số hộ {plant('indicator-label')}", "value": 12, "unit": plant("iu")},
        ],
    }
    body = "\n\n".join(
        [
            f"Đoạn đầu {plant('body-inline')}",
            plant("body-block"),
            "Đoạn có id {: #__config }",
            '<p id="__config">{"search": "https://evil.example/x.js"}</p>',
            '<div id="md-content">giả</div><span id="bt-title">giả</span>',
            f'<img src="bia.png" alt="x" title="{plant("attr")}">',
        ]
    )
    site.post("cay-ma.md", front, body=body)
    (site.root / "docs" / "gioi-thieu.md").write_text(
        f'---\ntitle: "Giới thiệu {plant("docs-title")}"\n---\n\nTrang giới thiệu.\n',
        encoding="utf-8",
    )
    run = site.build()
    assert run.ok, run.output
    return site, run.output


def test_planted_scripts_are_text_and_never_hashed(planted: tuple[TinySite, str]) -> None:
    site, _ = planted
    sources = [*FRONT_FIELDS, "tags", "indicator-label", "iu", "body-inline", "body-block"]
    sources += ["attr", "docs-title"]
    planted_hashes = {script_hash(f"alert('{s}')".encode()) for s in sources}
    hashes = csp_hashes(site)
    assert hashes, "the theme's own scripts must be allowed"
    assert not hashes & planted_hashes
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > 8
    seen_in_nav = False
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = Scripts()
        parser.feed(html)
        for text in parser.inline:
            assert "alert(" not in text, (page, text)
        seen_in_nav |= "&lt;script&gt;alert(&#39;category&#39;)" in html or (
            "&lt;script&gt;alert('category')" in html
        )
    assert seen_in_nav, "the category name should be shown (escaped) in the navigation"


def test_every_csp_hash_is_a_shipped_script(planted: tuple[TinySite, str]) -> None:
    site, _ = planted
    shipped = shipped_script_texts()
    by_hash: dict[str, str] = {}
    for page in site.site.rglob("*.html"):
        parser = Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for text in parser.inline:
            by_hash[script_hash(text.encode())] = text
    for value in csp_hashes(site):
        text = by_hash[value]
        # The theme's templates hold the script with {{ base_url }} in place of the path.
        pattern = re.escape(re.sub(r'new URL\("[^"]*"', "\0", text)).replace(
            "\0", r'new URL\("\{\{[^}]*\}\}"'
        )
        assert re.search(pattern, shipped), text[:80]


def test_post_body_cannot_take_the_theme_s_ids(planted: tuple[TinySite, str]) -> None:
    site, _ = planted
    article = site.site / "2025" / "03" / "04" / "bai-cay-ma" / "index.html"
    parser = Scripts()
    parser.feed(article.read_text(encoding="utf-8"))
    ids = [value for _, value in parser.ids]
    assert ("script", "__config") in parser.ids
    assert ids.count("__config") == 1
    assert ids.count("bt-title") == 1
    assert "md-content" not in ids


def test_a_script_in_a_docs_page_is_reported_and_not_allowed(tmp_path: Path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post("a.md", {"title": "Bài", "date": "2025-01-02", "category": "Thông báo"})
    (site.root / "docs" / "trang.md").write_text(
        "# Trang\n\n<script>alert('docs-body')</script>\n", encoding="utf-8"
    )
    run = site.build(strict=False)
    assert run.ok, run.output
    assert "trang/index.html" in run.output and "<script>" in run.output
    assert script_hash(b"alert('docs-body')") not in csp_hashes(site)
    assert "Traceback" not in run.output
    assert not site.build().ok, "a stray script is a warning: --strict refuses it"
