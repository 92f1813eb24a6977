"""``bantin import`` on a copy of the demo site: the imported seeds check, build and read right."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitekit import REPO
from tests.unit.importer.docmaker import news_docx, notice_docx, photo_bytes

PORTAL = REPO / "tests" / "fixtures" / "portal"


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=root, timeout=600
    )


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "phuong"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "posts", "overrides", "data"):
        shutil.copytree(REPO / folder, root / folder)
    seeds = root / "trang-cu"
    seeds.mkdir()
    for seed in sorted(PORTAL.glob("*.txt")):
        shutil.copy(seed, seeds / seed.name)
    (root / "dia-chi-cu.csv").write_text(_readme_blocks("text")[0], encoding="utf-8")
    words = root / "van-ban-word"
    words.mkdir()
    news_docx(words / "hoi-phu-nu.docx", photo=photo_bytes("JPEG"))
    notice_docx(words / "thong-bao-tiep-dan.docx")
    return root


def _readme_blocks(language: str) -> list[str]:
    """The fenced blocks of the README's import section, indentation removed, as staff copy them."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Nhập bài cũ và văn bản Word", 1)[1].split("\n## ", 1)[0]
    found = []
    for indent, body in re.findall(rf"(?ms)^( *)```{language}\n(.*?)^\1```", section):
        found.append("\n".join(line[len(indent) :] for line in body.splitlines()) + "\n")
    return found


def test_readme_import_commands_run_as_written(demo_copy: Path) -> None:
    commands = [
        line.strip()
        for block in _readme_blocks("sh")
        for line in block.splitlines()
        if line.strip().startswith(".venv/bin/bantin import")
    ]
    assert len(commands) == 2
    for command in commands:
        args = shlex.split(command)[1:]
        run = _run(demo_copy, "-m", "bantin.adapter.cli", *args)
        assert run.returncode == 0, command + "\n" + run.stdout + run.stderr
    posts = {p.name: p.read_text(encoding="utf-8") for p in (demo_copy / "posts/nhap").glob("*.md")}
    assert len(posts) == 5
    notice = posts["thong-bao-ve-viec-to-chuc-tiep-cong-dan-dinh-ky-quy-ii-nam-2026.md"]
    assert "\ncategory: Mặt trận - Đoàn thể\n" in notice  # --category wins over the guess
    seed = posts["hieu-qua-cong-tac-dan-van-cua-dang-bo-phuong-phuc-dong-9-thang-dau-nam-2020.md"]
    assert "aliases:\n  - tin-tuc/dan-van-phuc-dong-2020.html\n" in seed
    check = _run(demo_copy, "-m", "bantin.adapter.cli", "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_imported_seeds_check_and_build_into_the_demo(demo_copy: Path) -> None:
    cli = ("-m", "bantin.adapter.cli")
    run = _run(demo_copy, *cli, "import", "trang-cu", "--url-map", "dia-chi-cu.csv")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Kết quả: 3 bài mới hoặc nhập lại." in run.stdout
    assert "trang-cu/001_54e9bb94bc1b332c.txt: đã nhập → posts/nhap/" in run.stdout
    posts = sorted((demo_copy / "posts" / "nhap").glob("*.md"))
    assert len(posts) == 3
    # Drafts with TODOs pass the check as they are.
    check = _run(demo_copy, *cli, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    # Running the import again changes nothing.
    again = _run(demo_copy, *cli, "import", "trang-cu", "--url-map", "dia-chi-cu.csv")
    assert "0 bài mới hoặc nhập lại, 3 bài đã có từ trước" in again.stdout
    assert sorted((demo_copy / "posts" / "nhap").glob("*.md")) == posts

    # Staff review: fill the title the page lacked, then publish all three.
    for post in posts:
        text = post.read_text(encoding="utf-8").replace("draft: true", "draft: false")
        text = text.replace(
            "title: Bài chưa có tiêu đề (nhập từ 002_f9e4cc813de70a1d.txt)",
            "title: Hội nghị giao ban công tác dân vận 9 tháng đầu năm 2023",
        )
        post.write_text(text, encoding="utf-8")
    build = _run(demo_copy, "-m", "mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stdout + build.stderr
    assert "WARNING" not in build.stdout + build.stderr

    site = demo_copy / "site"
    page = (
        site
        / "2020/10/13/hieu-qua-cong-tac-dan-van-cua-dang-bo-phuong-phuc-dong-9-thang-dau-nam-2020"
        / "index.html"
    ).read_text(encoding="utf-8")
    assert "Hiệu quả công tác Dân vận của Đảng bộ phường Phúc Đồng 9 tháng đầu năm 2020" in page
    assert "<em>Các đ/c lãnh đạo phường đối thoại trực tiếp với công dân</em>" in page
    assert "121.440.000" in page and "20/22" in page and "90,9%" in page
    assert "TODO" not in page and "bantin import" not in page
    redirect = site / "tin-tuc" / "dan-van-phuc-dong-2020.html"
    assert redirect.is_file() or (redirect / "index.html").is_file()
    third = site / "2023/09/21/hoi-nghi-giao-ban-cong-tac-dan-van-9-thang-dau-nam-2023/index.html"
    html = third.read_text(encoding="utf-8")
    assert "Minh Khang" in html and "Trung tâm VHTT và Truyền thông thành phố" in html
    assert 'data-bt-carried="523">523<' in html
