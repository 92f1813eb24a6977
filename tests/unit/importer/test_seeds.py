"""The three pages saved from old portals import to exactly the posts a careful editor expects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bantin.importer.batch import ImportOptions, import_paths

from .checkpost import check_post
from .conftest import FIXTURES, SEEDS

EXPECTED = FIXTURES / "expected"
FILE_NAMES = {
    "000_00551e72198cd380.txt": (
        "hieu-qua-cong-tac-dan-van-cua-dang-bo-phuong-phuc-dong-9-thang-dau-nam-2020.md"
    ),
    "001_54e9bb94bc1b332c.txt": "chu-trong-day-manh-cong-tac-dan-van-cua-he-thong-chinh-tri.md",
    "002_f9e4cc813de70a1d.txt": "bai-chua-co-tieu-de-nhap-tu-002-f9e4cc813de70a1d-txt.md",
}


def _import_seeds(tmp_path: Path, options: ImportOptions) -> dict[str, Path]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, seeds / seed.name)
    reports = import_paths([seeds], options)
    assert [r.status for r in reports] == ["imported"] * 3, reports
    return {Path(r.source).name: Path(r.post) for r in reports}


def test_seeds_import_to_the_expected_posts(tmp_path: Path, options: ImportOptions) -> None:
    posts = _import_seeds(tmp_path, options)
    assert {name: path.name for name, path in posts.items()} == FILE_NAMES
    for seed in SEEDS:
        expected = (EXPECTED / (seed.stem + ".md")).read_text(encoding="utf-8")
        assert posts[seed.name].read_text(encoding="utf-8") == expected, seed.name


def test_seed_fields(tmp_path: Path, options: ImportOptions) -> None:
    posts = _import_seeds(tmp_path, options)
    root = tmp_path
    first, problems = check_post(posts["000_00551e72198cd380.txt"], root)
    assert problems == [] and first is not None
    assert first.title == (
        "Hiệu quả công tác Dân vận của Đảng bộ phường Phúc Đồng 9 tháng đầu năm 2020"
    )
    assert first.date.strftime("%d/%m/%Y %H:%M %z") == "13/10/2020 09:17 +0700"
    assert first.category.name == "Bài viết chuyên sâu"
    assert first.views == 86 and first.draft
    assert first.author == "" and first.source == ""
    body = first.body.lstrip()
    assert body.startswith("Dưới sự lãnh đạo của Đảng uỷ phường, trong 9 tháng đầu năm 2020")
    assert body.rstrip().endswith("an ninh chính trị trật tự an toàn xã hội trên địa bàn phường./.")
    # Photo captions stay, marked as captions; the title is not repeated in the body.
    assert "\n\n*Các đ/c lãnh đạo phường đối thoại trực tiếp với công dân*\n\n" in body
    assert first.title not in body and "bài viết chuyên sâu" not in body
    ratio = next(i for i in first.indicators if i.of is not None)
    assert (str(ratio.value), str(ratio.of), str(ratio.percent), ratio.unit) == (
        "20",
        "22",
        "90.9",
        "người",
    )

    second, problems = check_post(posts["001_54e9bb94bc1b332c.txt"], root)
    assert problems == [] and second is not None
    assert second.title == "Chú trọng đẩy mạnh công tác dân vận của hệ thống chính trị"
    assert second.author == "Đông Anh" and second.views == 3072
    # "18:45 | 05/12": no year on the page; 2021 is the year the article itself names.
    assert second.date.strftime("%d/%m/%Y %H:%M") == "05/12/2021 18:45"
    text = posts["001_54e9bb94bc1b332c.txt"].read_text(encoding="utf-8")
    assert "# TODO date: trang chỉ ghi ngày 05/12, không ghi năm; năm 2021" in text
    for chrome in ("Ý kiến bạn đọc", "Mã xác nhận", "Tin mới nhất", "Trở về", "Bản quyền", "QTI"):
        assert chrome not in second.body
    assert "391 mô hình“Dân vận khéo”" in second.body  # the article's text as written

    third, problems = check_post(posts["002_f9e4cc813de70a1d.txt"], root)
    assert problems == [] and third is not None
    assert third.title == "Bài chưa có tiêu đề (nhập từ 002_f9e4cc813de70a1d.txt)"
    third_text = posts["002_f9e4cc813de70a1d.txt"].read_text(encoding="utf-8")
    assert "# TODO title: không tìm thấy tiêu đề trong trang" in third_text
    assert third.date.strftime("%d/%m/%Y %H:%M") == "21/09/2023 11:14"
    assert (third.author, third.source, third.views) == (
        "Minh Khang",
        "Trung tâm VHTT và Truyền thông thành phố",
        523,
    )
    for chrome in ("Video", "Thống kê truy cập", "Đang online", "2743745"):
        assert chrome not in third.body


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_indicator_is_a_figure_of_the_article(
    seed: Path, tmp_path: Path, options: ImportOptions
) -> None:
    posts = _import_seeds(tmp_path, options)
    post, problems = check_post(posts[seed.name], tmp_path)
    assert post is not None and problems == []
    # Every figure is in the article as written (thousands dots aside), never computed.
    source = seed.read_text(encoding="utf-8").replace(".", "")
    assert post.indicators
    for indicator in post.indicators:
        for number in (indicator.value, indicator.of, indicator.percent):
            if number is not None:
                shown = str(number).replace(".", ",")
                assert shown in source or shown.zfill(2) in source, indicator
