"""Photos in a built site: a phone camera photo (4000×3000, GPS and phone model in EXIF)
used as cover and in the body is published once, resized, without metadata, with srcset,
width/height, lazy loading below the fold; shares get a 1200×630 crop or the site's card."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests.photokit import PHONE_MODEL, camera_photo, metadata_of
from tests.sitekit import TinySite

URL = "2024/03/01/ra-quan-don-ve-sinh/"
CAPTION = "Ra quân dọn vệ sinh (Ảnh: N. Hoa)"
BODY = (
    "Sáng 1/3, phường ra quân dọn vệ sinh.\n\n"
    "## Thi đua\n\n"
    '![Đoàn viên thu gom rác](anh/camera.jpg "Đoàn viên thu gom rác ven hồ")\n\n'
    "![Sơ đồ](anh/so-do.png)\n\n"
    "[Tải ảnh gốc](anh/camera.jpg)\n"
)


def _site(root: Path, **options) -> TinySite:
    site = TinySite(root, **options)
    camera_photo(site.root / "posts" / "anh" / "camera.jpg", orientation=6)
    Image.new("RGB", (640, 480), "navy").save(site.root / "posts" / "anh" / "so-do.png")
    site.post(
        "ra-quan.md",
        {
            "title": "Ra quân dọn vệ sinh",
            "date": "2024-03-01 08:00",
            "category": "Tin tức - Sự kiện",
            "image": "anh/camera.jpg",
            "image_caption": CAPTION,
        },
        BODY,
    )
    site.post(
        "thong-bao.md",
        {"title": "Lịch tiếp công dân", "date": "2024-03-02", "category": "Thông báo"},
        "Lịch tiếp công dân tháng 3.",
    )
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = _site(tmp_path_factory.mktemp("photos") / "ward")
    run = site.build()
    assert run.ok, run.output
    return site


def _imgs(html: str) -> list[str]:
    return re.findall(r"<img\b[^>]*>", html)


def _attr(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def test_no_published_file_carries_gps_or_phone_model(built: TinySite) -> None:
    photos = [
        p
        for p in built.site.rglob("*")
        if p.suffix.lower() in (".jpg", ".jpeg", ".webp", ".png", ".avif")
    ]
    assert len(photos) >= 10
    for path in photos:
        meta = metadata_of(path)
        assert meta["exif"] == {} and meta["gps"] == {}, path
        assert PHONE_MODEL.encode() not in path.read_bytes(), path


def test_the_photo_is_published_once_at_the_expected_widths(built: TinySite) -> None:
    camera = sorted(p.name for p in (built.site / "anh").glob("camera-*"))
    key = camera[0].split("-")[1]
    assert camera == sorted(
        [f"camera-{key}-{w}.{f}" for w in (480, 800, 1200, 1600) for f in ("webp", "jpg")]
        + [f"camera-{key}-chia-se.jpg"]
    )
    for name in camera:
        if name.endswith("chia-se.jpg"):
            continue
        width = int(name.rsplit("-", 1)[1].split(".")[0])
        # Upright as held (orientation 6), never enlarged.
        assert Image.open(built.site / "anh" / name).size == (width, round(width * 4 / 3))
    # Nothing of the original under the article's folder.
    assert sorted(p.name for p in (built.site / URL).iterdir()) == ["index.html"]
    # The small opaque PNG: its own size is the largest, never enlarged; JPEG fallback.
    so_do = sorted(p.name for p in (built.site / "anh").glob("so-do-*") if "chia-se" not in p.name)
    assert [n.rsplit("-", 1)[1] for n in so_do] == ["480.jpg", "480.webp", "640.jpg", "640.webp"]


def test_article_images_have_srcset_sizes_and_dimensions(built: TinySite) -> None:
    html = built.html(URL)
    article = html.split('<article class="bt-article"', 1)[1].split("</article>", 1)[0]
    imgs = _imgs(article)
    assert len(imgs) == 3  # cover, body photo, diagram
    for tag in imgs:
        assert _attr(tag, "width") and _attr(tag, "height"), tag
        assert _attr(tag, "srcset") and _attr(tag, "sizes"), tag
        assert _attr(tag, "alt") is not None
    cover, body_photo, diagram = imgs
    assert _attr(cover, "fetchpriority") == "high" and _attr(cover, "loading") is None
    assert _attr(cover, "alt") == CAPTION
    assert (_attr(cover, "width"), _attr(cover, "height")) == ("1600", "2133")
    assert _attr(body_photo, "loading") == "lazy" and _attr(diagram, "loading") == "lazy"
    assert _attr(body_photo, "alt") == "Đoàn viên thu gom rác"
    # WebP first for browsers that take it; the <img> itself is the JPEG fallback.
    assert article.count('<source type="image/webp"') == 3
    assert ".jpg 1600w" in _attr(cover, "srcset")
    # Cover and body refer to the same files.
    assert _attr(cover, "srcset") == _attr(body_photo, "srcset")
    # A plain link to the photo gets the largest stripped copy, never the original.
    link = re.search(r'<a href="([^"]+)"[^>]*>Tải ảnh gốc</a>', article)
    assert link and re.fullmatch(r"\.\./\.\./\.\./\.\./anh/camera-\w+-1600\.jpg", link.group(1))
    assert "anh/camera.jpg" not in html


def test_photos_open_in_the_lightbox_with_their_caption(built: TinySite) -> None:
    article = built.html(URL).split('<article class="bt-article"', 1)[1]
    zooms = re.findall(r'<a class="bt-zoom" href="([^"]+)" data-caption="([^"]*)"', article)
    assert len(zooms) == 3
    assert zooms[0][1] == CAPTION
    assert zooms[1][1] == "Đoàn viên thu gom rác ven hồ"
    assert zooms[0][0].endswith("-1600.webp")


def test_listing_thumbnails_use_small_widths(built: TinySite) -> None:
    for url in ("", "chuyen-muc/tin-tuc-su-kien/", "luu-tru/"):
        html = built.html(url)
        if "bt-card__thumb" not in html:
            continue
        thumbs = html.split('class="bt-card__thumb"')[1:]
        assert thumbs, url
        for chunk in thumbs:
            tag = _imgs(chunk)[0]
            assert "1200w" not in _attr(tag, "srcset") and "1600w" not in _attr(tag, "srcset")
            assert _attr(tag, "loading") == "lazy" and _attr(tag, "width"), tag


def test_heading_anchors_are_vietnamese_slugs(built: TinySite) -> None:
    assert '<h2 id="thi-dua">Thi đua</h2>' in built.html(URL)


def _meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_shares_use_a_1200x630_crop_of_the_cover(built: TinySite) -> None:
    html = built.html(URL)
    image = _meta(html, "og:image")
    assert image and image.startswith("https://thu.example.vn/anh/camera-")
    assert image.endswith("-chia-se.jpg")
    assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("1200", "630")
    assert _meta(html, "og:image:alt") == CAPTION
    assert _meta(html, "twitter:card") == "summary_large_image"
    local = built.site / image.removeprefix("https://thu.example.vn/")
    assert Image.open(local).size == (1200, 630)


def test_pages_without_a_photo_share_the_site_card(built: TinySite) -> None:
    home = built.html("")
    assert _meta(home, "og:title") == "Cổng thông tin phường Thử"
    card = _meta(home, "og:image")
    assert card and re.fullmatch(r"https://thu\.example\.vn/anh/chia-se-\w+\.jpg", card)
    for url in ("2024/03/02/lich-tiep-cong-dan/", "chuyen-muc/thong-bao/", "luu-tru/"):
        html = built.html(url)
        assert _meta(html, "og:image") == card, url
        assert _meta(html, "og:image:alt") == "Phường Thử"
    image = Image.open(built.site / card.removeprefix("https://thu.example.vn/"))
    assert image.size == (1200, 630)
    # The ward's colour fills the card (not a blank or a photo).
    assert image.convert("RGB").getpixel((20, 20))[0] > 150


def test_a_rebuild_encodes_nothing(built: TinySite) -> None:
    cache = built.root / ".cache" / "bantin-anh"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*")}
    assert before
    run = built.build()
    assert run.ok, run.output
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*")} == before


def test_a_damaged_photo_is_an_error_naming_it(tiny: TinySite) -> None:
    (tiny.root / "posts" / "anh").mkdir(parents=True)
    (tiny.root / "posts" / "anh" / "hong.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    tiny.post(
        "a.md",
        {"title": "Bài", "date": "2024-01-01", "category": "Thông báo", "image": "anh/hong.jpg"},
    )
    run = tiny.build()
    assert not run.ok
    assert "posts/a.md: lỗi: ảnh “hong.jpg”: không đọc được ảnh" in run.output
    assert "Traceback" not in run.output


def test_photos_in_docs_are_published_without_exif(tiny: TinySite) -> None:
    camera_photo(tiny.root / "docs" / "anh" / "tru-so.jpg", (1200, 900), orientation=1)
    (tiny.root / "docs" / "gioi-thieu.md").write_text(
        "# Giới thiệu\n\n![Trụ sở](anh/tru-so.jpg)\n", encoding="utf-8"
    )
    tiny.post(
        "a.md",
        {"title": "Bài", "date": "2024-01-01", "category": "Thông báo", "image": "anh/tru-so.jpg"},
    )
    run = tiny.build()
    assert run.ok, run.output
    published = tiny.site / "anh" / "tru-so.jpg"
    meta = metadata_of(published)
    assert meta["size"] == (1200, 900) and meta["exif"] == {} and meta["gps"] == {}
    assert any(p.name.endswith("-chia-se.jpg") for p in (tiny.site / "anh").iterdir())


def test_originals_link_when_the_site_wants_them(tmp_path: Path) -> None:
    site = _site(tmp_path / "ward", photos={"originals": True, "widths": [480, 800]})
    run = site.build()
    assert run.ok, run.output
    html = site.html(URL)
    original = re.search(r'data-original="([^"]+)"', html)
    assert original and original.group(1).endswith("-goc.jpg")
    path = (site.site / URL / original.group(1)).resolve()
    meta = metadata_of(path)
    assert meta["size"] == (3000, 4000) and meta["gps"] == {} and meta["exif"] == {}
    assert "1200w" not in html


def test_check_warns_about_huge_photos(tiny: TinySite) -> None:
    camera_photo(tiny.root / "posts" / "anh" / "toan-canh.jpg", (8200, 400), orientation=1)
    tiny.post(
        "a.md",
        {
            "title": "Bài",
            "date": "2024-01-01",
            "category": "Thông báo",
            "image": "anh/toan-canh.jpg",
        },
    )
    run = tiny.bantin_cli("check")
    assert run.returncode == 1
    assert (
        "posts/a.md: cảnh báo: ảnh “toan-canh.jpg” rộng 8200×400 điểm ảnh (quá 8.000)" in run.output
    )


def test_captions_and_alt_text_are_escaped(tiny: TinySite) -> None:
    camera_photo(tiny.root / "posts" / "anh" / "a.jpg", (900, 600), orientation=1)
    tiny.post(
        "a.md",
        {
            "title": "Bài",
            "date": "2024-01-01",
            "category": "Thông báo",
            "image": "anh/a.jpg",
            "image_caption": '"><img src=x onerror=alert(1)> & <b>đậm</b>',
        },
        body='![x" onerror="alert2](anh/a.jpg "<script>alert3</script>")\n',
    )
    run = tiny.build()
    assert run.ok, run.output
    html = tiny.html("2024/01/01/bai/")
    article = html.split('<article class="bt-article"', 1)[1].split("</article>", 1)[0]

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[str, dict[str, str | None]]] = []

        def handle_starttag(self, tag, attrs) -> None:
            self.found.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(article)
    tags = parser.found
    assert not [t for t, _ in tags if t in ("script", "b")]
    assert not [a for _, a in tags for name in a if name.startswith("on")]
    zooms = [a for t, a in tags if t == "a" and a.get("class") == "bt-zoom"]
    assert zooms[0]["data-caption"] == '"><img src=x onerror=alert(1)> & <b>đậm</b>'
    assert zooms[1]["data-caption"] == "<script>alert3</script>"
    imgs = [a for t, a in tags if t == "img"]
    assert imgs[1]["alt"] == 'x" onerror="alert2'
