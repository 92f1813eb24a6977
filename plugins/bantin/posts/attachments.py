"""Files a post's body refers to (photos, PDF, Word, Excel), published beside the article.

Staff put a photo next to the post and write ``![Chú thích](anh/tiep-dan.jpg)``;
the file is published under the article's own folder, so the link works as
written. A missing file is an error naming the line, not a broken image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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
    return Attachment(reference.target, resolved)
