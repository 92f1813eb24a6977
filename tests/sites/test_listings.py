"""Category, tag and archive listings, pagination, the home page and feeds."""

from __future__ import annotations

import html
import re

import feedparser
import pytest

from tests.sitekit import TinySite


def _posts(site: TinySite, count: int, category: str = "Thông báo", **extra: object) -> None:
    for n in range(1, count + 1):
        site.post(
            f"p{n:02d}.md",
            {
                "title": f"Thông báo số {n}",
                "date": f"2024-03-{n:02d} 08:00",
                "category": category,
                **extra,
            },
        )


def _cards(html: str) -> list[str]:
    return re.findall(r'<h[23] class="bt-card__title"><a href="[^"]*">([^<]*)</a>', html)


@pytest.mark.parametrize(("count", "pages"), [(0, 1), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3)])
def test_pagination_boundaries(tmp_path, count: int, pages: int) -> None:
    site = TinySite(tmp_path / "ward", per_page=3)
    _posts(site, count)
    run = site.build()
    assert run.ok, run.output
    base = "chuyen-muc/thong-bao/"
    assert site.exists(base)
    for n in range(2, pages + 1):
        assert site.exists(f"{base}trang/{n}/")
    assert not site.exists(f"{base}trang/{pages + 1}/")
    assert not site.exists(f"{base}trang/1/")
    seen = []
    for n in range(1, pages + 1):
        html = site.html(base if n == 1 else f"{base}trang/{n}/")
        cards = _cards(html)
        assert len(cards) == (min(3, count - 3 * (n - 1)) if count else 0)
        seen += cards
    # Newest first, each post exactly once across the pages.
    assert seen == [f"Thông báo số {n}" for n in range(count, 0, -1)]
    if count == 0:
        assert "Chưa có bài viết nào." in site.html(base)


def test_pager_links(tmp_path) -> None:
    site = TinySite(tmp_path / "ward", per_page=2)
    _posts(site, 9)
    assert site.build().ok
    middle = site.html("chuyen-muc/thong-bao/trang/3/")
    assert 'rel="prev" href="../2/"' in middle and 'rel="next" href="../4/"' in middle
    assert '<span class="bt-pager__current" aria-current="page">3</span>' in middle
    assert "<small>Trang 3/5</small>" in middle
    first = site.html("chuyen-muc/thong-bao/")
    assert (
        'rel="next" href="trang/2/"' in first and 'rel="prev"' not in first.split("bt-pager", 1)[-1]
    )


def test_pager_window_stays_small_for_long_categories(tmp_path) -> None:
    site = TinySite(tmp_path / "ward", per_page=1)
    _posts(site, 30)
    assert site.build().ok
    html = site.html("chuyen-muc/thong-bao/trang/15/")
    pager = html.split('class="bt-pager"', 1)[1].split("</nav>", 1)[0]
    numbers = re.findall(r">(\d+)</(?:a|span)>", pager)
    assert numbers == ["1", "13", "14", "15", "16", "17", "30"]
    assert pager.count("…") == 2


def test_category_page_shows_cards_with_views(tmp_path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post(
        "a.md",
        {
            "title": "Tổng kết năm",
            "date": "2024-12-30",
            "category": "Bài viết chuyên sâu",
            "views": 1234567,
            "summary": "Một năm nhiều kết quả.",
        },
    )
    assert site.build().ok
    html = site.html("chuyen-muc/bai-viet-chuyen-sau/")
    assert '<h1 id="bt-title">Bài viết chuyên sâu' in html
    assert "Lượt xem: 1.234.567" in html
    assert '<p class="bt-card__lead">Một năm nhiều kết quả.</p>' in html
    assert ">30/12/2024</time>" in html


def test_tag_pages(tmp_path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post(
        "a.md",
        {
            "title": "Bài A",
            "date": "2024-01-01",
            "category": "Thông báo",
            "tags": "Dân vận khéo, an sinh xã hội",
        },
    )
    site.post(
        "b.md",
        {"title": "Bài B", "date": "2024-01-02", "category": "Thông báo", "tags": ["dân vận khéo"]},
    )
    assert site.build().ok
    html = site.html("the/dan-van-kheo/")
    assert _cards(html) == ["Bài B", "Bài A"]
    assert _cards(site.html("the/an-sinh-xa-hoi/")) == ["Bài A"]


def test_archive_by_year_and_month(tmp_path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post("a.md", {"title": "Bài tháng 10", "date": "2020-10-13", "category": "Thông báo"})
    site.post("b.md", {"title": "Bài tháng 12", "date": "2020-12-01", "category": "Thông báo"})
    site.post("c.md", {"title": "Bài năm 2023", "date": "2023-09-21", "category": "Thông báo"})
    assert site.build().ok
    archive = site.html("luu-tru/")
    assert '<a href="2023/">Năm 2023</a> <small>(1 bài)</small>' in archive
    assert '<a href="2020/">Năm 2020</a> <small>(2 bài)</small>' in archive
    assert '<a href="2020/10/">Tháng 10</a>' in archive
    assert _cards(site.html("luu-tru/2020/")) == ["Bài tháng 12", "Bài tháng 10"]
    month = site.html("luu-tru/2020/12/")
    assert _cards(month) == ["Bài tháng 12"]
    assert "Tháng 12 năm 2020" in month


def test_home_page(tmp_path) -> None:
    site = TinySite(tmp_path / "ward", home_block_count=2)
    site.post(
        "pin.md",
        {
            "title": "Tin nổi bật",
            "date": "2019-01-01",
            "category": "Tin tức - Sự kiện",
            "pinned": True,
            "summary": "Sa-pô tin nổi bật.",
        },
    )
    for n, category in enumerate(["Thông báo", "Thông báo", "Thông báo", "Dân vận chính quyền"], 1):
        site.post(f"p{n}.md", {"title": f"Tin {n}", "date": f"2024-05-0{n}", "category": category})
    assert site.build().ok
    home = site.html("")
    featured = home.split('class="bt-featured"', 1)[1].split("</section>", 1)[0]
    assert "Tin nổi bật" in featured and "Sa-pô tin nổi bật." in featured
    latest = home.split('id="bt-latest"', 1)[1].split("</section>", 1)[0]
    assert _cards(latest)[:4] == ["Tin 4", "Tin 3", "Tin 2", "Tin 1"]
    block = home.split('id="bt-cat-thong-bao"', 1)[1].split("</section>", 1)[0]
    assert _cards(block) == ["Tin 3", "Tin 2"]
    assert "Xem tất cả 3 bài" in block
    assert "<title>Cổng thông tin phường Thử</title>" in home


def test_footer_and_header_come_from_config(tmp_path) -> None:
    site = TinySite(tmp_path / "ward")
    assert site.build().ok
    home = site.html("")
    assert "UBND phường Thử" in home and "Số 1 phố Thử" in home
    assert 'href="tel:02412345678"' in home and "mailto:ubnd@example.vn" in home


def test_feeds_parse(tmp_path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post(
        "a.md",
        {
            "title": 'Tin <một> & "hai"',
            "date": "2024-01-01 07:00",
            "category": "Thông báo",
            "author": "N. Hoa",
            "summary": "Ký tự điều khiển \x07 bị bỏ.",
        },
    )
    assert site.build().ok
    feed = feedparser.parse(str(site.site / "rss.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Cổng thông tin phường Thử"
    (entry,) = feed.entries
    # Feed readers render titles as HTML: escaped HTML that shows the title as written.
    assert entry.title_detail.type == "text/html"
    assert html.unescape(entry.title) == 'Tin <một> & "hai"'
    assert entry.link == "https://thu.example.vn/2024/01/01/tin-mot-hai/"
    assert entry.summary == "Ký tự điều khiển  bị bỏ." or entry.summary == "Ký tự điều khiển bị bỏ."
    category_feed = feedparser.parse(str(site.site / "chuyen-muc/thong-bao/rss.xml"))
    assert not category_feed.bozo and len(category_feed.entries) == 1


def test_site_without_declared_categories_accepts_any(tmp_path) -> None:
    site = TinySite(tmp_path / "ward", categories=[])
    site.post("a.md", {"title": "Bài A", "date": "2024-01-01", "category": "Văn hóa - Thể thao"})
    site.post("b.md", {"title": "Bài B", "date": "2024-01-02", "category": "văn hóa - thể thao"})
    site.post("c.md", {"title": "Bài C", "date": "2024-01-03", "category": "An ninh trật tự"})
    run = site.build()
    assert run.ok, run.output
    assert _cards(site.html("chuyen-muc/van-hoa-the-thao/")) == ["Bài B", "Bài A"]
    assert _cards(site.html("chuyen-muc/an-ninh-trat-tu/")) == ["Bài C"]
    nav = site.html("").split('data-md-type="navigation"', 1)[1].split("</nav>", 1)[0]
    assert nav.index("An ninh trật tự") < nav.index("Văn hóa - Thể thao")
