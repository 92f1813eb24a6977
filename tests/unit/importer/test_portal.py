"""Old-portal pages in other shapes: HTML, other encodings, missing fields, two dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from bantin.importer.batch import ImportOptions, import_paths

from .checkpost import check_post
from .conftest import FIXTURES
from .docmaker import photo_bytes
from .pages import SEED_000, SEED_001, encode_cp1258, portal_html, seed_lines

EXPECTED_000 = (FIXTURES / "expected" / "000_00551e72198cd380.md").read_text(encoding="utf-8")
SEED_BODY = EXPECTED_000.split("\n---\n", 1)[1]


def _import(tmp_path: Path, options: ImportOptions, name: str, data: bytes | str):
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    (report,) = import_paths([source], options)
    return report


def _post(tmp_path: Path, report):
    post, problems = check_post(Path(report.post), tmp_path)
    assert problems == [], [str(p) for p in problems]
    assert post is not None
    return post


def test_html_version_of_a_seed_gives_the_same_article(
    tmp_path: Path, options: ImportOptions
) -> None:
    url = "https://phucdong.example.vn/tin-tuc/hieu-qua-dan-van-2020.html"
    report = _import(tmp_path, options, "bai.html", portal_html(url=url))
    assert report.status == "imported", report
    post = _post(tmp_path, report)
    assert post.title == (
        "Hiệu quả công tác Dân vận của Đảng bộ phường Phúc Đồng 9 tháng đầu năm 2020"
    )
    assert post.date.strftime("%d/%m/%Y %H:%M") == "13/10/2020 09:17"
    assert (post.category.name, post.views) == ("Bài viết chuyên sâu", 86)
    assert post.aliases == ("tin-tuc/hieu-qua-dan-van-2020.html",)
    # The body is the text page's body: menus, script, form, other news and footer are gone.
    assert post.body == "\n" + SEED_BODY.lstrip("\n")
    assert "ảnh trên trang cũ: http://old.example.vn/a.jpg" in report.found


def test_html_page_saved_complete_keeps_its_photo(tmp_path: Path, options: ImportOptions) -> None:
    folder = tmp_path / "in" / "bai_files"
    folder.mkdir(parents=True)
    (folder / "anh 1.jpg").write_bytes(photo_bytes("JPEG"))
    report = _import(tmp_path, options, "bai.htm", portal_html(photo="bai_files/anh%201.jpg"))
    post = _post(tmp_path, report)
    photo = Path(report.post).parent / "anh" / (Path(report.post).stem + "-1.jpg")
    assert photo.read_bytes() == (folder / "anh 1.jpg").read_bytes()
    line = f"![Tặng quà các hộ nghèo, cận nghèo, các hộ hoàn cảnh khó khăn chống dịch covid- 19](anh/{photo.name})"
    assert line + "\n\n*Tặng quà các hộ nghèo" in post.body
    assert [a.target for a in post.attachments] == [f"anh/{photo.name}"]


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("w1258.txt", encode_cp1258),
        ("utf16.txt", lambda t: t.encode("utf-16")),
        ("w1252.html", lambda t: portal_html(charset="windows-1252").encode("utf-8")),
    ],
)
def test_other_encodings_give_the_same_article(
    tmp_path: Path, options: ImportOptions, name: str, encode
) -> None:
    report = _import(tmp_path, options, name, encode(SEED_000.read_text(encoding="utf-8")))
    post = _post(tmp_path, report)
    assert post.title.startswith("Hiệu quả công tác Dân vận của Đảng bộ phường Phúc Đồng")
    assert post.body == "\n" + SEED_BODY.lstrip("\n")


def _page(*lines: str, body: str | None = None) -> str:
    text = body or "\n\n".join(seed_lines(SEED_001)[3:15])
    return "\n".join(lines) + "\n\n" + text + "\n\nÝ kiến bạn đọc\nHọ và tên\n"


def test_a_page_with_two_dates_takes_the_publication_date(
    tmp_path: Path, options: ImportOptions
) -> None:
    page = _page(
        "Chú trọng công tác dân vận",
        "Cập nhật: 20/12/2021 08:00 | Ngày đăng: 05/12/2021 18:45 | Lượt xem: 3.072",
    )
    report = _import(tmp_path, options, "hai-ngay.txt", page)
    post = _post(tmp_path, report)
    assert post.date.strftime("%d/%m/%Y %H:%M") == "05/12/2021 18:45"
    assert post.views == 3072
    assert any("20/12/2021" in item and "05/12/2021" in item for item in report.found)


def test_missing_date_and_title_are_todos_and_the_post_stays_a_draft(
    tmp_path: Path, options: ImportOptions
) -> None:
    body = "\n\n".join(seed_lines(SEED_001)[3:10])
    report = _import(tmp_path, options, "thieu.txt", "Lượt xem: 12\n\n" + body)
    post = _post(tmp_path, report)
    text = Path(report.post).read_text(encoding="utf-8")
    assert "# TODO title: không tìm thấy tiêu đề" in text
    assert "# TODO date: không tìm thấy ngày đăng trong trang" in text
    assert "date: 27/11/2026\n" in text  # the import day, marked as a placeholder
    assert post.draft and post.views == 12
    assert {m.split(":")[0] for m in report.missing} == {"title", "date", "category"}


def test_year_missing_without_any_year_in_the_article(
    tmp_path: Path, options: ImportOptions
) -> None:
    body = "\n\n".join(
        line for line in seed_lines(SEED_001)[3:15] if not any(c.isdigit() for c in line)
    )
    page = _page("Chú trọng công tác dân vận", "Ngày đăng: 18:45 | 05/12", body=body)
    report = _import(tmp_path, options, "khong-nam.txt", page)
    post = _post(tmp_path, report)
    text = Path(report.post).read_text(encoding="utf-8")
    assert "# TODO date: trang chỉ ghi ngày 05/12, không ghi năm; điền năm đúng." in text
    assert post.draft


def test_year_comes_from_the_old_url_first(tmp_path: Path) -> None:
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "bai.txt").write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    options = ImportOptions(
        out_dir=tmp_path / "posts",
        url_map={"bai.txt": "https://thangbinh.example.vn/2022/12/tin-tuc/bai-123.html"},
    )
    (report,) = import_paths([seeds / "bai.txt"], options)
    text = Path(report.post).read_text(encoding="utf-8")
    assert "date: 05/12/2022 18:45" in text
    assert "  - 2022/12/tin-tuc/bai-123.html" in text


def test_signature_with_initials_and_unit(tmp_path: Path, options: ImportOptions) -> None:
    page = _page("Trao quà cho hộ nghèo", "Ngày đăng 01/02/2024 | 10:05 | Lượt xem: 5")
    page = page.replace("\n\nÝ kiến", "\n\nN.Hoa\nHội Phụ nữ phường\n\nÝ kiến")
    report = _import(tmp_path, options, "ky-ten.txt", page)
    post = _post(tmp_path, report)
    assert (post.author, post.source) == ("N.Hoa", "Hội Phụ nữ phường")
    assert "N.Hoa" not in post.body


def test_unknown_category_label_is_a_todo(tmp_path: Path, options: ImportOptions) -> None:
    page = _page("Văn hóa - Xã hội", "Trao quà cho hộ nghèo", "Ngày đăng 01/02/2024 | 10:05")
    report = _import(tmp_path, options, "chuyen-muc.txt", page)
    post = _post(tmp_path, report)
    text = Path(report.post).read_text(encoding="utf-8")
    assert "# TODO category: trang cũ ghi chuyên mục “Văn hóa - Xã hội”" in text
    assert post.category.name == "Tin tức - Sự kiện" and post.title == "Trao quà cho hộ nghèo"


def test_lists_headings_and_tables_in_a_text_page(tmp_path: Path, options: ImportOptions) -> None:
    body = "\n".join(
        [
            seed_lines(SEED_001)[3],
            "",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "",
            "Các phần việc đã làm:",
            "- Thăm hỏi 25 hộ nghèo",
            "- Trao 40 suất quà",
            "1. Tuyên truyền pháp luật",
            "2. Vận động hiến máu",
            "",
            "Tổ dân phố\tHộ nghèo\tSuất quà",
            "Tổ 1\t5\t10",
            "Tổ 2\t7\t12",
            "",
            seed_lines(SEED_001)[4],
        ]
    )
    page = _page("Kết quả năm 2024", "Ngày đăng 01/02/2024 | 10:05", body=body)
    report = _import(tmp_path, options, "cau-truc.txt", page)
    post = _post(tmp_path, report)
    assert "\n\n## I. KẾT QUẢ ĐẠT ĐƯỢC\n\n" in post.body
    assert "\n- Thăm hỏi 25 hộ nghèo\n- Trao 40 suất quà\n" in post.body
    assert "\n1. Tuyên truyền pháp luật\n2. Vận động hiến máu\n" in post.body
    assert "| Tổ dân phố | Hộ nghèo | Suất quà |\n|---|---|---|\n| Tổ 1 | 5 | 10 |" in post.body
    labels = {i.label: (str(i.value), i.unit) for i in post.indicators}
    # A figure at the end of its line is named by the words before it.
    assert labels["Thăm hỏi (hộ nghèo)"] == ("25", "hộ nghèo")
    assert labels["Trao (suất quà)"] == ("40", "suất quà")


@pytest.mark.parametrize(
    "page",
    [
        "Trang chủ\nGiới thiệu\nTin tức\nLiên hệ\nĐang online 33\n",
        "Tin mới nhất\n" + "\n".join(f"Tin số {n} ngày 0{n}/01/2024" for n in range(1, 8)),
        "<html><body><ul><li><a href='/a'>Tin A</a></li></ul><div id='footer'>Bản quyền</div></body></html>",
    ],
    ids=["menu", "list-of-news", "html-without-article"],
)
def test_a_page_that_is_not_an_article_is_refused(
    tmp_path: Path, options: ImportOptions, page: str
) -> None:
    report = _import(tmp_path, options, "khong-phai-bai.html", page)
    assert report.status == "failed"
    assert report.problems == [
        "không tìm thấy bài viết trong tệp (quá ít chữ, có thể là trang chủ, trang danh sách "
        "hoặc trang lỗi). Mở trang bài viết trên cổng cũ rồi lưu lại."
    ]
    assert not options.out_dir.exists() or not list(options.out_dir.rglob("*.md"))


def test_proposed_indicators_keep_the_stated_percent(
    tmp_path: Path, options: ImportOptions
) -> None:
    body = (
        "Năm 2019, Quỹ “Vì người nghèo” của phường vận động được: 93.095.000 đồng (đạt 88.37%). "
        "Toàn quận có 391 mô hình “Dân vận khéo”, trong đó 2 cấp thành phố, 41 cấp quận, "
        "120 cấp cơ sở. Phường đã vận động 20/22 người qua đời được hỏa táng, đạt 90,9%. "
        "Ngày 20/9, đoàn công tác tới thăm 3 tổ dân phố theo Nghị quyết 42/NQ-CP."
    )
    page = _page("Kết quả năm 2019", "Ngày đăng 01/12/2019 | 10:05", body=body + "\n\n" + body)
    report = _import(tmp_path, options, "chi-so.txt", page)
    post, problems = check_post(Path(report.post), tmp_path)
    assert post is not None
    found = {i.label: i for i in post.indicators}
    fund = found["Quỹ “Vì người nghèo” của phường vận động"]
    assert (str(fund.value), fund.unit, str(fund.percent)) == ("93095000", "đồng", "88.37")
    models = found["Mô hình “Dân vận khéo”"]
    assert [(p.label, str(p.value)) for p in models.parts] == [
        ("Cấp thành phố", "2"),
        ("Cấp quận", "41"),
        ("Cấp cơ sở", "120"),
    ]
    ratio = found["Người qua đời được hỏa táng"]
    assert (str(ratio.value), str(ratio.of), str(ratio.percent)) == ("20", "22", "90.9")
    # Nothing invented: no date, no resolution number, no total of the parts.
    assert "20" not in {str(i.value) for i in post.indicators if i.of is None}
    assert {str(i.value) for i in post.indicators} == {"93095000", "391", "20", "3"}
    # The article's parts do not add up to 391: the build's own check says so.
    assert [p.message for p in problems if "391" in p.message or "cộng" in p.message]


def test_lead_above_the_date_line_stays_in_the_body(tmp_path: Path, options: ImportOptions) -> None:
    lead = seed_lines(SEED_001)[3]
    body = "\n\n".join(seed_lines(SEED_001)[4:10])
    page = f"Chú trọng công tác dân vận\n{lead}\nNgày đăng 05/12/2021 18:45\n\n{body}\n"
    report = _import(tmp_path, options, "sapo.txt", page)
    post = _post(tmp_path, report)
    assert post.title == "Chú trọng công tác dân vận"
    assert post.body.lstrip().startswith(lead + "\n\n" + seed_lines(SEED_001)[4])


def test_title_repeated_in_the_body_and_br_paragraphs(
    tmp_path: Path, options: ImportOptions
) -> None:
    lines = seed_lines(SEED_001)
    sentences = lines[4:6] + lines[7:9]  # line 6 ends with a glued photo caption
    page = (
        "<html><body><h2>Chú trọng công tác dân vận</h2><p>Ngày đăng: 05/12/2021 | 18:45</p>"
        "<div class='noi-dung'><b>Chú trọng công tác dân vận</b><br>"
        + "<br>".join(sentences)
        + "<br>Trang chủ</div><div class='comments'>Ý kiến bạn đọc</div></body></html>"
    )
    report = _import(tmp_path, options, "lap-tieu-de.html", page)
    post = _post(tmp_path, report)
    assert post.title == "Chú trọng công tác dân vận"
    # Non-breaking spaces from the portal's editor become plain spaces.
    expected = [" ".join(sentence.replace("\xa0", " ").split()) for sentence in sentences]
    assert post.body == "\n" + "\n\n".join(expected) + "\n"


def test_link_lists_inside_the_article_area_are_dropped(
    tmp_path: Path, options: ImportOptions
) -> None:
    page = portal_html().replace(
        '<div class="comment">',
        "<ul><li><a href='/tin/1'>Phường tổ chức hội nghị</a></li>"
        "<li><a href='/tin/2'>Trao quà Tết</a></li></ul><div class=\"comment\">",
    )
    page = page.replace(
        "<p>Với những kết quả",
        "<ul><li>Tuyên truyền <a href='/luat'>Luật</a> giao thông</li><li>Vận động hỏa táng</li>"
        "</ul><p>Với những kết quả",
    )
    report = _import(tmp_path, options, "lien-ket.html", page)
    post = _post(tmp_path, report)
    assert "Trao quà Tết" not in post.body
    assert "\n- Tuyên truyền Luật giao thông\n- Vận động hỏa táng\n" in post.body
