"""Article pages built from every field of the content contract."""

from __future__ import annotations

import re

import pytest

from tests.sitekit import TinySite

ARTICLE = "2019/10/01/ket-qua-cong-tac-mat-tran-phuong-phuc-loi-9-thang-dau-nam-2019/"


@pytest.fixture
def built(tiny: TinySite) -> TinySite:
    (tiny.root / "posts" / "anh").mkdir(parents=True)
    (tiny.root / "posts" / "anh" / "phuc-loi-2019.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
    )
    tiny.post(
        "2019/mat-tran.md",
        """
title: Kết quả công tác Mặt trận phường Phúc Lợi 9 tháng đầu năm 2019
date: 01/10/2019 11:19
category: Bài viết chuyên sâu
tags: [Mặt trận Tổ quốc, an sinh xã hội]
author: N. Hoa
source: Trung tâm Văn hóa - Thông tin phường
summary: Hoạt động của Ủy ban MTTQ phường có nhiều chuyển biến tích cực.
image: ../anh/phuc-loi-2019.svg
image_caption: Trao quà cho hộ nghèo (Ảnh N. Hoa)
views: 3072
unit: Ủy ban MTTQ phường
aliases: [tin-tuc/ket-qua-mat-tran-2019.html, tin-tuc/mat-tran-9-thang]
""".replace("../anh", "anh").replace("image: anh", "image: ../anh"),
        body="Đoạn mở đầu của bài viết.\n\n## Kết quả\n\nNội dung chi tiết.",
    )
    tiny.post(
        "2019/tiep-dan.md",
        {
            "title": "Lịch tiếp công dân tháng 10",
            "date": "2019-10-05 08:00",
            "category": "Thông báo",
        },
        body="Lãnh đạo phường tiếp công dân vào sáng thứ Hai.",
    )
    tiny.post(
        "2019/dan-van.md",
        {
            "title": "Tổ dân vận họp định kỳ",
            "date": "2019-09-20",
            "category": "Bài viết chuyên sâu",
        },
    )
    run = tiny.build()
    assert run.ok, run.output
    return tiny


def test_article_shows_every_field(built: TinySite) -> None:
    html = built.html(ARTICLE)
    assert (
        '<h1 id="bt-title">Kết quả công tác Mặt trận phường Phúc Lợi 9 tháng đầu năm 2019</h1>'
        in html
    )
    assert re.search(
        r'href="\.\./\.\./\.\./\.\./chuyen-muc/bai-viet-chuyen-sau/">Bài viết chuyên sâu</a>', html
    )
    assert 'Ngày đăng <time datetime="2019-10-01T11:19:00+07:00">01/10/2019 | 11:19</time>' in html
    assert ">3.072</span>" in html and "Lượt xem:" in html
    assert "Tác giả: <strong>N. Hoa</strong>" in html
    assert "Nguồn: Trung tâm Văn hóa - Thông tin phường" in html
    assert "Đơn vị: Ủy ban MTTQ phường" in html
    assert (
        '<p class="bt-lead">Hoạt động của Ủy ban MTTQ phường có nhiều chuyển biến tích cực.</p>'
        in html
    )
    assert '<img src="phuc-loi-2019.svg" alt="Trao quà cho hộ nghèo (Ảnh N. Hoa)"' in html
    assert "<figcaption>Trao quà cho hộ nghèo (Ảnh N. Hoa)</figcaption>" in html
    assert (built.site / ARTICLE / "phuc-loi-2019.svg").is_file()
    assert 'href="../../../../the/mat-tran-to-quoc/">Mặt trận Tổ quốc</a>' in html
    assert 'href="../../../../the/an-sinh-xa-hoi/">an sinh xã hội</a>' in html
    assert '<h2 id="ket-qua">Kết quả</h2>' in html
    assert (
        "<title>Kết quả công tác Mặt trận phường Phúc Lợi 9 tháng đầu năm 2019 - Cổng thông tin phường Thử</title>"
        in html
    )


def test_related_latest_and_neighbours(built: TinySite) -> None:
    html = built.html(ARTICLE)
    related = html.split("Tin cùng chuyên mục", 1)[1].split("</section>", 1)[0]
    assert "Tổ dân vận họp định kỳ" in related
    assert "Lịch tiếp công dân" not in related  # another category
    latest = html.split("Tin mới nhất", 1)[1].split("</section>", 1)[0]
    assert "Lịch tiếp công dân tháng 10" in latest
    assert 'rel="next" href="../../05/lich-tiep-cong-dan-thang-10/"' in html
    assert 'rel="prev" href="../../../09/20/to-dan-van-hop-dinh-ky/"' in html


def test_aliases_redirect_to_the_article(built: TinySite) -> None:
    page = built.html("tin-tuc/ket-qua-mat-tran-2019.html")
    assert f'<meta http-equiv="refresh" content="0; url=../{ARTICLE}">' in page
    assert f'<link rel="canonical" href="https://thu.example.vn/{ARTICLE}">' in page
    folder = built.html("tin-tuc/mat-tran-9-thang/")
    assert f'url=../../{ARTICLE}"' in folder


def test_posts_are_not_in_navigation(built: TinySite) -> None:
    html = built.html("gioi-thieu/") if built.exists("gioi-thieu/") else built.html("")
    nav = html.split('data-md-type="navigation"', 1)[1].split("</nav>", 1)[0]
    assert "Kết quả công tác Mặt trận" not in nav
    assert "Bài viết chuyên sâu" in nav and "Thông báo" in nav


def test_search_index_has_articles(built: TinySite) -> None:
    titles = {page["meta"]["title"] for page in built.search_pages().values()}
    assert "Kết quả công tác Mặt trận phường Phúc Lợi 9 tháng đầu năm 2019" in titles


def test_url_does_not_depend_on_category(tiny: TinySite) -> None:
    front = {
        "title": "Hiến máu tình nguyện",
        "date": "2021-06-14 07:30",
        "category": "Tin tức - Sự kiện",
    }
    tiny.post("a.md", front)
    assert tiny.build().ok
    assert tiny.exists("2021/06/14/hien-mau-tinh-nguyen/")
    tiny.post("a.md", {**front, "category": "Mặt trận - Đoàn thể"})
    assert tiny.build().ok
    assert tiny.exists("2021/06/14/hien-mau-tinh-nguyen/")
    assert "Mặt trận - Đoàn thể" in tiny.html("2021/06/14/hien-mau-tinh-nguyen/")


def test_first_paragraph_serves_as_lead_on_cards(tiny: TinySite) -> None:
    tiny.post(
        "a.md",
        {
            "title": "Ra quân làm sạch môi trường",
            "date": "2023-09-21",
            "category": "Tin tức - Sự kiện",
        },
        body="Sáng Chủ nhật, hơn 300 người dân cùng ra quân.\n\nĐoạn thứ hai.",
    )
    assert tiny.build().ok
    listing = tiny.html("chuyen-muc/tin-tuc-su-kien/")
    assert '<p class="bt-card__lead">Sáng Chủ nhật, hơn 300 người dân cùng ra quân.</p>' in listing
    article = tiny.html("2023/09/21/ra-quan-lam-sach-moi-truong/")
    assert 'content="Sáng Chủ nhật, hơn 300 người dân cùng ra quân."' in article
    assert "bt-lead" not in article  # no summary: the body's first paragraph is not printed twice
