"""The bulletin domain without a site: periods, numbers, order, moving HTML, fonts for the PDF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bantin.bulletins.assemble import build_issues, issue_number
from bantin.bulletins.fonts import FontMissing, pdf_font_css, read_faces
from bantin.bulletins.html import demote_headings, rebase
from bantin.bulletins.periods import MONTH, QUARTER, Period, PeriodError
from bantin.bulletins.settings import RUNNING, BulletinSettings
from bantin.core.dates import VIETNAM
from bantin.posts.model import Category, Post

REPO = Path(__file__).resolve().parents[3]
FONTS = REPO / "plugins" / "bantin" / "templates" / "assets" / "fonts" / "fonts.css"
NEWS = Category("Tin tức - Sự kiện", "tin-tuc-su-kien", order=0)
FRONT = Category("Mặt trận - Đoàn thể", "mat-tran-doan-the", order=1)
NOTICE = Category("Thông báo", "thong-bao", order=2)


def post(slug: str, when: datetime, category: Category = NEWS, pinned: bool = False) -> Post:
    return Post(
        path=f"posts/{slug}.md",
        title=slug,
        date=when,
        category=category,
        slug=slug,
        url=f"{when:%Y/%m/%d}/{slug}/",
        body="",
        pinned=pinned,
    )


def test_period_of_a_date_is_on_the_vietnam_clock() -> None:
    # 31/10/2020 20:00 UTC is already 1 November in Vietnam
    late = datetime(2020, 10, 31, 20, 0, tzinfo=UTC)
    assert Period.of(late, MONTH) == Period(2020, 11)
    assert Period.of(late, QUARTER) == Period(2020, 4, QUARTER)
    assert Period(2021, 5).label == "tháng 5/2021"
    assert Period(2020, 10).title == "Tháng 10/2020"
    assert Period(2020, 4, QUARTER).label == "quý 4/2020"
    assert Period.parse("2020-q4", QUARTER).key == "2020-q4"
    assert Period.parse(" 2020-10 ", MONTH).key == "2020-10"
    with pytest.raises(PeriodError, match="tháng 13 không có thật"):
        Period.parse("2020-13", MONTH)
    with pytest.raises(PeriodError, match="2020-q4"):
        Period.parse("2020-10", QUARTER)


def test_numbers_belong_to_periods() -> None:
    yearly = BulletinSettings(folder=Path("/none"))
    assert issue_number(Period(2020, 10), yearly, Period(2019, 10)) == 10
    running = BulletinSettings(folder=Path("/none"), numbering=RUNNING, first_number=25)
    assert issue_number(Period(2019, 10), running, Period(2019, 10)) == 25
    assert issue_number(Period(2020, 10), running, Period(2019, 10)) == 37
    start = BulletinSettings(
        folder=Path("/none"), numbering=RUNNING, start=Period(2020, 1), first_number=1
    )
    assert issue_number(Period(2020, 10), start, Period(2019, 10)) == 10


def test_a_late_post_in_an_old_month_never_renumbers_later_issues(tmp_path: Path) -> None:
    october = post("thang-10", datetime(2020, 10, 5, tzinfo=VIETNAM))
    settings = BulletinSettings(folder=tmp_path / "none", numbering=RUNNING)
    common = {"ward_name": "Phường Thử", "posts_dir": tmp_path, "root": tmp_path}
    before, _, _ = build_issues([october], [NEWS], settings, **common)
    july = post("thang-7", datetime(2020, 7, 5, tzinfo=VIETNAM))
    after, _, _ = build_issues([october, july], [NEWS], settings, **common)
    # with 'running' and no start, the first period is number 1: a post in an earlier
    # month moves the start, so sites that use 'running' set 'start' (README says so)
    assert [i.number for i in before] == [1]
    assert [(i.key, i.number) for i in after] == [("2020-10", 4), ("2020-07", 1)]
    yearly = BulletinSettings(folder=tmp_path / "none")
    again, _, _ = build_issues([october, july], [NEWS], yearly, **common)
    assert [(i.key, i.number) for i in again] == [("2020-10", 10), ("2020-07", 7)]


def test_order_pinned_then_categories_then_newest_notices_apart(tmp_path: Path) -> None:
    day = datetime(2020, 10, 1, 8, tzinfo=VIETNAM)
    posts = [
        post("tin-cu", day, NEWS),
        post("tin-moi", day + timedelta(days=9), NEWS),
        post("mat-tran-ghim", day + timedelta(days=2), FRONT, pinned=True),
        post("mat-tran", day + timedelta(days=20), FRONT),
        post("thong-bao", day + timedelta(days=1), NOTICE),
    ]
    issues, problems, _ = build_issues(
        posts,
        [NEWS, FRONT, NOTICE],
        BulletinSettings(folder=tmp_path / "none"),
        ward_name="Phường Thử",
        posts_dir=tmp_path,
        root=tmp_path,
    )
    assert problems == []
    (issue,) = issues
    assert [(s.kind, [p.slug for p in s.posts]) for s in issue.sections] == [
        ("articles", ["mat-tran-ghim", "tin-moi", "tin-cu", "mat-tran"]),
        ("notices", ["thong-bao"]),
    ]


def test_moving_article_html_to_the_issue() -> None:
    html = (
        '<p><img src="anh/a.jpg" srcset="anh/a-480.webp 480w, anh/a-800.webp 800w">'
        '<a href="../../../../2019/10/01/bai/">cũ</a> <a href="https://x.vn/">ngoài</a> '
        '<a href="#muc">mục</a></p><h2 id="muc">Mục</h2>'
    )
    moved = rebase(html, "2020/10/13/bai/", "ban-tin/2020-10/", "bai-1-")
    assert moved == (
        '<p><img src="../../2020/10/13/bai/anh/a.jpg" srcset="../../2020/10/13/bai/anh/a-480.webp 480w, '
        '../../2020/10/13/bai/anh/a-800.webp 800w"><a href="../../2019/10/01/bai/">cũ</a> '
        '<a href="https://x.vn/">ngoài</a> <a href="#bai-1-muc">mục</a></p><h2 id="bai-1-muc">Mục</h2>'
    )
    assert demote_headings("<h2>a</h2><h5>b</h5><h6>c</h6>", 2) == "<h4>a</h4><h6>b</h6><h6>c</h6>"


def test_only_whole_attribute_names_are_moved() -> None:
    html = (
        '<a xhref="anh/a.jpg" href="anh/a.jpg" data-original="anh/a-goc.jpg" grid="x" id="m">'
        '<img xsrc="b.jpg" src="b.jpg"></a>'
    )
    assert rebase(html, "2020/10/13/bai/", "ban-tin/2020-10/", "bai-2-") == (
        '<a xhref="anh/a.jpg" href="../../2020/10/13/bai/anh/a.jpg" '
        'data-original="../../2020/10/13/bai/anh/a-goc.jpg" grid="x" id="bai-2-m">'
        '<img xsrc="b.jpg" src="../../2020/10/13/bai/b.jpg"></a>'
    )


def test_fonts_are_merged_per_face_for_the_pdf(tmp_path: Path) -> None:
    faces = read_faces(FONTS)
    assert {(f.weight, f.style, len(f.sources)) for f in faces} == {
        ("400", "normal", 2),
        ("700", "normal", 2),
        ("400", "italic", 2),
    }
    css = pdf_font_css(FONTS, tmp_path)
    assert css.count("@font-face") == 3
    from fontTools.ttLib import TTFont

    merged = sorted(tmp_path.glob("*.ttf"))
    assert len(merged) == 3
    cmap = TTFont(merged[0]).getBestCmap()
    assert all(ord(c) in cmap for c in "Bản tin phường Phúc Lợi – “Vì người nghèo” Ủy ban ₫")
    stamp = [p.stat().st_mtime_ns for p in merged]
    pdf_font_css(FONTS, tmp_path)  # the second time: from the cache
    assert [p.stat().st_mtime_ns for p in merged] == stamp


def test_a_missing_font_file_is_named(tmp_path: Path) -> None:
    css = tmp_path / "fonts.css"
    css.write_text(
        '@font-face { font-family: "Be Vietnam Pro"; src: url("mat.woff2"); }', encoding="utf-8"
    )
    with pytest.raises(FontMissing, match=r"thiếu tệp phông chữ mat\.woff2"):
        pdf_font_css(css, tmp_path / "cache")
    with pytest.raises(FontMissing, match="thiếu tệp khai báo phông chữ"):
        pdf_font_css(tmp_path / "khong-co.css", tmp_path / "cache")


def test_an_issue_waiting_for_a_scheduled_post_is_held_back(tmp_path: Path) -> None:
    posts_dir = tmp_path / "posts"
    folder = tmp_path / "bulletins"
    folder.mkdir()
    (folder / "2026-11.md").write_text(
        "---\nposts:\n  - 2026/da-dang.md\n  - 2026/hen-gio.md\n---\n", encoding="utf-8"
    )
    published = post("da-dang", datetime(2026, 11, 2, tzinfo=VIETNAM))
    published = Post(**{**published.__dict__, "path": "posts/2026/da-dang.md"})
    later = post("hen-gio", datetime(2026, 11, 25, tzinfo=VIETNAM))
    later = Post(**{**later.__dict__, "path": "posts/2026/hen-gio.md"})
    december = post("thang-12", datetime(2026, 12, 1, tzinfo=VIETNAM))
    issues, problems, held = build_issues(
        [published],
        [NEWS],
        BulletinSettings(folder=folder),
        ward_name="Phường Thử",
        posts_dir=posts_dir,
        root=tmp_path,
        scheduled=[later, december],
    )
    assert (issues, problems) == ([], [])
    assert held == [
        "bulletins/2026-11.md: bản tin tháng 11/2026 chờ bài hẹn giờ đăng sau "
        "(2026/hen-gio.md), sẽ được đăng cùng bài đó."
    ]
