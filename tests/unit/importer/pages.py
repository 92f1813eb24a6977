"""Old-portal pages for the importer tests: HTML versions of the seeds and variants of them."""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

from .conftest import FIXTURES

SEED_000 = FIXTURES / "000_00551e72198cd380.txt"
SEED_001 = FIXTURES / "001_54e9bb94bc1b332c.txt"
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def seed_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters plus separate tone marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


def portal_html(*, charset: str = "utf-8", photo: str = "", url: str = "") -> str:
    """Seed 000 as its portal served it: menus, breadcrumb, h1, meta line, a photo table,
    the comment form, other news and the footer around the article."""
    lines = seed_lines(SEED_000)
    title, meta, paragraphs = lines[1], lines[2], lines[3:]
    body = []
    for line in paragraphs:
        if line.startswith("Tặng quà các hộ nghèo"):
            body.append(
                '<table class="image" align="center"><tr><td>'
                f'<img src="{photo or "http://old.example.vn/a.jpg"}" alt=""></td></tr>'
                f'<tr><td class="caption"><em>{html.escape(line)}</em></td></tr></table>'
            )
        elif line.startswith("Các đ/c lãnh đạo"):
            body.append(f'<p style="text-align:center"><em>{html.escape(line)}</em></p>')
        else:
            body.append(f"<p>{html.escape(line)}</p>")
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)} - Cổng thông tin phường Phúc Đồng</title>{canonical}
<script>var counter = 1;</script><style>p {{ margin: 0 }}</style></head>
<body>
<div id="top-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức</a></li></ul></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/bai-viet">Bài viết chuyên sâu</a></div>
<div class="content">
<div class="cat-name">bài viết chuyên sâu</div>
<h1 class="title">{html.escape(title)}</h1>
<div class="date">{html.escape(meta)}</div>
{"".join(body)}
<div class="comment"><h3>Ý kiến bạn đọc</h3><form><label>Họ và tên</label><input name="n">
<label>Mã xác nhận</label><input name="c"><button>Gửi</button></form></div>
<div class="tinkhac"><h3>Tin mới nhất</h3><ul><li><a href="/a">Tin khác 1</a></li></ul></div>
</div>
<div id="footer">Bản quyền thuộc UBND phường Phúc Đồng. Đang online: 33</div>
</body></html>
"""
