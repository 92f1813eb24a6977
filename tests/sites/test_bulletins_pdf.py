"""Bulletin PDFs built for real with WeasyPrint, read back with pypdf.

One small site (two issues) is built once per module: page size, fonts,
extracted text, metadata, size, the QR code's target, the cache. Failure cases
(no Pango, a missing font) build their own sites with their own cache.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.sitekit import TinySite

TITLE = "Bản tin phường Thử, số 10 – tháng 10/2019"
PDF = "ban-tin/2019-10/ban-tin-phuong-thu-so-10-2019.pdf"


def noisy_photo(path: Path, size: tuple[int, int] = (3200, 1800)) -> None:
    """A big phone-like photo that JPEG cannot squeeze (random noise), about 4 MB."""
    import random

    rng = random.Random(7)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=95)


def make_site(root: Path, **bulletins: object) -> TinySite:
    site = TinySite(root, bulletins={"enabled": True, **bulletins})
    noisy_photo(root / "posts" / "2019" / "anh" / "trao-qua.jpg")
    site.post(
        "2019/quy.md",
        {
            "title": "Kết quả công tác Mặt trận phường 9 tháng đầu năm 2019",
            "date": "01/10/2019 11:19",
            "category": "Mặt trận - Đoàn thể",
            "summary": "Quỹ “Vì người nghèo” được 93.095.000 đồng, đạt 88,37% kế hoạch năm.",
            "image": "anh/trao-qua.jpg",
            "image_caption": "Trao quà cho hộ nghèo (Ảnh: N. Hoa)",
            "indicators": [
                {
                    "label": "Quỹ “Vì người nghèo”",
                    "id": "quy-vi-nguoi-ngheo",
                    "value": "93.095.000",
                    "unit": "đồng",
                    "target": "105.350.000",
                    "percent": "88,37",
                }
            ],
        },
        "Ủy ban MTTQ phường cùng các đoàn thể vận động được nhiều nguồn lực.\n\n"
        + "\n\n".join(f"Đoạn {n}: các tổ dân phố đã hưởng ứng sôi nổi." for n in range(1, 30)),
    )
    site.post(
        "2019/lich.md",
        {
            "title": "Lịch tiếp công dân quý IV năm 2019",
            "date": "2019-10-07 08:00",
            "category": "Thông báo",
        },
    )
    site.post(
        "2019/ngay-hoi.md",
        {
            "title": "Ngày hội Đại đoàn kết ở các khu dân cư",
            "date": "2019-11-18",
            "category": "Mặt trận - Đoàn thể",
        },
    )
    return site


def text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = make_site(tmp_path_factory.mktemp("pdf") / "ward")
    run = site.build()
    assert run.ok, run.output
    assert "vẽ mới 2, dùng lại 0" in run.output
    return site


def test_pdf_is_a4_with_the_ward_font_embedded(built: TinySite) -> None:
    reader = PdfReader(built.site / PDF)
    assert 2 <= len(reader.pages) <= 4
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (595.3, 841.9)  # A4 in points
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded, not named
            fonts.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert fonts <= {"Be-Vietnam-Pro", "Be-Vietnam-Pro-Bold", "Be-Vietnam-Pro-Italic"}
    assert {"Be-Vietnam-Pro", "Be-Vietnam-Pro-Bold"} <= fonts


def test_pdf_text_is_the_exact_vietnamese(built: TinySite) -> None:
    content = text(PdfReader(built.site / PDF))
    assert TITLE in content
    assert "93.095.000 đồng" in content
    assert "Kết quả công tác Mặt trận phường 9 tháng đầu năm 2019" in content
    assert "Lịch tiếp công dân quý IV năm 2019" in content
    assert "Đoạn 29: các tổ dân phố đã hưởng ứng sôi nổi." in content
    assert "Số 1 phố Thử · Điện thoại: 024.1234.5678" in content  # the ward at every page's foot
    assert re.search(r"Trang 1/\d", content)


def test_pdf_metadata(built: TinySite) -> None:
    meta = PdfReader(built.site / PDF).metadata
    assert meta.title == TITLE
    assert meta.author == "UBND phường Thử"
    assert meta.subject == (
        "Kết quả công tác Mặt trận phường 9 tháng đầu năm 2019; Lịch tiếp công dân quý IV năm 2019"
    )


def test_photos_are_scaled_down_and_the_file_stays_small(built: TinySite) -> None:
    source = built.root / "posts" / "2019" / "anh" / "trao-qua.jpg"
    assert source.stat().st_size > 2_000_000
    pdf = built.site / PDF
    assert pdf.stat().st_size < 2_000_000
    widths = [
        Image.open(io.BytesIO(image.data)).width
        for page in PdfReader(pdf).pages
        for image in page.images
    ]
    assert widths and max(widths) <= 1100


def test_qr_code_and_download_link(built: TinySite) -> None:
    page = built.html("ban-tin/2019-10/")
    assert '<a class="bt-button" href="ban-tin-phuong-thu-so-10-2019.pdf" download' in page
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="bt-qr">', page)
    assert "<title>Mã QR: https://thu.example.vn/ban-tin/2019-10/</title>" in page
    # links inside the PDF point to the site online, not to the build folder
    reader = PdfReader(built.site / PDF)
    uris = {
        annot.get_object()["/A"].get("/URI")
        for p in reader.pages
        for annot in p.get("/Annots", [])
        if "/A" in annot.get_object()
    }
    assert "https://thu.example.vn/ban-tin/2019-10/" in uris
    assert not any(str(u).startswith("file:") for u in uris if u)
    assert built.html("ban-tin/").count('type="application/pdf">Tải bản PDF</a>') == 2


def test_pdfs_are_made_again_only_when_their_issue_changes(built: TinySite) -> None:
    before = {p.name: p.read_bytes() for p in (built.site / "ban-tin").rglob("*.pdf")}
    run = built.build()
    assert run.ok, run.output
    assert "vẽ mới 0, dùng lại 2" in run.output
    after = {p.name: p.read_bytes() for p in (built.site / "ban-tin").rglob("*.pdf")}
    assert after == before
    november = built.root / "posts" / "2019" / "ngay-hoi.md"
    november.write_text(
        november.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8"
    )
    run = built.build()
    assert run.ok, run.output
    assert "vẽ mới 1, dùng lại 1" in run.output
    assert (built.site / PDF).read_bytes() == before[Path(PDF).name]


def test_missing_pango_says_what_to_install_and_pdf_false_still_builds(tmp_path: Path) -> None:
    site = make_site(tmp_path / "ward", pdf_cache=str(tmp_path / "cache"))
    # What cffi raises on a machine without Pango, as WeasyPrint is imported.
    shim = tmp_path / "shim" / "weasyprint"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: "
        'cannot open shared object file: No such file or directory")\n',
        encoding="utf-8",
    )
    import os

    os.environ["PYTHONPATH"] = str(tmp_path / "shim")
    try:
        run = site.build()
    finally:
        del os.environ["PYTHONPATH"]
    assert not run.ok
    assert "không làm được bản PDF của bản tin: máy thiếu thư viện Pango" in run.output
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in run.output
    assert "đặt 'pdf: false' trong mục 'bulletins'" in run.output
    assert "Traceback" not in run.output
    assert not site.site.exists()  # nothing half-built is published

    site.bantin["bulletins"]["pdf"] = False
    site.write_config()
    run = site.build()
    assert run.ok, run.output
    assert site.exists("ban-tin/2019-10/")
    assert not list(site.site.rglob("*.pdf"))
    assert "Tải bản PDF" not in site.html("ban-tin/2019-10/")


def test_missing_font_is_named(tmp_path: Path) -> None:
    site = make_site(tmp_path / "ward", pdf_cache=str(tmp_path / "cache"))
    fonts = site.root / "docs" / "assets" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "fonts.css").write_text(
        '@font-face { font-family: "Be Vietnam Pro"; font-weight: 400; '
        'src: url("be-vietnam-pro-mat-tich.woff2") format("woff2"); }\n',
        encoding="utf-8",
    )
    run = site.build()
    assert not run.ok
    assert "không nhúng được phông chữ Be Vietnam Pro vào bản PDF của bản tin" in run.output
    assert "thiếu tệp phông chữ be-vietnam-pro-mat-tich.woff2" in run.output
    assert "Traceback" not in run.output
