"""Payload × field × surface: front-matter text never becomes markup anywhere it is shown."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.sitekit import TinySite

PAYLOADS = {
    "script": "<script>window.__pwned=1</script>",
    "img": '"><img src=x onerror="window.__pwned=1">',
    "svg": "'><svg onload=window.__pwned=1>",
    "title-break": "</title><script>window.__pwned=1</script>",
    "jinja": "{{ 7*7 }} {% if true %}x{% endif %}",
    "entity": "&lt;b&gt; & <b>",
}
TEXT_FIELDS = ("title", "summary", "author", "source", "unit", "image_caption")
ARTICLE_GLOB = "20*/*/*/*/index.html"


def _front(payload: str, n: int) -> dict[str, object]:
    return {
        "title": f"Tin {n} {payload}",
        "date": f"2024-01-{n:02d} 08:00",
        "category": "Thông báo",
        "tags": [f"thẻ {payload}"],
        "author": f"Tác giả {payload}",
        "source": f"Nguồn {payload}",
        "unit": f"Đơn vị {payload}",
        "summary": f"Sa-pô {payload}",
        "image": "anh.svg",
        "image_caption": f"Chú thích {payload}",
        "pinned": True,
    }


class _Markup(HTMLParser):
    """Collects every tag and attribute a page really has."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> TinySite:
    site = TinySite(tmp_path_factory.mktemp("hostile") / "ward")
    (site.root / "posts" / "anh.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    for n, payload in enumerate(PAYLOADS.values(), 1):
        site.post(f"p{n}.md", _front(payload, n), body=f"Thân bài {n}.")
    run = site.build()
    assert run.ok, run.output
    return site


def _pages(site: TinySite) -> list[Path]:
    return sorted(site.site.rglob("*.html"))


def test_no_injected_tags_or_handlers_on_any_page(hostile: TinySite) -> None:
    pages = _pages(hostile)
    assert len(pages) > 15
    for path in pages:
        parser = _Markup()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            assert tag not in ("svg", "img") or not any(k.startswith("on") for k, _ in attrs), path
            assert not any(k.startswith("on") for k, _ in attrs), (path, tag, attrs)
            assert not (tag == "img" and dict(attrs).get("src") == "x"), path
        for script in parser.scripts:
            assert "__pwned" not in script, path


def test_payload_text_survives_as_text(hostile: TinySite) -> None:
    article = next(p for p in hostile.site.glob(ARTICLE_GLOB) if "tin-5" in str(p))
    html = article.read_text(encoding="utf-8")
    assert "Tin 5 {{ 7*7 }} {% if true %}x{% endif %}" in html
    assert "49" not in re.sub(r"\d{3,}", "", html.split('id="bt-title"', 1)[1][:200])
    article = next(p for p in hostile.site.glob(ARTICLE_GLOB) if "tin-6" in str(p))
    html = article.read_text(encoding="utf-8")
    assert "Tin 6 &amp;lt;b&amp;gt; &amp; &lt;b&gt;</h1>" in html
    assert "<title>Tin 6 &amp;lt;b&amp;gt; &amp; &lt;b&gt; - " in html


def test_title_and_meta_attributes_are_escaped(hostile: TinySite) -> None:
    for path in hostile.site.glob(ARTICLE_GLOB):
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        titles = re.findall(r"<title>(.*?)</title>", head, re.S)
        assert len(titles) == 1 and "<" not in titles[0]
        for content in re.findall(r'<meta [^>]*content="([^"]*)"', head):
            assert "<" not in content and ">" not in content


def test_feeds_and_sitemap_stay_valid_xml(hostile: TinySite) -> None:
    for name in ("rss.xml", "chuyen-muc/thong-bao/rss.xml", "sitemap.xml", "sitemap-pages.xml"):
        root = ElementTree.parse(hostile.site / name).getroot()
        assert root is not None
    titles = [e.text for e in ElementTree.parse(hostile.site / "rss.xml").getroot().iter("title")]
    # Feed readers render titles as HTML: the payload is escaped HTML inside the XML.
    assert f"Tin 1 {html.escape(PAYLOADS['script'], quote=False)}" in titles


def test_search_index_holds_payloads_as_text(hostile: TinySite) -> None:
    """Pagefind keeps text, not markup: the payload is the title's text, word for word."""
    pages = hostile.search_pages()
    titles = {page["meta"]["title"] for page in pages.values()}
    for n, payload in enumerate(PAYLOADS.values(), start=1):
        assert f"Tin {n} {payload}" in titles
    assert all("<" not in url and '"' not in url for url in pages)


@pytest.mark.browser
def test_no_payload_executes_in_the_browser(hostile: TinySite, browser) -> None:
    from tests.browser.conftest import serve

    server, base = serve(hostile.site)
    pages = [p.relative_to(hostile.site).as_posix() for p in _pages(hostile)]
    page = browser.new_page()
    try:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            if path.startswith("assets/") or path == "404.html":
                continue
            page.goto(base + path)
            assert page.evaluate("window.__pwned === undefined"), path
        # Search shows titles and excerpts from the index: search the payload
        # words; every payload must come back as text, and nothing may run.
        page.goto(base)
        page.locator("[data-bt-search-open]").click()
        page.keyboard.type("Tin")
        page.locator(".bt-search__result").first.wait_for(timeout=15000)
        page.wait_for_timeout(500)
        titles = page.locator(".bt-search__link").all_text_contents()
        assert f"Tin 1 {PAYLOADS['script']}" in titles
        assert f"Tin 2 {PAYLOADS['img']}" in titles
        results = page.locator("[data-bt-search-results]")
        assert results.locator("script, img, svg").count() == 0
        assert page.evaluate("window.__pwned === undefined"), "search results"
        assert dialogs == []
    finally:
        page.close()
        server.shutdown()
