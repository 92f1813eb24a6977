"""Word files for the importer tests, written with python-docx the way staff's files look."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt
from PIL import Image


def photo_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(output, fmt)
    return output.getvalue()


def news_docx(path: Path, *, photo: bytes | None = None) -> Path:
    """A Hội Phụ nữ news item: title, headings, lists, a table, a photo with caption."""
    document = Document()
    document.add_heading("Hội Phụ nữ phường Phúc Lợi trao 12 suất quà cho hội viên khó khăn", 1)
    lead = document.add_paragraph("Sáng 08/3/2026, Hội Liên hiệp Phụ nữ phường tổ chức ")
    lead.add_run("gặp mặt kỷ niệm").bold = True
    lead.add_run(" ngày Quốc tế Phụ nữ và trao quà cho hội viên có hoàn cảnh ")
    lead.add_run("khó khăn").italic = True
    lead.add_run(". Chương trình mang chủ đề “Phụ nữ Phúc Lợi\u00a0đoàn kết”.")
    document.add_paragraph("")
    document.add_heading("Kết quả vận động", 2)
    para = document.add_paragraph("Quỹ “Vì người nghèo” năm 2025 của Hội vận động được: ")
    para.add_run("93.095.000 đồng (đạt 88,37%)")
    para.add_run(", giúp 20/22 hộ hội viên")
    para.runs[-1].add_break(WD_BREAK.LINE)
    para.add_run("thoát nghèo đạt 90,9%.")
    document.add_paragraph("Các phần việc chính:")
    for item in ("Thăm hỏi hội viên ốm đau", "Trao quà cho hộ khó khăn", "Tập huấn kỹ năng sống"):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("Kế hoạch năm tới:")
    for item in ("Mở lớp dạy nghề", "Phát triển hội viên mới"):
        document.add_paragraph(item, style="List Number")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        (("Tổ dân phố", "Hội viên", "Suất quà"), ("Tổ 1", "45", "5"), ("Tổ 2", "38", "7")),
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    if photo is not None:
        document.add_picture(io.BytesIO(photo))
        caption = document.add_paragraph("Trao quà cho hội viên khó khăn (Ảnh: N. Hoa)")
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Buổi gặp mặt diễn ra ấm cúng, nhiều hội viên bày tỏ sự phấn khởi.")
    document.add_paragraph("")
    document.add_paragraph("N. Hoa")
    document.save(path)
    return path


def notice_docx(path: Path) -> Path:
    """A ward notice in the official letter layout: header table, number, place-date, signature."""
    document = Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚC LỢI"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 15/TB-UBND"
    header.cell(1, 1).text = "Phúc Lợi, ngày 05 tháng 3 năm 2026"
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("THÔNG BÁO")
    run.bold = True
    run.font.size = Pt(14)
    subject = document.add_paragraph()
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject.add_run("Về việc tổ chức tiếp công dân định kỳ quý II năm 2026").bold = True
    document.add_paragraph(
        "Căn cứ Luật Tiếp công dân năm 2013, Ủy ban nhân dân phường Phúc Lợi thông báo lịch "
        "tiếp công dân định kỳ của Chủ tịch UBND phường như sau:"
    )
    for item in (
        "Thời gian: từ 8 giờ 00 đến 11 giờ 00 thứ Năm hằng tuần.",
        "Địa điểm: Phòng tiếp công dân, trụ sở UBND phường, số 1 phố Phúc Lợi.",
    ):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph(
        "Công dân đến liên hệ mang theo căn cước và giấy tờ liên quan. "
        "UBND phường thông báo để nhân dân được biết./."
    )
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    sign.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nNguyễn Văn Minh"
    document.save(path)
    return path
