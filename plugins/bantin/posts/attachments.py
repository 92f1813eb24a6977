"""Files a post's body refers to (photos, PDF, Word, Excel), published beside the article.

Staff put a photo next to the post and write ``![Chú thích](anh/tiep-dan.jpg)``;
the file is published under the article's own folder, so the link works as
written. A missing file is an error naming the line, not a broken image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .svg import svg_problem

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")
ATTACHMENT_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".webp",
    ".gif",
    ".svg",
    ".avif",
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".odt",
    ".ods",
    ".zip",
)
# Markdown links and images: [text](target "title") / ![alt](<target>)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_HTML_SRC = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Reference:
    target: str
    line: int


@dataclass(frozen=True)
class Attachment:
    """A file to publish at ``<post url><target>``."""

    target: str
    source: Path


def local_references(body: str, first_line: int = 1) -> list[Reference]:
    """Relative references to attachment files in a Markdown body, outside code blocks."""
    found: list[Reference] = []
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")):
            continue
        for match in [*_MD_LINK.finditer(line), *_HTML_SRC.finditer(line)]:
            target = match.group(1)
            if ":" in target or target.startswith(("/", "#", "?")):
                continue
            path = target.split("#", 1)[0].split("?", 1)[0]
            if PurePosixPath(path).suffix.lower() in ATTACHMENT_SUFFIXES:
                found.append(Reference(path, first_line + offset))
    return found


def image_problem(path: Path, shown: str) -> str | None:
    """Why an image file must not be published, or ``None``.

    The content must be a real JPEG, PNG, GIF, WebP, AVIF or SVG (magic bytes),
    and an SVG may not carry scripts or event handlers: opened on its own, an
    SVG is a document of the site's origin.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return f"không đọc được tệp ảnh “{shown}”."
    head = data[:1024]
    raster = (
        head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or (head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis", b"mif1", b"msf1"))
    )
    if raster:
        return None
    if path.suffix.lower() == ".svg" or b"<svg" in head.lower():
        trouble = svg_problem(data)
        if trouble is None:
            return None
        return (
            f"ảnh SVG “{shown}” {trouble} nên không được đăng (SVG mở riêng chạy được mã "
            "trong trang). Xuất lại ảnh dạng JPEG hoặc PNG, hoặc lưu SVG không có script."
        )
    return (
        f"tệp “{shown}” có đuôi ảnh nhưng nội dung không phải ảnh JPEG, PNG, GIF, WebP, AVIF "
        "hay SVG (có thể tệp bị hỏng hoặc bị đổi đuôi). Xuất lại ảnh từ trình chỉnh ảnh."
    )


def resolve(reference: Reference, post_file: Path, root: Path) -> Attachment | str:
    """The attachment, or a Vietnamese message saying why it cannot be published."""
    parts = PurePosixPath(reference.target).parts
    if ".." in parts or "\\" in reference.target:
        return (
            f"tệp “{reference.target}” phải nằm trong thư mục của bài (không dùng '..'); "
            "chép tệp vào cạnh bài viết, ví dụ: anh/ten-anh.jpg"
        )
    candidate = post_file.parent / reference.target
    if not candidate.is_file():
        return (
            f"không tìm thấy tệp “{reference.target}” mà bài nhắc tới. "
            "Kiểm tra tên tệp, chữ hoa/thường và phần mở rộng, và đặt tệp cạnh bài viết."
        )
    resolved = candidate.resolve()
    if not resolved.is_relative_to(root.resolve()):
        return f"tệp “{reference.target}” nằm ngoài thư mục của trang."
    if resolved.suffix.lower() in IMAGE_SUFFIXES:
        trouble = image_problem(resolved, reference.target)
        if trouble:
            return trouble
    return Attachment(reference.target, resolved)
