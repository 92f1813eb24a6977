"""Every accepted date form, drafts, scheduled posts, slugs, unique URLs."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.sitekit import TinySite, free_port

DATE_FORMS = [
    ("2019-10-01", "2019/10/01/", "01/10/2019"),
    ("2019-10-01 11:19", "2019/10/01/", "01/10/2019 | 11:19"),
    ("2019-10-01T11:19:00+07:00", "2019/10/01/", "01/10/2019 | 11:19"),
    ("01/10/2019", "2019/10/01/", "01/10/2019"),
    ("01/10/2019 11:19", "2019/10/01/", "01/10/2019 | 11:19"),
    # An offset other than Vietnam's: shown on the Vietnam clock, and dated by it.
    ("2019-09-30T20:30:00+00:00", "2019/10/01/", "01/10/2019 | 03:30"),
]


@pytest.mark.parametrize(("written", "url_prefix", "shown"), DATE_FORMS)
def test_every_date_form(tiny: TinySite, written: str, url_prefix: str, shown: str) -> None:
    tiny.post("a.md", f"title: Họp tổ dân phố\ndate: {written}\ncategory: Thông báo")
    run = tiny.build()
    assert run.ok, run.output
    html = tiny.html(f"{url_prefix}hop-to-dan-pho/")
    assert f">{shown}</time>" in html


def test_yaml_date_and_datetime_values(tiny: TinySite) -> None:
    # Unquoted YAML: a date, and a datetime with seconds.
    tiny.post("a.md", "title: Bài một\ndate: 2020-05-04\ncategory: Thông báo")
    tiny.post("b.md", "title: Bài hai\ndate: 2020-05-04 08:30:00\ncategory: Thông báo")
    run = tiny.build()
    assert run.ok, run.output
    assert ">04/05/2020</time>" in tiny.html("2020/05/04/bai-mot/")  # no time given, none shown
    assert ">04/05/2020 | 08:30</time>" in tiny.html("2020/05/04/bai-hai/")


def test_drafts_and_scheduled_posts_are_left_out(tiny: TinySite) -> None:
    future = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))) + dt.timedelta(days=3)
    tiny.post("live.md", {"title": "Bài đã đăng", "date": "2022-01-02", "category": "Thông báo"})
    tiny.post(
        "draft.md",
        {"title": "Bài nháp", "date": "2022-01-03", "category": "Thông báo", "draft": True},
    )
    tiny.post(
        "later.md",
        {
            "title": "Bài hẹn giờ",
            "date": future.strftime("%d/%m/%Y %H:%M"),
            "category": "Thông báo",
        },
    )
    run = tiny.build()
    assert run.ok, run.output
    assert tiny.exists("2022/01/02/bai-da-dang/")
    assert not tiny.exists("2022/01/03/bai-nhap/")
    assert not list(tiny.site.rglob("bai-hen-gio"))
    everything = "".join(p.read_text(encoding="utf-8") for p in tiny.site.rglob("*.html"))
    everything += (tiny.site / "rss.xml").read_text(encoding="utf-8")
    everything += json.dumps(tiny.search_pages(), ensure_ascii=False)
    assert "Bài nháp" not in everything and "Bài hẹn giờ" not in everything


def test_preview_server_shows_drafts_marked(tiny: TinySite) -> None:
    tiny.post(
        "draft.md",
        {"title": "Bài nháp xem thử", "date": "2022-01-03", "category": "Thông báo", "draft": True},
    )
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--no-livereload",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(tiny.root / "mkdocs.yml"),
        ],
        cwd=tiny.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/2022/01/03/bai-nhap-xem-thu/"
        deadline = time.monotonic() + 60
        body = ""
        while time.monotonic() < deadline:
            try:
                body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "Bài nháp xem thử" in body
        assert "Bản nháp" in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng ủy phường Phúc Đồng", "dang-uy-phuong-phuc-dong"),
        ("Quỹ “Vì người nghèo” năm 2019", "quy-vi-nguoi-ngheo-nam-2019"),
        ("ĐƯỜNG LÁNG – Ngõ 1194!", "duong-lang-ngo-1194"),
    ],
)
def test_slug_from_title(tiny: TinySite, title: str, slug: str) -> None:
    tiny.post("a.md", {"title": title, "date": "2020-10-13 09:17", "category": "Thông báo"})
    run = tiny.build()
    assert run.ok, run.output
    assert tiny.exists(f"2020/10/13/{slug}/")


def test_explicit_slug(tiny: TinySite) -> None:
    tiny.post(
        "a.md",
        {
            "title": "Tiêu đề dài",
            "date": "2020-10-13",
            "category": "Thông báo",
            "slug": "tieu-de-ngan",
        },
    )
    assert tiny.build().ok
    assert tiny.exists("2020/10/13/tieu-de-ngan/")


def test_two_posts_one_url_is_an_error_naming_both(tiny: TinySite) -> None:
    tiny.post("a.md", {"title": "Họp dân", "date": "2020-10-13", "category": "Thông báo"})
    tiny.post(
        "sub/b.md", {"title": "Họp  DÂN", "date": "2020-10-13 10:00", "category": "Thông báo"}
    )
    run = tiny.build()
    assert not run.ok
    assert "posts/sub/b.md" in run.output and "posts/a.md" in run.output
    assert "trùng" in run.output


def test_alias_colliding_with_an_article_is_an_error(tiny: TinySite) -> None:
    tiny.post("a.md", {"title": "Họp dân", "date": "2020-10-13", "category": "Thông báo"})
    tiny.post(
        "b.md",
        {
            "title": "Bài khác",
            "date": "2020-10-14",
            "category": "Thông báo",
            "aliases": ["2020/10/13/hop-dan/"],
        },
    )
    run = tiny.build()
    assert not run.ok
    assert "posts/b.md" in run.output and "posts/a.md" in run.output


def test_undeclared_category_suggests_the_closest(tiny: TinySite) -> None:
    tiny.post("a.md", {"title": "Họp dân", "date": "2020-10-13", "category": "Thong bao chung"})
    run = tiny.build()
    assert not run.ok
    assert (
        "posts/a.md:4: lỗi trường 'category': chuyên mục “Thong bao chung” chưa được khai báo. Có phải là “Thông báo”?"
        in run.output
    )


def test_strict_build_fails_on_unknown_field_warning(tiny: TinySite) -> None:
    tiny.post(
        "a.md", {"title": "Họp dân", "date": "2020-10-13", "category": "Thông báo", "auther": "Hoa"}
    )
    strict = tiny.build()
    assert not strict.ok
    assert "posts/a.md:5: cảnh báo trường 'auther'" in strict.output and "'author'" in strict.output
    assert tiny.build(strict=False).ok


def test_generated_page_colliding_with_docs_is_an_error(tiny: TinySite) -> None:
    (tiny.root / "docs" / "index.md").write_text("# Trang chủ tự viết\n", encoding="utf-8")
    tiny.post("a.md", {"title": "Họp dân", "date": "2020-10-13", "category": "Thông báo"})
    run = tiny.build()
    assert not run.ok
    assert "docs/index.md" in run.output


def test_failed_build_leaves_the_previous_site_exactly_as_it_was(tiny: TinySite) -> None:
    from tests.sitekit import ATOMIC, manifest

    assert ATOMIC, "the bantin-atomic plugin must be installed"
    tiny.post("a.md", {"title": "Họp dân", "date": "2020-10-13", "category": "Thông báo"})
    assert tiny.build().ok
    before = manifest(tiny.site)
    tiny.post("b.md", {"title": "Bài lỗi", "date": "31/02/2020", "category": "Thông báo"})
    tiny.post("a.md", {"title": "Họp dân (sửa)", "date": "2020-10-13", "category": "Thông báo"})
    run = tiny.build()
    assert not run.ok and "posts/b.md" in run.output
    assert manifest(tiny.site) == before
    # A strict build that fails only on a warning keeps the old site too.
    tiny.post(
        "b.md",
        {"title": "Bài cảnh báo", "date": "2020-02-03", "category": "Thông báo", "tac_gia": "Hoa"},
    )
    run = tiny.build()
    assert not run.ok and "tac_gia" in run.output
    assert manifest(tiny.site) == before
    # Fixed: the next build succeeds and replaces the site.
    (tiny.root / "posts" / "b.md").unlink()
    assert tiny.build().ok
    assert "Họp dân (sửa)" in tiny.html("2020/10/13/hop-dan-sua/")
    assert not list(tiny.root.glob(".site-staging-*"))


def test_alias_colliding_with_a_static_page_names_both(tiny: TinySite) -> None:
    (tiny.root / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    tiny.post(
        "a.md",
        {
            "title": "Họp dân",
            "date": "2020-10-13",
            "category": "Thông báo",
            "aliases": ["Gioi-Thieu/"],
        },
    )
    run = tiny.build()
    assert not run.ok
    assert "docs/gioi-thieu.md" in run.output and "Gioi-Thieu/index.html" in run.output


def test_static_page_twice_by_case_is_an_error(tiny: TinySite) -> None:
    (tiny.root / "docs" / "lien-he.md").write_text("# Liên hệ\n", encoding="utf-8")
    (tiny.root / "docs" / "Lien-He.md").write_text("# Liên hệ 2\n", encoding="utf-8")
    run = tiny.build()
    assert not run.ok
    assert "docs/lien-he.md" in run.output and "docs/Lien-He.md" in run.output


def test_symlinks_out_of_the_site_and_editor_leftovers_are_not_published(
    tiny: TinySite, tmp_path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    (tiny.root / "docs" / "bi-mat.txt").symlink_to(secret)
    (tiny.root / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (tiny.root / "docs" / "gioi-thieu.md~").write_text("# bản cũ\n", encoding="utf-8")
    (tiny.root / "docs" / "#gioi-thieu.md#").write_text("# tạm\n", encoding="utf-8")
    outside_post = tmp_path / "bai-ngoai.md"
    outside_post.write_text(
        "---\ntitle: Bài ngoài\ndate: 2020-01-01\ncategory: Thông báo\n---\nx\n"
    )
    (tiny.root / "posts" / "bai-ngoai.md").symlink_to(outside_post)
    run = tiny.build(strict=False)
    assert run.ok, run.output
    published = [p.name for p in tiny.site.rglob("*")]
    assert "bi-mat.txt" not in published
    assert not any(name.endswith("~") or name.startswith("#") for name in published)
    assert not tiny.exists("2020/01/01/bai-ngoai/")
    assert "docs/bi-mat.txt" in run.output and "posts/bai-ngoai.md" in run.output
    warnings = [line for line in run.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2, warnings
    strict = tiny.build()
    assert not strict.ok and "Aborted with 2 warnings in strict mode" in strict.output


@pytest.mark.parametrize(
    "alias", ["search/", "sitemap.xml", "404.html", "chuyen-muc/thong-bao/", "rss.xml"]
)
def test_alias_taking_a_reserved_path_is_an_error(tiny: TinySite, alias: str) -> None:
    tiny.post(
        "a.md",
        {"title": "Họp dân", "date": "2020-10-13", "category": "Thông báo", "aliases": [alias]},
    )
    run = tiny.build()
    assert not run.ok
    assert "posts/a.md" in run.output and "trùng" in run.output


def test_titles_differing_only_in_case_form_or_diacritics_collide(tiny: TinySite) -> None:
    import unicodedata

    tiny.post("a.md", {"title": "Họp dân tổ 5", "date": "2020-10-13", "category": "Thông báo"})
    tiny.post(
        "b.md", {"title": "HOP DAN TO 5", "date": "2020-10-13 15:00", "category": "Thông báo"}
    )
    tiny.post(
        "c.md",
        {
            "title": unicodedata.normalize("NFD", "Họp dân tổ 5"),
            "date": "2020-10-13",
            "category": "Thông báo",
        },
    )
    run = tiny.build()
    assert not run.ok
    assert "posts/b.md" in run.output and "posts/c.md" in run.output and "posts/a.md" in run.output
