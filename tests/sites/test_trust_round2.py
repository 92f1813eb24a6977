"""Issue 13 (trust, second round): site-level checks that need a real build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sitekit import ATOMIC, TinySite

needs_atomic = pytest.mark.skipif(not ATOMIC, reason="bantin-atomic writes the headers")


def _site(root: Path) -> TinySite:
    site = TinySite(root / "ward")
    site.post("a.md", {"title": "Bài", "date": "2025-01-02", "category": "Thông báo"})
    return site


@needs_atomic
def test_a_headers_folder_in_the_output_is_an_error(tmp_path: Path) -> None:
    """Item 4: whatever takes ``_headers``, the build fails instead of shipping no headers."""
    site = _site(tmp_path)
    (site.root / "docs" / "_headers").mkdir()
    (site.root / "docs" / "_headers" / "index.md").write_text("# Trang\n", encoding="utf-8")
    run = site.build(strict=False)
    assert not run.ok, run.output
    assert "site/_headers" in run.output and "tiêu đề bảo mật" in run.output
    assert "Traceback" not in run.output
    assert not site.site.exists()


@needs_atomic
def test_a_killed_build_s_headers_tmp_file_is_removed_by_the_next(tmp_path: Path) -> None:
    """Item 14: ``.nginx-security-headers.conf.<pid>.tmp`` from a ``kill -9`` does not stay."""
    site = _site(tmp_path)
    folder = site.root / ".site-headers"
    folder.mkdir()
    stale = folder / ".nginx-security-headers.conf.99999.tmp"
    stale.write_text("# half written", encoding="utf-8")
    run = site.build()
    assert run.ok, run.output
    assert not stale.exists()
    assert [p.name for p in folder.iterdir()] == ["nginx-security-headers.conf"]


def test_feeds_are_well_formed_and_carry_text_not_markup(tmp_path: Path) -> None:
    """Items 7 and 13: forbidden characters sent as references in the first paragraph, and
    markup in front-matter text, reach no feed as anything but text."""
    import html
    import re
    from xml.etree import ElementTree

    import feedparser

    site = TinySite(tmp_path / "ward")
    site.post(
        "a.md",
        {
            "title": "Tin <script>alert(1)</script>",
            "date": "2025-01-02 08:00",
            "category": "Thông báo",
            "author": '<img src=x onerror="alert(2)">',
        },
        body="Chữ&#1; đầu &#65534;tiên &#x1F;bài&#xFFFF; <img src=x onerror=alert(3)>.\n\nĐoạn hai.",
    )
    run = site.build()
    assert run.ok, run.output
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    for name in ("rss.xml", "chuyen-muc/thong-bao/rss.xml", "sitemap.xml", "sitemap-pages.xml"):
        raw = (site.site / name).read_text(encoding="utf-8")
        assert not forbidden.search(raw), name
        ElementTree.fromstring(raw.encode())
    feed = feedparser.parse(str(site.site / "chuyen-muc" / "thong-bao" / "rss.xml"))
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    for value in (entry.title, entry.summary, entry.author):
        assert "<script" not in value and "<img" not in value, value
    assert html.unescape(entry.title) == "Tin <script>alert(1)</script>"
    assert entry.summary.startswith("Chữ đầu tiên bài")
    article = site.html("2025/01/02/tin-script-alert-1-script/")
    description = re.search(r'<meta name="description" content="([^"]*)"', article).group(1)
    assert not forbidden.search(html.unescape(description))


def test_the_feed_template_is_not_published(tmp_path: Path) -> None:
    """Item 14: ``feeds/rss.xml`` (a Jinja template) stayed in the site as raw text."""
    site = _site(tmp_path)
    run = site.build()
    assert run.ok, run.output
    assert not (site.site / "feeds").exists()
    for path in site.site.rglob("*.xml"):
        assert "{{" not in path.read_text(encoding="utf-8"), path
    assert (site.site / "rss.xml").is_file()


def test_tags_differing_by_tones_and_without_latin_letters_get_their_own_pages(
    tmp_path: Path,
) -> None:
    """Item 9: /the/bao/ held three tags; emoji, Khmer and Chinese tags all went to /the/the/."""
    site = TinySite(tmp_path / "ward")
    names = ["bão", "báo", "bảo", "🌧️", "កម្ពុជា", "中文"]
    for i, name in enumerate(names, 1):
        site.post(
            f"p{i}.md",
            {
                "title": f"Bài {i}",
                "date": f"2025-01-{i:02d}",
                "category": "Thông báo",
                "tags": [name],
            },
        )
    run = site.build()
    assert run.ok, run.output
    pages = sorted(p.parent.name for p in (site.site / "the").glob("*/index.html"))
    assert len(pages) == len(names), pages
    for page in pages:
        html = (site.site / "the" / page / "index.html").read_text(encoding="utf-8")
        assert html.count('class="bt-card') <= 1 or "Bài" in html
    first = sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("the/*/index.html"))
    assert site.build().ok
    again = sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("the/*/index.html"))
    assert first == again


def test_long_names_build_and_new_works(tmp_path: Path) -> None:
    """Item 6: a 300-character title built into an [Errno 36] traceback; `bantin new` too."""
    site = TinySite(tmp_path / "ward")
    title = " ".join(["Hội nghị tổng kết công tác mặt trận tổ quốc phường"] * 7)
    site.post(
        "dai.md",
        {
            "title": title,
            "date": "2025-01-02",
            "category": "Thông báo",
            "tags": [" ".join(["thẻ dài"] * 10)],
            "indicators": [{"label": " ".join(["Số hộ nghèo được giúp đỡ"] * 12), "value": 3}],
        },
    )
    run = site.build()
    assert run.ok, run.output
    for path in site.site.rglob("*"):
        assert len(path.name.encode()) <= 255
    new = site.bantin_cli("new", " ".join(["Thông báo lịch tiếp công dân"] * 13))
    assert new.ok, new.output
    assert "Traceback" not in new.output
    (created,) = (site.root / "posts").rglob("thong-bao*.md")
    assert len(created.stem) <= 100


FIXTURE_PNG = (
    Path(__file__).resolve().parents[1] / "fixtures" / "posts" / "valid" / "anh" / "bia.png"
)


def test_reference_style_and_unquoted_images_are_published(tmp_path: Path) -> None:
    """Item 8: ``![x][ref]`` / ``[ref]: anh/x.png`` and ``<img src=anh/y.png>`` were not published."""
    import shutil

    site = TinySite(tmp_path / "ward")
    (site.root / "posts" / "anh").mkdir(parents=True)
    shutil.copyfile(FIXTURE_PNG, site.root / "posts" / "anh" / "x.png")
    shutil.copyfile(FIXTURE_PNG, site.root / "posts" / "anh" / "y.png")
    site.post(
        "a.md",
        {"title": "Bài", "date": "2025-01-02", "category": "Thông báo"},
        body="Ảnh:\n\n![Một][mot]\n\n<img src=anh/y.png alt=Hai>\n\n[mot]: anh/x.png\n",
    )
    run = site.build()
    assert run.ok, run.output
    html = site.html("2025/01/02/bai/")
    article = html.split('id="bt-title"', 1)[1]
    sources = re.findall(r'<img [^>]*src="([^"]+)"', article)
    assert len(sources) >= 2 and 'alt="Một"' in article and 'alt="Hai"' in article
    folder = site.site / "2025" / "01" / "02" / "bai"
    for src in sources:
        assert (folder / src).resolve().is_file(), src


def test_cover_and_body_photo_on_one_url_is_an_error(tmp_path: Path) -> None:
    """Item 8: cover ``anh/so-do.svg`` and body ``so-do.svg`` both went to ``<post>/so-do.svg``
    (photos are republished under anh/ by content; an SVG is published as it is)."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="{}" height="1"/></svg>'
    site = TinySite(tmp_path / "ward")
    (site.root / "posts" / "anh").mkdir(parents=True)
    (site.root / "posts" / "anh" / "so-do.svg").write_text(svg.format(1), encoding="utf-8")
    (site.root / "posts" / "so-do.svg").write_text(svg.format(2), encoding="utf-8")
    site.post(
        "a.md",
        {"title": "Bài", "date": "2025-01-02", "category": "Thông báo", "image": "anh/so-do.svg"},
        body="![Khác](so-do.svg)\n",
    )
    run = site.build()
    assert not run.ok
    assert "Traceback" not in run.output
    assert "cùng được đăng" in run.output or "trùng" in run.output, run.output
