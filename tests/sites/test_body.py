"""Post bodies: raw HTML policy and files the body refers to."""

from __future__ import annotations

from PIL import Image

from tests.sitekit import TinySite

URL = "2024/02/01/bai-co-html/"


def test_raw_html_is_sanitised(tiny: TinySite) -> None:
    Image.new("RGB", (40, 30), "red").save(tiny.root / "posts" / "x.png")
    tiny.post(
        "a.md",
        {"title": "Bài có HTML", "date": "2024-02-01", "category": "Thông báo"},
        body=(
            'Đoạn đầu <b>đậm</b> và <span onclick="alert(1)">chữ</span>.\n\n'
            "<script>alert('xss')</script>\n\n"
            '<iframe src="https://example.com"></iframe>\n\n'
            '[liên kết độc](javascript:alert(1)) và <a href="data:text/html,x">dữ liệu</a>\n\n'
            '<img src="x.png" onerror="alert(1)" style="width:1px">\n\n'
            "| Cột | Số |\n|---|---|\n| Hộ nghèo | 12 |\n"
        ),
    )
    run = tiny.build(strict=False)
    assert run.ok, run.output
    html = tiny.html(URL)
    body = html.split('<div class="bt-body">', 1)[1].split("</div>", 1)[0]
    assert "<b>đậm</b>" in body
    assert "<table>" in body and "<td>Hộ nghèo</td>" in body
    for bad in (
        "<script",
        "alert(",
        "onclick",
        "onerror",
        "<iframe",
        "javascript:",
        "data:text",
        "style=",
    ):
        assert bad not in body, bad


def test_body_images_are_published_beside_the_article(tiny: TinySite) -> None:
    folder = tiny.root / "posts" / "2024" / "anh"
    folder.mkdir(parents=True)
    (folder / "tiep-dan.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (folder / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n")
    tiny.post(
        "2024/a.md",
        {"title": "Bài có HTML", "date": "2024-02-01", "category": "Thông báo"},
        body="Ảnh:\n\n![Tiếp dân](anh/tiep-dan.svg)\n\nTải [kế hoạch](anh/ke-hoach.pdf).",
    )
    run = tiny.build()
    assert run.ok, run.output
    assert (tiny.site / URL / "anh" / "tiep-dan.svg").is_file()
    assert (tiny.site / URL / "anh" / "ke-hoach.pdf").is_file()
    html = tiny.html(URL)
    assert 'src="anh/tiep-dan.svg"' in html and 'href="anh/ke-hoach.pdf"' in html


def test_missing_body_image_is_an_error_with_its_line(tiny: TinySite) -> None:
    tiny.post(
        "a.md",
        {"title": "Bài thiếu ảnh", "date": "2024-02-01", "category": "Thông báo"},
        body="Đoạn một.\n\n![Ảnh](anh/khong-co.jpg)",
    )
    run = tiny.build()
    assert not run.ok
    # Front matter: lines 1-5; blank line 6; "Đoạn một." 7; blank 8; image 9.
    assert (
        "posts/a.md:9: lỗi trường 'nội dung': không tìm thấy tệp “anh/khong-co.jpg”" in run.output
    )


def test_body_reference_outside_the_post_folder_is_refused(tiny: TinySite) -> None:
    tiny.post(
        "a.md",
        {"title": "Bài", "date": "2024-02-01", "category": "Thông báo"},
        body="![x](../../../etc/passwd.png)",
    )
    run = tiny.build()
    assert not run.ok and "không dùng '..'" in run.output


def test_svg_with_script_is_refused_as_cover_and_in_body(tiny: TinySite) -> None:
    (tiny.root / "posts" / "doc.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'
    )
    (tiny.root / "posts" / "fake.png").write_text("không phải ảnh")
    tiny.post(
        "a.md",
        {"title": "Bài", "date": "2024-02-01", "category": "Thông báo", "image": "doc.svg"},
        body="![x](fake.png)",
    )
    run = tiny.build()
    assert not run.ok
    assert "ảnh SVG “doc.svg” có thuộc tính sự kiện “onload” chạy được mã" in run.output
    assert "“fake.png” có đuôi ảnh nhưng nội dung không phải ảnh" in run.output
