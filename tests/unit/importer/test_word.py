"""Word files: news items with photos, a ward's official notice, and broken files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from bantin.importer.batch import ImportOptions, import_paths
from docx import Document

from .checkpost import check_post
from .docmaker import news_docx, notice_docx, photo_bytes

NEWS_BODY = """
Sáng 08/3/2026, Hội Liên hiệp Phụ nữ phường tổ chức **gặp mặt kỷ niệm** ngày Quốc tế Phụ nữ và trao quà cho hội viên có hoàn cảnh *khó khăn*. Chương trình mang chủ đề “Phụ nữ Phúc Lợi đoàn kết”.

## Kết quả vận động

Quỹ “Vì người nghèo” năm 2025 của Hội vận động được: 93.095.000 đồng (đạt 88,37%), giúp 20/22 hộ hội viên thoát nghèo đạt 90,9%.

Các phần việc chính:

- Thăm hỏi hội viên ốm đau
- Trao quà cho hộ khó khăn
- Tập huấn kỹ năng sống

Kế hoạch năm tới:

1. Mở lớp dạy nghề
2. Phát triển hội viên mới

| Tổ dân phố | Hội viên | Suất quà |
|---|---|---|
| Tổ 1 | 45 | 5 |
| Tổ 2 | 38 | 7 |

![Trao quà cho hội viên khó khăn (Ảnh: N. Hoa)](anh/hoi-phu-nu-phuong-phuc-loi-trao-12-suat-qua-cho-hoi-vien-kho-khan-1.png)

*Trao quà cho hội viên khó khăn (Ảnh: N. Hoa)*

Buổi gặp mặt diễn ra ấm cúng, nhiều hội viên bày tỏ sự phấn khởi.
"""


def _import(path: Path, options: ImportOptions):
    (report,) = import_paths([path], options)
    return report


def test_news_item_with_photo(tmp_path: Path, options: ImportOptions) -> None:
    photo = photo_bytes("PNG")
    report = _import(news_docx(tmp_path / "tin.docx", photo=photo), options)
    assert report.status == "imported", report
    post, problems = check_post(Path(report.post), tmp_path)
    assert problems == [] and post is not None
    assert post.title == "Hội Phụ nữ phường Phúc Lợi trao 12 suất quà cho hội viên khó khăn"
    assert post.author == "N. Hoa" and post.draft
    # Word's non-breaking space is a plain space, its manual line break joins the sentence,
    # its empty paragraphs are gone; bold, italics, lists, table, heading and photo remain.
    assert post.body == NEWS_BODY
    written = Path(report.post).parent / post.attachments[0].target
    assert written.read_bytes() == photo and oct(written.stat().st_mode)[-3:] == "644"
    values = {(str(i.value), str(i.of), str(i.percent)) for i in post.indicators}
    assert values == {("20", "22", "90.9"), ("93095000", "None", "88.37")}


def test_official_notice_header_and_signature(tmp_path: Path, options: ImportOptions) -> None:
    report = _import(notice_docx(tmp_path / "thong-bao.docx"), options)
    post, problems = check_post(Path(report.post), tmp_path)
    assert problems == [] and post is not None
    assert post.title == "Thông báo về việc tổ chức tiếp công dân định kỳ quý II năm 2026"
    assert post.date.strftime("%d/%m/%Y") == "05/03/2026" and not post.has_time
    assert post.category.name == "Thông báo"
    assert post.unit == "Ủy ban nhân dân phường Phúc Lợi"
    assert post.author == "Nguyễn Văn Minh"
    assert post.body == (
        "\nCăn cứ Luật Tiếp công dân năm 2013, Ủy ban nhân dân phường Phúc Lợi thông báo lịch "
        "tiếp công dân định kỳ của Chủ tịch UBND phường như sau:\n\n"
        "- Thời gian: từ 8 giờ 00 đến 11 giờ 00 thứ Năm hằng tuần.\n"
        "- Địa điểm: Phòng tiếp công dân, trụ sở UBND phường, số 1 phố Phúc Lợi.\n\n"
        "Công dân đến liên hệ mang theo căn cước và giấy tờ liên quan. UBND phường thông báo "
        "để nhân dân được biết./.\n"
    )
    for header in ("CỘNG HÒA", "Độc lập", "Số: 15/TB-UBND", "Nơi nhận", "Đã ký", "TM."):
        assert header not in post.body
    assert report.missing == []


def test_smart_quotes_in_the_title_stay_text(tmp_path: Path, options: ImportOptions) -> None:
    document = Document()
    document.add_heading("“Dân vận khéo”: 12 mô hình mới", 1)
    document.add_paragraph(
        "Năm nay phường có thêm 12\u00a0mô hình “Dân vận khéo” ở các tổ dân phố,\u200b được "
        "người dân hưởng ứng, ‘nhiệt tình’."
    )
    document.save(tmp_path / "ngoac.docx")
    report = _import(tmp_path / "ngoac.docx", options)
    post, problems = check_post(Path(report.post), tmp_path)
    assert problems == [] and post is not None
    assert post.title == "“Dân vận khéo”: 12 mô hình mới"
    assert post.body.strip() == (
        "Năm nay phường có thêm 12 mô hình “Dân vận khéo” ở các tổ dân phố, được "
        "người dân hưởng ứng, ‘nhiệt tình’."
    )
    assert 'title: "“Dân vận khéo”: 12 mô hình mới"' in Path(report.post).read_text("utf-8")


def _replace_media(docx: Path, data: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("word/media/"):
                content = data
            target.writestr(item, content)
    docx.write_bytes(buffer.getvalue())


def test_unsupported_photo_is_reported_and_the_article_still_imports(
    tmp_path: Path, options: ImportOptions
) -> None:
    path = news_docx(tmp_path / "emf.docx", photo=photo_bytes("PNG"))
    _replace_media(path, b"\x01\x00\x00\x00" + bytes(200))
    report = _import(path, options)
    assert report.status == "imported"
    assert report.problems == [
        "ảnh “emf.docx, ảnh thứ 1” là hình vẽ EMF của Word, trình duyệt không hiện được. "
        "Trong Word, bấm chuột phải vào hình → Lưu dưới dạng ảnh (Save as Picture) → PNG, "
        "rồi chèn lại ảnh PNG đó."
    ]
    post, problems = check_post(Path(report.post), tmp_path)
    assert problems == [] and post is not None and post.attachments == ()
    assert "*Trao quà cho hội viên khó khăn (Ảnh: N. Hoa)*" not in post.body
    assert not (Path(report.post).parent / "anh").exists()


def test_bmp_photo_becomes_png(tmp_path: Path, options: ImportOptions) -> None:
    path = news_docx(tmp_path / "bmp.docx", photo=photo_bytes("BMP"))
    report = _import(path, options)
    post, problems = check_post(Path(report.post), tmp_path)
    assert problems == [] and post is not None
    (attachment,) = post.attachments
    assert attachment.target.endswith(".png")
    assert attachment.source.read_bytes().startswith(b"\x89PNG")


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cu.doc", OLE + bytes(600), "đây là tệp Word kiểu cũ (.doc), chưa nhập được."),
        (
            "mat-khau.docx",
            OLE + bytes(100) + "EncryptedPackage".encode("utf-16-le") + bytes(100),
            "tệp Word được đặt mật khẩu nên không đọc được.",
        ),
        ("doi-duoi.docx", OLE + bytes(600), "tệp có đuôi .docx nhưng thực ra là Word kiểu cũ"),
        ("hong.docx", b"PK\x03\x04" + bytes(50), "tệp Word bị hỏng (không mở được)."),
        ("rong.docx", b"", "tệp rỗng"),
    ],
)
def test_broken_word_files(
    tmp_path: Path, options: ImportOptions, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    report = _import(tmp_path / name, options)
    assert report.status == "failed" and report.source == name
    assert report.problems[0].startswith(message), report.problems


def test_truncated_and_non_word_zip(tmp_path: Path, options: ImportOptions) -> None:
    whole = news_docx(tmp_path / "a.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(whole[: len(whole) // 2])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    (tmp_path / "zip.docx").write_bytes(buffer.getvalue())
    for name in ("cut.docx", "zip.docx"):
        report = _import(tmp_path / name, options)
        assert report.status == "failed"
        assert "tệp Word bị hỏng" in report.problems[0], report.problems
