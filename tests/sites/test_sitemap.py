"""sitemap.xml is an index naming sitemap-pages.xml, the list of every page.

Material's script fetches sitemap.xml on every page with a ``<link
rel="alternate">`` (bantin's feed link is one): the file a reader's phone
downloads must stay a few hundred bytes however large the archive grows,
while search engines still find every page through the index.
"""

from __future__ import annotations

import gzip
from xml.etree import ElementTree

from tests.sitekit import TinySite

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_is_a_small_index_of_the_list_of_pages(tiny: TinySite) -> None:
    for day in range(1, 31):
        tiny.post(
            f"bai-{day}.md",
            {"title": f"Bài số {day}", "date": f"2024-03-{day:02d}", "category": "Thông báo"},
        )
    run = tiny.build()
    assert run.ok, run.output

    index = ElementTree.parse(tiny.site / "sitemap.xml").getroot()
    assert index.tag == f"{NS}sitemapindex"
    (entry,) = index.findall(f"{NS}sitemap")
    assert entry.findtext(f"{NS}loc") == "https://thu.example.vn/sitemap-pages.xml"
    assert entry.findtext(f"{NS}lastmod")
    assert (tiny.site / "sitemap.xml").stat().st_size < 400
    # MkDocs' gzipped copy is of the index too.
    gz = gzip.decompress((tiny.site / "sitemap.xml.gz").read_bytes())
    assert gz == (tiny.site / "sitemap.xml").read_bytes()

    pages = ElementTree.parse(tiny.site / "sitemap-pages.xml").getroot()
    assert pages.tag == f"{NS}urlset"
    locs = {url.findtext(f"{NS}loc") for url in pages.findall(f"{NS}url")}
    assert "https://thu.example.vn/" in locs
    assert "https://thu.example.vn/chuyen-muc/thong-bao/" in locs
    for day in range(1, 31):
        assert f"https://thu.example.vn/2024/03/{day:02d}/bai-so-{day}/" in locs, day
    assert all(url.findtext(f"{NS}lastmod") for url in pages.findall(f"{NS}url"))
    # The index's date is the newest page's.
    newest = max(url.findtext(f"{NS}lastmod") for url in pages.findall(f"{NS}url"))
    assert entry.findtext(f"{NS}lastmod") == newest


def test_no_post_takes_the_list_of_pages_address(tiny: TinySite) -> None:
    tiny.post(
        "a.md",
        {
            "title": "Bài một",
            "date": "2024-03-01",
            "category": "Thông báo",
            "aliases": ["sitemap-pages.xml"],
        },
    )
    run = tiny.build()
    assert not run.ok
    assert "sitemap-pages.xml" in run.output
