"""``bantin import`` as staff run it on a tiny site: categories, progress, exit codes."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import REPO, TinySite

SEED = REPO / "tests" / "fixtures" / "portal" / "000_00551e72198cd380.txt"


def test_unknown_category_is_refused_with_a_suggestion(tiny: TinySite) -> None:
    run = tiny.bantin_cli("import", str(SEED), "--category", "Tin tuc")
    assert run.returncode == 2
    assert "chuyên mục “Tin tuc” chưa được khai báo. Có phải là “Tin tức - Sự kiện”?" in run.output
    assert not (tiny.root / "posts" / "nhap").exists()


def test_large_batch_shows_progress_and_bad_files_set_the_exit_code(tiny: TinySite) -> None:
    folder = tiny.root / "trang-cu"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    title = "Hiệu quả công tác Dân vận của Đảng bộ phường Phúc Đồng 9 tháng đầu năm 2020"
    for number in range(11):
        (folder / f"bai-{number:02d}.txt").write_text(
            text.replace(title, f"{title} (phần {number + 1})"), encoding="utf-8"
        )
    # The first article saved again a day later: another visitor count, the same article.
    (folder / "bai-99-luu-lai.txt").write_text(
        text.replace(title, f"{title} (phần 1)").replace("Lượt xem: 86", "Lượt xem: 90"),
        encoding="utf-8",
    )
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 not really")
    run = tiny.bantin_cli("import", "trang-cu", "--category", "thông báo")
    assert run.returncode == 1, run.output
    assert "Đang nhập: 10/13 tệp…" in run.output and "Đang nhập: 13/13 tệp…" in run.output
    assert "trang-cu/hong.docx: LỖI, không nhập được" in run.output
    assert "trang-cu/bai-99-luu-lai.txt: trùng một bài đã nhập, bỏ qua" in run.output
    assert "Kết quả: 11 bài mới hoặc nhập lại, 1 bài đã có từ trước, 1 tệp lỗi." in run.output
    posts = sorted((tiny.root / "posts" / "nhap").glob("*.md"))
    assert len(posts) == 11
    assert all("\ncategory: Thông báo\n" in p.read_text(encoding="utf-8") for p in posts)
    check = tiny.bantin_cli("check")
    assert check.ok, check.output


def test_out_folder_and_a_site_without_mkdocs_yml(tmp_path: Path) -> None:
    site = TinySite(tmp_path / "w")
    (site.root / "mkdocs.yml").unlink()
    run = site.bantin_cli("import", str(SEED), "--out", "bai-nhap")
    assert run.ok, run.output
    (post,) = (site.root / "bai-nhap").glob("*.md")
    assert "\ncategory: Bài viết chuyên sâu\n" in post.read_text(encoding="utf-8")
