"""A failed build leaves the previous site byte-identical, and the next good build succeeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.sitekit import Site, leftovers, manifest


def _good_build(site: Site, version: str) -> dict[str, str]:
    site.write_pages(version)
    done = site.build("--strict")
    assert done.returncode == 0, done.stdout
    assert leftovers(site.root) == []
    return manifest(site.site_dir)


def test_first_build_creates_site_and_headers(site: Site) -> None:
    site.write_config()
    before = _good_build(site, "v1")
    assert "index.html" in before
    assert "tin/bai-3/index.html" in before
    assert "_headers" in before
    assert (site.root / ".site-headers" / "nginx-security-headers.conf").is_file()
    assert "Trang chủ v1" in (site.site_dir / "index.html").read_text(encoding="utf-8")


def test_strict_warning_keeps_previous_site(site: Site) -> None:
    site.write_config()
    before = _good_build(site, "v1")
    site.write_pages("v2")
    (site.root / "docs" / "hong.md").write_text("# Hỏng\n\n[liên kết hỏng](khong-co.md)\n")
    done = site.build("--strict")
    assert done.returncode != 0
    assert "khong-co.md" in done.stdout
    assert "Aborted with 1 warnings in strict mode" in done.stdout
    assert manifest(site.site_dir) == before
    assert leftovers(site.root) == []
    # Fix the page: the next build goes through and shows the new content.
    (site.root / "docs" / "hong.md").unlink()
    after = _good_build(site, "v2")
    assert after != before
    assert "Trang chủ v2" in (site.site_dir / "index.html").read_text(encoding="utf-8")


def test_same_warning_without_strict_still_publishes(site: Site) -> None:
    site.write_config()
    before = _good_build(site, "v1")
    (site.root / "docs" / "hong.md").write_text("# Hỏng\n\n[liên kết hỏng](khong-co.md)\n")
    site.write_pages("v2")
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert manifest(site.site_dir) != before
    assert (site.site_dir / "hong" / "index.html").is_file()


@pytest.mark.parametrize(
    "event", ["on_pre_build", "on_files", "on_page_content", "on_post_page", "on_post_build"]
)
def test_plugin_error_keeps_previous_site(site: Site, event: str) -> None:
    site.write_config()
    before = _good_build(site, "v1")
    site.write_pages("v2")
    done = site.build(
        "--strict",
        BANTIN_TEST_AT=event,
        BANTIN_TEST_ACTION="raise",
        BANTIN_TEST_COUNT="3" if event in ("on_page_content", "on_post_page") else "1",
    )
    assert done.returncode != 0
    assert "lỗi thử nghiệm do hook gây ra" in done.stdout
    assert manifest(site.site_dir) == before
    assert leftovers(site.root) == []
    _good_build(site, "v2")


def test_failed_first_build_creates_no_site(site: Site) -> None:
    site.write_config()
    site.write_pages("v1")
    done = site.build(BANTIN_TEST_AT="on_post_page", BANTIN_TEST_ACTION="raise")
    assert done.returncode != 0
    assert not site.site_dir.exists()
    assert leftovers(site.root) == []


def test_symlink_out_of_site_fails_build(site: Site) -> None:
    site.write_config()
    before = _good_build(site, "v1")
    done = site.build(BANTIN_TEST_AT="on_post_build", BANTIN_TEST_ACTION="symlink")
    assert done.returncode != 0
    assert "site/passwd.txt" in done.stdout
    assert "symlink" in done.stdout
    assert manifest(site.site_dir) == before
    assert leftovers(site.root) == []


def test_write_into_live_site_during_build_is_refused(site: Site) -> None:
    site.write_config()
    before = _good_build(site, "v1")
    done = site.build(
        BANTIN_TEST_AT="on_files",
        BANTIN_TEST_ACTION="write-live",
        BANTIN_TEST_LIVE=str(site.site_dir),
    )
    assert done.returncode != 0
    assert "intruder.html" in done.stdout
    # The intruder file is in the live folder (the hook wrote it there), but the
    # build did not go live: everything else is the previous site.
    after = manifest(site.site_dir)
    after.pop("intruder.html")
    assert after == before


def test_editor_temp_files_are_not_published(site: Site) -> None:
    site.write_config()
    site.write_pages("v1")
    docs = site.root / "docs"
    for name in ("bai.md~", "#bai.md#", "ghi-chu.txt~", "Thumbs.db", "tin/.DS_Store", ".#khoa.md"):
        (docs / name).write_text("bản nháp chưa lưu")
    (docs / "tin" / "anh.txt").write_text("tệp thật")
    done = site.build("--strict")
    assert done.returncode == 0, done.stdout
    published = manifest(site.site_dir)
    assert "tin/anh.txt" in published
    for name in published:
        base = Path(name).name
        assert not base.endswith("~"), name
        assert base not in ("Thumbs.db", ".DS_Store", "#bai.md#", ".#khoa.md"), name


def test_user_headers_file_is_kept(site: Site) -> None:
    site.write_config()
    site.write_pages("v1")
    (site.root / "docs" / "_headers").write_text("/*\n  X-Custom: 1\n")
    done = site.build("--strict")
    assert done.returncode == 0, done.stdout
    assert (site.site_dir / "_headers").read_text() == "/*\n  X-Custom: 1\n"
    assert "giữ nguyên" in done.stdout


def test_disabled_plugin_builds_in_place(site: Site) -> None:
    site.write_config(extra="")
    text = (
        (site.root / "mkdocs.yml")
        .read_text()
        .replace("lock_timeout: 60", "lock_timeout: 60\n      enabled: false")
    )
    (site.root / "mkdocs.yml").write_text(text)
    site.write_pages("v1")
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert (site.site_dir / "index.html").is_file()
    assert not (site.site_dir / "_headers").exists()
    assert not (site.root / ".bantin-build.lock").exists()


def test_site_dir_symlink_swaps_the_real_folder(site: Site, tmp_path: Path) -> None:
    real = tmp_path / "www" / "phuong"
    real.parent.mkdir()
    site.site_dir.symlink_to(real)
    site.write_config()
    site.write_pages("v1")
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert site.site_dir.is_symlink()
    assert (real / "index.html").is_file()
    before = manifest(real)
    done = site.build(BANTIN_TEST_AT="on_files", BANTIN_TEST_ACTION="raise")
    assert done.returncode != 0
    assert manifest(real) == before
    assert os.readlink(site.site_dir) == str(real)


def test_bad_lock_timeout_is_reported(site: Site) -> None:
    site.write_config(lock_timeout=-1)
    site.write_pages("v1")
    done = site.build()
    assert done.returncode != 0
    assert "lock_timeout" in done.stdout
    assert "không âm" in done.stdout


def test_output_path_outside_site_is_refused_before_writing(site: Site) -> None:
    site.write_config()
    before = _good_build(site, "v1")
    done = site.build(BANTIN_TEST_AT="on_files", BANTIN_TEST_ACTION="escape")
    assert done.returncode != 0
    assert "thoat.txt" in done.stdout
    assert "ra ngoài thư mục trang" in done.stdout
    assert not (site.root / "thoat.txt").exists()
    assert manifest(site.site_dir) == before
