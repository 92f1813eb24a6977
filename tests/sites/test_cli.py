"""The ``bantin`` command: new and check."""

from __future__ import annotations

import datetime as dt

import frontmatter

from tests.sitekit import TinySite


def test_help(tiny: TinySite) -> None:
    run = tiny.bantin_cli("--help")
    assert run.ok
    assert "new" in run.output and "check" in run.output


def test_new_writes_a_complete_draft(tiny: TinySite) -> None:
    run = tiny.bantin_cli("new", 'Thông báo: lịch tiếp công dân "tháng 12"')
    assert run.ok, run.output
    year = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).year
    path = tiny.root / "posts" / str(year) / "thong-bao-lich-tiep-cong-dan-thang-12.md"
    assert path.is_file(), run.output
    text = path.read_text(encoding="utf-8")
    post = frontmatter.loads(text)
    assert post["title"] == 'Thông báo: lịch tiếp công dân "tháng 12"'
    assert post["slug"] == "thong-bao-lich-tiep-cong-dan-thang-12"
    assert post["draft"] is True
    assert post["category"] == "Tin tức - Sự kiện"
    for field in (
        "title",
        "date",
        "category",
        "tags",
        "author",
        "source",
        "summary",
        "image",
        "image_caption",
        "views",
        "slug",
        "draft",
        "pinned",
        "unit",
        "aliases",
        "indicators",
    ):
        assert f"\n{field}:" in text or f"\n# {field}:" in text, field
    assert "# Tiêu đề bài viết (bắt buộc)" in text
    # The new draft passes the check as it is.
    check = tiny.bantin_cli("check")
    assert check.ok, check.output
    # Running it twice never overwrites the first file.
    again = tiny.bantin_cli("new", 'Thông báo: lịch tiếp công dân "tháng 12"')
    assert not again.ok and "đã có" in again.output


def test_new_rejects_an_empty_title(tiny: TinySite) -> None:
    run = tiny.bantin_cli("new", "  ")
    assert not run.ok and "Tiêu đề đang để trống" in run.output


def test_check_prints_every_problem_and_fails(tiny: TinySite) -> None:
    tiny.post("ok.md", {"title": "Bài đúng", "date": "2020-01-01", "category": "Thông báo"})
    tiny.post("bad1.md", "title: Bài sai\ndate: 32/13/2020\ncategory: Thông báo")
    tiny.post(
        "bad2.md",
        "title: Bài sai hai\ndate: 2020-01-02\ncategory: Tin tuc su kien chung\nviews: -1",
    )
    tiny.post(
        "draft.md",
        "title: Nháp sai\ndate: 2020-01-03\ncategory: Thông báo\ndraft: true\npinned: có",
    )
    run = tiny.bantin_cli("check")
    assert run.returncode == 1
    assert "posts/bad1.md:3: lỗi trường 'date'" in run.output
    assert "posts/bad2.md:4: lỗi trường 'category'" in run.output
    assert "posts/bad2.md:5: lỗi trường 'views'" in run.output
    assert "posts/draft.md:6: lỗi trường 'pinned'" in run.output
    assert "4 lỗi" in run.output


def test_check_passes_a_clean_site(tiny: TinySite) -> None:
    tiny.post("ok.md", {"title": "Bài đúng", "date": "2020-01-01", "category": "Thông báo"})
    run = tiny.bantin_cli("check")
    assert run.ok and "Kiểm tra 1 bài: không có lỗi." in run.output
