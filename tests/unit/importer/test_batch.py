"""Batches: folders, re-imports, old addresses, bad files among good ones, nothing half-written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bantin.core import files
from bantin.importer.batch import ImportOptions, import_paths, read_url_map
from bantin.importer.report import format_report, summary

from .conftest import SEEDS
from .docmaker import news_docx, photo_bytes


def _tree(tmp_path: Path) -> Path:
    folder = tmp_path / "cong-cu"
    (folder / "2020").mkdir(parents=True)
    shutil.copy(SEEDS[0], folder / "2020" / SEEDS[0].name)
    shutil.copy(SEEDS[1], folder / SEEDS[1].name)
    news_docx(folder / "hoi-phu-nu.docx", photo=photo_bytes())
    (folder / "rong.txt").write_bytes(b"")
    (folder / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (folder / "anh.jpg").write_bytes(photo_bytes("JPEG"))
    (folder / "bai_files").mkdir()
    (folder / "bai_files" / "menu.html").write_text("<p>menu</p>", encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<folder>"
        for p in sorted(folder.rglob("*"))
    }


def test_folder_batch_continues_past_bad_files(tmp_path: Path, options: ImportOptions) -> None:
    folder = _tree(tmp_path)
    seen: list[tuple[int, int, str]] = []
    reports = import_paths([folder], options, lambda i, n, name: seen.append((i, n, name)))
    statuses = {r.source: r.status for r in reports}
    assert statuses == {
        "cong-cu/anh.jpg": "skipped",
        "cong-cu/001_54e9bb94bc1b332c.txt": "imported",
        "cong-cu/2020/000_00551e72198cd380.txt": "imported",
        "cong-cu/cu.doc": "failed",
        "cong-cu/hoi-phu-nu.docx": "imported",
        "cong-cu/rong.txt": "failed",
    }
    assert [n for _, n, _ in seen] == [5] * 5 and [i for i, _, _ in seen] == [1, 2, 3, 4, 5]
    failed = {r.source: r.problems[0] for r in reports if r.status == "failed"}
    assert "Lưu thành (File → Save As)" in failed["cong-cu/cu.doc"]
    assert failed["cong-cu/rong.txt"] == "tệp rỗng, không có nội dung để nhập."
    text = "\n".join(format_report(r) for r in reports)
    assert "cong-cu/cu.doc: LỖI, không nhập được\n  ! lỗi: đây là tệp Word kiểu cũ (.doc)" in text
    assert summary(reports).startswith("Kết quả: 3 bài mới hoặc nhập lại, 2 tệp lỗi, 1 tệp bỏ qua.")
    assert len(list(options.out_dir.glob("*.md"))) == 3


def test_importing_twice_gives_the_same_posts(tmp_path: Path, options: ImportOptions) -> None:
    folder = _tree(tmp_path)
    import_paths([folder], options)
    before = _snapshot(options.out_dir)
    again = import_paths([folder], options)
    assert {r.status for r in again if r.post} == {"unchanged"}
    assert _snapshot(options.out_dir) == before
    # The same page under another name or folder is still the same post.
    copy = tmp_path / "ban-sao"
    copy.mkdir()
    shutil.copy(SEEDS[0], copy / "trang-luu-lai.txt")
    (report,) = import_paths([copy / "trang-luu-lai.txt"], options)
    assert report.status in ("kept", "unchanged") and Path(report.post).name in {
        Path(p).name for p in before
    }
    assert _snapshot(options.out_dir) == before


def test_an_edited_post_is_never_overwritten_without_force(
    tmp_path: Path, options: ImportOptions
) -> None:
    (report,) = import_paths([SEEDS[0]], options)
    post = Path(report.post)
    edited = post.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    post.write_text(edited, encoding="utf-8")
    (again,) = import_paths([SEEDS[0]], options)
    assert again.status == "kept" and again.post == report.post
    assert post.read_text(encoding="utf-8") == edited
    assert "giữ nguyên bài cũ (thêm --force để ghi đè)" in format_report(again)
    forced = ImportOptions(**{**options.__dict__, "force": True})
    (third,) = import_paths([SEEDS[0]], forced)
    assert third.status == "updated" and third.post == report.post
    assert "draft: true" in post.read_text(encoding="utf-8")
    assert len(list(options.out_dir.glob("*.md"))) == 1


def test_url_map_csv_gives_aliases(tmp_path: Path) -> None:
    csv = tmp_path / "dia-chi-cu.csv"
    csv.write_text(
        "tep,dia_chi\n"
        f"{SEEDS[0].name},https://phucdong.example.vn/tin-tuc/dan-van-9-thang-2020.html\n"
        f"seeds\\{SEEDS[1].name},/Default.aspx?tabid=12&id=345\n",
        encoding="utf-8",
    )
    mapping = read_url_map(csv)
    assert mapping[SEEDS[0].name].endswith("dan-van-9-thang-2020.html")
    options = ImportOptions(out_dir=tmp_path / "posts", url_map=mapping)
    first, second = import_paths(SEEDS[:2], options)
    assert "aliases:\n  - tin-tuc/dan-van-9-thang-2020.html\n" in Path(first.post).read_text(
        encoding="utf-8"
    )
    # An address with "?" cannot become a redirect page: the report says so, nothing breaks.
    assert "aliases" not in Path(second.post).read_text(encoding="utf-8")
    assert any("không tạo được địa chỉ cũ" in item for item in second.found)


def test_a_failed_write_leaves_everything_as_it_was(
    tmp_path: Path, options: ImportOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_paths([SEEDS[1]], options)
    before = _snapshot(options.out_dir)
    docx = news_docx(tmp_path / "tin.docx", photo=photo_bytes())
    real_replace = os.replace

    def failing_replace(source: str, target: str | Path) -> None:
        if str(target).endswith(".md"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    (report,) = import_paths([docx], options)
    assert report.status == "failed"
    assert report.problems == ["không ghi được bài (No space left on device)."]
    # The photo written before the post is removed again; no temporary file is left.
    assert _snapshot(options.out_dir) == before
