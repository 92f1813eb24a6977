"""The demo ward's bulletins, built by ``demo_site``: the list, an automatic and an edited issue."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sites.test_bulletins_site import article_titles, between, figure_texts, text_of


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_demo_lists_every_month_with_posts(demo_site: Path) -> None:
    page = read(demo_site, "ban-tin")
    numbers = [
        text_of(m) for m in re.findall(r'<span class="bt-cover-card__number">(.*?)</span>', page)
    ]
    assert len(numbers) == 24
    assert numbers[:4] == [
        "Số 11 – tháng 11/2026",
        "Số 10 – tháng 10/2026",
        "Số 2 – tháng 2/2026",
        "Số 12 – tháng 12/2025",
    ]
    assert numbers[-2:] == ["Số 11 – tháng 11/2019", "Số 10 – tháng 10/2019"]
    for href in re.findall(r'href="([^"]+\.pdf)"', page):
        assert (demo_site / "ban-tin" / href).read_bytes()[:5] == b"%PDF-"
    assert len(re.findall(r'href="([^"]+\.pdf)"', page)) == 24


def test_demo_automatic_issue(demo_site: Path) -> None:
    page = read(demo_site, "ban-tin/2021-12")
    assert article_titles(page) == [
        "Dân vận chính quyền năm 2021: lấy sự hài lòng của nhân dân làm thước đo",
        "Quỹ “Vì người nghèo” năm 2021 vượt 17% kế hoạch",
    ]
    assert 'id="loi-ngo"' not in page
    assert figure_texts(between(page, 'id="so-lieu"', "</section>")) == [
        "Hộ dân bàn giao mặt bằng mở rộng đường Phúc Lợi 11/12 hộ đạt 91,67% 91,67%",
        "Mô hình “Dân vận khéo” 12 mô hình ▲ 3 (tăng 33,3%)tăng 3 mô hình (33,3%) so với kỳ trước "
        "Kỳ trước: 9 mô hình",
        "Người qua đời được hỏa táng 49/51 người đạt 96,08% 96,08% ▲ 29 (tăng 145%)tăng 29 người "
        "(145%) so với kỳ trước Kỳ trước: 20 người",
        "Quỹ “Vì người nghèo” 128.800.000 đồng (128,8 triệu đồng) đạt 117,09% kế hoạch 117,09% "
        "Kế hoạch: 110.000.000 đồng ▲ 27.300.000 (tăng 26,9%)tăng 27.300.000 đồng (26,9%) so với "
        "kỳ trước Kỳ trước: 101.500.000 đồng",
        "Hộ nghèo được giúp đỡ 10/11 hộ đạt 90,91% 90,91% ▼ 1 (giảm 9,1%)giảm 1 hộ (9,1%) so với "
        "kỳ trước Kỳ trước: 11 hộ",
    ]


def test_demo_edited_issue(demo_site: Path) -> None:
    page = read(demo_site, "ban-tin/2026-11")
    assert text_of(between(page, '<h1 id="bt-title"', "</h1>")) == (
        "Bản tin phường Phúc Lợi, số 11 – tháng 11/2026"
    )
    assert article_titles(page) == [
        "Ra quân cao điểm phòng cháy, chữa cháy mùa hanh khô 2026",
        "Lịch tiếp công dân của lãnh đạo phường quý IV năm 2026",
    ]
    assert '<p class="bt-bulletin__headline">Mùa hanh khô, mỗi nhà một bình chữa cháy</p>' in page
    assert text_of(between(page, 'id="loi-ngo"', "</section>")).startswith(
        "Lời ngỏ Kính gửi bà con nhân dân phường Phúc Lợi,"
    )
    assert figure_texts(between(page, 'id="so-lieu"', "</section>")) == [
        "Hộ gia đình trang bị bình chữa cháy 4.105/4.760 hộ đạt 86,24% 86,24% ▲ 587 (tăng 16,7%)"
        "tăng 587 hộ (16,7%) so với kỳ trước Kỳ trước: 3.518 hộ",
        "Cơ sở kinh doanh được kiểm tra 86 cơ sở",
    ]
    assert (
        '<meta property="og:title" content="Bản tin phường Phúc Lợi, số 11 – tháng 11/2026">'
        in page
    )
    assert re.search(
        r'<meta property="og:image" content="https://phucloi\.example\.vn/anh/ra-quan-pccc-2026-[0-9a-f]+-chia-se\.jpg">',
        page,
    )
    assert (demo_site / "ban-tin/2026-11/ban-tin-phuong-phuc-loi-so-11-2026.pdf").is_file()
