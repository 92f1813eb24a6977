"""Files a post's body refers to (photos, PDF, Word, Excel), published beside the article.

Staff put a photo next to the post and write ``![Chú thích](anh/tiep-dan.jpg)``;
the file is published under the article's own folder, so the link works as
written. A missing file is an error naming the line, not a broken image.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

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
# Markdown links and images: [text](target "title") / ![alt](<target>). The target may hold
# spaces and balanced parentheses, as Windows names photos: "Ảnh 1 (2).JPG".
_MD_LINK = re.compile(r"\]\(((?:[^()\n]|\([^()\n]*\))*)\)")
_MD_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$""")
# src=/href= quoted or not: an unquoted <img src=anh/x.png> is valid HTML too.
_HTML_SRC = re.compile(r"""\b(?:src|href)\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s"'<>=`]+))""", re.I)
# A reference-style definition: [ten]: anh/x.png "title"
_MD_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)")
# <tep/ke hoach.pdf>: no scheme, so not a Markdown autolink; it vanishes from the page.
_BARE_ANGLE = re.compile(r"<([^<>\s:][^<>:]*\.[A-Za-z0-9]{2,5})>")
# An image from another site: the site's CSP (img-src 'self' data:) will not load it.
_REMOTE_IMAGE = re.compile(
    r"""!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)|<img\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""",
    re.I,
)
# C:\Users\..., C:/Users/..., \\may-chu\chia-se\..., file:///C:/...
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|file:)", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Reference:
    """A file a post's body refers to: ``target`` as on disk (``%20`` decoded), ``written`` as typed."""

    target: str
    line: int
    written: str = ""
    # "file": an attachment to publish beside the post; "link": a relative link to some
    # other file (``bai-khac.md``, ``trang.html``), which must be a page of docs/.
    kind: str = "file"


@dataclass(frozen=True)
class Attachment:
    """A file to publish at ``<post url><target>``."""

    target: str
    source: Path


def _link_target(inside: str) -> str:
    """The target of ``](...)``: angle brackets and a title removed."""
    inside = inside.strip()
    if inside.startswith("<"):
        end = inside.find(">")
        return inside[1:end] if end > 0 else inside[1:]
    return _MD_TITLE.sub("", inside).strip()


def is_windows_path(target: str) -> bool:
    return _WINDOWS_PATH.match(target) is not None


def _prose_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a Markdown body, code blocks (fenced, indented) left out."""
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if not fenced and not line.startswith(("    ", "\t")):
            yield first_line + offset, line


def local_references(body: str, first_line: int = 1) -> list[Reference]:
    """References to files in a Markdown body, outside code: the post's own files to publish,
    and paths that cannot work on a web site (``C:\\…``, ``/home/…``) so they can be reported."""
    found: list[Reference] = []
    for number, line in _prose_lines(body, first_line):
        written = [_link_target(m.group(1)) for m in _MD_LINK.finditer(line)]
        written += [next(g for g in m.groups() if g).strip() for m in _HTML_SRC.finditer(line)]
        definition = _MD_DEFINITION.match(line)
        if definition:
            written.append(_link_target(definition.group(1)))
        outside_links = _MD_DEFINITION.sub("", _MD_LINK.sub("", line))
        for bare in _BARE_ANGLE.finditer(outside_links):
            target = bare.group(1)
            if PurePosixPath(target).suffix.lower() in ATTACHMENT_SUFFIXES and not re.match(
                r"[A-Za-z][\w-]*(\s|/?$)", target
            ):
                found.append(Reference(target, number, bare.group(0), "bare"))
        for target in written:
            if not target or target.startswith(("#", "?")):
                continue
            if is_windows_path(target) or "\\" in target:
                found.append(Reference(target, number, target))
                continue
            if _SCHEME.match(target) or target.startswith("//"):
                continue  # a web address, mailto:, tel:
            path = unquote(target.split("#", 1)[0].split("?", 1)[0])
            suffix = PurePosixPath(path).suffix.lower()
            if suffix in ATTACHMENT_SUFFIXES:
                found.append(Reference(path, number, target))
            elif suffix and not path.startswith("/"):
                found.append(Reference(path, number, target, "link"))
    return found


def remote_images(body: str, first_line: int = 1) -> list[Reference]:
    """Images the body loads from another site (``![x](https://…)``, ``<img src="//…">``)."""
    found: list[Reference] = []
    for number, line in _prose_lines(body, first_line):
        for match in _REMOTE_IMAGE.finditer(line):
            address = match.group(1) or match.group(2)
            found.append(Reference(address, number, address, "remote"))
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


def where_it_goes(shown: str) -> str:
    """The fix for a file that is not beside the post: its name in an ``anh/`` folder there."""
    name = re.split(r"[\\/]", shown.rstrip("/\\"))[-1] or "ten-anh.jpg"
    return f"anh/{name}"


def path_problem(target: str) -> str | None:
    """Why a path typed in a post cannot work on the web site (Windows or absolute), or ``None``."""
    fix = where_it_goes(target)
    if is_windows_path(target):
        return (
            f"“{target}” là đường dẫn trên máy tính của bạn; trang web không đọc được ổ đĩa "
            f"của máy. Chép tệp vào thư mục anh/ cạnh bài viết rồi viết “{fix}”."
        )
    if "\\" in target:
        return (
            f"đường dẫn “{target}” dùng dấu '\\' của Windows; trên trang web phải dùng dấu '/'. "
            f"Viết “{target.replace(chr(92), '/')}”."
        )
    if target.startswith("/"):
        return (
            f"“{target}” là đường dẫn tuyệt đối (bắt đầu bằng '/'), không phải tệp cạnh bài. "
            f"Chép tệp vào thư mục anh/ cạnh bài viết rồi viết “{fix}” (không có '/' ở đầu)."
        )
    return None


def link_problem(reference: Reference, page_uri: str, docs: Path) -> str | None:
    """Why a relative link to a non-attachment file leads nowhere on the site, or ``None``.

    Resolved as the site engine resolves it: from the article's own page
    (``2020/10/13/ten-bai/index.md``), against the pages of ``docs/``.
    """
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), reference.target))
    for candidate in (target, target.removesuffix(".html") + ".md"):
        if not candidate.startswith("../") and (docs / candidate).is_file():
            return None
    return (
        f"liên kết “{reference.written or reference.target}” không dẫn tới trang hay tệp nào của "
        "trang web. Tệp cho người đọc tải về (PDF, Word, Excel, ảnh) thì đặt cạnh bài và viết "
        "tên tệp, ví dụ [Tải kế hoạch](tep/ke-hoach.pdf); bài khác hay trang khác thì dán địa chỉ "
        "đầy đủ của nó, ví dụ https://phuong.example.vn/2020/10/13/ten-bai/."
    )


def resolve(
    reference: Reference, post_file: Path, root: Path, docs: Path | None = None
) -> Attachment | str | None:
    """The attachment, a Vietnamese message saying why it cannot be published, or ``None``
    for a site file under ``docs/`` (an absolute ``/assets/logo.png`` that exists)."""
    target = reference.target
    if target.startswith("/") and docs is not None and not is_windows_path(target):
        candidate = docs / target.lstrip("/")
        if candidate.is_file() and candidate.resolve().is_relative_to(docs.resolve()):
            return None
    trouble = path_problem(target)
    if trouble:
        return trouble
    parts = PurePosixPath(target).parts
    if ".." in parts:
        return (
            f"tệp “{reference.written or target}” phải nằm trong thư mục của bài (không dùng '..'); "
            "chép tệp vào cạnh bài viết, ví dụ: anh/ten-anh.jpg"
        )
    candidate = post_file.parent / target
    if not candidate.is_file():
        return (
            f"không tìm thấy tệp “{reference.written or target}” mà bài nhắc tới. "
            "Kiểm tra tên tệp, chữ hoa/thường và phần mở rộng, và đặt tệp cạnh bài viết."
        )
    resolved = candidate.resolve()
    if not resolved.is_relative_to(root.resolve()):
        return f"tệp “{reference.written or target}” nằm ngoài thư mục của trang."
    if resolved.suffix.lower() in IMAGE_SUFFIXES:
        trouble = image_problem(resolved, target)
        if trouble:
            return trouble
    return Attachment(target, resolved)
